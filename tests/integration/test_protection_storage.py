"""Player protection's storage races, with the interleaving held by the test
(two units of work on two connections), on SQLite and PostgreSQL: a player's
first protection and the first creation of her wallet, whichever starts
first, leave the wallet flagged (every later bet is checked)."""

from __future__ import annotations

import secrets
import threading
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from server.storage.repositories.cashier import CashierRepository
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import SessionSql

pytestmark = pytest.mark.storage

NOW = datetime(2027, 3, 1, 10, 0, tzinfo=timezone.utc)


def _flag(app, pid: str) -> bool | None:
    with app.db.session() as s:
        row = s.execute(text("SELECT protected FROM pam_account WHERE player_id = :p"), {"p": pid}).first()
        return None if row is None else bool(row[0])


def _in_thread(fn) -> threading.Thread:
    t = threading.Thread(target=fn, daemon=True)
    t.start()
    return t


def _open_wallet(app, pid: str) -> None:
    with app.db.session(write=True) as s:
        CashierRepository(s).open_wallet(pid, "EUR", "MT", NOW)


def _first_protection(app, pid: str) -> None:
    with app.db.session(write=True) as s:
        ProtectionRepository(SessionSql(s)).lock(pid, None, NOW)


@pytest.mark.parametrize("first", ["protection", "wallet"])
def test_first_protection_and_first_wallet_leave_the_wallet_flagged(db_url, app_factory, first):
    app = app_factory(db_url)
    sqlite = db_url.startswith("sqlite")
    pid = "race-" + secrets.token_hex(6)
    other = _open_wallet if first == "protection" else _first_protection
    with app.db.session(write=True) as s:  # the first one's unit of work, held open
        if first == "protection":
            ProtectionRepository(SessionSql(s)).lock(pid, None, NOW)
        else:
            CashierRepository(s).open_wallet(pid, "EUR", "MT", NOW)
        # SQLite: the other unit waits for this process's write lock anyway.
        t = None if sqlite else _in_thread(lambda: other(app, pid))
        if t is not None:
            t.join(1.0)  # it must wait for this unit (one lock), not run beside it
            assert t.is_alive(), "the second unit did not wait for the first"
    if t is not None:
        t.join(30)
    else:
        other(app, pid)
    assert _flag(app, pid) is True
