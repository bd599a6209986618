"""The player's statement (docs/gateway.md, "Transaction history"): her own
movements of a period of whole UTC days within the last three months, newest
first and paged, with the period's totals. Older history is the back
office's (its ledger listing)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

from server.domain.errors import ValidationFailed, Violations
from server.domain.records.ports import EntryGroup, StatementEntry, StatementSource
from server.domain.records.report import classify, day_window

WINDOW_MONTHS = 3
LIMIT_DEFAULT, LIMIT_MAX = 50, 100
ZERO = Decimal("0")
# A statement line's type, by the report's movement name.
TYPES = {"bets": "bet", "wins": "win", "refunds": "refund", "promotions": "promotion", "deposits": "deposit",
         "withdrawals": "withdrawal", "cashier": "cashier", "adjustments": "adjustment", "other": "other"}


class StatementInvalid(ValidationFailed):
    """A statement request the gateway refuses (422, every failing field):
    a bad date, ``from`` after ``to``, a period reaching back more than three
    months or into the future, a bad limit or cursor."""

    reason = "STATEMENT_INVALID"


def months_before(d: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day
    when it has fewer days)."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def window(raw_from: str, raw_to: str, today: date) -> tuple[date, date]:
    """``from`` and ``to``: whole UTC days (YYYY-MM-DD), both included; ``to``
    defaults to today, ``from`` to the first day of the window (three months
    before today). Raises ``StatementInvalid``."""
    v = Violations()
    earliest = months_before(today, WINDOW_MONTHS)
    got: dict[str, date] = {}
    for name, raw, default in (("from", raw_from, earliest), ("to", raw_to, today)):
        text = (raw or "").strip()
        if not text:
            got[name] = default
            continue
        try:
            got[name] = date.fromisoformat(text) if len(text) == 10 else date.min
        except ValueError:
            got[name] = date.min
        if got[name] == date.min:
            v.add(name, "date_invalid", f"{name}: a day as YYYY-MM-DD.")
        elif got[name] > today:
            v.add(name, "date_in_future", f"{name}: not after today ({today.isoformat()}, UTC).")
    if not v.has("from") and not v.has("to"):
        if got["from"] > got["to"]:
            v.add("from", "range_reversed", "from: not after to.")
        elif got["from"] < earliest:
            v.add("from", "range_over_3_months",
                  f"from: at most {WINDOW_MONTHS} months back ({earliest.isoformat()}); older history is kept by the"
                  " operator.")
    if v.items:
        raise StatementInvalid(list(v.items))
    return got["from"], got["to"]


@dataclass(frozen=True)
class StatementTotals:
    """The period's sums, signed as the ledger (a credit to the player is
    positive). ``win_loss`` = bets + wins + refunds (negative: the player
    lost); ``net_deposits`` = deposits + withdrawals (cashier)."""

    bets: Decimal = ZERO
    wins: Decimal = ZERO
    refunds: Decimal = ZERO
    promotions: Decimal = ZERO
    deposits: Decimal = ZERO
    withdrawals: Decimal = ZERO
    adjustments: Decimal = ZERO
    other: Decimal = ZERO

    @property
    def win_loss(self) -> Decimal:
        return self.bets + self.wins + self.refunds

    @property
    def net_deposits(self) -> Decimal:
        return self.deposits + self.withdrawals


def statement_totals(groups: list[EntryGroup]) -> StatementTotals:
    sums = {n: ZERO for n in ("bets", "wins", "refunds", "promotions", "deposits", "withdrawals", "adjustments",
                              "other")}
    for g in groups:
        name = classify(g.kind, g.transaction_type, g.movement_kind)
        sums["adjustments" if name == "cashier" else name] += g.deltas.total
    return StatementTotals(**sums)


@dataclass(frozen=True)
class StatementLine:
    id: int
    at: datetime
    type: str
    amount: Decimal  # cash + bonus + promo moved
    balance_after: Decimal
    provider: str
    game_id: str
    round_id: str


def line(e: StatementEntry) -> StatementLine:
    return StatementLine(e.id, e.at, TYPES[classify(e.kind, e.transaction_type, e.movement_kind)], e.deltas.total,
                         e.after.total, e.provider, e.game_id, e.round_id)


@dataclass(frozen=True)
class Statement:
    since: date
    until: date
    lines: list[StatementLine]
    totals: StatementTotals
    next_cursor: str


def _cursor(v: Violations, raw: str) -> int | None:
    if not raw:
        return None
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        if text.startswith("s:") and text[2:].isdigit() and len(text) < 24:
            return int(text[2:])
    except (ValueError, UnicodeDecodeError):
        pass
    v.add("cursor", "cursor_invalid", "cursor: not a cursor from a previous answer.")
    return None


def statement(source: StatementSource, player_id: str, raw_from: str, raw_to: str, limit: int, cursor: str,
              now: datetime) -> Statement:
    """A page of the player's statement (``limit`` lines, 0: the default) and
    the totals of the whole period."""
    since, until = window(raw_from, raw_to, now.astimezone(timezone.utc).date())
    v = Violations()
    if limit and not 1 <= limit <= LIMIT_MAX:
        v.add("limit", "limit_invalid", f"limit: 1-{LIMIT_MAX} (0: {LIMIT_DEFAULT}).")
    before = _cursor(v, cursor)
    if v.items:
        raise StatementInvalid(list(v.items))
    n = limit or LIMIT_DEFAULT
    start, end = day_window(since)[0], day_window(until)[1]
    entries = source.entries(player_id, start, end, before, n + 1)
    more = len(entries) > n
    entries = entries[:n]
    token = ""
    if more:
        token = base64.urlsafe_b64encode(f"s:{entries[-1].id}".encode()).decode().rstrip("=")
    totals = statement_totals(source.groups([player_id], start, end))
    return Statement(since, until, [line(e) for e in entries], totals, token)


__all__ = ["Statement", "StatementInvalid", "StatementLine", "StatementTotals", "months_before", "statement",
           "statement_totals", "window"]
