"""Issue 19: every expensive door is throttled, at the edge and in the server,
and a throttled call is answered at once with 429, Retry-After and the
family's own error body; a burst of logins beyond the server's hash budget
never makes a concurrent bet fail or wait past the lock timeout.

Counts and codes only, through the real Envoy and server. Each stack sets the
limits it tests (tests/e2e/stack.py FUNCTIONAL_LIMITS are the generous ones of
the other tests); one trusted hop lets a test name its client address in
X-Forwarded-For."""

from __future__ import annotations

import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from server.config import Settings
from tests.e2e.stack import start_stack, stop_stack
from tests.support.tokens import vip_token
from tests.support.pam_support import API_TOKEN, new_player, raw_json, tx

pytestmark = pytest.mark.e2e

TOO_MANY_GATEWAY = {"errMsg": "too many requests - try again later"}


def _limit(route=100000, address=10000000, client=10000000) -> str:
    return json.dumps({"route": route, "address": address, "client": client})


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    """Tight edge limits (a generous hash budget, so only Envoy refuses)."""
    tmp = tmp_path_factory.mktemp("edge-limits")
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}", {
        "PITBOSS_TRUSTED_HOPS": "1",
        "PITBOSS_LIMIT_LOGIN": _limit(address=3),
        "PITBOSS_LIMIT_REGISTRATION": _limit(address=2),
        "PITBOSS_LIMIT_PASSWORD_RESET": _limit(address=2),
        "PITBOSS_LIMIT_ACTIVATION": _limit(route=2),
        "PITBOSS_LIMIT_TWO_FACTOR": _limit(client=2),
        "PITBOSS_LIMIT_MTS_TOKEN": _limit(address=3),
        "PITBOSS_LIMIT_VIP_SESSION": _limit(client=2),
        "PITBOSS_LIMIT_VIP_INQUIRY": _limit(address=2),
    })
    yield s
    assert stop_stack(s) == 0


def _send(stack, method: str, path: str, address: str, body: str = "{}", headers: dict | None = None,
          content_type: str = "application/json") -> requests.Response:
    h = {"X-Forwarded-For": address, "Content-Type": content_type, **(headers or {})}
    return requests.request(method, stack.http + path, data=body, headers=h, timeout=30)


def _assert_throttled(r: requests.Response, body: dict | None = None) -> dict:
    assert r.status_code == 429, r.text
    assert int(r.headers["retry-after"]) >= 1, r.headers
    assert r.headers["content-type"].startswith("application/json")
    got = r.json()
    if body is not None:
        assert got == body
    return got


def _statuses(responses) -> list[int]:
    return [r.status_code for r in responses]


# (door, method, path, body, content type, the limit per address set above)
PER_ADDRESS = [
    ("login", "POST", "/gateway/login/1.30.00/1/player", '{"user_name": "nobody", "password": "x"}', 3),
    ("registration", "POST", "/gateway/reg-step-two/1.30.00/1", '{"auth_token": "x"}', 2),
    ("password reset", "POST", "/gateway/admission/1.30.00/forgot/password/1", '{"mail": "a@example.com"}', 2),
    ("password verification", "PUT", "/gateway/admission/1.30.00/verify/password/1?hash=x", '{}', 2),
]


@pytest.mark.parametrize("door,method,path,body,limit", PER_ADDRESS, ids=[d[0] for d in PER_ADDRESS])
def test_gateway_doors_are_limited_per_client_address(edge, door, method, path, body, limit):
    address = f"10.1.{PER_ADDRESS.index(next(d for d in PER_ADDRESS if d[0] == door))}.1"
    answers = [_send(edge, method, path, address, body) for _ in range(limit + 3)]
    statuses = _statuses(answers)
    assert all(s != 429 for s in statuses[:limit]), statuses
    for r in answers[limit:]:
        _assert_throttled(r, TOO_MANY_GATEWAY)
    # Another address has its own share.
    assert _send(edge, method, path, address.replace(".1", ".2", 1), body).status_code != 429


