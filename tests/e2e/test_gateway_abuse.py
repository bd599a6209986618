"""Player gateway under abuse: an attacker with the password cannot send SMS
or try codes without bound, and one with a session token alone cannot move
the account's phone number or email address silently (the account's address
is told of each; a new address, and a new number where verification is
enabled, wait for proof of the new contact; docs/gateway.md)."""

from __future__ import annotations

import pytest

from tests.e2e.gateway_support import V, gw, smtp  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e

DETAILS = f"/gateway/player-personal-details/player/details/{V}/1"
EMAIL_UPDATE = f"/gateway/player-personal-details/player/details/emailUpdate/{V}/1"
VALIDATE = f"/gateway/player-data/{V}/validate/code/1"
THROTTLED = {"errMsg": "code already sent - try again later"}


def two_fa_player(gw):
    p = gw.full_player()
    gw.sql("UPDATE gateway_player SET is_2fa_required = :t WHERE id = :p", t=True, p=p["id"])
    return p


def test_sms_sends_are_limited_per_account(gw):
    p = two_fa_player(gw)
    for _ in range(10):  # PITBOSS_GATEWAY_2FA_MAX_SENDS_PER_WINDOW (10): each login sends one
        assert gw.login(p["name"]).status_code == 403
    r = gw.login(p["name"])
    assert (r.status_code, r.json()) == (429, THROTTLED)
    assert len(gw.outbox(p["id"], "sms")) == 10


def test_wrong_codes_are_limited_per_account(gw):
    p = two_fa_player(gw)
    tried = 0
    while tried < 10:  # PITBOSS_GATEWAY_2FA_MAX_ATTEMPTS_PER_WINDOW (10), over several challenges
        hdr = {"2fa-auth-token": gw.login(p["name"]).json()["data"]["2fa_auth_token"]}
        wrong = "000000" if gw.last_sms_code(p["id"]) != "000000" else "111111"
        for _ in range(min(3, 10 - tried)):
            r = gw.call("PUT", VALIDATE, body={"sms_code": wrong}, headers=hdr)
            assert r.status_code == 422 and r.json()["result"][0]["errorCode"] == "sms_code_invalid", r.text
            tried += 1
    hdr = {"2fa-auth-token": gw.login(p["name"]).json()["data"]["2fa_auth_token"]}
    r = gw.call("PUT", VALIDATE, body={"sms_code": gw.last_sms_code(p["id"])}, headers=hdr)  # even the right one
    assert r.status_code == 422 and r.json() == {"result": "Authentication attempts limit exceeded"}


def test_a_session_token_alone_cannot_move_the_phone_or_the_email_silently(gw):
    """Without the password (the vendor asks for none), a changed address
    waits for the link mailed to it; a changed phone number applies at once
    where verification is not enabled (brand 1, no 2FA), and waits for its
    code for a 2FA player; the account's address is told of each (issue 20)."""
    p = gw.full_player()
    assert gw.call("PUT", DETAILS, p["token"], {"phone": "44-7000002"}).status_code == 204
    new = "moved-" + p["email"]
    assert gw.call("POST", EMAIL_UPDATE, p["token"], {"email": new}).status_code == 204
    assert gw.call("GET", DETAILS, p["token"]).json()["eMail"]["eMailAdress"] == p["email"]
    told = {o[3] for o in gw.outbox(p["id"], "email") if o[1] == p["email"]}
    assert {"phone_changed", "email_changed"} <= told
    q = two_fa_player(gw)
    r = gw.call("PUT", DETAILS, q["token"], {"phone": "44-7000003"})
    assert r.status_code == 403 and r.json()["status"] == "mobile_verification_required"
    assert gw.call("GET", DETAILS, q["token"]).json()["phone"] == "356-1234567"
    assert "phone_changed" in {o[3] for o in gw.outbox(q["id"], "email") if o[1] == q["email"]}
    # A wrong password, when sent, is refused.
    for path, body in ((DETAILS, {"phone": "44-7000004", "password": "Wrong1234"}),
                       (EMAIL_UPDATE, {"email": "x" + new, "password": "Wrong1234"})):
        r = gw.call("PUT" if path == DETAILS else "POST", path, p["token"], body)
        assert r.status_code == 422 and r.json() == {"result": [{"field": "password", "errorCode": "wrong_password"}]}


def test_guessing_the_password_with_a_session_token_locks_the_account(gw):
    p = gw.full_player()
    for _ in range(3):  # PITBOSS_GATEWAY_LOGIN_MAX_FAILURES=3 in this stack
        r = gw.call("PUT", DETAILS, p["token"], {"phone": "44-7000003", "password": "Wrong1234"})
        assert r.status_code == 422
    r = gw.call("PUT", DETAILS, p["token"], {"phone": "44-7000003", "password": "Secret123"})
    assert r.status_code == 429 and r.json() == {"errMsg": "too many failed logins - try again later"}
    assert gw.login(p["name"]).status_code == 429
