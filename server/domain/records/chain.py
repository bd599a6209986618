"""The tamper-evident chains: the canonical form of a ledger or audit-log
entry, its SHA-256 link to its predecessor, the walk that checks a chain and
the daily anchor over every chain's head (docs/architecture.md, "The chain").

Canonical form: a JSON array in a fixed field order, starting with the
form's name (``pitboss.ledger.v1``, ``pitboss.audit.v1``), then the chain's
sequence number, the entry's fields, and last the predecessor's hash (64
zeros before the first entry). Amounts are written with exactly six places,
instants as UTC ISO 8601 with microseconds and "Z", so every backend gives
the same bytes and the same hash. A per-chain sequence number (1, 2, 3, ...)
in the hashed fields makes a deleted entry a visible gap; an inserted or
edited entry breaks the link of the entry after it (or its own hash); a
deleted last entry is caught by the chain's head, kept apart from the
entries, and by the anchors.

Pure rules only: no storage, no clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

GENESIS = "0" * 64
LEDGER_FORM = "pitboss.ledger.v1"
AUDIT_FORM = "pitboss.audit.v1"
ANCHOR_FORM = "pitboss.anchor.v1"
SIX = Decimal("0.000001")
# JSON with no spaces and text as it is (UTF-8), made once (json.dumps with
# options builds an encoder per call).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def amount_text(d: Decimal) -> str:
    """An amount with exactly six places, no exponent: ``"-12.500000"``."""
    return f"{d.quantize(SIX) + 0:f}"  # + 0: no "-0.000000"


def micros_text(v: int) -> str:
    """``amount_text`` of an amount in micro-units (1 = 0.000001), without
    Decimal arithmetic (the bulk seeder)."""
    if v == 0:
        return "0.000000"
    q, r = divmod(abs(v), 1_000_000)
    return f"{'-' if v < 0 else ''}{q}.{r:06d}"


def instant_text(dt: datetime) -> str:
    """UTC ISO 8601 with microseconds: ``"2026-01-02T03:04:05.000000Z"``. A
    naive instant is taken as UTC (SQLite keeps them naive)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest(fields: Sequence[str | int]) -> str:
    """SHA-256 (hex) of the canonical JSON array of ``fields``."""
    return hashlib.sha256(_CANONICAL.encode(list(fields)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LedgerFields:
    """What a ledger entry's hash covers. ``ref``: the transaction's public id
    for a PAM booking, "" for any other kind."""

    player_id: str
    seq: int
    kind: str
    ref: str
    cash_delta: Decimal
    bonus_delta: Decimal
    promo_delta: Decimal
    cash_after: Decimal
    bonus_after: Decimal
    promo_after: Decimal
    created_at: datetime


def ledger_hash(e: LedgerFields, prev: str) -> str:
    amounts = (e.cash_delta, e.bonus_delta, e.promo_delta, e.cash_after, e.bonus_after, e.promo_after)
    return ledger_digest(e.player_id, e.seq, e.kind, e.ref, [amount_text(a) for a in amounts],
                         instant_text(e.created_at), prev)


def ledger_digest(player_id: str, seq: int, kind: str, ref: str, amounts: Sequence[str], at: str, prev: str) -> str:
    """``ledger_hash`` over fields already in canonical text: the six amounts
    (deltas, then balances after: cash, bonus, promo) and the instant."""
    return digest([LEDGER_FORM, player_id, seq, kind, ref, *amounts, at, prev])


@dataclass(frozen=True)
class AuditFields:
    """What an audit-log entry's hash covers (the fields as stored)."""

    seq: int
    at: datetime
    client: str
    actor: str
    action: str
    subject_type: str
    subject_id: str
    reason: str
    before_json: str
    after_json: str


def audit_hash(e: AuditFields, prev: str) -> str:
    return digest([
        AUDIT_FORM, e.seq, instant_text(e.at), e.client, e.actor, e.action, e.subject_type, e.subject_id,
        e.reason, e.before_json, e.after_json, prev,
    ])


@dataclass(frozen=True)
class Head:
    """A chain's last entry: its sequence number and hash (0 and GENESIS
    while the chain is empty)."""

    seq: int = 0
    hash: str = GENESIS

    def next(self, entry_hash: str) -> Head:
        return Head(self.seq + 1, entry_hash)


EMPTY = Head()


@dataclass(frozen=True)
class Break:
    """The first broken entry of a chain. ``entry_id``: the row's id (None
    when what is missing is past the last row)."""

    chain: str
    entry_id: int | None
    seq: int | None
    why: str

    def __str__(self) -> str:
        where = f"entry {self.entry_id} (seq {self.seq})" if self.entry_id is not None else f"after seq {self.seq}"
        return f"{self.chain}: {where}: {self.why}"


class ChainWalk:
    """Checks one chain, entries given in sequence order; keeps O(1) state.
    ``add`` takes the entry's id, its stored sequence number and hash, and
    its hash recomputed over its fields with the predecessor's stored hash
    (``expected(prev)``); ``end`` compares the last entry with the head kept
    apart from the chain."""

    def __init__(self, chain: str) -> None:
        self.chain = chain
        self.last = EMPTY
        self.count = 0
        self.broken: Break | None = None

    def add(self, entry_id: int, seq: int | None, stored: str | None, computed: str) -> None:
        self.count += 1
        if self.broken is not None:
            return
        want = self.last.seq + 1
        if seq is None or stored is None:
            self.broken = Break(self.chain, entry_id, seq, "entry carries no chain hash (written outside the chain)")
        elif seq != want:
            what = "missing entries (deleted)" if seq > want else "sequence number repeated or out of order"
            self.broken = Break(self.chain, entry_id, seq, f"expected seq {want}: {what}")
        elif stored != computed:
            self.broken = Break(self.chain, entry_id, seq,
                                "hash does not match the entry's fields and its predecessor (edited or inserted)")
        else:
            self.last = Head(seq, stored)

    def end(self, head: Head | None) -> Break | None:
        """``head``: the chain's head as kept apart (None: none kept)."""
        if self.broken is None and head is not None and head != self.last:
            if head.seq > self.last.seq:
                self.broken = Break(self.chain, None, self.last.seq,
                                    f"the head says seq {head.seq}: the last entries are missing (deleted)")
            else:
                self.broken = Break(self.chain, None, self.last.seq,
                                    f"the head says seq {head.seq}: entries were appended outside the service")
        return self.broken


def day_end(day: date) -> datetime:
    """The first instant after ``day`` (UTC)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=timezone.utc)


class AnchorDigest:
    """One day's anchor: SHA-256 over the head of every chain at the end of
    the day (in the database's order of the chains), then the audit log's
    head. A chain with no entry by then is left out."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.end = day_end(day)
        self.chains = 0
        self.entries = 0
        self._h = hashlib.sha256(f"{ANCHOR_FORM}\n{day.isoformat()}\n".encode())

    def chain(self, name: str, head: Head) -> None:
        if head.seq > 0:
            self.chains += 1
            self.entries += head.seq
            self._h.update((json.dumps([name, head.seq, head.hash], separators=(",", ":")) + "\n").encode())

    def finish(self, audit: Head) -> str:
        self._h.update(f"audit {audit.seq} {audit.hash}\n".encode())
        return self._h.hexdigest()


class DayHeads:
    """Walks one chain's entries (sequence order) and gives its head at the
    end of each of ``days`` (sorted): the entry before the first one written
    at or after the day's end. O(days) state."""

    def __init__(self, ends: Sequence[datetime]) -> None:
        self.ends = ends
        self.heads: list[Head] = []
        self.last = EMPTY

    def add(self, created_at: datetime, head: Head) -> None:
        while len(self.heads) < len(self.ends) and created_at >= self.ends[len(self.heads)]:
            self.heads.append(self.last)
        self.last = head

    def finish(self) -> list[Head]:
        return self.heads + [self.last] * (len(self.ends) - len(self.heads))


def anchor_message(day: date, anchor: str, chains: int) -> bytes:
    """What an anchor's Ed25519 signature covers."""
    return f"{ANCHOR_FORM} {day.isoformat()} {anchor} {chains}".encode()
