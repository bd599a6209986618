"""Licence gates, identity and age, through Envoy on both backends
(docs/compliance.md): brand 3's gates at each door (login's actions, Start
Game, PAM bets, VIP deposits), the verification simulator running as an HTTP
server (registration step two -> the outbox -> the simulator -> its signed
callback), the back office's setting, and the callback's signature, replay,
malformed and unknown-player cases.

Each backend gets a stack of its own: operator-3, the cashier whose wallet is
this platform's, is moved to brand 3 here."""

from __future__ import annotations

import json
import secrets
import time

import pytest
import requests

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from server.config import DEMO_VERIFICATION_SECRET
from server.domain import identity
from tests.e2e.journey_support import NIL, PASSWORD, V, Backoffice, Journey, launch
from tests.e2e.stack import start_stack, stop_stack
from tests.support.pam_support import Pam, tx

pytestmark = pytest.mark.e2e
CALLBACK = f"/gateway/verification/{V}/callback"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def gated(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gates")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'pitboss.db'}"
    else:
        url = request.getfixturevalue("postgres").create()
    # The callback door's edge limit per address is low enough to reach in
    # the last test, and above what the others send.
    s = start_stack(tmp, url, extra_env={"PITBOSS_VERIFICATION_POLL_SECONDS": "0.2",
                                         "PITBOSS_VERIFICATION_SIMULATOR_DELAY": "0.5",
                                         "PITBOSS_LIMIT_VERIFICATION_CALLBACK": '{"route": 1000, "address": 60}'})
    with requests.Session() as http:
        j = Journey(s, http)
        j.sql("UPDATE vip_operator_wallet SET brand_id = 3 WHERE operator_id = 'operator-3'")
        yield j
        j._engine and j._engine.dispose()
    assert stop_stack(s) == 0


def status_of(j: Journey, player_id: int) -> str:
    return j.sql("SELECT verification_status FROM gateway_player WHERE id = :p", p=player_id)[0][0]


def wait_status(j: Journey, player_id: int, want: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if status_of(j, player_id) == want:
            return
        time.sleep(0.2)
    raise AssertionError(f"status {status_of(j, player_id)!r}, not {want!r}, after {timeout} s")


def login(j: Journey, user: str, brand: int = 3):
    return j.call("POST", f"/gateway/login/{V}/{brand}/player",
                  body={"user_name": user, "password": PASSWORD, "language": "en"})


def set_status(j: Journey, player_id: int, status: str) -> None:
    b = Backoffice(j.stack)
    try:
        r = b.SetVerificationStatus(bo.SetVerificationStatusRequest(player_id=str(player_id), status=status,
                                                                    reason="document checked"))
        assert r.verification_status == status
    finally:
        b.close()


def brand3player(j: Journey) -> int:
    return j.sql("SELECT id FROM gateway_player WHERE user_name_key = 'brand3player'")[0][0]


def test_brand3player_is_gated_at_every_door_until_verified(gated):
    j = gated
    pid = brand3player(j)
    set_status(j, pid, "none")
    # Login: the token works, the site is told.
    r = login(j, "brand3player")
    assert r.status_code == 303, r.text
    assert r.json()["actions"] == [identity.VERIFICATION_REQUIRED]
    p = {"id": pid, "token": r.json()["token"], "brand": 3}
    # Start Game: 403 verification_required.
    r = j.start(p, "ecf559b11f0")
    assert r.status_code == 403 and r.json() == {"result": "verification_required"}, r.text
    # Brand 1's player is not gated (policy nothing).
    r = login(j, "itamar1", brand=1)
    assert identity.VERIFICATION_REQUIRED not in r.json().get("actions", [])

    # The back office verifies: the doors open.
    set_status(j, pid, "verified")
    r = login(j, "brand3player")
    assert r.status_code == 200, r.text
    p["token"] = r.json()["auth_token"]
    r = j.start(p, "ecf559b11f0")
    assert r.status_code == 200, r.text
    pam_token, _ = launch(r.json()["game_url"])
    b = Backoffice(j.stack)
    try:
        b.AdjustBalance(bo.AdjustBalanceRequest(player_id=str(pid), direction=bo.DIRECTION_CREDIT, amount="100",
                                                reason="test funds", idempotency_key=secrets.token_hex(8)))
    finally:
        b.close()
    pam = Pam(j.http, j.stack.http)
    r = pam.add(str(pid), pam_token, tx("WITHDRAW", "g1", cash="5", currency="EUR", round_id="gr1"))
    assert r.json()["status"] == "OK", r.text
    deposit = j.vip_session(p, "deposit", 50.0)
    assert deposit["sessionId"] != NIL, deposit

    # Failed (the back office corrects it): the bet is refused from the
    # wallet's own row, the deposit declined, the withdrawal still offered.
    set_status(j, pid, "failed")
    r = pam.add(str(pid), pam_token, tx("WITHDRAW", "g2", cash="5", currency="EUR", round_id="gr2"))
    body = r.json()
    assert body["status"] == "ERROR" and body["error"]["code"] == "PAM_ERR_BET_NOT_ALLOWED", r.text
    r = pam.add(str(pid), pam_token, tx("DEPOSIT", "g3", cash="7", currency="EUR", round_id="gr1", over=True))
    assert r.json()["status"] == "OK", r.text  # the open round is paid out
    deposit = j.vip_session(p, "deposit", 50.0)
    assert deposit["sessionId"] == NIL and deposit["errorModel"]["errorCode"] == identity.VIP_DECLINE_CODE, deposit
    withdraw = j.vip_session(p, "withdraw", 20.0, wallet_balance=100.0)
    assert withdraw.get("errorModel", {}).get("errorCode") != identity.VIP_DECLINE_CODE, withdraw
    r = j.start(p, "ecf559b11f0")
    assert r.status_code == 403 and r.json() == {"result": "verification_required"}
    # Audited.
    rows = j.sql("SELECT action FROM audit_log WHERE subject_id = :p AND action = 'verification.set'",
                 p=str(pid))
    assert len(rows) >= 2


def register_two(j: Journey, last_name: str) -> int:
    name = "v" + secrets.token_hex(5)
    r = j.call("POST", f"/gateway/reg-step-one/{V}/3", body={
        "loginName": name, "email": f"{name}@example.com", "password": PASSWORD, "over18": True,
        "signTNC": True, "signPrivacy": True, "language": "en", "btag": "", "bonusCode": "", "currency": "EUR"})
    assert r.status_code == 200, r.text
    reg = r.json()
    r = j.call("POST", f"/gateway/reg-step-two/{V}/3", body={
        "auth_token": reg["auth_token"], "firstName": "Ann", "lastName": last_name, "birthDate": "02/11/1990",
        "gender": "F", "language": "en", "country": "GB", "city": "London", "address": "1 Road",
        "zipCode": "E1 1AA", "mobileNumber": "44-7700900123"})
    assert r.status_code == 200, r.text
    return reg["player_id"]


def test_step_two_goes_to_the_simulator_which_calls_back(gated):
    j = gated
    ok, bad = register_two(j, "Lee"), register_two(j, "Unverifiable")
    assert {status_of(j, ok), status_of(j, bad)} <= {"pending", "verified", "failed"}
    wait_status(j, ok, "verified")
    wait_status(j, bad, "failed")
    rows = j.sql("SELECT kind, sent_at FROM gateway_outbox WHERE player_id = :p AND channel = 'http'", p=ok)
    assert len(rows) == 1 and rows[0][0] == "verification" and rows[0][1] is not None


def test_an_underage_birth_date_is_refused_by_the_brands_minimum_age(gated):
    j = gated
    b = Backoffice(j.stack)
    r = b.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(brand_id=3, min_age=21, reason="licence of 21"))
    assert (r.settings.min_age, r.settings.verification_policy) == (21, "deposits_and_play")
    assert r.settings.verification_secret_set and r.settings.verification_url.endswith("/verify")
    try:
        name = "u" + secrets.token_hex(5)
        r = j.call("POST", f"/gateway/reg-step-one/{V}/3", body={
            "loginName": name, "email": f"{name}@example.com", "password": PASSWORD, "over18": True,
            "signTNC": True, "language": "en", "btag": "", "bonusCode": "", "currency": "EUR"})
        year = time.gmtime().tm_year - 20
        r = j.call("POST", f"/gateway/reg-step-two/{V}/3", body={
            "auth_token": r.json()["auth_token"], "firstName": "Ann", "lastName": "Lee",
            "birthDate": f"01/01/{year}", "gender": "F", "language": "en", "country": "GB", "city": "London",
            "address": "1 Road", "zipCode": "E1", "mobileNumber": "44-7700900123"})
        assert r.status_code == 422 and {"field": "birthDate", "errorCode": "underage"} in r.json()["result"], r.text
    finally:
        b.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(brand_id=3, min_age=18, reason="back to 18"))
        b.close()


