"""The PAM API through Envoy on PostgreSQL: PAM_ERR_TIMEOUT (a wallet call
that cannot get the player's account lock in time), the concurrent refresh
through the edge, and a wallet race through the edge."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.e2e.stack import start_stack, stop_stack
from tests.support.pam_support import Pam, new_player, tx

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pam_pg(tmp_path_factory, postgres):
    s = start_stack(tmp_path_factory.mktemp("pampg"), postgres.create(),
                    extra_env={"PITBOSS_PAM_LOCK_TIMEOUT_MS": "300"})
    yield s
    assert stop_stack(s) == 0


@pytest.fixture
def pam(pam_pg):
    with requests.Session() as http:
        yield Pam(http, pam_pg.http)


def test_err_timeout(pam, pam_pg):
    pid, tok = new_player(pam_pg.database_url, cash="40")
    engine = create_engine(pam_pg.database_url)
    try:
        with engine.connect() as c:
            tr = c.begin()
            c.execute(text("SELECT 1 FROM pam_account WHERE player_id = :p FOR UPDATE"), {"p": pid})
            r = pam.add(pid, tok, tx("WITHDRAW", "t1", cash="1"))
            tr.rollback()
    finally:
        engine.dispose()
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ERROR" and body["error"]["code"] == "PAM_ERR_TIMEOUT"
    assert body["transactionResult"]["balance"] == {"cashAmount": 40, "bonusAmount": 0, "promoAmount": 0}
    # Nothing was booked; once the lock is free the same transaction goes through.
    r = pam.add(pid, tok, tx("WITHDRAW", "t1", cash="1"))
    assert r.json()["status"] == "OK" and r.json()["transactionResult"]["balance"]["cashAmount"] == 39


def test_refresh_race_through_envoy(pam_pg):
    pid, tok = new_player(pam_pg.database_url)
    barrier = threading.Barrier(10)

    def go(_):
        with requests.Session() as http:
            p = Pam(http, pam_pg.http)
            barrier.wait()
            return p.refresh(tok)

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(go, range(10)))
    oks = [a for a in answers if a.status_code == 200]
    assert len(oks) == 1, [a.text for a in answers]
    assert all(a.status_code == 401 and a.json()["error"]["code"] == "PAM_ERR_SESSION_NOT_FOUND"
               for a in answers if a is not oks[0])


def test_wallet_race_through_envoy(pam_pg):
    pid, tok = new_player(pam_pg.database_url, cash="10")
    barrier = threading.Barrier(8)

    def go(i):
        with requests.Session() as http:
            p = Pam(http, pam_pg.http)
            barrier.wait()
            return [p.add(pid, tok, tx("WITHDRAW", f"w{i}-{k}", cash="0.75", round_id=f"r{i}-{k}")).json()
                    for k in range(3)]

    with ThreadPoolExecutor(8) as pool:
        bodies = [b for batch in pool.map(go, range(8)) for b in batch]
    oks = [b for b in bodies if b["status"] == "OK"]
    assert len(oks) == 13  # 13 * 0.75 = 9.75 <= 10 < 14 * 0.75
    assert all(b["error"]["code"] == "PAM_ERR_CASH_OVERDRAFT" for b in bodies if b["status"] != "OK")
    with requests.Session() as http:
        final = Pam(http, pam_pg.http).balance(pid, tok).json()["balance"]["cashAmount"]
    assert Decimal(str(final)) == Decimal("0.25")
