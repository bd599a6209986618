"""The tamper-evident ledger through the doors: bets booked through Envoy
are chained; `pitboss ledger verify` holds on them and names the first
broken entry of a chain whose rows were edited, deleted or inserted behind
the service's back (docs/compliance.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from tests.e2e.stack import start_stack, stop_stack
from tests.support import ROOT
from tests.support.pam_support import Pam, db, new_player, tx

pytestmark = pytest.mark.e2e


# Stacks of this module's own: its tests edit, delete and insert ledger rows
# behind the service's back, which must not reach the stacks other modules
# share (a tampered ledger is, rightly, refused by the daily report).
@pytest.fixture(scope="module")
def chain_sqlite(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chain")
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}")
    yield s
    assert stop_stack(s) == 0


@pytest.fixture(scope="module")
def chain_pg(tmp_path_factory, postgres):
    s = start_stack(tmp_path_factory.mktemp("chainpg"), postgres.create())
    yield s
    assert stop_stack(s) == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def chain_stack(request):
    return request.getfixturevalue("chain_sqlite" if request.param == "sqlite" else "chain_pg")


def verify(stack, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", "ledger", "verify", *args], cwd=ROOT, env=stack.env,
                          capture_output=True, text=True, timeout=120)


def booked(stack, http, bets: int = 3) -> tuple[str, list[int]]:
    """A player with an opening balance and ``bets`` bets booked through
    Envoy; returns the player and the ids of the ledger entries in order."""
    pid, token = new_player(stack.database_url, cash="100")
    pam = Pam(http, stack.http)
    for k in range(bets):
        r = pam.add(pid, token, tx("WITHDRAW", f"b{k}", cash="1.25", round_id=f"r{k}"))
        assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    with db(stack.database_url).engine.connect() as c:
        ids = [row[0] for row in c.execute(text("SELECT id FROM pam_ledger WHERE player_id = :p ORDER BY seq"),
                                           {"p": pid})]
    assert len(ids) == bets + 1
    return pid, ids


def change(stack, sql: str, **params) -> None:
    with db(stack.database_url).engine.begin() as c:
        c.execute(text(sql), params)


def test_bookings_are_chained_and_verify_holds(chain_stack, http):
    pid, ids = booked(chain_stack, http)
    r = verify(chain_stack, "--player", pid)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK: checked 4 ledger entries in 1 chains" in r.stdout


def test_an_edited_amount_is_caught(chain_stack, http):
    pid, ids = booked(chain_stack, http)
    change(chain_stack, "UPDATE pam_ledger SET cash_delta = cash_delta - 1000000 WHERE id = :i", i=ids[2])
    r = verify(chain_stack, "--player", pid)
    assert r.returncode == 1
    assert f"BROKEN ledger of player {pid}: entry {ids[2]} (seq 3): hash does not match" in r.stdout
    assert "FAILED" in r.stdout


def test_a_deleted_middle_entry_is_caught(chain_stack, http):
    pid, ids = booked(chain_stack, http)
    change(chain_stack, "DELETE FROM pam_ledger WHERE id = :i", i=ids[1])
    r = verify(chain_stack, "--player", pid)
    assert r.returncode == 1
    assert f"entry {ids[2]} (seq 3): expected seq 2: missing entries (deleted)" in r.stdout


def test_a_deleted_last_entry_is_caught_by_the_head(chain_stack, http):
    pid, ids = booked(chain_stack, http)
    change(chain_stack, "DELETE FROM pam_ledger WHERE id = :i", i=ids[-1])
    r = verify(chain_stack, "--player", pid)
    assert r.returncode == 1
    assert "after seq 3: the head says seq 4: the last entries are missing" in r.stdout


def test_an_inserted_entry_is_caught(chain_stack, http):
    pid, ids = booked(chain_stack, http)
    # A row copied from the last one and given the next place: its hash is
    # not its own, and the account's head does not name it.
    change(chain_stack, "INSERT INTO pam_ledger (player_id, kind, transaction_id, cash_delta, bonus_delta, promo_delta,"
           " cash_after, bonus_after, promo_after, created_at, seq, chain_hash) SELECT player_id, 'ADJUSTMENT', NULL,"
           " 5000000, 0, 0, cash_after + 5000000, 0, 0, created_at, seq + 1, chain_hash FROM pam_ledger WHERE id = :i",
           i=ids[-1])
    r = verify(chain_stack, "--player", pid)
    assert r.returncode == 1
    assert "(seq 5): hash does not match" in r.stdout
    # One inserted without a chain place is named too.
    pid2, ids2 = booked(chain_stack, http, bets=1)
    change(chain_stack, "INSERT INTO pam_ledger (player_id, kind, cash_delta, bonus_delta, promo_delta, cash_after,"
           " bonus_after, promo_after, created_at) SELECT player_id, 'ADJUSTMENT', 1, 0, 0, 1, 0, 0, created_at"
           " FROM pam_ledger WHERE id = :i", i=ids2[0])
    r = verify(chain_stack, "--player", pid2)
    assert r.returncode == 1 and "carry no chain hash" in r.stdout


def test_concurrent_bets_of_one_player_keep_one_chain(chain_stack):
    """Bets of one player racing through Envoy: each takes the next place
    under the wallet's lock, none forks the chain."""
    import requests
    from concurrent.futures import ThreadPoolExecutor

    pid, token = new_player(chain_stack.database_url, cash="100")

    def bet(k: int) -> int:
        with requests.Session() as http:
            return Pam(http, chain_stack.http).add(pid, token, tx("WITHDRAW", f"c{k}", cash="0.5",
                                                                   round_id=f"c{k}")).status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(bet, range(24))) == {200}
    r = verify(chain_stack, "--player", pid)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK: checked 25 ledger entries in 1 chains" in r.stdout
