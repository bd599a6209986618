"""VIP Connect patron sessions (seeds/000) through the real Envoy to the real server."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import grpc
import pytest
from google.rpc import status_pb2

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from tests.support.tokens import vip_token

EXISTING = "/api/patronsession/existing"
NEW = "/api/patronsession/new"
SIMPLE = "/api/patronsession/existing/simple"
NIL = "00000000-0000-0000-0000-000000000000"
INVALID = "Invalid request data. Please check your input and try again."

# The seed's request (vip-connect.md: the fields the vendor's samples send).
SEED_REQUEST = {
    "patronId": "0ef56720-47b6-46bc-9a3a-b81bd511d10a",
    "vipCardNumber": "7210536159",
    "dateOfBirth": "01/15/1985",
    "remainingDailyDeposit": 500.00,
    "walletBalance": 250.00,
    "transactionId": "tranid1099",
    "transactionAmount": 10.33,
    "transactionType": "deposit",
    "returnUrl": "https://www.onlinebettingportal.com/success",
    "cancelRedirectUrl": "https://www.onlinebettingportal.com/cancel",
    "productType": "preferred",
    "oneClickDiscountApplied": False,
}

SEED_SUCCESS_KEYS = {
    "patronId", "sessionId", "expires", "enrollmentStatus", "vipCardNumber", "operatorName", "depositLimit",
    "minDeposit", "withdrawLimit", "minWithdraw", "transactionId", "transactionAmount", "returnUrl",
    "patronProductType", "oneClickDiscountApplied", "cancelRedirectUrl",
}
SEED_DECLINE_KEYS = {
    "patronId", "sessionId", "expires", "enrollmentStatus", "operatorName", "depositLimit", "minDeposit",
    "withdrawLimit", "minWithdraw", "transactionId", "transactionAmount", "returnUrl", "oneClickDiscountApplied",
    "cancelRedirectUrl", "errorModel",
}


def post(stack, http, path, body, token=None, raw=None):
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token or vip_token()}"}
    return http.post(stack.url(path), data=raw if raw is not None else json.dumps(body), headers=headers)


def req(**kw):
    body = dict(SEED_REQUEST, transactionId=f"t-{uuid.uuid4().hex[:12]}")
    body.update(kw)
    return {k: v for k, v in body.items() if v is not ...}


def assert_decline(r, code):
    assert r.status_code == 200, r.text
    b = r.json()
    assert set(b) == SEED_DECLINE_KEYS, b
    assert b["sessionId"] == NIL and b["enrollmentStatus"] == "none"
    assert b["errorModel"]["errorCode"] == code
    assert set(b["errorModel"]) == {"errorCode", "transactionStage", "operatorErrorMessage",
                                    "operatorDeclineDescription", "patronErrorMessage"}
    return b


# ------------------------------------------------------------------ success


@pytest.mark.e2e
def test_seed_request_opens_a_session(stack, http):
    before = datetime.now(timezone.utc)
    r = post(stack, http, EXISTING, SEED_REQUEST)
    assert r.status_code == 200, r.text
    b = r.json()
    assert set(b) == SEED_SUCCESS_KEYS
    assert uuid.UUID(b["sessionId"]).version == 4
    expires = datetime.fromisoformat(b["expires"])
    assert expires.utcoffset() == timedelta(0)
    assert timedelta(minutes=29) < expires - before < timedelta(minutes=31)
    assert {k: v for k, v in b.items() if k not in ("sessionId", "expires")} == {
        "patronId": "0ef56720-47b6-46bc-9a3a-b81bd511d10a",
        "enrollmentStatus": "complete",
        "vipCardNumber": "7210536159",
        "operatorName": "Operator - 1",
        "depositLimit": 999.99,
        "minDeposit": 10.00,
        "withdrawLimit": 1000.0,
        "minWithdraw": 1.00,
        "transactionId": "tranid1099",
        "transactionAmount": 10.33,
        "returnUrl": "https://www.onlinebettingportal.com/success",
        "patronProductType": "Preferred",
        "oneClickDiscountApplied": False,
        "cancelRedirectUrl": "https://www.onlinebettingportal.com/cancel",
    }
    for h in r.headers:
        assert not h.lower().startswith(("grpc-", "x-pitboss-"))


@pytest.mark.e2e
def test_each_call_gets_a_fresh_session_id(stack, http):
    ids = {post(stack, http, EXISTING, req()).json()["sessionId"] for _ in range(3)}
    assert len(ids) == 3 and NIL not in ids


@pytest.mark.e2e
@pytest.mark.parametrize("sent", [1, "1", "withdraw", "WITHDRAW"])
def test_transaction_type_accepts_samples_zero_one(stack, http, sent):
    r = post(stack, http, EXISTING, req(transactionType=sent, transactionAmount=5.5))
    assert r.status_code == 200 and r.json()["sessionId"] != NIL, r.text


@pytest.mark.e2e
def test_online_card_reports_online_product(stack, http):
    r = post(stack, http, EXISTING, req(vipCardNumber="7210695266", dateOfBirth="03/03/1990", productType="online"))
    assert r.status_code == 200, r.text
    assert r.json()["patronProductType"] == "Online"


# ------------------------------------------------------------------ validation


@pytest.mark.e2e
def test_seed_validation_example_date_of_birth_empty(stack, http):
    r = post(stack, http, EXISTING, req(dateOfBirth=...))
    assert r.status_code == 400
    assert r.json() == {
        "errorCode": "400",
        "operatorErrorMessage": "Validation failed: DateOfBirth: 'Date Of Birth' must not be empty.",
        "patronErrorMessage": INVALID,
    }


@pytest.mark.e2e
def test_all_required_fields_missing_at_once(stack, http):
    r = post(stack, http, EXISTING, {})
    assert r.status_code == 400
    msg = r.json()["operatorErrorMessage"]
    expected = [
        ("PatronId", "Patron Id"), ("VipCardNumber", "Vip Card Number"), ("DateOfBirth", "Date Of Birth"),
        ("RemainingDailyDeposit", "Remaining Daily Deposit"), ("WalletBalance", "Wallet Balance"),
        ("TransactionId", "Transaction Id"), ("TransactionAmount", "Transaction Amount"),
        ("TransactionType", "Transaction Type"), ("ReturnUrl", "Return Url"),
        ("CancelRedirectUrl", "Cancel Redirect Url"), ("ProductType", "Product Type"),
        ("OneClickDiscountApplied", "One Click Discount Applied"),
    ]
    assert msg == "Validation failed: " + " ".join(f"{k}: '{lbl}' must not be empty." for k, lbl in expected)


@pytest.mark.e2e
def test_every_format_rule_named(stack, http):
    r = post(stack, http, EXISTING, req(
        vipCardNumber="72105", dateOfBirth="1985-01-15", transactionAmount=10.333, walletBalance=-1,
        remainingDailyDeposit="12.5x", transactionType="transfer", returnUrl="/relative", cancelRedirectUrl="ftp://x",
        productType="gold", warrantyMode="maybe",
    ))
    # A non-numeric string for a number field is refused by the edge itself.
    assert r.status_code == 400
    r = post(stack, http, EXISTING, req(
        vipCardNumber="72105", dateOfBirth="1985-01-15", transactionAmount=10.333, walletBalance=-1,
        transactionType="transfer", returnUrl="/relative", cancelRedirectUrl="ftp://x",
        productType="gold", warrantyMode="maybe",
    ))
    assert r.status_code == 400
    msg = r.json()["operatorErrorMessage"]
    for part in [
        "VipCardNumber: 'Vip Card Number' must be 10 digits.",
        "DateOfBirth: 'Date Of Birth' must be a valid date in the format MM/dd/yyyy.",
        "WalletBalance: 'Wallet Balance' must be greater than or equal to '0'.",
        "TransactionAmount: 'Transaction Amount' must not have more than 2 decimal places.",
        "TransactionType: 'Transaction Type' must be one of: deposit, withdraw (or 0, 1).",
        "ReturnUrl: 'Return Url' must be an absolute http or https URL.",
        "CancelRedirectUrl: 'Cancel Redirect Url' must be an absolute http or https URL.",
        "ProductType: 'Product Type' must be one of: preferred, online.",
        "WarrantyMode: 'Warranty Mode' must be one of: WARRANTY, NOWARRANTY.",
    ]:
        assert part in msg, (part, msg)


@pytest.mark.e2e
def test_wrong_json_type_answers_vip_400(stack, http):
    # The edge refuses a JSON value of the wrong type before the server sees
    # it; the message names the field the transcoder reports (docs/vip.md).
    r = post(stack, http, EXISTING, req(vipCardNumber=7210536159))
    assert r.status_code == 400
    b = r.json()
    assert b["errorCode"] == "400" and b["patronErrorMessage"] == INVALID
    assert b["operatorErrorMessage"].startswith("Validation failed: ")
    assert "vip_card_number" in b["operatorErrorMessage"]
    r = post(stack, http, NEW, {"walletBalance": "abc"})
    assert r.status_code == 400 and "wallet_balance" in r.json()["operatorErrorMessage"]


@pytest.mark.e2e
def test_numeric_string_amount_accepted(stack, http):
    r = post(stack, http, EXISTING, req(transactionAmount="10.33"))
    assert r.status_code == 200 and r.json()["transactionAmount"] == 10.33


@pytest.mark.e2e
def test_unauthenticated(stack, http):
    r = http.post(stack.url(EXISTING), data=json.dumps(SEED_REQUEST), headers={"Content-Type": "application/json"})
    assert r.status_code == 401 and r.json()["errorCode"] == "401"


# ------------------------------------------------------------------ declines


@pytest.mark.e2e
def test_decline_unknown_card(stack, http):
    assert_decline(post(stack, http, EXISTING, req(vipCardNumber="7219999999")), "100")


@pytest.mark.e2e
def test_decline_closed_account_is_the_seed_example(stack, http):
    b = assert_decline(post(stack, http, EXISTING, req(vipCardNumber="7210000099", dateOfBirth="02/02/1980",
                                                       transactionId="tranid1099")), "99")
    assert b["errorModel"] == {
        "errorCode": "99",
        "transactionStage": "VIP Account Inquiry",
        "operatorErrorMessage": "Invalid Account.",
        "operatorDeclineDescription": "This transaction has been requested from an account that has been closed. For further assistance please contact Pavilion Gaming Services customer support at 1-800-500-1973 with reference code E-99.",
        "patronErrorMessage": "Sorry, unable to complete this request. Please contact CAMS at 1-800-500-1973 for support using error code E-99.",
    }
    assert {k: b[k] for k in ("patronId", "operatorName", "depositLimit", "minDeposit", "withdrawLimit",
                              "minWithdraw", "transactionId", "transactionAmount", "returnUrl",
                              "oneClickDiscountApplied", "cancelRedirectUrl")} == {
        "patronId": "0ef56720-47b6-46bc-9a3a-b81bd511d10a", "operatorName": "Operator - 1",
        "depositLimit": 999.99, "minDeposit": 10.0, "withdrawLimit": 1000.0, "minWithdraw": 1.0,
        "transactionId": "tranid1099", "transactionAmount": 10.33,
        "returnUrl": "https://www.onlinebettingportal.com/success", "oneClickDiscountApplied": False,
        "cancelRedirectUrl": "https://www.onlinebettingportal.com/cancel",
    }
    datetime.fromisoformat(b["expires"])


@pytest.mark.e2e
def test_decline_birth_date_mismatch(stack, http):
    # A card of its own so the lockout test elsewhere is not disturbed.
    assert_decline(post(stack, http, EXISTING, req(vipCardNumber="7210695258", dateOfBirth="01/01/1990")), "101")


@pytest.mark.e2e
def test_decline_not_in_good_standing(stack, http):
    enrolled = post(stack, http, NEW, new_req(ssn="600119999", firstName="BAD", dateOfBirth="04/04/1970"))
    assert enrolled.status_code == 200, enrolled.text
    card = enrolled.json()["vipCardNumber"]
    _set_good_standing(stack, card, False)
    assert_decline(post(stack, http, EXISTING, req(vipCardNumber=card, dateOfBirth="04/04/1970")), "103")


def _set_good_standing(stack, card, value):
    from sqlalchemy import create_engine, text
    eng = create_engine(stack.database_url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_patron SET in_good_standing = :v WHERE vip_card_number = :c"), {"v": value, "c": card})
    eng.dispose()


@pytest.mark.e2e
def test_decline_product_mismatch(stack, http):
    assert_decline(post(stack, http, EXISTING, req(productType="online")), "104")


@pytest.mark.e2e
@pytest.mark.parametrize("kw,code", [
    ({"transactionAmount": 9.99}, "110"),
    ({"transactionAmount": 1000.00, "remainingDailyDeposit": 5000}, "111"),
    ({"transactionAmount": 0.5, "transactionType": "withdraw"}, "110"),
    ({"transactionAmount": 1000.01, "transactionType": "withdraw", "walletBalance": 5000}, "111"),
    ({"transactionAmount": 600, "remainingDailyDeposit": 500}, "113"),
    ({"transactionAmount": 300, "transactionType": "withdraw", "walletBalance": 250}, "114"),
])
def test_operator_limits(stack, http, kw, code):
    assert_decline(post(stack, http, EXISTING, req(**kw)), code)


@pytest.mark.e2e
def test_patron_available_limit(stack, http):
    # VIP Online: per-account limits 348.31 and 4500.0; operator max 999.99.
    r = post(stack, http, EXISTING, req(vipCardNumber="7210695266", dateOfBirth="03/03/1990", productType="online",
                                        transactionAmount=500, remainingDailyDeposit=900))
    assert r.json()["sessionId"] != NIL
    # A freshly enrolled patron has the configured new-patron limit (1000.00) and
    # the operator's maximum is 999.99, so lower the patron's available amount.
    enrolled = post(stack, http, NEW, new_req(ssn="600118888", dateOfBirth="05/05/1975")).json()
    from sqlalchemy import create_engine, text
    eng = create_engine(stack.database_url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_patron SET available_amount = 50000000 WHERE vip_card_number = :c"),
                  {"c": enrolled["vipCardNumber"]})
    eng.dispose()
    assert_decline(post(stack, http, EXISTING, req(vipCardNumber=enrolled["vipCardNumber"], dateOfBirth="05/05/1975",
                                                   transactionAmount=60)), "112")


# ------------------------------------------------------------------ gRPC


@pytest.mark.e2e
def test_grpc_decline_is_failed_precondition_with_session_detail(stack):
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = vip_pb2_grpc.VipConnectServiceStub(ch)
        md = [("authorization", f"Bearer {vip_token()}")]
        ok = stub.CreateExistingSession(vip_pb2.CreateExistingSessionRequest(
            patron_id="p1", vip_card_number="7210536159", date_of_birth="01/15/1985", remaining_daily_deposit=500,
            wallet_balance=0, transaction_id="g-1", transaction_amount=20, return_url="https://x.example/ok",
            cancel_redirect_url="https://x.example/cancel", product_type="preferred",
            one_click_discount_applied=False, transaction_type={"string_value": "deposit"}), metadata=md)
        assert uuid.UUID(ok.session_id)
        with pytest.raises(grpc.RpcError) as e:
            stub.CreateExistingSession(vip_pb2.CreateExistingSessionRequest(
                patron_id="p1", vip_card_number="7210000099", date_of_birth="02/02/1980", remaining_daily_deposit=500,
                wallet_balance=0, transaction_id="g-2", transaction_amount=20, return_url="https://x.example/ok",
                cancel_redirect_url="https://x.example/cancel", product_type="preferred",
                one_click_discount_applied=False, transaction_type={"number_value": 0}), metadata=md)
        assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        st = status_pb2.Status.FromString(dict(e.value.trailing_metadata())["grpc-status-details-bin"])
        sessions = [d for d in st.details if d.Is(vip_pb2.CreateExistingSessionResponse.DESCRIPTOR)]
        assert len(sessions) == 1
        s = vip_pb2.CreateExistingSessionResponse()
        sessions[0].Unpack(s)
        assert s.error_model.error_code == "99" and s.session_id == NIL
        with pytest.raises(grpc.RpcError) as e:
            stub.CreateExistingSession(vip_pb2.CreateExistingSessionRequest(), metadata=md)
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT


# ------------------------------------------------------------------ /new and /existing/simple


def new_req(**kw):
    body = {
        "patronId": "op-player-1", "firstName": "Nina", "middleInitial": "Q", "lastName": "Newman",
        "dateOfBirth": "06/07/1988", "email": "nina@example.com", "mobilePhone": "7025550199",
        "streetName": "5 New Street", "city": "Reno", "state": "NV", "zip": "89501", "country": "US",
        "idType": "DL", "idNumber": "N12345678", "idState": "NV", "ssn": "600117777",
        "routingNumber": "122105278", "accountNumber": "123456789012", "walletBalance": 100,
        "remainingDailyDeposit": 500, "transactionId": f"n-{uuid.uuid4().hex[:10]}", "transactionAmount": 25,
        "transactionType": 0, "returnUrl": "https://op.example/ok", "cancelRedirectUrl": "https://op.example/cancel",
        "productType": "preferred", "oneClickDiscountApplied": False,
    }
    body.update(kw)
    return {k: v for k, v in body.items() if v is not ...}


@pytest.mark.e2e
def test_new_enrolls_and_protects_pii(stack, http):
    r = post(stack, http, NEW, new_req(ssn="600116666", idNumber="PII-ID-998877", accountNumber="55554444333"))
    assert r.status_code == 200, r.text
    b = r.json()
    assert set(b) == SEED_SUCCESS_KEYS
    card = b["vipCardNumber"]
    assert len(card) == 10 and card.isdigit()
    assert b["enrollmentStatus"] == "complete" and b["patronProductType"] == "Preferred"
    # Stored protected: no clear SSN, ID or account number anywhere in the row.
    from sqlalchemy import create_engine, text
    eng = create_engine(stack.database_url)
    with eng.connect() as c:
        row = " ".join(str(x) for x in c.execute(text("SELECT * FROM vip_patron WHERE vip_card_number=:c"),
                                                 {"c": card}).one())
        acct = " ".join(str(x) for x in c.execute(text(
            "SELECT a.* FROM vip_bank_account a JOIN vip_patron p ON p.id=a.patron_id WHERE p.vip_card_number=:c"),
            {"c": card}).one())
    eng.dispose()
    assert "600116666" not in row and "PII-ID-998877" not in row
    assert "55554444333" not in acct and "*4333" in acct
    # The new account answers account inquiry by its card.
    look = post(stack, http, "/api/patronsession/accountlookup", {"VipAccountNumber": card})
    assert look.status_code == 200 and look.json()["firstName"] == "NINA"
    assert look.json()["idNumber"] == "****8877"


@pytest.mark.e2e
def test_new_for_existing_person_reuses_account_and_discards_pii(stack, http):
    # JOHN SMITH's SSN (demo): the existing card is used, the new name ignored.
    r = post(stack, http, NEW, new_req(ssn="543083545", dateOfBirth="09/10/1997", firstName="Someone",
                                       lastName="Else", transactionAmount=20))
    assert r.status_code == 200, r.text
    assert r.json()["vipCardNumber"] == "7210695258"
    look = post(stack, http, "/api/patronsession/accountlookup", {"VipAccountNumber": "7210695258"}).json()
    assert look["firstName"] == "JOHN" and look["lastName"] == "SMITH"


@pytest.mark.e2e
def test_new_same_ssn_other_birth_date_declined_call_support(stack, http):
    assert_decline(post(stack, http, NEW, new_req(ssn="543083545", dateOfBirth="01/01/1960")), "3")


@pytest.mark.e2e
def test_new_under_age_declined(stack, http):
    young = (datetime.now(timezone.utc) - timedelta(days=365 * 19)).strftime("%m/%d/%Y")
    assert_decline(post(stack, http, NEW, new_req(ssn="600115555", dateOfBirth=young)), "2")


@pytest.mark.e2e
def test_new_all_fields_missing(stack, http):
    r = post(stack, http, NEW, {})
    assert r.status_code == 400
    msg = r.json()["operatorErrorMessage"]
    for k in ["PatronId", "FirstName", "LastName", "DateOfBirth", "Email", "MobilePhone", "StreetName", "City",
              "State", "Zip", "Country", "IdType", "IdNumber", "IdState", "Ssn", "RoutingNumber", "AccountNumber",
              "WalletBalance", "RemainingDailyDeposit", "TransactionId", "TransactionAmount", "TransactionType",
              "ReturnUrl", "CancelRedirectUrl", "ProductType", "OneClickDiscountApplied"]:
        assert f"{k}: '" in msg and "must not be empty." in msg, k
    assert "MiddleInitial" not in msg


@pytest.mark.e2e
def test_new_format_errors(stack, http):
    r = post(stack, http, NEW, new_req(email="nope", mobilePhone="12", ssn="12-34", zip="ABCDE", idType="XX",
                                       routingNumber="1", accountNumber="x"))
    assert r.status_code == 400
    msg = r.json()["operatorErrorMessage"]
    for k in ["Email: 'Email'", "MobilePhone: 'Mobile Phone'", "Ssn: 'Ssn'", "Zip: 'Zip'", "IdType: 'Id Type'",
              "RoutingNumber: 'Routing Number'", "AccountNumber: 'Account Number'"]:
        assert k in msg, k


@pytest.mark.e2e
def test_simple_opens_bank_management_session(stack, http):
    r = post(stack, http, SIMPLE, {"patronId": "p-7", "vipCardNumber": "7210536159", "dateOfBirth": "01/15/1985",
                                   "returnUrl": "https://op.example/banks-done"})
    assert r.status_code == 200, r.text
    b = r.json()
    assert uuid.UUID(b["sessionId"]) and b["vipCardNumber"] == "7210536159"
    assert b["transactionAmount"] == 0 and b["returnUrl"] == "https://op.example/banks-done"
    r = post(stack, http, SIMPLE, {})
    assert r.status_code == 400
    assert r.json()["operatorErrorMessage"] == (
        "Validation failed: PatronId: 'Patron Id' must not be empty. VipCardNumber: 'Vip Card Number' must not be "
        "empty. DateOfBirth: 'Date Of Birth' must not be empty. ReturnUrl: 'Return Url' must not be empty.")
    assert_decline(post(stack, http, SIMPLE, {"patronId": "p-7", "vipCardNumber": "7210000099",
                                              "dateOfBirth": "02/02/1980", "returnUrl": "https://op.example/x"}), "99")
