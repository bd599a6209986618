"""Player protection through the real Envoy, gRPC server and database, on
both backends: the responsible-gaming endpoints (shapes, 422s naming every
failing field), the cooling-off of increases and removals on a moved
protection clock (no sleeps), rolling windows across their boundaries, the
time-out and self-exclusion at every door (PAM bets, VIP deposits, login and
online status), the session-time limit, and wins and cancels that still land.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from tests.e2e.stack import start_stack, stop_stack
from tests.support.databases import new_database_url
from tests.support.tokens import vip_token
from tests.e2e.protection_support import PASSWORD, V, Rg, MovableClock, limit_of, new_player, refused

pytestmark = [pytest.mark.e2e]

# A fixed point well ahead of the real time, one minute into an hour, so that
# the usage buckets (clock hours) of a test are known.
T0 = datetime(2027, 3, 1, 10, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def pstack(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("protection")
    clock_file = tmp / "clock"
    url = new_database_url(request.param, request, tmp_path_factory)
    clock = MovableClock(clock_file)
    s = start_stack(tmp, url, {"PITBOSS_PROTECTION_CLOCK_FILE": str(clock_file)})
    s.extra["clock"] = clock
    yield s
    assert stop_stack(s) == 0


@pytest.fixture
def rg(pstack, http):
    return Rg(http, pstack)


@pytest.fixture
def clock(pstack):
    c = pstack.extra["clock"]
    yield c
    c.set(0)


def balance(rg: Rg, p) -> Decimal:
    r = rg.http.get(f"{rg.stack.http}/players/{p.pid}/balance", params={"provider": "evolution"},
                    headers={"Authorization": "Bearer pam-demo-api-token", "X-Player-Token": p.game_token})
    return Decimal(str(r.json()["balance"]["cashAmount"]))


# ------------------------------------------------------------ the endpoints


def test_nothing_in_force_at_first(rg, pstack, http):
    p = new_player(http, pstack)
    r = rg.limits(p)
    assert r.status_code == 200, r.text
    assert r.json() == {"state": "active", "until": "", "currency": "EUR", "limits": []}


def test_bad_values_answer_422_naming_every_field_and_write_nothing(rg, pstack, http):
    p = new_player(http, pstack)
    r = rg.set_limits(p, {"deposit": {"day": -1, "year": 5, "week": 10.001}, "loss": 3,
                          "wager": {"month": "abc"}, "session_minutes": 0, "colour": "red"})
    assert r.status_code == 422, r.text
    got = {(e["field"], e["errorCode"]) for e in r.json()["result"]}
    assert got == {("deposit.day", "limit_invalid"), ("deposit.year", "unknown_field"),
                   ("deposit.week", "limit_invalid"), ("loss", "limit_invalid"), ("wager.month", "limit_invalid"),
                   ("session_minutes", "limit_invalid"), ("colour", "unknown_field")}
    assert rg.set_limits(p, {}).status_code == 422
    r = rg.timeout(p, "1h")
    assert r.status_code == 422 and r.json() == {"result": [{"field": "period", "errorCode": "period_invalid"}]}
    r = rg.exclude(p, "2y")
    assert r.status_code == 422 and r.json() == {"result": [{"field": "period", "errorCode": "period_invalid"}]}
    assert rg.limits(p).json()["limits"] == [] and rg.limits(p).json()["state"] == "active"


def test_tokens_and_brands_as_everywhere_in_the_gateway(rg, pstack, http):
    p = new_player(http, pstack)
    for method, what, body in (("GET", "limits", None), ("PUT", "limits", {"wager": {"day": 5}}),
                               ("POST", "timeout", {"period": "24h"}), ("POST", "self-exclusion", {"period": "6m"})):
        r = rg.call(method, p, what, body, token="0" * 64)
        assert r.status_code == 401 and r.json() == {"errMsg": "invalid input - invalid token"}, (what, r.text)
        r = http.request(method, f"{pstack.http}/gateway/responsible-gaming/{V}/99/{what}",
                         headers={"x-auth-token": p.token}, data=json.dumps(body) if body else None)
        assert r.status_code == 400 and r.json() == {"errMsg": "invalid input - invalid brand id"}
        # Another brand's path: the token is unknown there.
        r = http.request(method, f"{pstack.http}/gateway/responsible-gaming/{V}/2/{what}",
                         headers={"x-auth-token": p.token}, data=json.dumps(body) if body else None)
        assert r.status_code == 401
    assert rg.limits(p).json()["state"] == "active"


# --------------------------------------------------------------- cooling-off


def test_new_and_lower_limits_at_once_higher_and_removal_after_24_hours(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack)
    r = rg.set_limits(p, {"wager": {"day": 100}})
    assert r.status_code == 200, r.text
    assert limit_of(r.json(), "wager", "day") == {"type": "wager", "period": "day", "amount": 100.0, "used": 0.0,
                                                  "remaining": 100.0}
    assert limit_of(rg.set_limits(p, {"wager": {"day": 50}}).json(), "wager", "day")["amount"] == 50.0
    body = rg.set_limits(p, {"wager": {"day": 200}}).json()
    lim = limit_of(body, "wager", "day")
    assert lim["amount"] == 50.0
    assert lim["pending"] == {"amount": 200.0, "remove": False, "effective_at": "2027-03-02 10:01:00"} or \
        lim["pending"]["effective_at"].startswith("2027-03-02 10:0")
    assert refused(rg.bet(p, 60))  # 60 > 50: the increase is not in force yet
    clock.to(T0 + timedelta(hours=23, minutes=58))
    assert limit_of(rg.limits(p).json(), "wager", "day")["amount"] == 50.0
    assert refused(rg.bet(p, 60))
    clock.to(T0 + timedelta(hours=24, minutes=2))
    lim = limit_of(rg.limits(p).json(), "wager", "day")
    assert lim["amount"] == 200.0 and "pending" not in lim
    assert rg.bet(p, 60)["status"] == "OK"
    # Removal: pending for 24 hours, the limit holds meanwhile.
    lim = limit_of(rg.set_limits(p, {"wager": {"day": None}}).json(), "wager", "day")
    assert lim["amount"] == 200.0 and lim["pending"]["remove"] is True and "amount" not in lim["pending"]
    assert refused(rg.bet(p, 150))  # 60 + 150 > 200
    clock.to(T0 + timedelta(hours=48, minutes=3))
    assert rg.limits(p).json()["limits"] == []
    assert rg.bet(p, 150)["status"] == "OK"


def test_a_lower_limit_drops_a_pending_increase(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack)
    rg.set_limits(p, {"loss": {"week": 100}})
    assert "pending" in limit_of(rg.set_limits(p, {"loss": {"week": 300}}).json(), "loss", "week")
    lim = limit_of(rg.set_limits(p, {"loss": {"week": 80}}).json(), "loss", "week")
    assert lim["amount"] == 80.0 and "pending" not in lim
    clock.to(T0 + timedelta(days=2))
    assert limit_of(rg.limits(p).json(), "loss", "week")["amount"] == 80.0


def test_amounts_already_wagered_count_as_soon_as_a_limit_is_set(rg, pstack, http):
    p = new_player(http, pstack)
    assert rg.bet(p, 30)["status"] == "OK"
    r = rg.set_limits(p, {"wager": {"day": 50}, "loss": {"month": 1000}})
    assert limit_of(r.json(), "wager", "day")["used"] == 30.0
    assert limit_of(r.json(), "wager", "day")["remaining"] == 20.0
    assert refused(rg.bet(p, 25))
    assert rg.bet(p, 20)["status"] == "OK"
    assert refused(rg.bet(p, 0.01))


# ------------------------------------------------------------ rolling windows


def test_rolling_windows_across_their_boundaries(rg, pstack, http, clock):
    """Usage is kept per clock hour: an amount counts for the whole period
    and leaves the window within the hour after it ends."""
    clock.to(T0)  # hour H = 10:00
    p = new_player(http, pstack)
    rg.set_limits(p, {"loss": {"day": 100, "week": 150}})
    assert rg.bet(p, 80)["status"] == "OK"
    clock.to(T0 + timedelta(hours=23, minutes=58))
    assert refused(rg.bet(p, 30))  # 80 + 30 > 100
    clock.to(T0 + timedelta(hours=24, minutes=30))  # exactly 24 h and later: still inside (hour H + 24)
    assert refused(rg.bet(p, 30))
    assert limit_of(rg.limits(p).json(), "loss", "day")["used"] == 80.0
    clock.to(T0 + timedelta(hours=25))  # hour H + 25: the bet's hour has left the day
    body = rg.limits(p).json()
    assert limit_of(body, "loss", "day")["used"] == 0.0 and limit_of(body, "loss", "week")["used"] == 80.0
    assert rg.bet(p, 30)["status"] == "OK"  # day 30, week 110
    assert refused(rg.bet(p, 50))  # the week: 110 + 50 > 150
    clock.to(T0 + timedelta(days=7, hours=1))  # the first bet has left the week too
    assert limit_of(rg.limits(p).json(), "loss", "week")["used"] == 30.0
    assert rg.bet(p, 50)["status"] == "OK"


def test_wins_lower_the_net_loss_and_cancels_take_the_stake_back(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack)
    rg.set_limits(p, {"loss": {"day": 100}, "wager": {"day": 500}})
    assert rg.bet(p, 90, round_id="w1")["status"] == "OK"
    assert rg.win(p, 60, "w1")["status"] == "OK"  # net loss 30
    assert rg.bet(p, 70)["status"] == "OK"  # net loss 100
    assert refused(rg.bet(p, 1))
    body = rg.limits(p).json()
    assert limit_of(body, "loss", "day")["used"] == 100.0 and limit_of(body, "wager", "day")["used"] == 160.0
    # Three hours later: a bet of 60, cancelled half an hour after; the cancel
    # takes the stake out of the hour it was counted in.
    clock.to(T0 + timedelta(hours=3))
    assert refused(rg.bet(p, 60, round_id="w2", tx_id=f"{p.id}-w2"))  # 100 + 60 > 100
    rg.set_limits(p, {"loss": {"day": 90}})  # lower: at once, but nothing new can be lost now
    clock.to(T0 + timedelta(hours=25))  # the first hour has left the day window
    body = rg.limits(p).json()
    assert limit_of(body, "loss", "day")["used"] == 0.0 and limit_of(body, "wager", "day")["used"] == 0.0
    assert rg.bet(p, 60, round_id="w3", tx_id=f"{p.id}-w3")["status"] == "OK"
    clock.to(T0 + timedelta(hours=25, minutes=30))
    assert rg.tx(p, "CANCEL", 0, "w3", tx_id=f"{p.id}-w3")["status"] == "OK"
    body = rg.limits(p).json()
    assert limit_of(body, "loss", "day")["used"] == 0.0 and limit_of(body, "wager", "day")["used"] == 0.0
    assert rg.bet(p, 90)["status"] == "OK"
    assert refused(rg.bet(p, 0.01))


# ------------------------------------------------------- time-out, exclusion


def test_timeout_refuses_bets_but_wins_and_cancels_land_and_it_cannot_be_shortened(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack, cash="100")
    assert rg.bet(p, 10, round_id="open-1")["status"] == "OK"
    assert rg.bet(p, 5, round_id="open-2", tx_id=f"{p.id}-c")["status"] == "OK"
    r = rg.timeout(p, "24h")
    assert r.status_code == 200 and r.json()["state"] == "timeout" and r.json()["until"] == "2027-03-02 10:01:00" \
        or r.json()["until"].startswith("2027-03-02 10:0")
    answer = rg.bet(p, 1)
    assert refused(answer) and Decimal(str(answer["transactionResult"]["balance"]["cashAmount"])) == Decimal("85")
    assert balance(rg, p) == Decimal("85")  # nothing booked
    assert rg.win(p, 20, "open-1")["status"] == "OK"  # a win on a round already open
    assert rg.tx(p, "CANCEL", 0, "open-2", tx_id=f"{p.id}-c")["status"] == "OK"  # a cancel
    assert balance(rg, p) == Decimal("110")
    # A shorter or equal request changes nothing; a longer one extends.
    clock.to(T0 + timedelta(hours=2))
    assert rg.timeout(p, "24h").json()["until"].startswith("2027-03-02 12:0")
    assert rg.timeout(p, "7d").json()["until"].startswith("2027-03-08 12:0")
    assert rg.timeout(p, "24h").json()["until"].startswith("2027-03-08 12:0")
    # Login and online status tell the site.
    login = http.post(f"{pstack.http}/gateway/login/{V}/1/player",
                      data=json.dumps({"user_name": p.login, "password": PASSWORD}))
    assert login.status_code in (200, 303)
    clock.to(T0 + timedelta(days=7, hours=3))
    assert rg.limits(p).json()["state"] == "active"
    assert rg.bet(p, 1)["status"] == "OK"


def test_self_exclusion_runs_its_course_and_permanent_closes(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack)
    r = rg.exclude(p, "6m")
    assert r.json()["state"] == "self_excluded" and r.json()["until"].startswith("2027-09-01 10:0")
    assert refused(rg.bet(p, 1))
    assert rg.timeout(p, "24h").json()["state"] == "self_excluded"  # the longer one shows
    assert rg.exclude(p, "6m").json()["until"].startswith("2027-09-01 10:0")  # not moved
    clock.to(T0 + timedelta(days=100))  # 6 months from now ends later: extended
    assert rg.exclude(p, "6m").json()["until"].startswith("2027-12-09 10:0")
    clock.to(datetime(2027, 12, 9, 11, 0, tzinfo=timezone.utc))
    assert rg.limits(p).json()["state"] == "active"
    assert rg.bet(p, 1)["status"] == "OK"
    r = rg.exclude(p, "permanent")
    assert r.json() == {"state": "closed", "until": "", "currency": "EUR", "limits": []}
    clock.to(datetime(2040, 1, 1, tzinfo=timezone.utc))
    assert refused(rg.bet(p, 1))
    assert rg.exclude(p, "6m").json()["state"] == "closed"


def test_login_and_online_status_show_what_is_in_force(rg, pstack, http, clock):
    clock.to(T0)
    # The demo player (email verified, T&C signed): login answers 200.
    login = http.post(f"{pstack.http}/gateway/login/{V}/1/player",
                      data=json.dumps({"user_name": "itamar1", "password": PASSWORD}))
    assert login.status_code == 200, login.text
    body = login.json()
    assert body["actions"] == ["responsible_gaming", "limits", "timeout", "self_exclusion"]
    assert "responsible_gaming" not in body  # nothing in force: the key is left out
    token = body["auth_token"]
    # A limit, then a time-out: both show in login and online status.
    rg.call("PUT", _demo(token), "limits", {"loss": {"week": 500}})
    body = http.post(f"{pstack.http}/gateway/login/{V}/1/player",
                     data=json.dumps({"user_name": "itamar1", "password": PASSWORD})).json()
    assert body["responsible_gaming"]["state"] == "active"
    assert body["responsible_gaming"]["limits"][0] == {"type": "loss", "period": "week", "amount": 500.0,
                                                       "used": 0.0, "remaining": 500.0}
    status = http.get(f"{pstack.http}/gateway/online-player/{V}/player/1/online/status",
                      headers={"x-auth-token": token})
    assert status.status_code == 200, status.text
    assert status.json()["responsible_gaming"]["limits"][0]["type"] == "loss"
    rg.call("POST", _demo(token), "timeout", {"period": "24h"})
    body = http.post(f"{pstack.http}/gateway/login/{V}/1/player",
                     data=json.dumps({"user_name": "itamar1", "password": PASSWORD})).json()
    assert body["result"] == "OK" and body["responsible_gaming"]["state"] == "timeout"
    assert body["responsible_gaming"]["until"].startswith("2027-03-02 10:0")
    status = http.get(f"{pstack.http}/gateway/online-player/{V}/player/1/online/status",
                      headers={"x-auth-token": token}).json()
    assert status["responsible_gaming"]["state"] == "timeout"
    # No marketing opt-in counts meanwhile.
    assert status["bonusOptOut"] == 1
    details = http.get(f"{pstack.http}/gateway/player-personal-details/player/details/{V}/1",
                       headers={"x-auth-token": token}).json()
    assert details["optOut"] == {"chat": True, "sms": True, "email": True, "phone": True}
    clock.to(T0 + timedelta(days=1, hours=1))
    details = http.get(f"{pstack.http}/gateway/player-personal-details/player/details/{V}/1",
                       headers={"x-auth-token": token}).json()
    assert details["optOut"] != {"chat": True, "sms": True, "email": True, "phone": True}


def _demo(token: str):
    from tests.e2e.protection_support import Player

    return Player(33003139, 1, token, "", "itamar1")


def test_session_time_limit_counts_play_and_resets_with_the_day(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack)
    rg.set_limits(p, {"session_minutes": 10})
    for minutes in (0, 4, 8):
        clock.to(T0 + timedelta(minutes=minutes))
        assert rg.bet(p, 1)["status"] == "OK", minutes
    clock.to(T0 + timedelta(minutes=20))  # a 12-minute gap: the player had left; 8 minutes played
    assert rg.bet(p, 1)["status"] == "OK"
    clock.to(T0 + timedelta(minutes=23))  # 8 + 3 = 11 minutes: reached
    assert limit_of(rg.limits(p).json(), "session", "day")["used"] in (7.0, 8.0)  # whole minutes
    assert refused(rg.bet(p, 1))
    clock.to(datetime(2027, 3, 2, 0, 0, 30, tzinfo=timezone.utc))  # the next UTC day
    assert rg.bet(p, 1)["status"] == "OK"


def test_session_time_is_the_players_across_two_games(rg, pstack, http, clock):
    """Two Start Game sessions, bets alternating between them: the play time
    is the player's (both games together), so the limit is reached as in one
    game; wins still land."""
    from tests.e2e.journey_support import Backoffice, Journey, bo, launch
    from tests.e2e.protection_support import Player

    clock.to(T0)
    j = Journey(pstack, http)
    q = j.player()
    games = []
    for _ in range(2):
        r = j.start(q, "ecf559b11f0")
        assert r.status_code == 200, r.text
        games.append(Player(q["id"], q["brand"], q["token"], launch(r.json()["game_url"])[0], q["name"]))
    assert games[0].game_token != games[1].game_token
    p = games[0]
    office = Backoffice(pstack)
    try:
        office.AdjustBalance(bo.AdjustBalanceRequest(player_id=p.pid, direction=bo.DIRECTION_CREDIT, amount="100",
                                                     reason="test funds", idempotency_key=f"funds-{p.id}"))
    finally:
        office.close()
    rg.set_limits(p, {"session_minutes": 1})
    answers = []
    for i, seconds in enumerate(range(0, 321, 40)):
        clock.to(T0 + timedelta(seconds=seconds))
        answers.append(rg.bet(games[i % 2], 1, round_id=f"two-{i}")["status"])
    assert answers[:2] == ["OK", "OK"] and set(answers[2:]) == {"ERROR"}, answers
    assert rg.win(games[1], 2, round_id="two-1")["status"] == "OK"  # at 320 s: play goes on
    assert limit_of(rg.limits(p).json(), "session", "day")["used"] == 5.0
    r = http.post(pstack.url(f"/gateway/games/{V}/start-game/{p.brand}/ecf559b11f0/en"),
                  data=json.dumps({"auth_token": p.token}))
    assert r.status_code == 403 and r.json() == {"result": "session_limit_reached"}, r.text


# ------------------------------------------------------------------ VIP Connect


# operator-3's wallet is this platform's (brand 1, EUR): its patronId is the
# gateway player's ID. operator-1 is external: its patronIds are its own.
CASHIER, EXTERNAL = "operator-3", "operator-1"


def vip_session(http, stack, patron_id: str, amount: float, kind: str = "deposit", operator: str = CASHIER) -> dict:
    body = {"patronId": patron_id, "vipCardNumber": "7210536159", "dateOfBirth": "01/15/1985",
            "remainingDailyDeposit": 500.00, "walletBalance": 250.00, "transactionId": f"t-{uuid.uuid4().hex[:12]}",
            "transactionAmount": amount, "transactionType": kind,
            "returnUrl": "https://op.example/ok", "cancelRedirectUrl": "https://op.example/cancel",
            "productType": "preferred", "oneClickDiscountApplied": False}
    r = http.post(stack.url("/api/patronsession/existing"), data=json.dumps(body),
                  headers={"Authorization": f"Bearer {vip_token(operator)}"})
    assert r.status_code == 200, r.text
    return r.json()


def approve(http, stack, transaction_id: str, approved: bool = True, operator: str = CASHIER):
    return http.post(stack.url("/api/operator/DepositApproval"), data=json.dumps(
        {"transactionId": transaction_id, "approved": approved}), headers={"Authorization": f"Bearer {vip_token(operator)}"})


def declined(answer: dict) -> str | None:
    return answer["errorModel"]["errorCode"] if "errorModel" in answer else None


def confirm(http, stack, session_id: str) -> dict:
    r = http.post(stack.url(f"/api/sdk/sessions/{session_id}/confirm"), data=json.dumps({"bankAccountIndex": 0}))
    assert r.status_code == 200, r.text
    return r.json()


def test_vip_deposits_against_limits_time_out_and_exclusion_withdrawals_still_work(rg, pstack, http, clock):
    clock.to(T0)
    p = new_player(http, pstack)
    rg.set_limits(p, {"deposit": {"day": 50}})
    first = vip_session(http, pstack, p.pid, 30)
    assert "errorModel" not in first
    assert confirm(http, pstack, first["sessionId"])["status"] == "pending_approval"
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 30.0
    over = vip_session(http, pstack, p.pid, 25)
    assert over["sessionId"] == "00000000-0000-0000-0000-000000000000" and over["errorModel"]["errorCode"] == "121"
    # Two sessions opened under the limit: the second confirm fails.
    a, b = vip_session(http, pstack, p.pid, 15), vip_session(http, pstack, p.pid, 15)
    assert confirm(http, pstack, a["sessionId"])["status"] == "pending_approval"
    assert confirm(http, pstack, b["sessionId"])["status"] == "failed"
    # A rejected deposit no longer counts.
    r = approve(http, pstack, a["transactionId"], approved=False)
    assert r.status_code == 200 and r.json()["status"] == "rejected", r.text
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 30.0
    rg.timeout(p, "24h")
    timed_out = vip_session(http, pstack, p.pid, 20)
    assert timed_out["errorModel"]["errorCode"] == "120"
    assert "errorModel" not in vip_session(http, pstack, p.pid, 20, kind="withdraw")
    # Another patron id (no protections) is not affected.
    other = new_player(http, pstack)
    assert "errorModel" not in vip_session(http, pstack, other.pid, 20)


def test_vip_patron_id_has_one_spelling(rg, pstack, http, clock):
    """The own-wallet operator's patronId is the player's ID exactly: another
    spelling of it is no player (115), so it neither passes her protections
    nor opens a second wallet."""
    clock.to(T0)
    p = new_player(http, pstack)
    rg.exclude(p, "6m")
    assert declined(vip_session(http, pstack, p.pid, 20)) == "120"
    for spelling in ("0" + p.pid, "00" + p.pid, "+" + p.pid, p.pid + ".0", p.pid + "x",
                     "".join(chr(ord(c) + 0xFEE0) for c in p.pid)):
        answer = vip_session(http, pstack, spelling, 20)
        assert declined(answer) == "115" and answer["sessionId"] == "00000000-0000-0000-0000-000000000000", spelling
    # A withdrawal is no different: one spelling.
    assert declined(vip_session(http, pstack, "0" + p.pid, 20, kind="withdraw")) == "115"
    from tests.e2e.journey_support import Journey

    # A session stored under another spelling (opened before this rule) is
    # not settled into a second wallet: its approval is declined with 115.
    j = Journey(pstack, http)
    q = new_player(http, pstack)
    s = vip_session(http, pstack, q.pid, 20)
    assert confirm(http, pstack, s["sessionId"])["status"] == "pending_approval"
    j.sql("UPDATE vip_session SET operator_patron_id = :o WHERE id = :s", o="0" + q.pid, s=s["sessionId"])
    r = approve(http, pstack, s["transactionId"])
    assert r.status_code == 400 and r.json()["errorCode"] == "115", r.text
    assert balance(rg, q) == Decimal("1000")
    for who in (p, q):
        rows = j.sql("SELECT id FROM pam_player WHERE id LIKE :p", p="%" + who.pid + "%")
        assert [r[0] for r in rows] == [who.pid]


def test_other_operators_patron_ids_neither_probe_nor_poison(rg, pstack, http, clock):
    """An external operator's patronIds are its own: its session for a
    patronId that is also a gateway player's ID is not checked against that
    player's protections (no 120/121 to learn from), and its deposits do not
    count against her limits, before or after she sets one. (On the real
    clock: the deposits made before the limit are in its window.)"""
    clock.set(0)
    p = new_player(http, pstack)
    early = vip_session(http, pstack, p.pid, 40, operator=EXTERNAL)
    assert confirm(http, pstack, early["sessionId"])["status"] == "pending_approval"
    rg.set_limits(p, {"deposit": {"day": 50}})
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 0.0  # not counted when the limit is set
    for amount in (60, 45, 10):
        s = vip_session(http, pstack, p.pid, amount, operator=EXTERNAL)
        assert declined(s) is None, (amount, s)
        assert confirm(http, pstack, s["sessionId"])["status"] == "pending_approval"
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 0.0  # nor as they happen
    # The player's own cashier is checked and counted.
    assert declined(vip_session(http, pstack, p.pid, 60)) == "121"
    mine = vip_session(http, pstack, p.pid, 30)
    assert confirm(http, pstack, mine["sessionId"])["status"] == "pending_approval"
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 30.0
    rg.timeout(p, "24h")
    assert declined(vip_session(http, pstack, p.pid, 10, operator=EXTERNAL)) is None
    assert declined(vip_session(http, pstack, p.pid, 10)) == "120"
    # An external operator's rejection takes nothing back from her count.
    assert approve(http, pstack, early["transactionId"], approved=False, operator=EXTERNAL).status_code == 200
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 30.0


# ------------------------------------------------------- decisions (issue 20)


def test_a_deposit_confirmed_before_a_self_exclusion_is_not_settled_after_it(rg, pstack, http, clock):
    """The deposit's approval comes after the player excluded herself: it is
    refused with 120 and nothing moves; the operator rejects it, and it no
    longer counts. A deposit confirmed within a limit lowered later is
    settled: it was counted when it was confirmed."""
    clock.to(T0)
    p = new_player(http, pstack)
    rg.set_limits(p, {"deposit": {"day": 100}})
    s = vip_session(http, pstack, p.pid, 40)
    assert confirm(http, pstack, s["sessionId"])["status"] == "pending_approval"
    assert rg.exclude(p, "6m").status_code == 200
    r = approve(http, pstack, s["transactionId"])
    assert r.status_code == 400 and r.json()["errorCode"] == "120", r.text
    assert balance(rg, p) == Decimal("1000")
    r = approve(http, pstack, s["transactionId"], approved=False)
    assert r.status_code == 200 and r.json()["status"] == "rejected", r.text
    assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 0.0

    q = new_player(http, pstack)
    rg.set_limits(q, {"deposit": {"day": 100}})
    s = vip_session(http, pstack, q.pid, 40)
    assert confirm(http, pstack, s["sessionId"])["status"] == "pending_approval"
    rg.set_limits(q, {"deposit": {"day": 30}})  # lower: at once, for deposits still to come
    r = approve(http, pstack, s["transactionId"])
    assert r.status_code == 200 and r.json()["status"] == "settled", r.text
    assert balance(rg, q) == Decimal("1040")
    assert declined(vip_session(http, pstack, q.pid, 1)) == "121"


def test_back_office_cash_credits_are_no_deposits_and_no_bonus_during_a_time_out(rg, pstack, http, clock):
    """A back-office CASH credit is the operator's money (a correction, a
    refund, goodwill), not the player's deposit: it neither counts against nor
    is refused by a deposit limit, and it lands during a time-out (she can
    withdraw it; she cannot bet it). BONUS and PROMO credits are refused while
    a time-out or exclusion runs."""
    from tests.e2e.journey_support import Backoffice, bo, grpc_error, reason_of

    clock.to(T0)
    p = new_player(http, pstack)
    rg.set_limits(p, {"deposit": {"day": 10}})
    office = Backoffice(pstack)

    def adjust(amount, balance_kind=bo.BALANCE_KIND_CASH, direction=bo.DIRECTION_CREDIT):
        return office.AdjustBalance(bo.AdjustBalanceRequest(
            player_id=p.pid, direction=direction, balance=balance_kind, amount=amount, reason="goodwill",
            idempotency_key=f"d12-{uuid.uuid4().hex[:8]}"))

    try:
        assert adjust("100").balances.cash == "1100.000000"
        assert limit_of(rg.limits(p).json(), "deposit", "day")["used"] == 0.0
        assert declined(vip_session(http, pstack, p.pid, 10)) is None  # her limit is all hers
        assert adjust("2", bo.BALANCE_KIND_BONUS).balances.bonus == "2.000000"
        rg.timeout(p, "24h")
        assert adjust("5").balances.cash == "1105.000000"
        assert adjust("1", direction=bo.DIRECTION_DEBIT).balances.cash == "1104.000000"
        for kind in (bo.BALANCE_KIND_BONUS, bo.BALANCE_KIND_PROMO):
            code, st = grpc_error(lambda: adjust("3", kind))
            assert code.name == "FAILED_PRECONDITION" and reason_of(st) == "PLAYER_PROTECTION"
        assert refused(rg.bet(p, 1))
    finally:
        office.close()
