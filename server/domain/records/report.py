"""The daily report (docs/backoffice.md, "Daily report"): per player, currency
and balance, the opening and closing balances of a UTC day and the day's
movements by name, read from the ledger alone, so that for every row
``opening + sum(movements) == closing`` exactly, and day D's closing is day
D+1's opening.

A report is read in pages of players (keyset on the player id, one unit of
work each, bounded): the caller adds up the pages' totals."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from server.domain.errors import DomainError, Violations
from server.domain.ledger import CANCELS, DEPOSITS, WITHDRAWS
from server.domain.records.ports import Amounts, EntryGroup, ReportSource

BALANCES = ("cash", "bonus", "promo")
# The movements' names, in the report's column order. Signed as the ledger's
# deltas: a credit to the player is positive.
MOVEMENTS = ("deposits", "withdrawals", "bets", "wins", "refunds", "promotions", "cashier", "adjustments", "other")
PAGE_DEFAULT, PAGE_MAX = 500, 1000
ZERO = Decimal("0")


class Unreconciled(DomainError):
    """The ledger does not add up (a row's identity or a page's sums): never
    expected; the report stops rather than print a wrong figure."""

    reason = "UNRECONCILED"


def classify(kind: str, transaction_type: str, movement_kind: str) -> str:
    """The movement a ledger entry is: an aggregator's transaction by its type
    (a withdraw is a bet, a deposit a win, a cancel a refund, a promo deposit a
    promotion), a cashier movement (VIP Connect) by its kind, a back-office
    credit or debit and an opening balance an adjustment."""
    if kind == "TRANSACTION":
        if transaction_type in WITHDRAWS:
            return "bets"
        if transaction_type == "PROMODEPOSIT":
            return "promotions"
        if transaction_type in DEPOSITS:
            return "wins"
        if transaction_type in CANCELS:
            return "refunds"
        return "other"
    if kind == "CASHIER":
        return {"deposit": "deposits", "withdraw": "withdrawals"}.get(movement_kind, "cashier")
    if kind == "ADJUSTMENT":
        return "adjustments"
    return "other"


@dataclass(frozen=True)
class ReportRow:
    player_id: str
    brand_id: int  # 0: a wallet without a gateway account
    currency: str
    balance: str  # cash | bonus | promo
    opening: Decimal
    closing: Decimal
    movements: dict[str, Decimal]  # every name of MOVEMENTS
    entries: int  # ledger entries that moved this balance in the day

    @property
    def activity(self) -> bool:
        return self.entries > 0


def identity_holds(opening: Decimal, movements: dict[str, Decimal], closing: Decimal) -> bool:
    return opening + sum(movements.values(), ZERO) == closing


def player_rows(player_id: str, brand_id: int, currency: str, opening: Amounts, closing: Amounts,
                groups: list[EntryGroup]) -> list[ReportRow]:
    """The player's rows: each balance with activity or a non-zero opening or
    closing balance (one without movement is a "no activity" row)."""
    rows = []
    for i, balance in enumerate(BALANCES):
        movements = {name: ZERO for name in MOVEMENTS}
        entries = 0
        for g in groups:
            name = classify(g.kind, g.transaction_type, g.movement_kind)
            movements[name] += g.deltas.get(balance)
            entries += g.touched[i]
        o, c = opening.get(balance), closing.get(balance)
        if not entries and not o and not c:
            continue
        if not identity_holds(o, movements, c):
            raise Unreconciled(f"player {player_id} {balance}: opening + movements != closing")
        rows.append(ReportRow(player_id, brand_id, currency, balance, o, c, movements, entries))
    return rows


@dataclass
class Total:
    """The sums of the rows of one currency and balance; ``ledger``: the
    ledger's own sum of the deltas (equal to the movements' sum)."""

    currency: str
    balance: str
    rows: int = 0
    opening: Decimal = ZERO
    closing: Decimal = ZERO
    movements: dict[str, Decimal] = field(default_factory=lambda: {n: ZERO for n in MOVEMENTS})
    ledger: Decimal = ZERO

    def add(self, row: ReportRow) -> None:
        self.rows += 1
        self.opening += row.opening
        self.closing += row.closing
        for name, amount in row.movements.items():
            self.movements[name] += amount

    def merge(self, other: Total) -> None:
        self.rows += other.rows
        self.opening += other.opening
        self.closing += other.closing
        self.ledger += other.ledger
        for name, amount in other.movements.items():
            self.movements[name] += amount

    @property
    def reconciled(self) -> bool:
        return identity_holds(self.opening, self.movements, self.closing) and sum(
            self.movements.values(), ZERO) == self.ledger


def totals(rows: list[ReportRow], ledger: dict[tuple[str, str], Decimal]) -> list[Total]:
    """Per currency and balance, in that order; ``ledger``: the ledger's own
    sums of the same players' deltas per (currency, balance)."""
    out: dict[tuple[str, str], Total] = {}
    for r in rows:
        out.setdefault((r.currency, r.balance), Total(r.currency, r.balance)).add(r)
    for key, amount in ledger.items():
        out.setdefault(key, Total(*key)).ledger += amount
    for t in out.values():
        if not t.reconciled:
            raise Unreconciled(f"{t.currency} {t.balance}: the movements do not add up to the ledger's sums")
    return [out[k] for k in sorted(out)]