def test_login_spelt_as_its_grpc_method_is_limited_too(edge):
    path = "/pitboss.gateway.v1.PlayerGatewayService/Login"
    body = '{"brand_id": "1", "version": "1.30.00", "user_name": "nobody", "password": "x"}'
    statuses = _statuses(_send(edge, "POST", path, "10.2.0.1", body) for _ in range(6))
    assert statuses.count(429) == 3, statuses


def test_a_door_as_a_whole_is_limited_whatever_the_address(edge):
    # Activation resend: 2 a second for the door; every request from a new address.
    path = "/gateway/admission/1.30.00/resend/activation/email/1"
    answers = [_send(edge, "POST", path, f"10.3.0.{i}") for i in range(1, 11)]
    statuses = _statuses(answers)
    assert statuses.count(429) >= 5 and set(statuses) <= {401, 429}, statuses
    for r in answers:
        if r.status_code == 429:
            _assert_throttled(r, TOO_MANY_GATEWAY)


def test_two_factor_is_limited_per_player_token(edge):
    path = "/gateway/player-data/1.30.00/send/code/1"
    answers = [_send(edge, "POST", path, f"10.4.0.{i}", headers={"x-auth-token": "the-same-token"})
               for i in range(1, 6)]
    assert _statuses(answers).count(429) == 3, _statuses(answers)
    for r in answers[2:]:
        _assert_throttled(r, TOO_MANY_GATEWAY)
    assert _send(edge, "POST", path, "10.4.0.9", headers={"x-auth-token": "another"}).status_code != 429


def test_mts_token_answers_an_oauth_429(edge):
    form = "grant_type=client_credentials&client_id=nobody&client_secret=x"
    answers = [_send(edge, "POST", "/mts/v3/oauth/token", "10.5.0.1", form,
                     content_type="application/x-www-form-urlencoded") for _ in range(5)]
    statuses = _statuses(answers)
    assert statuses == [401, 401, 401, 429, 429], statuses
    for r in answers[3:]:
        body = _assert_throttled(r)
        assert body["error"] == "temporarily_unavailable" and body["error_description"]
        assert r.headers["cache-control"] == "no-store"


def test_vip_sessions_are_limited_per_operator_token(edge):
    token = vip_token("operator-1")
    answers = [_send(edge, "POST", "/api/patronsession/existing", f"10.6.0.{i}", "{}",
                     {"Authorization": f"Bearer {token}"}) for i in range(1, 6)]
    statuses = _statuses(answers)
    assert statuses[:2] == [400, 400] and statuses[2:] == [429, 429, 429], statuses
    for r in answers[2:]:
        body = _assert_throttled(r)
        assert body["errorCode"] == "429" and body["operatorErrorMessage"] and body["patronErrorMessage"]


def test_vip_account_inquiry_is_limited_per_address(edge):
    token = vip_token("operator-2")
    answers = [_send(edge, "POST", "/api/patronsession/accountlookup", "10.7.0.1", "{}",
                     {"Authorization": f"Bearer {token}"}) for _ in range(4)]
    assert _statuses(answers)[2:] == [429, 429], _statuses(answers)
    assert answers[3].json()["errorCode"] == "429"


def test_other_paths_and_the_wallet_are_not_rate_limited(edge):
    pid, token = new_player(edge.database_url)
    h = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "-"}
    statuses = {requests.get(f"{edge.http}/players/{pid}/balance?provider=evolution", headers=h,
                             timeout=30).status_code for _ in range(30)}
    assert statuses == {200}
    assert {requests.get(edge.http + "/healthz", timeout=30).status_code for _ in range(30)} == {200}


# ---------------------------------------------------------------- the server's hash budget

