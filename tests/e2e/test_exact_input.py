"""Exact at every door (issue 20): request headers gRPC metadata cannot carry,
dates at the ends of the calendar, and NUL characters, through the real Envoy
on both backends. Each answer is the documented one, never a 5xx."""

from __future__ import annotations

import asyncio
import base64
import copy
import json
import re
import secrets
import time

import jwt
import pytest
import requests

from tests.support.tokens import vip_token
from tests.support.mts_helpers import BASE as MTS_BASE
from tests.support.mts_helpers import PATH as MTS_PATH
from tests.support.mts_helpers import TOKEN as MTS_TOKEN
from tests.e2e.mts_ws_support import get_token, open_ws, token_response
from tests.support.pam_support import API_TOKEN, new_player, tx

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


# ------------------------------------------------------------------ header names

# Valid HTTP header names (tokens) that are not gRPC metadata keys ([0-9a-z_.-]:
# HTTP also allows !#$%&'*+^`|~; upper case is lower-cased by Envoy), and
# "-bin" names, whose value gRPC reads as base64.
BAD_NAMES = [("x|y", "1"), ("X^Y", "1"), ("a~b", "1"), ("a!b", "1"), ("a#b", "1"), ("a$b", "1"), ("a%b", "1"),
             ("a&b", "1"), ("a'b", "1"), ("a*b", "1"), ("a+b", "1"), ("a`b", "1"), ("x-bin", "!!!"),
             ("x-bin", "a"), ("Trace-Bin", "====")]
# Values gRPC metadata would not carry (non-ASCII, a tab): passed on unchanged.
ODD_VALUES = [("x-odd", "caf\xe9"), ("x-odd", "a\tb"), ("x-correlation-id", "\xff\xfe")]


def _requests(stack) -> list[tuple[str, str, str, dict, object]]:
    """One deterministic call per route kind: (name, method, url, headers, json body)."""
    pam = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": "7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43"}
    return [
        ("healthz", "GET", stack.url("/healthz"), {}, None),
        ("openapi", "GET", stack.url("/openapi/pam.json"), {}, None),
        ("unknown path", "GET", stack.url("/nothing/here"), {}, None),
        ("vip lookup", "POST", stack.url("/api/patronsession/accountlookup"),
         {"Authorization": f"Bearer {vip_token()}"},
         {"IdType": "SS", "IdNumber": "543083545", "IdState": "", "ProductType": "preferred"}),
        ("vip sdk page", "GET", stack.url("/sdk?mode=deposit"), {}, None),
        ("pam balance", "GET", stack.url("/players/73619e57b3bc4b4e9014132be3bd12a9/balance?provider=evolution"),
         pam, None),
        ("pam bad token", "GET", stack.url("/players/session?provider=evolution"),
         {**pam, "X-Player-Token": "f" * 40}, None),
        ("mts no token", "POST", stack.url(MTS_PATH), {}, MTS_BASE),
        ("gateway message", "GET", stack.url("/gateway/site-management/1.0/content/message/format/forgot_email_sent"),
         {}, None),
        ("gateway login", "POST", stack.url("/gateway/login/1.0/1/player"), {},
         {"user_name": "nobody-" + secrets.token_hex(4), "password": "Wrong0000"}),
    ]


def _answer(http, method, url, headers, body) -> tuple[int, str, bytes]:
    r = http.request(method, url, headers=headers, json=body)
    # (an MTS reply's timestampUtc is the time of the answer)
    return r.status_code, r.headers.get("content-type", ""), re.sub(rb'"timestampUtc":\d+', b"", r.content)


@pytest.mark.parametrize("extra", BAD_NAMES + ODD_VALUES, ids=lambda h: f"{h[0]}={h[1]!r}")
def test_a_header_grpc_cannot_carry_changes_nothing(stack, http, extra):
    name, value = extra
    for what, method, url, headers, body in _requests(stack):
        plain = _answer(http, method, url, headers, body)
        assert plain[0] < 500, (what, plain)
        odd = _answer(http, method, url, {**headers, name: value.encode("latin-1")}, body)
        assert odd == plain, (what, name, odd[:2], odd[2][:200], plain[2][:200])


def test_every_bad_name_at_once_changes_nothing_on_a_booking(stack, http):
    pid, token = new_player(stack.database_url, cash="10")
    h = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "c-1"}
    url = stack.url(f"/players/{pid}/transactions?provider=evolution")
    body = tx("WITHDRAW", "hdr-" + secrets.token_hex(4), cash="1", round_id="hdr-r")
    odd = {**h, **{n: v for n, v in BAD_NAMES}}
    r = http.post(url, json=body, headers=odd)
    assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    assert r.headers["x-correlation-id"] == "c-1"
    again = http.post(url, json=body, headers=h)  # the same booking: an idempotent replay
    assert again.json() == r.json()


# ------------------------------------------------------------------ calendar


