"""Hostile input through the real Envoy: every answer is a documented 4xx in
the family's own shape, never a 5xx (issue: hostile input and hostile
callers). One test per cause; the fuzz test (test_fuzz.py) covers the rest."""

from __future__ import annotations


import pytest

from tests.support.tokens import vip_token
from tests.support.mts_helpers import BASE as MTS_BASE
from tests.support.mts_helpers import PATH as MTS_PATH
from tests.support.mts_helpers import TOKEN as MTS_TOKEN
from tests.support.pam_support import API_TOKEN

pytestmark = pytest.mark.e2e

PAM_PLAYER = "73619e57b3bc4b4e9014132be3bd12a9"
PAM_HEADERS = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": "f" * 40, "X-Correlation-ID": "-"}
BAD_UTF8 = ("%FF", "%C0%AF", "%ED%A0%80")


def nested(depth: int, leaf=True):
    v = leaf
    for _ in range(depth):
        v = {"a": v}
    return v


def vip_session_body(**overrides) -> dict:
    body = {
        "patronId": "p-1", "vipCardNumber": "7210536159", "dateOfBirth": "01/15/1985",
        "remainingDailyDeposit": 500, "walletBalance": 250, "transactionId": "hostile-1",
        "transactionAmount": 10.33, "transactionType": "deposit", "returnUrl": "https://op.example/ok",
        "cancelRedirectUrl": "https://op.example/cancel", "productType": "preferred",
        "oneClickDiscountApplied": False,
    }
    body.update(overrides)
    return body


def gateway_login(stack, http, brand="1") -> str:
    r = http.post(stack.url(f"/gateway/login/1.0/{brand}/player"),
                  json={"user_name": "brand2player" if brand == "2" else "itamar1", "password": "Secret123"})
    assert r.status_code in (200, 303), r.text
    return r.json().get("auth_token") or r.json()["token"]


# ------------------------------------------------------------------ item 1


@pytest.mark.parametrize("bad", BAD_UTF8)
def test_invalid_utf8_in_path_and_query_is_a_family_400(stack, http, bad):
    r = http.get(stack.url(f"/api/sdk/sessions/{bad}"))
    assert r.status_code == 400, r.text
    assert r.json()["errorCode"] == "400" and r.json()["operatorErrorMessage"].startswith("Validation failed")

    r = http.get(stack.url(f"/players/{PAM_PLAYER}/balance?provider=ev{bad}"), headers=PAM_HEADERS)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "PAM_ERR_UNDEFINED"
    r = http.get(stack.url(f"/players/{PAM_PLAYER}{bad}/balance?provider=evolution"), headers=PAM_HEADERS)
    assert r.status_code == 400 and r.json()["status"] == "ERROR", r.text

    r = http.get(stack.url(f"/gateway/site-management/1.0/content/message/format/x{bad}"))
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})
    r = http.get(stack.url(f"/gateway/admission/1.0/verify/email/1?hash={bad}"))
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})


def test_invalid_utf8_in_a_json_body_is_a_family_400(stack, http):
    r = http.post(stack.url("/gateway/admission/1.0/forgot/password/1"), data=b'{"mail": "a\xff\xfeb@example.com"}',
                  headers={"Content-Type": "application/json"})
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})


# ------------------------------------------------------------------ item 4


def test_deeply_nested_json_is_a_family_400(stack, http):
    # MTS: the envelope is a Struct; an unknown key nested 40 deep.
    env = dict(MTS_BASE, correlationId="nested-1", extra=nested(40))
    r = http.post(stack.url(MTS_PATH), json=env, headers={"Authorization": f"Bearer {MTS_TOKEN}"})
    assert r.status_code == 400, r.text
    assert r.json()["content"] == {"type": "error-reply", "code": 105, "message": r.json()["content"]["message"]}

    # VIP: transactionType is a google.protobuf.Value.
    r = http.post(stack.url("/api/patronsession/existing"), json=vip_session_body(transactionType=nested(40)),
                  headers={"Authorization": f"Bearer {vip_token()}"})
    assert r.status_code == 400, r.text
    assert r.json()["errorCode"] == "400"

    # Gateway: optOut is a google.protobuf.Value.
    token = gateway_login(stack, http, brand="2")
    r = http.put(stack.url("/gateway/player-personal-details/player/details/1.0/2"), json={"optOut": nested(40)},
                 headers={"x-auth-token": token})
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})
    # ... while a shallow object still works (validated by the server).
    r = http.put(stack.url("/gateway/player-personal-details/player/details/1.0/2"), json={"optOut": nested(3)},
                 headers={"x-auth-token": token})
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})


# ------------------------------------------------------------------ item 2

