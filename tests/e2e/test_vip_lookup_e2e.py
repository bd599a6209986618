"""VIP Connect account inquiry through the real Envoy to the real server."""

from __future__ import annotations

import base64
import json
import time

import pytest

from server.demo import VIP_OPERATOR_KEYS
from server.domain.vip.auth import key_bytes
from tests.support.tokens import vip_token

PATH = "/api/patronsession/accountlookup"
INVALID = "Invalid request data. Please check your input and try again."

# seeds/001: the account-inquiry example (operator-1 has the bankAccounts toggle on).
SEED_RESPONSE = {
    "memberSince": "2022-08-01T00:00:00+00:00",
    "lastTransaction": "0001-01-01T00:00:00+00:00",
    "mostRecentTransactionAmount": 0.0,
    "dateOfBirth": "09101997",
    "last4SSN": "3545",
    "incrementalLimitAmount": 0.0,
    "maxLimitAmount": 0.0,
    "vipCardNumber": "7210695258",
    "idNumber": "****3545",
    "idType": "DL",
    "idState": "GA",
    "firstName": "JOHN",
    "lastName": "SMITH",
    "name": "JOHN SMITH",
    "address": "28 NQQODHNDV",
    "city": "PRZYFAYQA",
    "state": "TN",
    "zip": "28292",
    "homePhoneNumber": "8434811326",
    "mobilePhoneNumber": "8434811326",
    "email": "8ZN2EMYP@5JP6OEAZ.COM",
    "limitAmount": 4500.0,
    "availableAmount": 4500.0,
    "isInGoodStanding": True,
    "oneClickDiscountEligible": False,
    "bankAccounts": [
        {"maskedAccountNumber": "****9999", "routingNumber": "11111111", "bankName": "Jpmorgan Chase Bank, Na",
         "availableLimit": 0.00, "instantPaymentEligible": False},
        {"maskedAccountNumber": "**1111", "routingNumber": "22222222", "bankName": "Bank Of America, Na",
         "availableLimit": 0.00, "instantPaymentEligible": True},
    ],
}


def lookup(stack, http, body, token=None, raw=None):
    headers = {"Content-Type": "application/json"}
    if token is not False:
        headers["Authorization"] = f"Bearer {token or vip_token()}"
    data = raw if raw is not None else json.dumps(body)
    return http.post(stack.url(PATH), data=data, headers=headers)


def assert_clean_headers(r):
    for h in r.headers:
        assert not h.lower().startswith(("grpc-", "x-pitboss-")), f"leaked header {h}"


