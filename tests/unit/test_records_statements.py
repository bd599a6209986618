"""The player's statement: the three-month window, its errors, the totals
(win/loss, net deposits) and the pages."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from server.domain.records import statements
from server.domain.records.statements import StatementInvalid
from tests.unit.fakes.records import FakeLedger

NOW = datetime(2026, 5, 31, 15, tzinfo=timezone.utc)
TODAY = NOW.date()


@pytest.mark.parametrize("d, months, want", [
    (date(2026, 5, 31), 3, date(2026, 2, 28)), (date(2024, 5, 31), 3, date(2024, 2, 29)),
    (date(2026, 1, 15), 3, date(2025, 10, 15)), (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2026, 12, 31), 3, date(2026, 9, 30)),
])
def test_months_before(d, months, want):
    assert statements.months_before(d, months) == want


def test_window_defaults_and_bounds():
    assert statements.window("", "", TODAY) == (date(2026, 2, 28), TODAY)
    assert statements.window("2026-02-28", "2026-02-28", TODAY) == (date(2026, 2, 28), date(2026, 2, 28))
    assert statements.window("2026-05-01", "", TODAY) == (date(2026, 5, 1), TODAY)


@pytest.mark.parametrize("f, t, errors", [
    ("2026-02-27", "2026-03-01", [("from", "range_over_3_months")]),
    ("2026-05-02", "2026-05-01", [("from", "range_reversed")]),
    ("yesterday", "2026-13-01", [("from", "date_invalid"), ("to", "date_invalid")]),
    ("2026-5-1", "", [("from", "date_invalid")]),
    ("", "2026-06-01", [("to", "date_in_future")]),
])
def test_window_errors(f, t, errors):
    with pytest.raises(StatementInvalid) as e:
        statements.window(f, t, TODAY)
    assert [(v.field, v.code) for v in e.value.violations] == errors


def at(d: int, h: int = 12) -> datetime:
    return datetime(2026, 5, d, h, tzinfo=timezone.utc)


def play(ledger: FakeLedger) -> None:
    ledger.wallet("p")
    ledger.book("p", datetime(2026, 1, 5, tzinfo=timezone.utc), "ADJUSTMENT", cash="100")  # outside the window
    ledger.book("p", at(10), "CASHIER", mkind="deposit", cash="50")
    ledger.book("p", at(11), "TRANSACTION", "WITHDRAW", cash="-20", bonus="-5")
    ledger.book("p", at(11, 13), "TRANSACTION", "DEPOSIT", cash="12.25")
    ledger.book("p", at(12), "TRANSACTION", "WITHDRAW", cash="-3")
    ledger.book("p", at(12, 13), "TRANSACTION", "CANCEL", cash="3")
    ledger.book("p", at(13), "TRANSACTION", "PROMODEPOSIT", promo="1")
    ledger.book("p", at(14), "CASHIER", mkind="withdraw", cash="-30")
    ledger.book("p", at(15), "ADJUSTMENT", mkind="credit", cash="2")
    ledger.wallet("q")
    ledger.book("q", at(11), "TRANSACTION", "WITHDRAW", cash="-999")


def test_totals_of_the_period():
    ledger = FakeLedger()
    play(ledger)
    s = statements.statement(ledger, "p", "", "", 0, "", NOW)
    t = s.totals
    assert (t.bets, t.wins, t.refunds, t.promotions) == (Decimal("-28"), Decimal("12.25"), 3, 1)
    assert (t.deposits, t.withdrawals, t.adjustments) == (50, -30, 2)
    assert t.win_loss == Decimal("-12.75") and t.net_deposits == 20
    assert [x.type for x in s.lines] == ["adjustment", "withdrawal", "promotion", "refund", "bet", "win", "bet",
                                         "deposit"]
    assert s.lines[0].balance_after == Decimal("110.25") and s.lines[-1].amount == 50
    only_11 = statements.statement(ledger, "p", "2026-05-11", "2026-05-11", 0, "", NOW).totals
    assert (only_11.bets, only_11.wins, only_11.win_loss, only_11.net_deposits) == (-25, Decimal("12.25"),
                                                                                   Decimal("-12.75"), 0)


def test_pages_are_capped_and_the_totals_cover_the_whole_period():
    ledger = FakeLedger()
    play(ledger)
    seen, cursor = [], ""
    while True:
        s = statements.statement(ledger, "p", "2026-05-01", "2026-05-31", 3, cursor, NOW)
        assert len(s.lines) <= 3 and s.totals.net_deposits == 20
        seen += [x.id for x in s.lines]
        cursor = s.next_cursor
        if not cursor:
            break
    assert seen == sorted(seen, reverse=True) and len(seen) == 8


@pytest.mark.parametrize("limit, cursor, field", [(101, "", "limit"), (-1, "", "limit"), (0, "zz", "cursor")])
def test_bad_limit_or_cursor(limit, cursor, field):
    with pytest.raises(StatementInvalid) as e:
        statements.statement(FakeLedger(), "p", "", "", limit, cursor, NOW)
    assert [v.field for v in e.value.violations] == [field]
