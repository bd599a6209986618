"""VIP Connect servicers in process (grpc_testing): real domain, real SQLite,
no network. The gRPC-only cases of the former tests/e2e/test_vip_grpc.py live here;
the documented HTTP shapes stay in the e2e tests through Envoy."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2

from pitboss.vip.v1 import vip_pb2
from server.api.vip import VipConnectServicer, VipWebServicer
from tests.support.tokens import vip_token
from tests.integration.servicer_support import InProcess, demo_app

CONNECT = vip_pb2.DESCRIPTOR.services_by_name["VipConnectService"]
WEB = vip_pb2.DESCRIPTOR.services_by_name["VipWebService"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = demo_app(tmp_path_factory)
    yield app
    app.db.dispose()


@pytest.fixture(scope="module")
def vip(app):
    s = InProcess(app, VipConnectServicer(app), CONNECT)
    yield s
    s.close()


def lookup(vip, token="default", **fields):
    md = {} if token is None else {"authorization": f"Bearer {vip_token() if token == 'default' else token}"}
    return vip.call("LookupAccount", vip_pb2.LookupAccountRequest(**fields), md)


def test_ok(vip):
    a = lookup(vip, id_type="SS", id_number="543083545", id_state="")
    assert a.code == grpc.StatusCode.OK
    assert a.response.vip_card_number == "7210695258"
    assert a.response.HasField("available_amount") and a.response.available_amount == 4500.0
    assert [b.masked_account_number for b in a.response.bank_accounts] == ["****9999", "**1111"]


def test_invalid_argument_with_field_violations(vip):
    a = lookup(vip)
    assert a.code == grpc.StatusCode.INVALID_ARGUMENT and a.http_status == 400
    info = a.detail(error_details_pb2.ErrorInfo)
    assert info.reason == "VALIDATION_FAILED" and info.domain == "pitboss.vip"
    assert {v.field for v in a.detail(error_details_pb2.BadRequest).field_violations} == {"IdType", "IdNumber", "IdState"}
    assert a.detail(vip_pb2.VipError).error_code == "400"
    assert a.http_body["patronErrorMessage"] == "Invalid request data. Please check your input and try again."


def test_not_found(vip):
    a = lookup(vip, vip_account_number="7210695299")
    assert a.code == grpc.StatusCode.NOT_FOUND and a.http_status == 404
    assert a.detail(vip_pb2.VipError).error_code == "404"


def test_closed_account_is_failed_precondition(vip):
    a = lookup(vip, vip_account_number="7210000099")
    assert a.code == grpc.StatusCode.FAILED_PRECONDITION
    assert a.detail(error_details_pb2.ErrorInfo).metadata["code"] == "13"


@pytest.mark.parametrize("token", [None, "garbage", vip_token(aud="nope")])
def test_unauthenticated(vip, token):
    a = lookup(vip, token=token, vip_account_number="7210695258")
    assert a.code == grpc.StatusCode.UNAUTHENTICATED and a.http_status == 401


def session_request(**overrides) -> vip_pb2.CreateExistingSessionRequest:
    """The seed's request (as the transcoder would decode it)."""
    from google.protobuf import json_format

    from tests.e2e.test_vip_sessions_e2e import SEED_REQUEST

    req = vip_pb2.CreateExistingSessionRequest()
    json_format.ParseDict({**SEED_REQUEST, **overrides}, req)
    return req


def test_a_session_decline_commits_then_answers_the_session_shape(vip, app):
    """A birth-date mismatch is counted (the unit commits) and answered with the
    session-shaped body, HTTP 200, and an honest status for gRPC callers."""
    md = {"authorization": f"Bearer {vip_token()}"}
    a = vip.call("CreateExistingSession", session_request(dateOfBirth="01/01/1990"), md)
    assert a.code == grpc.StatusCode.FAILED_PRECONDITION and a.http_status == 200
    assert a.http_body["errorModel"]["errorCode"] == "101"
    assert a.http_body["sessionId"] == "00000000-0000-0000-0000-000000000000"
    from sqlalchemy import text

    with app.db.engine.connect() as c:
        assert c.execute(text("SELECT failures FROM vip_card_guard WHERE vip_card_number='7210536159'")).scalar() == 1


def test_a_session_opens(vip):
    a = vip.call("CreateExistingSession", session_request(), {"authorization": f"Bearer {vip_token()}"})
    assert a.code == grpc.StatusCode.OK, a.details
    assert a.response.session_id != "00000000-0000-0000-0000-000000000000"
    assert a.response.vip_card_number == "7210536159"


def test_web_component(app):
    web = InProcess(app, VipWebServicer(app), WEB)
    try:
        page = web.call("GetSdkPage", vip_pb2.GetSdkPageRequest())
        assert page.code == grpc.StatusCode.OK and page.response.content_type.startswith("text/html")
        a = web.call("GetSdkSession", vip_pb2.GetSdkSessionRequest(session_id="3f2c0d7e-0000-4000-8000-000000000000"))
        assert a.code == grpc.StatusCode.NOT_FOUND and a.http_status == 404
    finally:
        web.close()
