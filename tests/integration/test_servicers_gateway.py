"""The player gateway servicer (and readiness) in process (grpc_testing): real
domain, argon2, a real SQLite database, no network. The status codes, typed
details and the documented HTTP status/body hints the edge applies."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from sqlalchemy import text

from pitboss.gateway.v1 import gateway_pb2
from pitboss.ops.v1 import ops_pb2
from server.api.gateway import PlayerGatewayServicer
from server.api.ops import OpsServicer
from tests.integration.servicer_support import InProcess, demo_app

SERVICE = gateway_pb2.DESCRIPTOR.services_by_name["PlayerGatewayService"]
V, PASSWORD = "1.0", "Secret123"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = demo_app(tmp_path_factory)
    yield app
    app.db.dispose()


@pytest.fixture(scope="module")
def gw(app):
    s = InProcess(app, PlayerGatewayServicer(app), SERVICE)
    yield s
    s.close()


def login(gw, name="itamar1", password=PASSWORD, brand="1"):
    return gw.call("Login", gateway_pb2.LoginRequest(version=V, brand_id=brand, user_name=name, password=password))


def test_login_then_personal_details(gw):
    a = login(gw)
    assert a.code == grpc.StatusCode.OK and a.response.result == "OK" and len(a.response.auth_token) == 64
    d = gw.call("GetPersonalDetails", gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"),
                {"x-auth-token": a.response.auth_token})
    assert d.code == grpc.StatusCode.OK and d.response.e_mail.e_mail_adress == "playermael@domain.com"


def test_bad_password_is_counted_then_answered(gw, app):
    """A refused login commits its counted failure before it is answered."""
    with app.db.engine.connect() as c:
        before = c.execute(text("SELECT COALESCE(SUM(failures), 0) FROM gateway_login_guard")).scalar()
    a = login(gw, password="wrong-password")
    assert a.code == grpc.StatusCode.UNAUTHENTICATED and a.http_status == 401
    assert a.http_body == {"errMsg": "invalid input - invalid credentials"}
    with app.db.engine.connect() as c:
        assert c.execute(text("SELECT COALESCE(SUM(failures), 0) FROM gateway_login_guard")).scalar() == before + 1
    assert login(gw).code == grpc.StatusCode.OK  # a right password resets the count


def test_the_seeds_update_example_answers_204_for_the_demo_player(gw, app):
    """seeds/004's update example, phone included, as the document answers it
    for the demo (brand 1, itamar1, no 2FA; verification not enabled): 204,
    the number applied, no code sent, the account's address told."""
    from google.protobuf import json_format

    seed = {"lastName": "last", "firstName": "last", "birthdate": "2000-01-01", "gender": "M", "language": "en",
            "country": "IL", "city": "city", "address": "address", "zipPostalCode": "123123123",
            "phone": "12-1231231", "comment": "comment", "operator": "Player", "optOut": "{\"chat\": false}"}
    token = {"x-auth-token": login(gw).response.auth_token}
    request = json_format.ParseDict({**seed, "version": V, "brandId": "1"}, gateway_pb2.UpdatePersonalDetailsRequest())
    a = gw.call("UpdatePersonalDetails", request, token)
    assert (a.code, a.http_status, a.response.HasField("mobile_verification")) == (grpc.StatusCode.OK, 204, False)
    d = gw.call("GetPersonalDetails", gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"), token).response
    assert (d.phone, d.pending_mobile_number, d.city) == ("12-1231231", "", "city")
    with app.db.engine.connect() as c:
        sent = c.execute(text("SELECT channel, kind, recipient FROM gateway_outbox WHERE player_id = 33003139"
                              " ORDER BY id")).fetchall()
    assert [tuple(r) for r in sent][-1:] == [("email", "phone_changed", "playermael@domain.com")]
    assert "sms" not in {r[0] for r in sent}


def test_brand_before_token(gw):
    a = gw.call("GetPersonalDetails", gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="x"))
    assert a.code == grpc.StatusCode.INVALID_ARGUMENT and a.http_status == 400
    assert a.http_body == {"errMsg": "invalid input - invalid brand id"}
    b = gw.call("GetPersonalDetails", gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"), {"x-auth-token": "nope"})
    assert b.code == grpc.StatusCode.UNAUTHENTICATED and b.http_body == {"errMsg": "invalid input - invalid token"}


def test_registration_violations_are_422_with_field_violations(gw):
    a = gw.call("RegisterStepOne", gateway_pb2.RegisterStepOneRequest(version=V, brand_id="1", login_name="x", email="nope",
                                                              password="short", over18=False))
    assert a.code == grpc.StatusCode.INVALID_ARGUMENT and a.http_status == 422
    fields = {v["field"] for v in a.http_body["result"]}
    assert {"loginName", "password", "over18"} <= fields
    assert {v.field for v in a.detail(error_details_pb2.BadRequest).field_violations} == fields


def test_register_then_sign(gw):
    a = gw.call("RegisterStepOne", gateway_pb2.RegisterStepOneRequest(
        version=V, brand_id="1", login_name="inprocess1", email="inprocess1@example.com", password="Gx7#kq2Lm",
        over18=True, sign_tnc=False, sign_privacy=True, currency="EUR"))
    assert a.code == grpc.StatusCode.OK, a.details
    token, pid = a.response.auth_token, a.response.player_id
    assert pid > 0
    s = gw.call("SignTnc", gateway_pb2.SignTncRequest(version=V, brand_id="1", player_id=str(pid), type="tnc"),
                {"x-auth-token": token})
    assert s.code == grpc.StatusCode.OK and s.http_status == 201


def test_message_formats(gw):
    ok = gw.call("GetMessageFormat", gateway_pb2.GetMessageFormatRequest(version=V,
                                                               message_string="general_failure"))
    assert ok.code == grpc.StatusCode.OK and ok.response.type == "error"
    no = gw.call("GetMessageFormat", gateway_pb2.GetMessageFormatRequest(version=V, message_string="nope"))
    assert no.code == grpc.StatusCode.NOT_FOUND and no.http_status == 400


def test_readiness(app):
    ops = InProcess(app, OpsServicer(app), ops_pb2.DESCRIPTOR.services_by_name["OpsService"])
    try:
        a = ops.call("Healthz", ops_pb2.HealthzRequest())
        assert a.code == grpc.StatusCode.OK and a.response.status == "SERVING" and a.response.database == "sqlite"
    finally:
        ops.close()