CONTROL_HEADERS = [
    {"grpc-timeout": "garbage"}, {"grpc-timeout": "-1S"}, {"grpc-timeout": "0S"}, {"grpc-timeout": "1n"},
    {"grpc-encoding": "x-unknown"}, {"grpc-encoding": "gzip"}, {"grpc-accept-encoding": "x-unknown"},
    {"grpc-status": "13"}, {"x-pitboss-http-status": "200"},
]


@pytest.mark.parametrize("extra", CONTROL_HEADERS, ids=lambda h: "-".join(f"{k}={v}" for k, v in h.items()))
def test_client_sent_grpc_control_headers_change_nothing(stack, http, extra):
    r = http.get(stack.url("/healthz"), headers=extra)
    assert r.status_code == 200 and r.json()["status"] == "SERVING", r.text
    r = http.get(stack.url(f"/players/{PAM_PLAYER}/balance?provider=evolution"), headers={**PAM_HEADERS, **extra})
    assert r.status_code == 401 and r.json()["error"]["code"] == "PAM_ERR_SESSION_NOT_FOUND", r.text
    r = http.post(stack.url("/api/patronsession/accountlookup"), json={"VipAccountNumber": "7210695258"},
                  headers={"Authorization": f"Bearer {vip_token()}", **extra})
    assert r.status_code == 200 and r.json()["vipCardNumber"] == "7210695258", r.text
    r = http.get(stack.url("/gateway/site-management/1.0/content/message/format/forgot_email_sent"), headers=extra)
    assert r.status_code == 200, r.text
    r = http.post(stack.url(MTS_PATH), json=dict(MTS_BASE, operatorId=2), headers={"Authorization": "Bearer x", **extra})
    assert r.status_code == 401 and r.json()["content"]["code"] == 100, r.text


# ------------------------------------------------------------------ item 10


def test_native_grpc_is_not_served_on_the_public_port(stack):
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
    from pitboss.ops.v1 import ops_pb2, ops_pb2_grpc

    public = stack.http.removeprefix("http://")
    with grpc.insecure_channel(public) as ch:
        calls = [
            lambda: ops_pb2_grpc.OpsServiceStub(ch).Healthz(ops_pb2.HealthzRequest(), timeout=5),
            lambda: health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=5),
            lambda: mts_pb2_grpc.MtsReportsServiceStub(ch).ListCasinoSessions(
                mts_pb2.ListCasinoSessionsRequest(operator_id=1), timeout=5),
            lambda: list(reflection_pb2_grpc.ServerReflectionStub(ch).ServerReflectionInfo(
                iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)),
        ]
        for call in calls:
            with pytest.raises(grpc.RpcError) as e:
                call()
            assert e.value.code() == grpc.StatusCode.UNIMPLEMENTED, e.value
    # The gRPC port serves them.
    with grpc.insecure_channel(stack.grpc) as ch:
        assert ops_pb2_grpc.OpsServiceStub(ch).Healthz(ops_pb2.HealthzRequest(), timeout=5).status == "SERVING"


# ------------------------------------------------------------------ item 7

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


@pytest.mark.parametrize("value", ["caf\u00e9=1".encode(), b"caf\xe9=1", b"a\tb", b"x" * 600])
def test_unprintable_tracestate_or_correlation_id_is_not_echoed(stack, http, value):
    url = stack.url(f"/players/{PAM_PLAYER}/balance?provider=evolution")
    r = http.get(url, headers={**PAM_HEADERS, "traceparent": TRACEPARENT, "tracestate": value})
    assert r.status_code == 401 and r.json()["error"]["code"] == "PAM_ERR_SESSION_NOT_FOUND", r.text
    assert r.headers["traceparent"].startswith("00-0af7651916cd43dd8448eb211c80319c-")
    assert "tracestate" not in r.headers
    r = http.get(url, headers={**PAM_HEADERS, "X-Correlation-ID": value})
    assert r.status_code == 401 and r.json()["error"]["code"] == "PAM_ERR_SESSION_NOT_FOUND", r.text
    assert "x-correlation-id" not in r.headers
    # A printable one is still echoed.
    r = http.get(url, headers={**PAM_HEADERS, "traceparent": TRACEPARENT, "tracestate": "a=1,b=2",
                               "X-Correlation-ID": "c-1"})
    assert (r.headers["tracestate"], r.headers["x-correlation-id"]) == ("a=1,b=2", "c-1")


# ------------------------------------------------------------------ item 6

BAD_BRANDS = ["\u00b2", "\u2460", "\u0661", " 1", "1 ", "+1", "1\u00b2", "\uff11"]


