"""The daily report's rules: classifying ledger entries, the identity of
every row, totals against the ledger's own sums, continuity from day to day,
"no activity" rows, pages and their tokens."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from server.domain.errors import ValidationFailed
from server.domain.records import report
from server.domain.records.ports import Amounts, EntryGroup
from tests.unit.fakes.records import FakeLedger

D = date(2026, 11, 20)
NOW = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind, ttype, mkind, name", [
    ("TRANSACTION", "WITHDRAW", "", "bets"), ("TRANSACTION", "PROMOWITHDRAW", "", "bets"),
    ("TRANSACTION", "DEPOSIT", "", "wins"), ("TRANSACTION", "PROMODEPOSIT", "", "promotions"),
    ("TRANSACTION", "CANCEL", "", "refunds"), ("TRANSACTION", "PROMOCANCEL", "", "refunds"),
    ("TRANSACTION", "ODD", "", "other"), ("CASHIER", "", "deposit", "deposits"),
    ("CASHIER", "", "withdraw", "withdrawals"), ("CASHIER", "", "", "cashier"),
    ("ADJUSTMENT", "", "credit", "adjustments"), ("ADJUSTMENT", "", "debit", "adjustments"),
    ("ADJUSTMENT", "", "", "adjustments"), ("SOMETHING", "", "", "other"),
])
def test_classify(kind, ttype, mkind, name):
    assert report.classify(kind, ttype, mkind) == name


def busy_day(ledger: FakeLedger) -> None:
    """Player a: an opening balance, then on day D a deposit, bets, a win, a
    refund, a promotion, a withdrawal and a back-office debit."""
    ledger.wallet("a", "EUR", brand=1)
    ledger.book("a", at(D - timedelta(days=3), 9), "ADJUSTMENT", cash="100", bonus="5")
    ledger.book("a", at(D, 1), "CASHIER", mkind="deposit", cash="50")
    ledger.book("a", at(D, 2), "TRANSACTION", "WITHDRAW", cash="-10", bonus="-2")
    ledger.book("a", at(D, 3), "TRANSACTION", "DEPOSIT", cash="25.5")
    ledger.book("a", at(D, 4), "TRANSACTION", "WITHDRAW", cash="-7")
    ledger.book("a", at(D, 5), "TRANSACTION", "CANCEL", cash="7")
    ledger.book("a", at(D, 6), "TRANSACTION", "PROMODEPOSIT", promo="3")
    ledger.book("a", at(D, 7), "CASHIER", mkind="withdraw", cash="-20")
    ledger.book("a", at(D, 8), "ADJUSTMENT", mkind="debit", cash="-0.000001")
    ledger.book("a", at(D + timedelta(days=1), 1), "TRANSACTION", "WITHDRAW", cash="-1")


def test_a_busy_day_reconciles_row_by_row():
    ledger = FakeLedger()
    busy_day(ledger)
    page = report.daily_page(ledger, D.isoformat(), 0, 0, "", NOW)
    rows = {r.balance: r for r in page.rows}
    cash = rows["cash"]
    assert (cash.opening, cash.closing) == (Decimal("100"), Decimal("145.499999"))
    assert {k: v for k, v in cash.movements.items() if v} == {
        "deposits": Decimal("50"), "withdrawals": Decimal("-20"), "bets": Decimal("-17"),
        "wins": Decimal("25.5"), "refunds": Decimal("7"), "adjustments": Decimal("-0.000001")}
    assert cash.entries == 7 and cash.activity
    assert (rows["bonus"].opening, rows["bonus"].closing, rows["bonus"].movements["bets"]) == (5, 3, -2)
    assert (rows["promo"].opening, rows["promo"].closing, rows["promo"].movements["promotions"]) == (0, 3, 3)
    for r in page.rows:
        assert report.identity_holds(r.opening, r.movements, r.closing)
        assert r.brand_id == 1 and r.currency == "EUR"
    assert page.final and page.next_token == ""


def test_totals_equal_the_ledger_and_continue_from_day_to_day():
    ledger = FakeLedger()
    busy_day(ledger)
    ledger.wallet("b", "USD")
    ledger.book("b", at(D, 10), "TRANSACTION", "WITHDRAW", cash="-1")  # from nothing: a negative is still exact
    ledger.wallet("c", "EUR")
    ledger.book("c", at(D - timedelta(days=1), 10), "ADJUSTMENT", cash="9")
    ledger.book("c", at(D, 11), "TRANSACTION", "WITHDRAW", cash="-4")
    pages = {d: report.daily_page(ledger, d.isoformat(), 0, 0, "", NOW) for d in (D, D + timedelta(days=1))}
    totals = {(t.currency, t.balance): t for t in pages[D].totals}
    eur = totals[("EUR", "cash")]
    assert eur.reconciled and eur.rows == 2 and eur.ledger == Decimal("45.499999") - 4
    assert eur.opening == Decimal("109") and eur.closing == Decimal("150.499999")
    assert totals[("USD", "cash")].closing == Decimal("-1")
    before = {(r.player_id, r.balance): r.closing for r in pages[D].rows}
    after = {(r.player_id, r.balance): r.opening for r in pages[D + timedelta(days=1)].rows}
    assert before == after
    assert not pages[D + timedelta(days=1)].final or NOW >= report.day_window(D + timedelta(days=1))[1]


def test_a_balance_without_movement_is_a_no_activity_row_and_empty_wallets_are_left_out():
    ledger = FakeLedger()
    ledger.wallet("idle")
    ledger.book("idle", at(D - timedelta(days=30), 1), "ADJUSTMENT", cash="12")
    ledger.wallet("empty")
    ledger.wallet("netzero")
    ledger.book("netzero", at(D, 1), "ADJUSTMENT", mkind="credit", bonus="5")
    ledger.book("netzero", at(D, 2), "ADJUSTMENT", mkind="debit", bonus="-5")
    rows = report.daily_page(ledger, D.isoformat(), 0, 0, "", NOW).rows
    got = {(r.player_id, r.balance): (r.activity, r.opening, r.closing) for r in rows}
    assert got == {("idle", "cash"): (False, 12, 12), ("netzero", "bonus"): (True, 0, 0)}


def test_a_broken_ledger_is_refused_not_printed():
    g = EntryGroup("x", "TRANSACTION", "WITHDRAW", "", Amounts(Decimal("-1")), (1, 0, 0))
    with pytest.raises(report.Unreconciled):
        report.player_rows("x", 0, "EUR", Amounts(Decimal("10")), Amounts(Decimal("10")), [g])
    with pytest.raises(report.Unreconciled):
        r = report.player_rows("x", 0, "EUR", Amounts(Decimal("10")), Amounts(Decimal("9")), [g])
        report.totals(r, {("EUR", "cash"): Decimal("-2")})


def test_pages_cover_every_wallet_once_and_brands_filter():
    ledger = FakeLedger()
    for i in range(7):
        pid = f"p{i}"
        ledger.wallet(pid, brand=1 + i % 2)
        ledger.book(pid, at(D, 1), "ADJUSTMENT", cash=str(i + 1))
    seen, token, merged = [], "", {}
    while True:
        page = report.daily_page(ledger, D.isoformat(), 0, 3, token, NOW)
        seen += [r.player_id for r in page.rows]
        report.merge_totals(merged, page.totals)
        token = page.next_token
        if not token:
            break
    assert seen == [f"p{i}" for i in range(7)]
    assert merged[("EUR", "cash")].closing == 28 and merged[("EUR", "cash")].ledger == 28
    brand2, token = [], ""
    while True:
        page = report.daily_page(ledger, D.isoformat(), 2, 2, token, NOW)
        brand2 += [r.player_id for r in page.rows]
        token = page.next_token
        if not token:
            break
    assert brand2 == ["p1", "p3", "p5"]


@pytest.mark.parametrize("day, brand, size, token, field", [
    ("2026-13-01", 0, 0, "", "date"), ("20261120", 0, 0, "", "date"), ("", 0, 0, "", "date"),
    ("2026-11-26", 0, 0, "", "date"), ("2026-11-20", -1, 0, "", "brand_id"), ("2026-11-20", 0, 1001, "", "page_size"),
    ("2026-11-20", 0, 0, "nonsense", "page_token"),
    ("2026-11-20", 0, 0, report.encode_token(date(2026, 11, 19), 0, "p1"), "page_token"),
    ("2026-11-20", 0, 0, report.encode_token(date(2026, 11, 20), 2, "p1"), "page_token"),
])
def test_bad_requests_name_the_field(day, brand, size, token, field):
    with pytest.raises(ValidationFailed) as e:
        report.daily_page(FakeLedger(), day, brand, size, token, NOW)
    assert field in [v.field for v in e.value.violations]


def test_today_is_provisional():
    ledger = FakeLedger()
    assert not report.daily_page(ledger, NOW.date().isoformat(), 0, 0, "", NOW).final
