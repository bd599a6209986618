"""The canonical hashing rules of the tamper-evident chains
(server.domain.records.chain)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from server.domain.records.chain import (
    GENESIS,
    AnchorDigest,
    AuditFields,
    ChainWalk,
    DayHeads,
    Head,
    LedgerFields,
    amount_text,
    audit_hash,
    instant_text,
    ledger_digest,
    ledger_hash,
    micros_text,
)

AT = datetime(2026, 12, 4, 16, 30, 5, 123456, tzinfo=timezone.utc)


def entry(seq=1, cash=Decimal("-1.5"), at=AT, ref="tx-1") -> LedgerFields:
    return LedgerFields("p1", seq, "TRANSACTION", ref, cash, Decimal("0"), Decimal("0"), Decimal("98.5"),
                        Decimal("0"), Decimal("0"), at)


def test_amounts_have_exactly_six_places_and_no_exponent_or_negative_zero():
    assert amount_text(Decimal("12.5")) == "12.500000"
    assert amount_text(Decimal("-0.000001")) == "-0.000001"
    assert amount_text(Decimal("1E+3")) == "1000.000000"
    assert amount_text(-Decimal("0")) == "0.000000"
    assert amount_text(Decimal("7.0000000")) == "7.000000"


def test_micro_units_are_written_as_the_amounts_they_are():
    for v in (0, 1, -1, 999_999, -1_000_000, 123_456_789_012, -5):
        assert micros_text(v) == amount_text(Decimal(v).scaleb(-6))


def test_the_fast_form_hashes_as_the_record_does():
    e = entry()
    assert ledger_digest("p1", 1, "TRANSACTION", "tx-1", [micros_text(v) for v in (-1_500_000, 0, 0, 98_500_000, 0, 0)],
                         instant_text(AT), GENESIS) == ledger_hash(e, GENESIS)


def test_instants_are_utc_iso_with_microseconds_whatever_their_zone():
    assert instant_text(AT) == "2026-12-04T16:30:05.123456Z"
    assert instant_text(AT.astimezone(timezone(timedelta(hours=2)))) == "2026-12-04T16:30:05.123456Z"
    assert instant_text(AT.replace(tzinfo=None)) == "2026-12-04T16:30:05.123456Z"  # SQLite's naive UTC
    assert instant_text(datetime(2026, 1, 2, tzinfo=timezone.utc)) == "2026-01-02T00:00:00.000000Z"


def test_the_ledger_hash_is_sha256_of_the_fixed_canonical_form():
    form = ["pitboss.ledger.v1", "p1", 1, "TRANSACTION", "tx-1", "-1.500000", "0.000000", "0.000000", "98.500000",
            "0.000000", "0.000000", "2026-12-04T16:30:05.123456Z", GENESIS]
    want = hashlib.sha256(json.dumps(form, separators=(",", ":")).encode()).hexdigest()
    assert ledger_hash(entry(), GENESIS) == want
    # The same values written differently hash the same.
    assert ledger_hash(entry(cash=Decimal("-1.500000")), GENESIS) == want


def test_every_field_and_the_predecessor_change_the_hash():
    base = ledger_hash(entry(), GENESIS)
    assert ledger_hash(entry(seq=2), GENESIS) != base
    assert ledger_hash(entry(cash=Decimal("-1.500001")), GENESIS) != base
    assert ledger_hash(entry(at=AT + timedelta(microseconds=1)), GENESIS) != base
    assert ledger_hash(entry(ref="tx-2"), GENESIS) != base
    assert ledger_hash(entry(), "1" * 64) != base


def test_the_audit_hash_covers_its_text_fields_unambiguously():
    a = AuditFields(1, AT, "demo", "alice", "player.block", "player", "33003139", "why", "{}", '{"a":1}')
    b = AuditFields(1, AT, "demo", "alice", "player.block", "player", "33003139", "why", "{}", '{"a":2}')
    # A field boundary cannot be moved: "ab"+"c" is not "a"+"bc".
    c = AuditFields(1, AT, "demoa", "lice", "player.block", "player", "33003139", "why", "{}", '{"a":1}')
    assert len({audit_hash(a, GENESIS), audit_hash(b, GENESIS), audit_hash(c, GENESIS)}) == 3


def walk(*rows, head=None):
    w = ChainWalk("c")
    for i, (seq, stored, computed) in enumerate(rows):
        w.add(i + 1, seq, stored, computed)
    return w.end(head)


def test_the_walk_names_the_first_broken_entry():
    assert walk((1, "a", "a"), (2, "b", "b"), head=Head(2, "b")) is None
    edited = walk((1, "a", "a"), (2, "b", "x"), (3, "c", "y"))
    assert edited.entry_id == 2 and "does not match" in edited.why
    gap = walk((1, "a", "a"), (3, "c", "c"))
    assert gap.seq == 3 and "expected seq 2" in gap.why
    loose = walk((1, "a", "a"), (None, None, "z"))
    assert loose.entry_id == 2 and "no chain hash" in loose.why
    cut = walk((1, "a", "a"), head=Head(2, "b"))
    assert cut.entry_id is None and "missing" in cut.why
    extra = walk((1, "a", "a"), (2, "b", "b"), head=Head(1, "a"))
    assert "appended" in extra.why


def test_day_heads_take_the_last_entry_before_each_days_end():
    ends = [datetime(2026, 12, 2, tzinfo=timezone.utc), datetime(2026, 12, 3, tzinfo=timezone.utc),
            datetime(2026, 12, 4, tzinfo=timezone.utc)]
    h = DayHeads(ends)
    h.add(datetime(2026, 12, 1, 10, tzinfo=timezone.utc), Head(1, "a"))
    h.add(datetime(2026, 12, 1, 23, 59, 59, 999999, tzinfo=timezone.utc), Head(2, "b"))
    h.add(datetime(2026, 12, 3, 0, tzinfo=timezone.utc), Head(3, "c"))  # exactly at d2's end: after it
    assert h.finish() == [Head(2, "b"), Head(2, "b"), Head(3, "c")]


def test_the_anchor_covers_the_day_every_head_and_the_audit_head():
    def anchor(day=date(2026, 12, 1), heads=(("p1", Head(2, "b")), ("p2", Head(1, "x"))), audit=Head(4, "q")):
        d = AnchorDigest(day)
        for name, head in heads:
            d.chain(name, head)
        return d.finish(audit), d.chains, d.entries

    base = anchor()
    assert base[1:] == (2, 3)
    assert anchor(day=date(2026, 12, 2))[0] != base[0]
    assert anchor(heads=(("p1", Head(2, "c")), ("p2", Head(1, "x"))))[0] != base[0]
    assert anchor(audit=Head(5, "r"))[0] != base[0]
    # A chain with no entry by then is left out.
    assert anchor(heads=(("p1", Head(2, "b")), ("p2", Head(1, "x")), ("p3", Head())))[0] == base[0]