@pytest.mark.parametrize("brand", BAD_BRANDS, ids=ascii)
def test_brand_ids_are_ascii_digits_only(stack, http, brand):
    from urllib.parse import quote

    invalid = {"errMsg": "invalid input - invalid brand id"}
    r = http.get(stack.url(f"/gateway/player-personal-details/player/details/1.0/{quote(brand)}"),
                 headers={"x-auth-token": "x"})
    assert (r.status_code, r.json()) == (400, invalid)
    r = http.post(stack.url(f"/gateway/login/1.0/{quote(brand)}/player"),
                  json={"user_name": "itamar1", "password": "wrong-password-1"})
    assert (r.status_code, r.json()) == (400, invalid)
    token = gateway_login(stack, http, brand="2")
    r = http.post(stack.url("/gateway/player/multi/1.0/sign/tnc"), headers={"x-auth-token": token},
                  json={"brand_id": brand, "player_id": "1", "language": "en", "type": "tnc"})
    assert (r.status_code, r.json()) == (400, invalid)


# ------------------------------------------------------------------ item 8


@pytest.mark.parametrize("claims", [
    {"iat": "text"}, {"exp": "text"}, {"nbf": "text"}, {"iat": True}, {"exp": 1e300}, {"exp": [1]},
    {"iat": {"a": 1}}, {"exp": 10**30},
], ids=str)
def test_signed_operator_jwt_with_non_numeric_dates_is_401(stack, http, claims):
    import time as _time

    now = int(_time.time())
    base = {"iat": now, "nbf": now, "exp": now + 600}
    # A string claim carries the valid number as text.
    token = vip_token(**{**base, **{k: str(base[k]) if isinstance(v, str) else v for k, v in claims.items()}})
    r = http.post(stack.url("/api/patronsession/accountlookup"), json={"VipAccountNumber": "7210695258"},
                  headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and r.json()["errorCode"] == "401", r.text


# ------------------------------------------------------------------ item 5


@pytest.mark.parametrize("key", ["remainingDailyDeposit", "walletBalance", "transactionAmount"])
@pytest.mark.parametrize("amount", [1e13, 1e308, 1e22, 1000000000, 999999999.991])
def test_vip_session_amounts_above_the_documented_maximum_are_validation_errors(stack, http, key, amount):
    r = http.post(stack.url("/api/patronsession/existing"), json=vip_session_body(**{key: amount}),
                  headers={"Authorization": f"Bearer {vip_token()}"})
    assert r.status_code == 400, r.text
    label = key[0].upper() + key[1:]
    assert f"{label}: " in r.json()["operatorErrorMessage"]
    assert "must be less than or equal to '999999999.99'." in r.json()["operatorErrorMessage"] or amount % 1, r.text


@pytest.mark.parametrize("amount", [999999999.99, 0.01, 5e-324, 0])
def test_vip_amounts_up_to_the_maximum_survive_the_wire(stack, http, amount):
    body = vip_session_body(remainingDailyDeposit=999999999.99, walletBalance=amount, transactionType="withdraw",
                            transactionAmount=amount, transactionId=f"max-{amount}")
    r = http.post(stack.url("/api/patronsession/existing"), json=body, headers={"Authorization": f"Bearer {vip_token()}"})
    if amount == 5e-324:
        assert r.status_code == 400 and "more than 2 decimal places" in r.text, r.text
        return
    assert r.status_code == 200, r.text
    assert r.json()["transactionAmount"] == amount  # exactly the number sent


def test_grpc_content_types_over_http1_are_a_4xx(stack, http):
    for headers in ({"content-type": "application/grpc"}, {"content-type": "application/grpc-web+proto"},
                    {"Content-Type": "application/json", "content-type": "application/grpc+json"}):
        r = http.get(stack.url("/players/session?provider=evolution"), headers={**PAM_HEADERS, **headers})
        assert 400 <= r.status_code < 500, (headers, r.status_code, r.text)


# ------------------------------------------------------------------ money limits: MTS


def test_mts_largest_amount_survives_exactly_and_larger_is_out_of_range(stack, http):
    import copy
    import secrets

    import grpc

    from pitboss.mts.v1 import mts_pb2
    from tests.support.mts_helpers import reports_stub

    def report(amount):
        env = copy.deepcopy(MTS_BASE)
        env["correlationId"] = "max-" + secrets.token_hex(6)
        env["content"]["sessions"][0]["id"] = "max-" + secrets.token_hex(6)
        env["content"]["sessions"][0]["stake"][0]["amount"] = amount
        env["content"]["context"]["endCustomer"]["id"] = env["correlationId"]
        r = http.post(stack.url(MTS_PATH), json=env, headers={"Authorization": f"Bearer {MTS_TOKEN}"})
        assert r.status_code == 200, r.text
        return env, r.json()["content"]

    env, reply = report("999999999999.999999")
    assert reply["code"] == 0, reply
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=env["correlationId"]), timeout=10)
    assert got.sessions[0].stakes[0].amount == "999999999999.999999"
    assert report("1000000000000")[1]["code"] == -107
    assert report(999999999999.99)[1]["code"] in (-101, -103)  # a JSON number is not a decimal string
