"""One answer model (docs/architecture.md): a decline answered as a normal
response is handled in one place with one decision about its gRPC status,
and which RPCs answer declines with their response message is the contract's
``decline_in_response`` option, not method names."""

from __future__ import annotations

import json
from decimal import Decimal

import grpc
import pytest
from google.rpc import status_pb2

import server.bootstrap  # noqa: F401  (loads every service's descriptor)
from server.api import edge
from server.api.errors import render
from server.api.method import decline_response, parse
from server.domain import errors as domain_errors
from server.domain.games.errors import OpenRound
from server.domain.mts import errors as mts_errors
from server.domain.outcome import AnsweredDecline
from server.domain.pam import errors as pam_errors
from server.domain.pam.model import Balance
from server.domain.vip.errors import SessionDeclined

VIP = "/pitboss.vip.v1.VipConnectService/"
PAM = "/pitboss.pam.v1.PamService/"


def test_the_method_parser():
    m = parse(VIP + "CreateExistingSession")
    assert (m.package, m.service, m.name) == ("pitboss.vip.v1", "pitboss.vip.v1.VipConnectService",
                                             "CreateExistingSession")
    assert m.path == VIP + "CreateExistingSession"


def test_the_rpcs_that_answer_declines_with_their_response_are_declared_in_the_contract():
    from pitboss.mts.v1 import mts_pb2
    from pitboss.pam.v1 import pam_pb2
    from pitboss.vip.v1 import vip_pb2

    assert decline_response(VIP + "CreateSimpleSession") is vip_pb2.CreateSimpleSessionResponse
    assert decline_response(VIP + "LookupAccount") is None
    assert decline_response(PAM + "GetBalance") is pam_pb2.GetBalanceResponse
    assert decline_response("/pitboss.mts.v1.MtsService/CasinoSessionsInform") is mts_pb2.CasinoSessionsInformResponse
    assert decline_response("/pitboss.gateway.v1.PlayerGatewayService/StartGame") is None


def test_envoy_matches_the_vip_session_calls_by_the_option():
    from server.process.envoy import decline_paths

    assert decline_paths("pitboss.vip.v1") == [
        VIP + "CreateExistingSession", "/api/patronsession/existing",
        VIP + "CreateNewSession", "/api/patronsession/new",
        VIP + "CreateSimpleSession", "/api/patronsession/existing/simple",
    ]


def _status(method: str, exc: domain_errors.DomainError) -> tuple[grpc.StatusCode, int, dict]:
    st = render(method, exc, {})
    md = dict(st.trailing_metadata)
    return st.code, int(md[edge.HTTP_STATUS]), json.loads(md[edge.HTTP_BODY])


@pytest.mark.parametrize(("method", "exc", "code", "http"), [
    (PAM + "GetGameRound", pam_errors.PamRejected(pam_errors.ROUND_NOT_FOUND, "No round."), grpc.StatusCode.FAILED_PRECONDITION, 200),
    ("/pitboss.mts.v1.MtsService/CasinoSessionsInform",
     mts_errors.MtsRejected([domain_errors.FieldViolation("operatorId", "-100", "missing")], "c1"), grpc.StatusCode.INVALID_ARGUMENT, 200),
    ("/pitboss.gateway.v1.PlayerGatewayService/StartGame", OpenRound("g2", "g1", "https://g/1", "<html>"),
     grpc.StatusCode.FAILED_PRECONDITION, 403),
])
def test_a_decline_answered_as_a_normal_response_fails_with_the_status_of_its_kind(method, exc, code, http):
    assert isinstance(exc, AnsweredDecline)
    assert _status(method, exc)[:2] == (code, http)


def test_pam_business_errors_carry_their_answer_printed_as_the_transcoder_prints_it():
    from pitboss.pam.v1 import pam_pb2

    exc = pam_errors.PamRejected(pam_errors.CASH_OVERDRAFT, "Not enough cash.", Balance(cash=Decimal("6"), bonus=Decimal("0"), promo=Decimal("0")))
    st = render(PAM + "AddTransaction", exc, {})
    code, http, body = _status(PAM + "AddTransaction", exc)
    assert (code, http) == (grpc.StatusCode.FAILED_PRECONDITION, 200)
    assert '"cashAmount":6,' in dict(st.trailing_metadata)[edge.HTTP_BODY]
    details = status_pb2.Status.FromString(dict(st.trailing_metadata)["grpc-status-details-bin"]).details
    answer = pam_pb2.AddTransactionResponse()
    assert next(d for d in details if d.Is(answer.DESCRIPTOR)).Unpack(answer)
    assert answer.status == "ERROR" and answer.transaction_result.balance.cash_amount == 6
    assert body["error"] == {"code": "PAM_ERR_CASH_OVERDRAFT", "message": "Not enough cash."}


def test_a_locked_vip_card_is_a_rate_limit():
    assert render(VIP + "LookupAccount", SessionDeclined.of("102"), {}).code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert render(VIP + "LookupAccount", SessionDeclined.of("101"), {}).code == grpc.StatusCode.FAILED_PRECONDITION
