"""The records' servicers in process (grpc_testing): the daily report's
answers and refusals (the back office's credential, BadRequest naming the
fields) and the statement's (the gateway's 422 list, its typed details)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import grpc
import pytest
from google.rpc import error_details_pb2

from pitboss.backoffice.v1 import reports_pb2
from pitboss.gateway.v1 import gateway_pb2
from server.api.gateway import PlayerGatewayServicer
from server.api.reports_backoffice import ReportsBackofficeServicer
from tests.integration.servicer_support import InProcess, demo_app

REPORTS = reports_pb2.DESCRIPTOR.services_by_name["ReportsBackofficeService"]
GATEWAY = gateway_pb2.DESCRIPTOR.services_by_name["PlayerGatewayService"]
BO = {"authorization": "Bearer reports-secret", "x-acting-user": "auditor"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    client = {"name": "auditors", "token_sha256": hashlib.sha256(b"reports-secret").hexdigest()}
    app = demo_app(tmp_path_factory, backoffice_clients=[client])
    yield app
    app.db.dispose()


def test_daily_report_pages_and_refusals(app):
    s = InProcess(app, ReportsBackofficeServicer(app), REPORTS)
    try:
        today = datetime.now(timezone.utc).date().isoformat()
        a = s.call("GetDailyReport", reports_pb2.GetDailyReportRequest(date=today, page_size=1), BO)
        assert a.code == grpc.StatusCode.OK and not a.response.final and a.response.next_page_token
        rows = list(a.response.rows)
        token = a.response.next_page_token
        while token:
            a = s.call("GetDailyReport", reports_pb2.GetDailyReportRequest(date=today, page_size=1, page_token=token), BO)
            rows += a.response.rows
            token = a.response.next_page_token
        got = {(r.player_id, r.balance): (r.opening, r.closing, r.activity) for r in rows}
        # The demo wallets' opening balances were booked today (ADJUSTMENT entries).
        assert got[("73619e57b3bc4b4e9014132be3bd12a9", "cash")] == ("0.000000", "1000.000000", True)
        assert s.call("GetDailyReport", reports_pb2.GetDailyReportRequest(date=today)).code == \
            grpc.StatusCode.UNAUTHENTICATED
        bad = s.call("GetDailyReport", reports_pb2.GetDailyReportRequest(date="2026-02-30", brand_id=-1,
                                                                         page_size=5000, page_token="x"), BO)
        assert bad.code == grpc.StatusCode.INVALID_ARGUMENT
        fields = {v.field for v in bad.detail(error_details_pb2.BadRequest).field_violations}
        assert fields == {"date", "brand_id", "page_size", "page_token"}
    finally:
        s.close()


def test_statement_refusals_are_the_gateway_s_422(app):
    gw = InProcess(app, PlayerGatewayServicer(app), GATEWAY)
    try:
        login = gw.call("Login", gateway_pb2.LoginRequest(version="1", brand_id="1", user_name="itamar1",
                                                          password="Secret123"))
        token = {"x-auth-token": login.response.auth_token}
        ok = gw.call("GetTransactionHistory", gateway_pb2.GetTransactionHistoryRequest(version="1", brand_id="1"), token)
        assert ok.code == grpc.StatusCode.OK and ok.response.currency == "EUR"
        assert [t.type for t in ok.response.transactions] == ["adjustment"]  # the demo's opening balance
        req = gateway_pb2.GetTransactionHistoryRequest(version="1", brand_id="1", to="2020-01-01", limit=101)
        setattr(req, "from", "2020-13-01")
        bad = gw.call("GetTransactionHistory", req, token)
        assert bad.code == grpc.StatusCode.INVALID_ARGUMENT and bad.http_status == 422
        assert bad.http_body == {"result": [{"field": "from", "errorCode": "date_invalid"}]}
        assert bad.detail(error_details_pb2.BadRequest).field_violations[0].field == "from"
    finally:
        gw.close()
