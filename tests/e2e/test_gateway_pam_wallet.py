"""The player gateway shows the PAM wallet of the same player: balances, last
bet, rounds since login and the reality check's bets and wins."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import create_engine, text

from server.demo.pam import GATEWAY_DEMO_PLAYER, GATEWAY_DEMO_SESSION_TOKEN
from tests.e2e.stack import start_stack, stop_stack
from tests.e2e.gateway_support import PASSWORD, V, ago
from tests.support.pam_support import Pam, tx

STATUS = f"/gateway/online-player/{V}/player/1/online/status"
DETAILS = f"/gateway/player-personal-details/player/details/{V}/1"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gwpam")
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}")
    yield s
    assert stop_stack(s) == 0


@pytest.mark.e2e
def test_online_status_follows_the_pam_wallet(stack):
    http = requests.Session()
    r = http.post(stack.url(f"/gateway/login/{V}/1/player"), json={"user_name": "itamar1", "password": PASSWORD})
    token = r.json()["auth_token"]
    h = {"x-auth-token": token}
    before = http.get(stack.url(STATUS), headers=h).json()
    assert (before["real_balance"], before["bonusBalance"], before["total_balance"]) == (906.04, 30, 936.04)

    pam = Pam(http, stack.http)
    pam.ns = staticmethod(lambda player, tx_id: tx_id)  # ids as sent
    w = pam.add(GATEWAY_DEMO_PLAYER, GATEWAY_DEMO_SESSION_TOKEN, tx("WITHDRAW", "gw-w1", cash="10", round_id="g1",
                                                                   currency="EUR"))
    assert w.json()["status"] == "OK", w.text
    d = pam.add(GATEWAY_DEMO_PLAYER, GATEWAY_DEMO_SESSION_TOKEN, tx("DEPOSIT", "gw-d1", cash="4", round_id="g1",
                                                                   over=True, currency="EUR"))
    assert d.json()["status"] == "OK", d.text

    after = http.get(stack.url(STATUS), headers=h).json()
    assert (after["real_balance"], after["bonusBalance"], after["total_balance"]) == (900.04, 30, 930.04)
    assert after["last_bet"] != before["last_bet"] and after["last_bet"].startswith("20")
    assert after["rounds_since_login"] == 1
    assert after["balance_since_login"] == -6

    # The reality check counts the wallet's bets and wins of the period.
    assert http.put(stack.url(DETAILS), json={"realityCheckPeriod": "15_min"}, headers=h).status_code == 204
    engine = create_engine(stack.database_url)
    with engine.begin() as c:
        c.execute(text("UPDATE gateway_session SET reality_checked_at = :r WHERE player_id = :p"),
                  {"r": ago(16), "p": int(GATEWAY_DEMO_PLAYER)})
        c.execute(text("UPDATE pam_round SET started_at = :s WHERE player_id = :p"),
                  {"s": ago(10), "p": GATEWAY_DEMO_PLAYER})
    engine.dispose()
    r = http.get(stack.url(STATUS), headers=h)
    assert r.status_code == 303
    body = r.json()
    assert (body["total_bets"], body["total_wins"], body["profit"], body["total_lossed"]) == (10, 4, -6, 6)