def callback(j: Journey, body: dict | bytes, secret: str = DEMO_VERIFICATION_SECRET, signature: str | None = None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    sig = signature if signature is not None else identity.sign(secret, raw)
    return j.http.post(j.stack.url(CALLBACK), data=raw, headers={
        "content-type": "application/json", identity.SIGNATURE_HEADER: sig})


def test_the_callback_signature_replay_and_unknown_player(gated):
    j = gated
    pid = brand3player(j)
    set_status(j, pid, "none")
    body = {"brandId": 3, "playerId": pid, "status": "verified", "timestamp": int(time.time()),
            "nonce": secrets.token_hex(8)}
    for sig in ("", "0" * 64):
        r = callback(j, body, signature=sig)
        assert r.status_code == 401 and r.json() == {"errMsg": "invalid signature"}, r.text
    r = callback(j, body, secret="not-the-secret")
    assert r.status_code == 401 and status_of(j, pid) == "none"
    r = callback(j, dict(body, brandId=1))  # brand 1 has no vendor secret
    assert r.status_code == 401
    r = callback(j, body)
    assert r.status_code == 200 and r.json() == {"result": "verified"}, r.text
    assert status_of(j, pid) == "verified"
    set_status(j, pid, "none")
    r = callback(j, body)  # the same signed body again
    assert r.status_code == 401 and r.json() == {"errMsg": "replayed"} and status_of(j, pid) == "none"
    stale = dict(body, nonce=secrets.token_hex(8), timestamp=int(time.time()) - 3600)
    assert callback(j, stale).status_code == 401 and status_of(j, pid) == "none"
    r = callback(j, dict(body, playerId=999999999, nonce=secrets.token_hex(8)))
    assert r.status_code == 404 and r.json() == {"errMsg": "unknown player"}, r.text
    r = callback(j, b"{not json")
    assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}, r.text
    assert callback(j, dict(body, status="none", nonce=secrets.token_hex(8))).status_code == 400


def test_the_callback_door_is_throttled_at_the_edge(gated):
    """Forged callbacks from one address stop at Envoy (429, Retry-After)
    before the server checks any signature (runs last: it spends the
    address's budget)."""
    j = gated
    codes = []
    for _ in range(80):
        r = callback(j, b"{}", signature="0" * 64)
        codes.append(r.status_code)
        if r.status_code == 429:
            assert r.headers.get("Retry-After") and r.json() == {"errMsg": "too many requests - try again later"}
            break
    assert codes[-1] == 429 and set(codes[:-1]) <= {400}, codes
