"""The protection check and the booking share one write and one lock:
concurrent bets of one player never pass a limit together, with two server
processes behind Envoy, on SQLite and on PostgreSQL. Every bet is either
booked and counted, or refused and not booked."""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests

from tests.e2e.stack import start_stack, stop_stack
from tests.support.databases import new_database_url
from tests.e2e.protection_support import Rg, limit_of, new_player, refused
from tests.integration.test_pam_concurrency import check_invariants

pytestmark = [pytest.mark.e2e, pytest.mark.storage]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack2(request, tmp_path_factory):
    url = new_database_url(request.param, request, tmp_path_factory)
    s = start_stack(tmp_path_factory.mktemp("prot2"), url, {"PITBOSS_SERVER_PROCESSES": "2"})
    yield s
    assert stop_stack(s) == 0


def _together(n, fn):
    barrier = threading.Barrier(n)

    def go(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


@pytest.mark.parametrize("limit", [{"wager": {"day": 10}}, {"loss": {"week": 10}}])
def test_concurrent_bets_never_pass_a_limit_together(stack2, app_factory, limit):
    with requests.Session() as http:
        p = new_player(http, stack2, cash="100")
        assert Rg(http, stack2).set_limits(p, limit).status_code == 200

    def bets(i):
        out = []
        with requests.Session() as own:
            rg = Rg(own, stack2)
            for k in range(4):
                body = rg.bet(p, 1, round_id=f"race-{i}-{k}-{secrets.token_hex(2)}")
                out.append("OK" if body["status"] == "OK" else body["error"]["code"])
                if refused(body):
                    assert Decimal(str(body["transactionResult"]["balance"]["cashAmount"])) >= Decimal("90")
        return out

    codes = [c for cs in _together(8, bets) for c in cs]
    assert codes.count("OK") == 10 and codes.count("PAM_ERR_BET_NOT_ALLOWED") == 22, codes
    assert check_invariants(app_factory(stack2.database_url), p.pid, Decimal("100")) == Decimal("90")
    with requests.Session() as http:
        body = Rg(http, stack2).limits(p).json()
    kind, periods = next(iter(limit.items()))
    assert limit_of(body, kind, next(iter(periods)))["used"] == 10.0


def test_a_timeout_taken_during_a_burst_of_bets_stops_them(stack2, app_factory):
    with requests.Session() as http:
        p = new_player(http, stack2, cash="1000")
        Rg(http, stack2).set_limits(p, {"wager": {"month": 100000}})  # protected: every bet is checked
    stop = threading.Event()
    after = []

    def bets(i):
        with requests.Session() as own:
            rg = Rg(own, stack2)
            for k in range(30):
                timed_out = stop.is_set()
                body = rg.bet(p, 1, round_id=f"burst-{i}-{k}-{secrets.token_hex(2)}")
                if timed_out:
                    after.append(body["status"])

    def timeout(i):
        if i == 0:
            with requests.Session() as own:
                assert Rg(own, stack2).timeout(p, "24h").status_code == 200
            stop.set()
        else:
            bets(i)

    _together(5, timeout)
    assert after and all(s == "ERROR" for s in after), after
    booked = Decimal("1000") - check_invariants(app_factory(stack2.database_url), p.pid, Decimal("1000"))
    with requests.Session() as http:
        used = limit_of(Rg(http, stack2).limits(p).json(), "wager", "month")["used"]
    assert Decimal(str(used)) == booked


def test_the_benchs_protected_players_are_checked_and_counted(stack2):
    """`pitboss bench --protected` (the speed targets measured
    with limits set): every bench player has limits; a bet is checked and
    counted in its own write."""
    from sqlalchemy import create_engine, text

    from server.bench import seed
    from tests.support.pam_support import raw_json, tx

    seed.seed(stack2.database_url, 3, False, log=lambda *_: None, protected=True)
    pid, token = seed.player_id(1), seed.token(1)
    r = requests.post(stack2.url(f"/players/{pid}/transactions?provider=evolution"),
                      headers={"Authorization": "Bearer pam-demo-api-token", "X-Player-Token": token,
                               "Content-Type": "application/json"},
                      data=raw_json(tx("WITHDRAW", f"bench-{secrets.token_hex(4)}", cash="2", round_id="b1")),
                      timeout=30)
    assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    engine = create_engine(stack2.database_url)
    try:
        with engine.connect() as c:
            used = c.execute(text("SELECT SUM(wager), SUM(loss) FROM protection_usage WHERE player_id = :p"),
                             {"p": pid}).one()
            flagged = c.execute(text("SELECT COUNT(*) FROM pam_account WHERE protected AND player_id LIKE 'bench%'"))
            assert flagged.scalar() == 3
    finally:
        engine.dispose()
    assert tuple(used) == (2_000_000, 2_000_000)


def test_a_first_protection_racing_the_first_wallet_still_checks_every_bet(stack2):
    """A registered player without a wallet yet sets her first limit while
    she starts her first game (which opens the wallet), at the same moment,
    on two processes: the wallet is flagged either way, so her bets are
    checked (a wager limit of 0: refused, not an overdraft of the empty
    wallet)."""
    from tests.e2e.journey_support import Journey, launch
    from tests.support.pam_support import API_TOKEN, GAME, raw_json, tx

    with requests.Session() as http:
        j = Journey(stack2, http)
        players = [j.player() for _ in range(8)]

    def go(i):
        p = players[i // 2]
        with requests.Session() as own:
            j = Journey(stack2, own)
            if i % 2:
                r = j.call("PUT", f"/gateway/responsible-gaming/1.30.00/{p['brand']}/limits", p["token"],
                           {"wager": {"day": 0}})
                assert r.status_code == 200, r.text
            else:
                r = j.start(p, GAME)
                assert r.status_code == 200, r.text
                p["game_token"] = launch(r.json()["game_url"])[0]

    _together(len(players) * 2, go)
    with requests.Session() as http:
        for p in players:
            body = tx("WITHDRAW", f"first-{secrets.token_hex(4)}", cash="1", round_id="first", currency="EUR")
            r = http.post(stack2.url(f"/players/{p['id']}/transactions?provider=evolution"), data=raw_json(body),
                          headers={"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": p["game_token"],
                                   "Content-Type": "application/json"}, timeout=30)
            assert r.status_code == 200 and refused(r.json()), (p["id"], r.text)