@pytest.fixture(scope="module")
def budget(tmp_path_factory):
    """Generous edge limits; a hash budget of 3 at once, refilled too slowly to matter here."""
    tmp = tmp_path_factory.mktemp("hash-budget")
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}", {
        "PITBOSS_HASH_RATE": "0.001", "PITBOSS_HASH_BURST": "3", "PITBOSS_HASH_WORKERS": "1",
        "PITBOSS_HASH_QUEUE": "20"})
    yield s
    assert stop_stack(s) == 0


def _login(stack, name="itamar1", password="Secret123", address="127.0.0.1") -> requests.Response:
    return _send(stack, "POST", "/gateway/login/1.30.00/1/player", address,
                 json.dumps({"user_name": name, "password": password}))


def test_logins_beyond_the_hash_budget_answer_429_while_its_share_succeeds(budget):
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda _: _login(budget), range(10)))
    statuses = _statuses(answers)
    assert statuses.count(200) == 3 and statuses.count(429) == 7, statuses
    for r in answers:
        if r.status_code == 429:
            _assert_throttled(r, TOO_MANY_GATEWAY)
    # The budget is the process's, whichever door asks: the MTS token too.
    r = _send(budget, "POST", "/mts/v3/oauth/token", "127.0.0.1",
              "grant_type=client_credentials&client_id=mts-demo-client&client_secret=mts-demo-secret",
              content_type="application/x-www-form-urlencoded")
    body = _assert_throttled(r)
    assert body["error"] == "temporarily_unavailable"


# ---------------------------------------------------------------- bets beside a login burst

LOCK_TIMEOUT_MS = 2000


@pytest.fixture(params=["sqlite", "postgresql"])
def wallet_stack(request, tmp_path_factory):
    """The shipped hash budget (PITBOSS_HASH_* defaults), edge limits the
    burst does not reach, and a 2-second lock timeout."""
    tmp = tmp_path_factory.mktemp(f"burst-{request.param}")
    url = (f"sqlite:///{tmp / 'pitboss.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres").create())
    env = {"PITBOSS_PAM_LOCK_TIMEOUT_MS": str(LOCK_TIMEOUT_MS)}
    for name in ("hash_rate", "hash_burst", "hash_workers", "hash_queue", "family_threads", "hash_nice"):
        env[f"PITBOSS_{name.upper()}"] = str(Settings.model_fields[name].default)
    s = start_stack(tmp, url, env)
    yield s
    assert stop_stack(s) == 0


def test_a_login_burst_beyond_the_hash_budget_never_fails_or_stalls_a_bet(wallet_stack):
    pid, token = new_player(wallet_stack.database_url, cash="1000")
    h = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "-",
         "Content-Type": "application/json"}
    url = f"{wallet_stack.http}/players/{pid}/transactions?provider=evolution"
    bets: list[tuple[int, str, float]] = []
    stop = threading.Event()

    def bettor():
        with requests.Session() as http:
            while not stop.is_set():
                tid = uuid.uuid4().hex
                t0 = time.monotonic()
                r = http.post(url, data=raw_json(tx("WITHDRAW", tid, cash="0.01", round_id=tid)), headers=h, timeout=30)
                bets.append((r.status_code, r.json().get("status", ""), time.monotonic() - t0))

    thread = threading.Thread(target=bettor)
    thread.start()
    try:
        with ThreadPoolExecutor(16) as pool:
            logins = list(pool.map(lambda i: _login(wallet_stack, address=f"10.9.{i // 250}.{i % 250 + 1}"),
                                   range(60)))
    finally:
        stop.set()
        thread.join(60)
    statuses = _statuses(logins)
    assert statuses.count(429) > 0 and statuses.count(200) > 0, statuses
    assert set(statuses) <= {200, 429}, statuses  # never a 5xx
    assert len(bets) >= 5
    assert [b for b in bets if b[:2] != (200, "OK")] == []
    assert max(b[2] for b in bets) < LOCK_TIMEOUT_MS / 1000, max(b[2] for b in bets)
