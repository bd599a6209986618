"""`pitboss report daily --date YYYY-MM-DD [--brand ID] [--format json|csv]`:
the daily report (docs/backoffice.md, "Daily report") through the back
office's ReportsBackofficeService on the gRPC port, page after page, written
as it arrives (memory bounded whatever the number of players), with the
totals of every page added up at the end. The back-office secret and acting
user are the admin command's (PITBOSS_BACKOFFICE_TOKEN, ``--as`` or
PITBOSS_ACTING_USER). Exit 0; 1 on an error (printed as JSON on stderr); 3 if
a total does not reconcile (never expected: the server refuses first)."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal

import grpc

from pitboss.backoffice.v1 import reports_pb2
from pitboss.backoffice.v1 import reports_pb2_grpc
from server.cli.rpc_error import print_rpc_error
from server.cli.admin import _actor, _token, no_secret
from server.config import Settings

MOVEMENTS = ("deposits", "withdrawals", "bets", "wins", "refunds", "promotions", "cashier", "adjustments", "other")
COLUMNS = ("record", "date", "player_id", "brand_id", "currency", "balance", "opening", *MOVEMENTS, "closing",
           "entries", "status", "ledger")


@dataclass
class Sum:
    rows: int = 0
    opening: Decimal = Decimal("0")
    closing: Decimal = Decimal("0")
    ledger: Decimal = Decimal("0")
    movements: dict[str, Decimal] = field(default_factory=lambda: {n: Decimal("0") for n in MOVEMENTS})

    def add(self, t: reports_pb2.ReportTotal) -> None:
        self.rows += t.rows
        self.opening += Decimal(t.opening)
        self.closing += Decimal(t.closing)
        self.ledger += Decimal(t.ledger)
        for m in t.movements:
            self.movements[m.name] = self.movements.get(m.name, Decimal("0")) + Decimal(m.amount)

    @property
    def reconciled(self) -> bool:
        moved = sum(self.movements.values(), Decimal("0"))
        return self.opening + moved == self.closing and moved == self.ledger


def _money(d: Decimal) -> str:
    return f"{d.quantize(Decimal('0.000001')):f}"


class Writer:
    def __init__(self, fmt: str, out) -> None:
        self.fmt, self.out, self.first = fmt, out, True
        self.csv = csv.writer(out, lineterminator="\n") if fmt == "csv" else None

    def start(self, day: str) -> None:
        if self.csv:
            self.csv.writerow(COLUMNS)
        else:
            self.out.write(f'{{"date": {json.dumps(day)}, "rows": [')

    def row(self, day: str, r: reports_pb2.ReportRow) -> None:
        moves = {m.name: m.amount for m in r.movements}
        first, self.first = self.first, False
        if self.csv:
            self.csv.writerow(["row", day, r.player_id, r.brand_id, r.currency, r.balance, r.opening,
                               *(moves.get(n, "0.000000") for n in MOVEMENTS), r.closing, r.entries,
                               "activity" if r.activity else "no activity", ""])
            return
        self.out.write(("\n  " if first else ",\n  ") + json.dumps(
            {"player_id": r.player_id, "brand_id": r.brand_id, "currency": r.currency, "balance": r.balance,
             "opening": r.opening, "movements": moves, "closing": r.closing, "entries": r.entries,
             "activity": r.activity}))

    def end(self, day: str, final: bool, totals: dict[tuple[str, str], Sum]) -> None:
        # 58 Pa. Code 811a.9(b): a report without data says so.
        none = self.first
        if self.csv:
            if none:
                self.csv.writerow(["none", day, *[""] * (len(COLUMNS) - 4), "no activity", ""])
            for (cur, bal), t in sorted(totals.items()):
                self.csv.writerow(["total", day, "", "", cur, bal, _money(t.opening),
                                   *(_money(t.movements[n]) for n in MOVEMENTS), _money(t.closing), t.rows,
                                   "reconciled" if t.reconciled else "UNRECONCILED", _money(t.ledger)])
            return
        out = [{"currency": cur, "balance": bal, "rows": t.rows, "opening": _money(t.opening),
                "movements": {n: _money(t.movements[n]) for n in MOVEMENTS}, "closing": _money(t.closing),
                "ledger": _money(t.ledger), "reconciled": t.reconciled} for (cur, bal), t in sorted(totals.items())]
        self.out.write(f'\n], "no_activity": {json.dumps(none)}, "final": {json.dumps(final)},'
                       f' "totals": {json.dumps(out, indent=2)}}}\n')


def run(args, settings: Settings, out=None) -> int:
    out = out or sys.stdout
    token = _token(settings)
    if not token:
        return no_secret("report")
    metadata = [("authorization", f"Bearer {token}"), ("x-acting-user", _actor(args))]
    totals: dict[tuple[str, str], Sum] = {}
    w = Writer(args.format, out)
    page_token, day, final = "", "", False
    with grpc.insecure_channel(args.target or settings.grpc_address) as ch:
        stub = reports_pb2_grpc.ReportsBackofficeServiceStub(ch)
        while True:
            req = reports_pb2.GetDailyReportRequest(date=args.date, brand_id=args.brand, page_size=args.page_size,
                                                    page_token=page_token)
            try:
                page = stub.GetDailyReport(req, metadata=metadata, timeout=args.timeout)
            except grpc.RpcError as e:
                return print_rpc_error(e)
            if not day:
                day = page.date
                w.start(day)
            for r in page.rows:
                w.row(page.date, r)
            for t in page.totals:
                totals.setdefault((t.currency, t.balance), Sum()).add(t)
            final = page.final
            page_token = page.next_page_token
            if not page_token:
                break
    w.end(day, final, totals)
    return 0 if all(t.reconciled for t in totals.values()) else 3


def _report(args) -> int:
    from server.config import get_settings

    return run(args, get_settings())


def add_parser(sub) -> None:
    r = sub.add_parser("report", help="reports from the ledger (back office, gRPC): the daily report")
    s = r.add_subparsers(dest="report_command", required=True)
    d = s.add_parser("daily", help="per player, currency and balance: opening, movements, closing of a UTC day")
    d.set_defaults(fn=_report)
    d.add_argument("--date", required=True, help="the day, YYYY-MM-DD (UTC)")
    d.add_argument("--brand", type=int, default=0, help="only this brand's players (default: every wallet)")
    d.add_argument("--format", choices=("json", "csv"), default="json")
    d.add_argument("--page-size", type=int, default=0, help="wallets per call, 1-1000 (default 500)")
    d.add_argument("--as", dest="acting_user", help="the acting user (default: PITBOSS_ACTING_USER or the login name)")
    d.add_argument("--target", help="host:port (default: PITBOSS_GRPC_HOST:PITBOSS_GRPC_PORT)")
    d.add_argument("--timeout", type=float, default=60.0)