def _pam(stack):
    pid, token = new_player(stack.database_url, cash="100")
    h = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "-"}
    return pid, h


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                                  "0001-01-01T00:59:59.999999+01:00", "9999-12-31T23:00:00-01:00:01"])
def test_pam_times_beyond_the_calendar_are_a_documented_400(any_stack, http, when):
    pid, h = _pam(any_stack)
    body = {**tx("WITHDRAW", "cal-" + secrets.token_hex(4), cash="1"), "transactionDateTime": when}
    r = http.post(any_stack.url(f"/players/{pid}/transactions?provider=evolution"), json=body, headers=h)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "PAM_ERR_UNDEFINED"
    assert "transactionDateTime" in r.json()["error"]["message"]
    bal = http.get(any_stack.url(f"/players/{pid}/balance?provider=evolution"), headers=h).json()
    assert bal["balance"]["cashAmount"] == 100  # nothing booked


@pytest.mark.parametrize("when,stored", [
    ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"), ("0001-01-01T00:00:00-01:00", "0001-01-01T01:00:00Z"),
    ("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"),
    ("9999-12-31T23:59:59+01:00", "9999-12-31T22:59:59Z"), ("9999-12-31T23:59:59", "9999-12-31T23:59:59Z"),
])
def test_pam_times_at_the_ends_of_the_calendar_are_stored_and_read_back(any_stack, http, when, stored):
    pid, h = _pam(any_stack)
    ref = "cal-" + secrets.token_hex(4)
    body = {**tx("WITHDRAW", ref, cash="1", bet_ref=ref, round_id=ref), "transactionDateTime": when}
    r = http.post(any_stack.url(f"/players/{pid}/transactions?provider=evolution"), json=body, headers=h)
    assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    got = http.get(any_stack.url(f"/players/{pid}/transactions?provider=evolution&providerBetRef={ref}"),
                   headers=h).json()
    assert got["transactions"][0]["transactionDateTime"] == stored, got


# ------------------------------------------------------------------ NUL


def test_a_nul_character_is_a_family_400_on_both_backends(any_stack, http):
    """PostgreSQL cannot take U+0000 in a text parameter: a look-up or a write
    with it failed with 500 there (and worked on SQLite)."""
    s = any_stack
    pid, h = _pam(s)
    for url in (f"/players/{pid}%00/balance?provider=evolution", f"/players/{pid}/balance?provider=evolution%00",
                f"/players/{pid}/transactions?provider=evolution&providerBetRef=a%00b",
                f"/players/{pid}/gamerounds/r%00?provider=evolution"):
        r = http.get(s.url(url), headers=h)
        assert r.status_code == 400 and r.json()["error"]["code"] == "PAM_ERR_UNDEFINED", (url, r.text)
    for extra in ({"betCode": "a\x00"}, {"providerRoundId": "r\x00"}, {"promos": [{"promoName": "p\x00"}]}):
        body = {**tx("WITHDRAW", "nul-" + secrets.token_hex(4), cash="1"), **extra}
        r = http.post(s.url(f"/players/{pid}/transactions?provider=evolution"), json=body, headers=h)
        assert r.status_code == 400 and r.json()["error"]["code"] == "PAM_ERR_UNDEFINED", (extra, r.text)
    assert http.get(s.url(f"/players/{pid}/balance?provider=evolution"), headers=h).json()["balance"]["cashAmount"] == 100

    vip = {"Authorization": f"Bearer {vip_token()}"}
    r = http.post(s.url("/api/patronsession/accountlookup"), headers=vip, json={"VipAccountNumber": "72106\x0095258"})
    assert r.status_code == 400 and r.json()["errorCode"] == "400", r.text
    r = http.get(s.url("/api/sdk/sessions/a%00b"))
    assert r.status_code == 400 and r.json()["errorCode"] == "400", r.text

    r = http.post(s.url("/gateway/login/1.0/1/player"), json={"user_name": "itamar1\x00", "password": "Secret123"})
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})
    r = http.get(s.url("/gateway/admission/1.0/verify/email/1?hash=a%00"))
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})

    for path in (("correlationId",), ("content", "reportId"), ("content", "sessions", 0, "id"),
                 ("content", "context", "endCustomer", "id")):
        env = _mts_envelope()
        obj = env
        for k in path[:-1]:
            obj = obj[k]
        obj[path[-1]] = "x\x00y"
        r = http.post(s.url(MTS_PATH), json=env, headers={"Authorization": f"Bearer {MTS_TOKEN}"})
        assert r.status_code == 200 and r.json()["content"]["code"] == -107, (path, r.text)
        assert "NUL" in r.json()["content"]["message"]


def _mts_envelope() -> dict:
    env = copy.deepcopy(MTS_BASE)
    env["correlationId"] = "nul-" + secrets.token_hex(6)
    return env