@pytest.mark.e2e
def test_seed_id_example_returns_seed_response(stack, http):
    r = lookup(stack, http, {"IdType": "SS", "IdNumber": "543083545", "IdState": "", "ProductType": "preferred"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.json() == SEED_RESPONSE
    assert_clean_headers(r)


@pytest.mark.e2e
def test_seed_vip_number_example(stack, http):
    r = lookup(stack, http, {"VipAccountNumber": "7210695258", "ProductType": "preferred"})
    assert r.status_code == 200
    assert r.json() == SEED_RESPONSE


@pytest.mark.e2e
def test_lookup_by_driver_licence(stack, http):
    r = lookup(stack, http, {"IdType": "DL", "IdNumber": "543083545", "IdState": "GA"})
    assert r.status_code == 200
    assert r.json()["vipCardNumber"] == "7210695258"


@pytest.mark.e2e
def test_product_type_defaults_and_mismatch(stack, http):
    assert lookup(stack, http, {"VipAccountNumber": "7210695258"}).status_code == 200
    r = lookup(stack, http, {"VipAccountNumber": "7210695258", "ProductType": "online"})
    assert r.status_code == 404


@pytest.mark.e2e
def test_toggle_off_omits_bank_accounts(stack, http):
    r = lookup(stack, http, {"VipAccountNumber": "7210695258"}, token=vip_token("operator-2"))
    assert r.status_code == 200
    body = r.json()
    assert "bankAccounts" not in body
    assert {k: v for k, v in SEED_RESPONSE.items() if k != "bankAccounts"} == body
    assert_clean_headers(r)


@pytest.mark.e2e
def test_vip_online_limits_per_bank_account(stack, http):
    r = lookup(stack, http, {"VipAccountNumber": "7210695266", "ProductType": "online"})
    assert r.status_code == 200
    body = r.json()
    assert "availableAmount" not in body
    assert body["bankAccounts"] == [
        {"maskedAccountNumber": "****9999", "routingNumber": "11111111", "bankName": "Jpmorgan Chase Bank, Na",
         "availableAmount": 348.31, "instantPaymentEligible": True},
        {"maskedAccountNumber": "**1111", "routingNumber": "22222222", "bankName": "Bank Of America, Na",
         "availableAmount": 4500.0, "instantPaymentEligible": False},
    ]


@pytest.mark.e2e
def test_closed_account_answers_400_with_code_13(stack, http):
    r = lookup(stack, http, {"VipAccountNumber": "7210000099"})
    assert r.status_code == 400
    body = r.json()
    assert body["errorCode"] == "13"
    assert set(body) == {"errorCode", "operatorErrorMessage", "patronErrorMessage"}


@pytest.mark.e2e
def test_unknown_patron_is_404(stack, http):
    for body in ({"VipAccountNumber": "7210695299"}, {"IdType": "SS", "IdNumber": "999999999"},
                 {"IdType": "DL", "IdNumber": "543083545", "IdState": "TN"}):
        r = lookup(stack, http, body)
        assert r.status_code == 404, body
        assert r.json() == {"errorCode": "404", "operatorErrorMessage": "Patron not found.",
                            "patronErrorMessage": "Sorry, unable to complete this request. Please try again later."}
        assert_clean_headers(r)


VALIDATION_CASES = [
    ({}, ["IdType: 'Id Type' must not be empty.", "IdNumber: 'Id Number' must not be empty.",
          "IdState: 'Id State' must not be empty."]),
    ({"IdType": "SS"}, ["IdNumber: 'Id Number' must not be empty."]),
    ({"IdType": "XX", "IdNumber": "543083545", "IdState": "GA"}, ["IdType: 'Id Type' must be one of"]),
    ({"IdType": "DL", "IdNumber": "12345", "IdState": "GA"},
     ["IdNumber: 'Id Number' must be between 6 and 30 characters. You entered 5 characters."]),
    ({"IdType": "DL", "IdNumber": "1" * 31, "IdState": "GA"},
     ["'Id Number' must be between 6 and 30 characters. You entered 31 characters."]),
    ({"IdType": "DL", "IdNumber": "543083545"}, ["IdState: 'Id State' must not be empty."]),
    ({"IdType": "DL", "IdNumber": "543083545", "IdState": "GAX"},
     ["IdState: 'Id State' must be 2 characters in length. You entered 3 characters."]),
    ({"VipAccountNumber": "72106952"}, ["VipAccountNumber: 'Vip Account Number' must be 10 digits."]),
    ({"VipAccountNumber": "72106952AB"}, ["VipAccountNumber: 'Vip Account Number' must be 10 digits."]),
    ({"IdType": "SS", "IdNumber": "543083545", "VipAccountNumber": "7210695258"}, ["not both"]),
    ({"VipAccountNumber": "7210695258", "ProductType": "gold"},
     ["ProductType: 'Product Type' must be one of: preferred, online."]),
    ({"VipAccountNumber": "7210695258", "ProductType": "preferred-x"}, ["ProductType"]),
]


@pytest.mark.e2e
@pytest.mark.parametrize("body,fragments", VALIDATION_CASES)
def test_validation_rules_answer_400(stack, http, body, fragments):
    r = lookup(stack, http, body)
    assert r.status_code == 400, r.text
    got = r.json()
    assert set(got) == {"errorCode", "operatorErrorMessage", "patronErrorMessage"}
    assert got["errorCode"] == "400"
    assert got["patronErrorMessage"] == INVALID
    assert got["operatorErrorMessage"].startswith("Validation failed: ")
    for f in fragments:
        assert f in got["operatorErrorMessage"]
    assert_clean_headers(r)


@pytest.mark.e2e
@pytest.mark.parametrize("raw", ['{"VipAccountNumber":', '{"VipAccountNumber": 7210695258}', "[1,2]"])
def test_malformed_json_answers_documented_400(stack, http, raw):
    r = lookup(stack, http, None, raw=raw)
    assert r.status_code == 400
    got = r.json()
    assert got["errorCode"] == "400" and got["patronErrorMessage"] == INVALID
    assert r.headers["content-type"] == "application/json"


def _forged(alg: str) -> str:
    def b64(d: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()

    now = int(time.time())
    return f"{b64({'alg': alg, 'typ': 'JWT'})}.{b64({'iss': 'operator-1', 'aud': 'vip-api', 'iat': now, 'nbf': now, 'exp': now + 60})}."


BAD_TOKENS = {
    "missing": False,
    "garbled": "not-a-jwt",
    "wrong signature": vip_token(_secret=b"some other key that is long enough!!"),
    "alg none": _forged("none"),
    "alg HS512": vip_token(_alg="HS512"),
    "wrong audience": vip_token(aud="other-api"),
    "no audience": vip_token(aud=None),
    "unknown issuer": vip_token(iss="operator-9", _secret=b"x" * 32),
    "expired": vip_token(iat=int(time.time()) - 7200, nbf=int(time.time()) - 7200, exp=int(time.time()) - 3600),
    "not yet valid": vip_token(nbf=int(time.time()) + 3600, exp=int(time.time()) + 3900),
    "no exp": vip_token(exp=None),
    "lifetime over cap": vip_token(exp=int(time.time()) + 3 * 3600),
    "other operator's key": vip_token("operator-1", _secret=key_bytes(VIP_OPERATOR_KEYS["operator-2"][0])),
}


@pytest.mark.e2e
@pytest.mark.parametrize("name", list(BAD_TOKENS))
def test_bad_tokens_answer_401_and_leak_nothing(stack, http, name):
    token = BAD_TOKENS[name]
    r = lookup(stack, http, {"VipAccountNumber": "7210695258"}, token=token)
    assert r.status_code == 401, name
    assert r.json() == {
        "errorCode": "401",
        "operatorErrorMessage": "Unauthorized: the bearer token is missing, invalid or expired.",
        "patronErrorMessage": "Sorry, unable to complete this request. Please try again later.",
    }
    assert "JOHN" not in r.text
    assert_clean_headers(r)


@pytest.mark.e2e
def test_second_key_is_accepted(stack, http):
    r = lookup(stack, http, {"VipAccountNumber": "7210695258"}, token=vip_token(key=2))
    assert r.status_code == 200


@pytest.mark.e2e
def test_healthz(stack, http):
    r = http.get(stack.url("/healthz"))
    assert r.status_code == 200
    assert r.json()["status"] == "SERVING"


@pytest.mark.e2e
def test_unknown_path_is_json_404(stack, http):
    r = http.get(stack.url("/no/such/path"))
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    assert r.json()["code"] == 404


@pytest.mark.e2e
def test_log_line_per_call_without_secrets(stack, http):
    token = vip_token()
    r = lookup(stack, http, {"IdType": "SS", "IdNumber": "543083545"}, token=token)
    assert r.status_code == 200
    cid = "corr-" + str(time.time_ns())
    http.post(stack.url(PATH), json={"VipAccountNumber": "7210695258"},
              headers={"Authorization": f"Bearer {token}", "X-Correlation-ID": cid})
    deadline = time.time() + 5
    while cid not in stack.log_text() and time.time() < deadline:
        time.sleep(0.1)
    lines = [json.loads(line) for line in stack.log_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("correlation_id") == cid]
    assert mine and mine[0]["method"] == "/pitboss.vip.v1.VipConnectService/LookupAccount"
    assert mine[0]["status"] == "OK" and isinstance(mine[0]["duration_ms"], float)
    text = stack.log_text()
    assert token not in text
    assert "543083545" not in text and "JOHN" not in text


@pytest.mark.e2e
def test_oversized_body_is_refused_with_413(stack, http):
    big = json.dumps({"VipAccountNumber": "7210695258", "pad": "x" * (1_100_000)})
    r = lookup(stack, http, None, raw=big)
    assert r.status_code == 413
    assert r.json()["errorCode"] == "413"
