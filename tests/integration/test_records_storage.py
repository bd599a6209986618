"""The records' reads of the ledger (server/storage/repositories/records.py)
on SQLite and PostgreSQL: balances at a moment equal the sum of the deltas
stamped before it, also when an entry's time was taken before an earlier
entry was booked; the day's groups and sums; keyset pages of wallets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from server.domain.records import report
from server.domain.records.ports import Amounts
from server.storage.models import PamAccount, PamLedgerEntry, PamPlayer, PamTransaction, WalletMovement
from server.storage.repositories.records import LedgerRecords

pytestmark = pytest.mark.storage

MIDNIGHT = datetime(2026, 11, 21, tzinfo=timezone.utc)


def _entry(s, pid, at, kind, cash, after, tx=None):
    e = PamLedgerEntry(player_id=pid, kind=kind, transaction_id=tx, cash_delta=Decimal(cash),
                       cash_after=Decimal(after), created_at=at)
    s.add(e)
    s.flush()
    return e


def _seed(app):
    with app.db.session(write=True) as s:
        for pid, cur in (("p1", "EUR"), ("p2", "USD"), ("p3", "EUR")):
            s.add(PamPlayer(id=pid, currency=cur, country="MT", language="en"))
            s.flush()
            s.add(PamAccount(player_id=pid, currency=cur))
        s.flush()
        _entry(s, "p1", MIDNIGHT - timedelta(days=2), "ADJUSTMENT", "100", "100")
        t = PamTransaction(public_id="t1", player_id="p1", provider="evolution", transaction_type="WITHDRAW",
                           provider_transaction_id="x1", currency="EUR", cash_amount=Decimal("10"))
        s.add(t)
        s.flush()
        # Booked first, stamped after midnight; the next entry was stamped
        # before midnight (its time taken before it waited for the lock).
        _entry(s, "p1", MIDNIGHT + timedelta(seconds=1), "TRANSACTION", "-10", "90", tx=t.id)
        e = _entry(s, "p1", MIDNIGHT - timedelta(seconds=1), "CASHIER", "25", "115")
        s.add(WalletMovement(player_id="p1", source="vip", source_ref="operator-3", idempotency_key="k1",
                             kind="deposit", amount=Decimal("25"), ledger_id=e.id))
        _entry(s, "p2", MIDNIGHT + timedelta(hours=1), "ADJUSTMENT", "7", "7")
        s.commit()


def test_balances_groups_and_pages(db_url, app_factory):
    app = app_factory(db_url)
    _seed(app)
    with app.db.session() as s:
        r = LedgerRecords(s)
        before, after = r.balances(["p1", "p2", "p3"], MIDNIGHT, MIDNIGHT + timedelta(days=1))
        assert before == {"p1": Amounts(Decimal("125"))}  # 100 + 25, not the 115 of the last entry by id
        assert after == {"p1": Amounts(Decimal("115")), "p2": Amounts(Decimal("7"))}
        # The closing moment between the two inverted entries: the late one is left out.
        at_close = r.balances(["p1"], MIDNIGHT - timedelta(days=1), MIDNIGHT + timedelta(milliseconds=500))
        assert at_close == ({"p1": Amounts(Decimal("100"))}, {"p1": Amounts(Decimal("125"))})
        day = {(g.player_id, g.kind, g.transaction_type, g.movement_kind): (g.deltas.cash, g.touched)
               for g in r.groups(["p1", "p2"], MIDNIGHT, MIDNIGHT + timedelta(days=1))}
        assert day == {("p1", "TRANSACTION", "WITHDRAW", ""): (Decimal("-10"), (1, 0, 0)),
                       ("p2", "ADJUSTMENT", "", ""): (Decimal("7"), (1, 0, 0))}
        assert r.sums(["p1"], MIDNIGHT - timedelta(days=1), MIDNIGHT)["p1"].cash == Decimal("25")
        assert [a.player_id for a in r.accounts(None, 2)] == ["p1", "p2"]
        assert [a.player_id for a in r.accounts("p2", 2)] == ["p3"]
        assert r.brands(["p1", "33003139"]) == {}
        now = MIDNIGHT + timedelta(days=3)
        pages = [report.daily_page(r, d.isoformat(), 0, 0, "", now) for d in
                 (MIDNIGHT.date() - timedelta(days=1), MIDNIGHT.date())]
        rows = [{(x.player_id, x.balance): x for x in p.rows} for p in pages]
        assert rows[0][("p1", "cash")].closing == rows[1][("p1", "cash")].opening == Decimal("125")
        assert rows[1][("p1", "cash")].movements["bets"] == Decimal("-10")
        assert rows[0][("p1", "cash")].movements["deposits"] == Decimal("25")
        lines = r.entries("p1", MIDNIGHT - timedelta(days=3), MIDNIGHT + timedelta(days=1), None, 2)
        assert [(x.kind, x.transaction_type, x.movement_kind) for x in lines] == [
            ("CASHIER", "", "deposit"), ("TRANSACTION", "WITHDRAW", "")]