def test_header_limits_answer_431_not_a_raw_grpc_status(stack):
    """Request headers beyond what the edge takes are Envoy's 431, whatever
    their size between gRPC's 8 KiB soft limit and Envoy's 60 KiB."""
    for n in (6, 12, 30):
        headers = {f"x-h{i}": "b" * 2000 for i in range(n)}
        r = requests.get(stack.url("/healthz"), headers=headers)
        assert r.status_code in (200, 431), (n, r.status_code, r.text[:200])
        assert '"code":8' not in r.text and "metadata" not in r.text


def test_mts_nul_over_websocket_and_at_the_token_endpoint(any_stack):
    """The WebSocket binding reads the same checks (-107), and the token
    endpoint's form and Basic credentials refuse a NUL before any look-up."""
    env = _mts_envelope()
    env["correlationId"] = "ws\x00" + secrets.token_hex(4)

    async def go():
        async with await open_ws(any_stack, get_token(any_stack)) as ws:
            await ws.send(json.dumps(env))
            return json.loads(await asyncio.wait_for(ws.recv(), 20))

    reply = asyncio.run(go())
    assert reply["content"]["code"] == -107 and "NUL" in reply["content"]["message"], reply

    r = token_response(any_stack, client_id="mts-demo\x00client")
    assert r.status_code == 400 and r.json()["error"] == "invalid_request", r.text
    basic = base64.b64encode(b"mts-demo\x00client:mts-demo-secret").decode()
    r = requests.post(any_stack.url("/mts/v3/oauth/token"), data={"grant_type": "client_credentials"},
                      headers={"Authorization": f"Basic {basic}"}, timeout=10)
    assert r.status_code == 401 and r.json()["error"] == "invalid_client", r.text
    now = int(time.time())
    forged = jwt.encode({"iss": "operator-1\x00", "aud": "vip-api", "iat": now, "nbf": now, "exp": now + 60},
                        "k" * 32, algorithm="HS256")
    r = requests.post(any_stack.url("/api/patronsession/accountlookup"), json={"VipAccountNumber": "7210695258"},
                      headers={"Authorization": f"Bearer {forged}"}, timeout=10)
    assert r.status_code == 401 and r.json()["errorCode"] == "401", r.text


def test_birth_dates_at_the_ends_of_the_calendar(any_stack, http):
    """No family takes a calendar's-end date as a birth date, and none fails on one."""
    s = any_stack
    name = "cal" + secrets.token_hex(4)
    r = http.post(s.url("/gateway/reg-step-one/1.0/1"), json={
        "loginName": name, "email": f"{name}@example.com", "password": "Secret123", "over18": True,
        "signTNC": True, "language": "en", "currency": "EUR"})
    assert r.status_code == 200, r.text
    token = r.json()["auth_token"]
    two = {"auth_token": token, "firstName": "Ann", "lastName": "Lee", "gender": "F", "language": "en",
           "country": "MT", "city": "Valletta", "address": "1 Road", "zipCode": "VLT1", "mobileNumber": "356-1234567"}
    for born, code in (("01/01/0001", "birth_date_invalid"), ("31/12/1899", "birth_date_invalid"),
                       ("31/12/9999", "underage"), ("00/00/0000", "birth_date_invalid")):
        r = http.post(s.url("/gateway/reg-step-two/1.0/1"), json={**two, "birthDate": born})
        assert r.status_code == 422 and r.json()["result"] == [{"field": "birthDate", "errorCode": code}], (born, r.text)
    r = http.post(s.url("/gateway/reg-step-two/1.0/1"), json={**two, "birthDate": "01/01/1900"})
    assert r.status_code == 200, r.text
    details = "/gateway/player-personal-details/player/details/1.0/1"
    for born, code in (("0001-01-01", "birthdate_invalid"), ("9999-12-31", "underage")):
        r = http.put(s.url(details), json={"birthdate": born}, headers={"x-auth-token": token})
        assert r.status_code == 422 and r.json()["result"] == [{"field": "birthdate", "errorCode": code}], (born, r.text)
    got = http.get(s.url(details), headers={"x-auth-token": token}).json()
    assert got["birthdate"] == "1900-01-01 00:00:00", got

    vip = {"Authorization": f"Bearer {vip_token()}"}
    for born in ("01/01/0001", "12/31/9999"):
        body = {"patronId": "p-1", "vipCardNumber": "7210536159", "dateOfBirth": born, "remainingDailyDeposit": 500,
                "walletBalance": 250, "transactionId": "cal-" + secrets.token_hex(4), "transactionAmount": 10,
                "transactionType": "deposit", "returnUrl": "https://op.example/ok",
                "cancelRedirectUrl": "https://op.example/cancel", "productType": "preferred",
                "oneClickDiscountApplied": False}
        r = http.post(s.url("/api/patronsession/existing"), json=body, headers=vip)
        assert r.status_code == 400 and "DateOfBirth" in r.json()["operatorErrorMessage"], (born, r.text)