def merge_totals(into: dict[tuple[str, str], Total], page: list[Total]) -> None:
    for t in page:
        into.setdefault((t.currency, t.balance), Total(t.currency, t.balance)).merge(t)


# ------------------------------------------------------------ the request


def day_window(day: date) -> tuple[datetime, datetime]:
    """A report day is a UTC day: [00:00, 24:00) UTC."""
    start = datetime.combine(day, time(0), tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def parse_day(v: Violations, raw: str, today: date, name: str = "date") -> date | None:
    """YYYY-MM-DD, not after today (UTC)."""
    text = (raw or "").strip()
    try:
        d = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        d = None
    if d is None:
        v.add(name, "invalid", f"{name}: a day as YYYY-MM-DD.")
    elif d > today:
        v.add(name, "future", f"{name}: not after today ({today.isoformat()}, UTC).")
        d = None
    return d


def encode_token(day: date, brand_id: int, after: str) -> str:
    raw = f"r1|{day.isoformat()}|{brand_id}|{after}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(v: Violations, token: str, day: date | None, brand_id: int) -> str | None:
    """The player id a page continues after ("" : the first page). A token is
    valid only for the day and brand it was made for."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        tag, d, brand, after = raw.split("|", 3)
        if tag == "r1" and day is not None and d == day.isoformat() and brand == str(brand_id) and after:
            return after
    except (ValueError, UnicodeDecodeError):
        pass
    v.add("page_token", "invalid", "page_token: not a token from a previous answer for this date and brand.")
    return None


@dataclass(frozen=True)
class ReportPage:
    day: date
    final: bool  # the day is over (a report of today is provisional)
    rows: list[ReportRow]
    totals: list[Total]
    next_token: str


def daily_page(source: ReportSource, raw_day: str, brand_id: int, page_size: int, token: str,
               now: datetime) -> ReportPage:
    """One page of the daily report: up to ``page_size`` wallets (the rows of
    those with activity or a balance), their totals and the next page's token
    ("" after the last). ``brand_id`` 0: every brand."""
    v = Violations()
    today = now.astimezone(timezone.utc).date()
    day = parse_day(v, raw_day, today)
    if brand_id < 0:
        v.add("brand_id", "invalid", "brand_id: a brand id, or 0 for every brand.")
    if page_size and not 1 <= page_size <= PAGE_MAX:
        v.add("page_size", "range", f"page_size: 1-{PAGE_MAX} (0: {PAGE_DEFAULT}).")
    after = decode_token(v, token, day, brand_id)
    v.raise_if_any()
    assert day is not None
    size = page_size or PAGE_DEFAULT
    accounts = source.accounts(after, size)
    ids = [a.player_id for a in accounts]
    brands = source.brands(ids) if ids else {}
    if brand_id:
        accounts = [a for a in accounts if brands.get(a.player_id) == brand_id]
    start, end = day_window(day)
    kept = [a.player_id for a in accounts]
    opening, closing = source.balances(kept, start, end) if kept else ({}, {})
    grouped: dict[str, list[EntryGroup]] = {}
    for g in source.groups(kept, start, end) if kept else []:
        grouped.setdefault(g.player_id, []).append(g)
    rows: list[ReportRow] = []
    currency = {a.player_id: a.currency for a in accounts}
    for a in accounts:
        rows += player_rows(a.player_id, brands.get(a.player_id, 0), a.currency, opening.get(a.player_id, Amounts()),
                            closing.get(a.player_id, Amounts()), grouped.get(a.player_id, []))
    ledger: dict[tuple[str, str], Decimal] = {}
    for pid, sums in (source.sums(kept, start, end) if kept else {}).items():
        for b in BALANCES:
            if sums.get(b):
                key = (currency[pid], b)
                ledger[key] = ledger.get(key, ZERO) + sums.get(b)
    more = len(ids) == size
    return ReportPage(day, end <= now, rows, totals(rows, ledger), encode_token(day, brand_id, ids[-1]) if more else "")
