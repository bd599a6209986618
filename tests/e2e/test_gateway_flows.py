"""Player gateway flows through Envoy: required actions, passwords and email
(with a real SMTP server on loopback), lockout, 2FA by SMS, the outbox CLI."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time

import pytest

from tests.support import ROOT, SECRET
from tests.e2e.gateway_support import (  # noqa: F401  (fixtures)
    HASH_RE,
    INVALID_TOKEN,
    PASSWORD,
    V,
    ago,
    gw,
    smtp,
)

pytestmark = pytest.mark.e2e

DETAILS = f"/gateway/player-personal-details/player/details/{V}/1"
EMAIL_UPDATE = f"/gateway/player-personal-details/player/details/emailUpdate/{V}/1"
CHANGE = f"/gateway/admission/{V}/player/1/change/password"
FORGOT = f"/gateway/admission/{V}/forgot/password/1"
VERIFY = f"/gateway/admission/{V}/verify/password/1"
VERIFY_EMAIL = f"/gateway/admission/{V}/verify/email/1"
RESEND = f"/gateway/admission/{V}/resend/activation/email/1"
STATUS = f"/gateway/online-player/{V}/player/1/online/status"
INFO = f"/gateway/online-player/{V}/1/player/info"
INGAME = f"/gateway/online-player/{V}/player/1/online/ingame/status/gs-9"
SEND = f"/gateway/player-data/{V}/send/code/1"
VALIDATE = f"/gateway/player-data/{V}/validate/code/1"


def online_answers(gw, token, code):
    for path in (STATUS, INFO, INGAME):
        r = gw.call("GET", path, token)
        if code is None and path == INGAME:  # no such game session (Start Game makes them)
            assert r.status_code == 400 and r.json() == {"errMsg": "invalid input - invalid game session id"}
        elif code is None:
            assert r.status_code in (200, 303), (path, r.text)
        else:
            assert r.status_code == 401 and r.json() == {"result": code}, (path, r.text)


# ------------------------------------------------------------------ required actions


def test_required_actions_are_set_and_cleared(gw):
    p = gw.register()  # T&C not signed at registration
    online_answers(gw, p["token"], "INCOMPLETE_REGISTRATION")
    r = gw.login(p["name"])
    assert r.status_code == 303
    assert set(r.json()) == {"token", "result", "actions"}
    assert r.json()["result"] == "INCOMPLETE_REGISTRATION"
    assert r.json()["actions"] == ["INCOMPLETE_REGISTRATION", "TNC_APPROVAL_REQUIRED", "PRIVACY_APPROVAL_REQUIRED",
                                   "EMAIL_NOT_VERIFIED"]
    assert gw.call("GET", INFO, r.json()["token"]).json() == {"result": "INCOMPLETE_REGISTRATION"}

    assert gw.step_two(p).status_code == 200
    online_answers(gw, p["token"], "TNC_APPROVAL_REQUIRED")

    r = gw.sign(p, "tnc")
    assert r.status_code == 303 and r.json() == {"sign: ": ["privacy_policy"]}
    online_answers(gw, p["token"], "PRIVACY_APPROVAL_REQUIRED")

    r = gw.sign(p, "privacy")
    assert r.status_code == 201 and r.json() == {"result": "successfully signed TNC"}
    online_answers(gw, p["token"], "EMAIL_NOT_VERIFIED")
    assert gw.login(p["name"]).json()["actions"] == ["EMAIL_NOT_VERIFIED"]

    h = gw.verify_link(p["email"])
    r = gw.call("GET", VERIFY_EMAIL, params={"hash": h})
    assert r.status_code == 200 and r.json() == {"message_format": "email_verified"}
    online_answers(gw, p["token"], None)
    r = gw.login(p["name"])
    assert r.status_code == 200 and r.json()["result"] == "OK"
    assert r.json()["actions"] == ["responsible_gaming", "limits", "timeout", "self_exclusion"]  # the menu

    # A temporary password (set by the back office).
    gw.sql("UPDATE gateway_player SET password_change_required = :t WHERE id = :p", t=True, p=p["id"])
    online_answers(gw, p["token"], "PASSWORD_CHANGE_REQUIRED")
    r = gw.login(p["name"])
    assert r.status_code == 303 and r.json()["result"] == "PASSWORD_CHANGE_REQUIRED"
    r = gw.call("PUT", CHANGE, p["token"], {"old_password": PASSWORD, "new_password": "Newpass123"})
    assert r.status_code == 202 and r.json() == {"message_format": "password_replaced"}
    online_answers(gw, p["token"], None)


def test_privacy_first_then_tnc(gw):
    p = gw.register()
    r = gw.sign(p, "privacy")
    assert r.status_code == 303 and r.json() == {"sign: ": ["tnc"]}
    assert gw.sign(p, "tnc").status_code == 201
    r = gw.sign(p, "tnc")  # signing again is harmless
    assert r.status_code == 201
    r = gw.sign(p, "cookies")
    assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}


def test_change_password_303_when_tnc_still_unsigned(gw):
    p = gw.full_player()
    gw.sql("UPDATE gateway_player SET tnc_signed_at = NULL WHERE id = :p", p=p["id"])
    r = gw.call("PUT", CHANGE, p["token"], {"old_password": PASSWORD, "new_password": "Changed123"})
    assert r.status_code == 303 and r.json() == {"message_format": "tnc_approval_required"}
    assert gw.login(p["name"], "Changed123").status_code == 303


# ------------------------------------------------------------------ 422 tables

PASSWORD_TABLE = [
    ("Ab1", ["password_short", "password_same_letters"]),
    ("Abcd1234567890xy", ["password_long"]),
    ("abcdefgh", ["password_mix_characters"]),
    ("12345678", ["password_mix_characters"]),
    ("aab1aab1", ["password_same_letters"]),
    ("abc1111x", ["password_same_letters"]),
    ("Good1234", []),
]


@pytest.mark.parametrize("new,codes", PASSWORD_TABLE)
def test_change_password_rules(gw, new, codes):
    p = gw.full_player()
    r = gw.call("PUT", CHANGE, p["token"], {"old_password": PASSWORD, "new_password": new})
    if not codes:
        assert r.status_code == 202
        return
    assert r.status_code == 422
    assert r.json() == {"result": [{"field": "password", "errorCode": c} for c in codes]}


def login_name_without_runs() -> str:
    """A random login name that, upper-cased, is a valid password breaking no
    rule but password_match_user_name: 10 characters, letters and digits, at
    least four distinct, and no three identical in a row (which would also
    break password_same_letters: "usr" + "aaa..." once did)."""
    while True:
        name = "usr" + os.urandom(3).hex() + "9"
        if not re.search(r"(.)\1\1", name):
            return name


def test_password_must_differ_from_user_name_and_email_and_old_must_match(gw):
    p = gw.full_player(loginName=login_name_without_runs())
    r = gw.call("PUT", CHANGE, p["token"], {"old_password": PASSWORD, "new_password": p["name"].upper()})
    assert r.status_code == 422
    assert r.json() == {"result": [{"field": "password", "errorCode": "password_match_user_name"}]}
    r = gw.call("PUT", CHANGE, p["token"], {"old_password": "Wrong1234", "new_password": "abc"})
    assert r.status_code == 422
    assert r.json() == {"result": [
        {"field": "password", "errorCode": "wrong_old_password"},
        {"field": "password", "errorCode": "password_short"},
        {"field": "password", "errorCode": "password_same_letters"},
        {"field": "password", "errorCode": "password_mix_characters"},
    ]}
    assert gw.login(p["name"]).status_code == 200  # nothing changed


def test_change_password_revokes_other_tokens(gw):
    p = gw.full_player()
    other = gw.token(p["name"])
    r = gw.call("PUT", CHANGE, p["token"], {"old_password": PASSWORD, "new_password": "Brandnew12"})
    assert r.status_code == 202
    assert gw.call("GET", INFO, other).json() == INVALID_TOKEN
    assert gw.call("GET", INFO, p["token"]).status_code == 200
    assert gw.login(p["name"]).status_code == 401
    assert gw.login(p["name"], "Brandnew12").status_code == 200


EMAIL_TABLE = [
    ("", "email_required"),
    ("   ", "email_required"),
    ("a" * 95 + "@x.com", "email_long"),
    ("no-at-sign", "email_syntax_error"),
    ("two@@x.com", "email_syntax_error"),
    ("a b@x.com", "email_syntax_error"),
    ("a..b@x.com", "invalid_email"),
    ("ab@-x.com", "invalid_email"),
    ("ab@x.c0m", "invalid_email"),
    ("ab@mailinator.com", "email_fraud"),
    ("ab@FRAUD-MAIL.TEST", "email_fraud"),
    ("playermael@domain.com", "email_already_exists"),
    ("PLAYER2@domain.com", None),  # brand 2's player: another tenant
]


@pytest.mark.parametrize("email,code", EMAIL_TABLE)
def test_email_update_rules(gw, email, code):
    p = gw.full_player()
    r = gw.call("POST", EMAIL_UPDATE, p["token"], {"email": email, "comment": "test", "password": PASSWORD})
    if code is None:
        assert r.status_code == 204
        return
    assert r.status_code == 422
    assert r.json() == {"result": [{"field": "email", "errorCode": code}]}


def test_test_players_skip_the_fraud_check(gw):
    p = gw.register(loginName="qqtst_" + os.urandom(3).hex(), email=f"q{os.urandom(3).hex()}@mailinator.com")
    assert p["id"]
    r = gw.call("POST", f"/gateway/reg-step-one/{V}/1", body={
        "loginName": "gw" + os.urandom(4).hex(), "email": "x@mailinator.com", "password": PASSWORD, "over18": True})
    assert r.status_code == 422 and r.json() == {"result": [{"field": "email", "errorCode": "email_fraud"}]}


# ------------------------------------------------------------------ email


def test_email_update_is_pending_until_the_link_is_used(gw):
    p = gw.full_player()
    new = "new-" + p["email"]
    r = gw.call("POST", EMAIL_UPDATE, p["token"], {"email": new, "comment": "moving", "password": PASSWORD})
    assert r.status_code == 204 and r.content == b""
    # Pending: still the old address.
    assert gw.call("GET", DETAILS, p["token"]).json()["eMail"] == {"eMailAdress": p["email"], "isVerified": True}
    # The old address is told (no link); the new one gets the link.
    notice = [m for m in gw.inbox.wait_for(p["email"], 2) if "changing" in m.subject]
    assert notice and new in notice[0].body and not HASH_RE.search(notice[0].body)
    h = gw.verify_link(new)
    r = gw.call("GET", VERIFY_EMAIL, params={"hash": h})
    assert r.status_code == 200
    assert gw.call("GET", DETAILS, p["token"]).json()["eMail"] == {"eMailAdress": new, "isVerified": True}
    r = gw.call("GET", VERIFY_EMAIL, params={"hash": h})  # single use
    assert r.status_code == 400 and r.json() == {"message_format": "general_failure"}
    assert gw.login(new).status_code == 200


def test_resend_activation_email(gw):
    p = gw.register()
    first = gw.verify_link(p["email"])
    r = gw.call("POST", RESEND, p["token"], {})
    assert r.status_code == 200 and r.json() == {"msg": "Activation Email was sent."}
    mails = gw.inbox.wait_for(p["email"], 2)
    second = HASH_RE.search(mails[-1].body).group(1)
    assert second != first
    # The older link stopped working; the new one verifies.
    assert gw.call("GET", VERIFY_EMAIL, params={"hash": first}).status_code == 400
    assert gw.call("GET", VERIFY_EMAIL, params={"hash": second}).status_code == 200
    assert gw.call("GET", f"/gateway/admission/{V}/verify/email/2", params={"hash": second}).status_code == 400


# ------------------------------------------------------------------ forgot / reset


def test_reset_hash_life_cycle_with_a_real_smtp_server(gw):
    p = gw.full_player()
    r = gw.call("POST", FORGOT, body={"mail": p["email"]})
    assert r.status_code == 201 and r.json() == {"message_format": "forgot_email_sent"}
    unknown = gw.call("POST", FORGOT, body={"mail": "nobody-here@example.com"})
    assert (unknown.status_code, unknown.json()) == (r.status_code, r.json())
    r = gw.call("POST", FORGOT, body={"mail": ""})
    assert r.status_code == 400 and r.json() == {"message_format": "email_required"}

    mail = [m for m in gw.inbox.wait_for(p["email"], 2) if "Reset" in m.subject][-1]
    h = HASH_RE.search(mail.body).group(1)
    # Stored only as a hash.
    assert gw.sql("SELECT COUNT(*) FROM gateway_link WHERE hash_sha256 = :h",
                  h=hashlib.sha256(h.encode()).hexdigest())[0][0] == 1
    dump = " ".join(str(r) for t in ("gateway_link", "gateway_outbox", "gateway_session")
                    for r in gw.sql(f"SELECT * FROM {t}"))
    assert h not in dump
    # Nothing was mailed for the unknown address.
    time.sleep(0.5)
    assert gw.inbox.to("nobody-here@example.com") == []

    bad = gw.call("PUT", VERIFY, params={"hash": "0" * 64}, body={"new_password": "Reset1234"})
    assert bad.status_code == 400 and bad.json() == {"message_format": "general_failure"}
    weak = gw.call("PUT", VERIFY, params={"hash": h}, body={"new_password": "abc"})
    assert weak.status_code == 422  # the hash is not used up by a refused password
    other_brand = gw.call("PUT", f"/gateway/admission/{V}/verify/password/2", params={"hash": h},
                          body={"new_password": "Reset1234"})
    assert other_brand.status_code == 400 and other_brand.json() == {"message_format": "general_failure"}

    r = gw.call("PUT", VERIFY, params={"hash": h}, body={"new_password": "Reset1234"})
    assert r.status_code == 202
    assert set(r.json()) == {"token", "message_format"}
    assert r.json()["message_format"] == "password_successfully_changed"
    assert gw.call("GET", INFO, r.json()["token"]).status_code == 200
    assert gw.call("GET", INFO, p["token"]).json() == INVALID_TOKEN  # old sessions revoked
    assert gw.login(p["name"], "Reset1234").status_code == 200
    assert gw.login(p["name"], PASSWORD).status_code == 401

    used = gw.call("PUT", VERIFY, params={"hash": h}, body={"new_password": "Again1234"})
    assert used.status_code == 400 and used.json() == {"message_format": "general_failure"}

    # Expired.
    assert gw.call("POST", FORGOT, body={"mail": p["email"]}).status_code == 201
    h2 = HASH_RE.search([m for m in gw.inbox.wait_for(p["email"], 3) if "Reset" in m.subject][-1].body).group(1)
    assert h2 != h
    gw.sql("UPDATE gateway_link SET expires_at = :t WHERE hash_sha256 = :h", t=ago(1),
           h=hashlib.sha256(h2.encode()).hexdigest())
    expired = gw.call("PUT", VERIFY, params={"hash": h2}, body={"new_password": "Again1234"})
    assert expired.status_code == 400 and expired.json() == {"message_format": "general_failure"}

    # A newer request makes the older hash useless.
    gw.call("POST", FORGOT, body={"mail": p["email"]})
    gw.call("POST", FORGOT, body={"mail": p["email"]})
    resets = [m for m in gw.inbox.wait_for(p["email"], 5) if "Reset" in m.subject]
    older, newer = (HASH_RE.search(m.body).group(1) for m in resets[-2:])
    assert gw.call("PUT", VERIFY, params={"hash": older}, body={"new_password": "Again1234"}).status_code == 400
    assert gw.call("PUT", VERIFY, params={"hash": newer}, body={"new_password": "Again1234"}).status_code == 202


def test_reset_for_a_2fa_player_answers_200_without_a_token(gw):
    p = gw.full_player()
    gw.sql("UPDATE gateway_player SET is_2fa_required = :t WHERE id = :p", t=True, p=p["id"])
    assert gw.call("POST", FORGOT, body={"mail": p["email"]}).status_code == 201
    h = HASH_RE.search([m for m in gw.inbox.wait_for(p["email"], 2) if "Reset" in m.subject][-1].body).group(1)
    r = gw.call("PUT", VERIFY, params={"hash": h}, body={"new_password": "Reset1234"})
    assert r.status_code == 200 and r.json() == {"message_format": "password_successfully_changed"}


def test_mail_command_lists_the_outbox(gw):
    p = gw.full_player()
    assert gw.call("POST", FORGOT, body={"mail": p["email"]}).status_code == 201
    env = dict(os.environ, PITBOSS_DATABASE_URL=gw.stack.database_url, PITBOSS_SECRET_KEY=SECRET)
    out = subprocess.run([sys.executable, "-m", "server.cli", "mail", "--user", p["name"]], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "password_reset" in out.stdout and "activation" in out.stdout and p["email"] in out.stdout
    assert HASH_RE.search(out.stdout)
    out = subprocess.run([sys.executable, "-m", "server.cli", "mail", "--user", "nobody"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2


# ------------------------------------------------------------------ lockout


def test_lockout_after_repeated_failures(gw):
    p = gw.full_player()
    for _ in range(3):  # PITBOSS_GATEWAY_LOGIN_MAX_FAILURES=3 in this stack
        r = gw.login(p["name"], "Wrong1234")
        assert r.status_code == 401
    r = gw.login(p["name"])  # even the right password
    assert r.status_code == 429 and r.json() == {"errMsg": "too many failed logins - try again later"}
    # An unknown login name locks the same way (no account enumeration).
    ghost = "ghost" + os.urandom(3).hex()
    for _ in range(3):
        assert gw.login(ghost, "Wrong1234").status_code == 401
    assert gw.login(ghost, "Wrong1234").json() == r.json()
    # The lock is stored and expires.
    gw.sql("UPDATE gateway_login_guard SET locked_until = :t WHERE locked_until IS NOT NULL", t=ago(1))
    assert gw.login(p["name"]).status_code == 200


def test_a_success_resets_the_failure_count(gw):
    p = gw.full_player()
    for _ in range(2):
        assert gw.login(p["name"], "Wrong1234").status_code == 401
    assert gw.login(p["name"]).status_code == 200
    for _ in range(2):
        assert gw.login(p["name"], "Wrong1234").status_code == 401
    assert gw.login(p["name"]).status_code == 200


# ------------------------------------------------------------------ 2FA


def two_fa_player(gw):
    p = gw.full_player()
    gw.sql("UPDATE gateway_player SET is_2fa_required = :t WHERE id = :p", t=True, p=p["id"])
    return p


def test_login_with_sms_2fa(gw):
    p = two_fa_player(gw)
    r = gw.login(p["name"])
    assert r.status_code == 403
    assert set(r.json()) == {"status", "data"} and r.json()["status"] == "2fa_required"
    ch = r.json()["data"]["2fa_auth_token"]
    hdr = {"2fa-auth-token": ch}
    code = gw.last_sms_code(p["id"])
    # Not yet validated: login with the header still asks for 2FA.
    assert gw.login(p["name"], headers=hdr).status_code == 403
    r = gw.call("PUT", VALIDATE, body={"sms_code": code}, headers=hdr)
    assert r.status_code == 200 and r.json() == {"result": "OK"}
    r = gw.login(p["name"], headers=hdr)
    assert r.status_code == 200 and r.json()["result"] == "OK"
    # The challenge is single use.
    assert gw.login(p["name"], headers=hdr).status_code == 403
    # Another brand cannot use it.
    r = gw.call("PUT", f"/gateway/player-data/{V}/validate/code/2", body={"sms_code": code}, headers=hdr)
    assert r.status_code == 401 and r.json() == INVALID_TOKEN


def test_2fa_attempts_are_limited(gw):
    p = two_fa_player(gw)
    hdr = {"2fa-auth-token": gw.login(p["name"]).json()["data"]["2fa_auth_token"]}
    code = gw.last_sms_code(p["id"])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        r = gw.call("PUT", VALIDATE, body={"sms_code": wrong}, headers=hdr)
        assert r.status_code == 422
        assert r.json() == {"result": [{"field": "sms_code", "errorCode": "sms_code_invalid"}]}
    r = gw.call("PUT", VALIDATE, body={"sms_code": code}, headers=hdr)
    assert r.status_code == 422 and r.json() == {"result": "Authentication attempts limit exceeded"}
    assert gw.login(p["name"], headers=hdr).status_code == 403


def test_2fa_codes_expire_and_resends_are_throttled(gw):
    p = two_fa_player(gw)
    hdr = {"2fa-auth-token": gw.login(p["name"]).json()["data"]["2fa_auth_token"]}
    first = gw.last_sms_code(p["id"])
    r = gw.call("POST", SEND, body={}, headers=hdr)
    assert r.status_code == 429 and r.json() == {"errMsg": "code already sent - try again later"}
    time.sleep(2.1)  # PITBOSS_GATEWAY_2FA_RESEND_SECONDS=2 in this stack
    r = gw.call("POST", SEND, body={}, headers=hdr)
    assert r.status_code == 200 and r.json() == {"result": "code_sent"}
    second = gw.last_sms_code(p["id"])
    assert len(gw.outbox(p["id"], "sms")) == 2
    if first != second:
        r = gw.call("PUT", VALIDATE, body={"sms_code": first}, headers=hdr)
        assert r.status_code == 422  # the resend replaced the code
    gw.sql("UPDATE gateway_challenge SET code_expires_at = :t WHERE player_id = :p", t=ago(seconds=1), p=p["id"])
    r = gw.call("PUT", VALIDATE, body={"sms_code": second}, headers=hdr)
    assert r.status_code == 422 and r.json() == {"result": [{"field": "sms_code", "errorCode": "sms_code_expired"}]}
    for h in ({}, {"2fa-auth-token": "nope"}):
        r = gw.call("POST", SEND, body={}, headers=h)
        assert r.status_code == 401 and r.json() == INVALID_TOKEN


def test_phone_change_under_mobile_verification(gw):
    p = two_fa_player(gw)
    r = gw.call("PUT", DETAILS, p["token"], {"phone": "44-7000000"})
    assert r.status_code == 403
    body = r.json()
    assert body["status"] == "mobile_verification_required"
    assert set(body["data"]) == {"mobile_number", "2fa_auth_token"}
    assert body["data"]["mobile_number"] == "44-7000000"
    d = gw.call("GET", DETAILS, p["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"], d["is2faRequired"]) == ("356-1234567", "44-7000000", True)
    sms = gw.outbox(p["id"], "sms")
    assert sms[-1][1] == "44-7000000"  # the code goes to the new number
    hdr = {"2fa-auth-token": body["data"]["2fa_auth_token"]}
    r = gw.call("PUT", VALIDATE, body={"sms_code": gw.last_sms_code(p["id"])}, headers=hdr)
    assert r.status_code == 200
    d = gw.call("GET", DETAILS, p["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"], d["mobileVerificationStatus"],
            d["mobileVerificationStatusChangedBy"]) == ("44-7000000", "", 1, "player")
    # Without 2FA (and brand 1 does not verify phones) the phone changes at once.
    q = gw.full_player()
    assert gw.call("PUT", DETAILS, q["token"], {"phone": "44-7000001"}).status_code == 204
    d = gw.call("GET", DETAILS, q["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"], d["is2faRequired"]) == ("44-7000001", "", False)
