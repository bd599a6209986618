"""MTS servicers in process (grpc_testing): the report intake, the token
endpoint and the internal query, with the real domain and a real SQLite
database, no network."""

from __future__ import annotations

import base64

import grpc
import pytest
from google.api import httpbody_pb2
from google.protobuf import struct_pb2, timestamp_pb2

from pitboss.mts.v1 import mts_pb2
from server.api.mts import MtsReportsServicer, MtsServicer
from server.api.mts_oauth import MtsAuthServicer
from server.config import DEMO_MTS_REPORTS_TOKEN
from tests.support.mts_helpers import envelope
from tests.integration.servicer_support import InProcess, demo_app

TOKEN = "mts-demo-token"


def service(name):
    return mts_pb2.DESCRIPTOR.services_by_name[name]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = demo_app(tmp_path_factory, demo=True)  # demo: the demo internal client of MtsReportsService
    yield app
    app.db.dispose()


@pytest.fixture(scope="module")
def mts(app):
    s = InProcess(app, MtsServicer(app), service("MtsService"))
    yield s
    s.close()


def inform(mts, env: dict, token: str | None = TOKEN):
    st = struct_pb2.Struct()
    st.update(env)
    return mts.call("CasinoSessionsInform", mts_pb2.CasinoSessionsInformRequest(envelope=st),
                    {"authorization": f"Bearer {token}"} if token else {})


def test_accepted_then_replayed(mts):
    env = envelope()
    a = inform(mts, env)
    assert a.code == grpc.StatusCode.OK and a.http_status == 200
    assert a.http_body["content"] == {"type": "casino-sessions-inform-reply", "code": 0,
                                      "message": "Transaction processed"}
    assert isinstance(a.http_body["timestampUtc"], int)
    again = inform(mts, env)
    assert again.http_body == a.http_body  # the first reply, byte for byte


def test_bad_token_is_an_error_reply(mts):
    env = envelope()
    a = inform(mts, env, token="nope")
    assert a.code == grpc.StatusCode.UNAUTHENTICATED and a.http_status == 401
    assert a.http_body["content"]["type"] == "error-reply" and a.http_body["correlationId"] == env["correlationId"]
    assert a.detail(mts_pb2.CasinoSessionsInformResponse).content.code == a.http_body["content"]["code"]


def test_a_rejected_report_is_200_with_a_negative_code(mts):
    env = envelope()
    env["content"]["context"]["endCustomer"]["id"] = ""
    a = inform(mts, env)
    assert a.http_status == 200 and a.http_body["content"]["code"] < 0
    assert a.http_body["content"]["type"] == "casino-sessions-inform-reply"


def test_token_endpoint(app):
    auth = InProcess(app, MtsAuthServicer(app), service("MtsAuthService"))
    try:
        form = httpbody_pb2.HttpBody(content_type="application/x-www-form-urlencoded",
                                     data=b"grant_type=client_credentials&audience=mbs-dp-non-prod-wss")
        basic = base64.b64encode(b"mts-demo-client:mts-demo-secret").decode()
        ok = auth.call("IssueToken", mts_pb2.IssueTokenRequest(form=form), {"authorization": f"Basic {basic}"})
        assert ok.code == grpc.StatusCode.OK and ok.response.token_type == "Bearer" and ok.response.access_token
        assert ok.initial.get("cache-control") == "no-store"
        bad = base64.b64encode(b"mts-demo-client:wrong").decode()
        no = auth.call("IssueToken", mts_pb2.IssueTokenRequest(form=form), {"authorization": f"Basic {bad}"})
        assert no.code == grpc.StatusCode.UNAUTHENTICATED and no.http_status == 401
        assert no.http_body["error"] == "invalid_client"
        assert no.trailing["www-authenticate"] == 'Basic realm="pitboss-mts"'
    finally:
        auth.close()


def test_internal_query(app, mts):
    env = envelope()
    assert inform(mts, env).code == grpc.StatusCode.OK
    reports = InProcess(app, MtsReportsServicer(app), service("MtsReportsService"))
    try:
        req = mts_pb2.ListCasinoSessionsRequest(operator_id=1, page_size=1)
        none = reports.call("ListCasinoSessions", req)
        assert none.code == grpc.StatusCode.UNAUTHENTICATED
        md = {"authorization": f"Bearer {DEMO_MTS_REPORTS_TOKEN}"}
        page = reports.call("ListCasinoSessions", req, md)
        assert page.code == grpc.StatusCode.OK and len(page.response.sessions) == 1
        other = reports.call("ListCasinoSessions", mts_pb2.ListCasinoSessionsRequest(operator_id=2), md)
        assert other.code == grpc.StatusCode.PERMISSION_DENIED
        bad = reports.call("ListCasinoSessions", mts_pb2.ListCasinoSessionsRequest(
            operator_id=1, start_time=timestamp_pb2.Timestamp(seconds=10), end_time=timestamp_pb2.Timestamp(seconds=5)), md)
        assert bad.code == grpc.StatusCode.INVALID_ARGUMENT
    finally:
        reports.close()
