"""The PAM servicer in process (grpc_testing; its coroutines driven on an
event loop of the test, see tests/integration/servicer_support.py): real domain, the
group-commit writer and a real SQLite database, no network."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import json_format

from pitboss.pam.v1 import pam_pb2
from server.api.pam import PamServicer
from tests.support.pam_support import API_TOKEN, new_player, tx
from tests.integration.servicer_support import InProcess, demo_app

SERVICE = pam_pb2.DESCRIPTOR.services_by_name["PamService"]
TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = demo_app(tmp_path_factory)
    yield app
    app.db.writer.stop()
    app.db.dispose()


@pytest.fixture(scope="module")
def pam(app):
    s = InProcess(app, PamServicer(app), SERVICE)
    yield s
    s.close()


def md(token: str, api: str = API_TOKEN, **extra) -> dict:
    return {"authorization": f"Bearer {api}", "x-player-token": token, **extra}


def add(pam, pid, token, body: dict):
    t = pam_pb2.Transaction()
    json_format.ParseDict(body, t)
    return pam.call("AddTransaction", pam_pb2.AddTransactionRequest(provider="evolution", player_id=pid, transaction=t),
                    md(token))


def test_balance(pam, app):
    pid, token = new_player(app.settings.database_url, cash="100")
    a = pam.call("GetBalance", pam_pb2.GetBalanceRequest(provider="evolution", player_id=pid), md(token))
    assert a.code == grpc.StatusCode.OK and a.response.status == "OK"
    assert a.response.balance.cash_amount == 100


def test_a_bad_api_token_is_401_with_the_trace_headers(pam, app):
    pid, token = new_player(app.settings.database_url)
    a = pam.call("GetBalance", pam_pb2.GetBalanceRequest(provider="evolution", player_id=pid),
                 md(token, api="nope", traceparent=TRACEPARENT))
    assert a.code == grpc.StatusCode.UNAUTHENTICATED and a.http_status == 401
    assert a.http_body == {"status": "ERROR", "error": {"code": "PAM_ERR_API_TOKEN", "message": a.details}}
    assert a.trailing["traceparent"].startswith("00-0af7651916cd43dd8448eb211c80319c-")


def test_withdraw_deposit_and_overdraft(pam, app):
    pid, token = new_player(app.settings.database_url, cash="10")
    ok = add(pam, pid, token, tx("WITHDRAW", "w1", cash="4"))
    assert ok.response.status == "OK", ok.response
    assert ok.response.transaction_result.balance.cash_amount == 6
    again = add(pam, pid, token, tx("WITHDRAW", "w1", cash="4"))  # idempotent retry
    assert again.response.transaction_result.transaction_id == ok.response.transaction_result.transaction_id
    # A business rejection (an answered decline): the normal answer, status
    # ERROR with the balance, is HTTP 200; a gRPC caller gets
    # FAILED_PRECONDITION with that answer as a detail.
    over = add(pam, pid, token, tx("WITHDRAW", "w2", cash="7"))
    assert over.code == grpc.StatusCode.FAILED_PRECONDITION and over.http_status == 200
    answer = over.detail(pam_pb2.AddTransactionResponse)
    assert answer.status == "ERROR" and answer.error.code == pam_pb2.PAM_ERR_CASH_OVERDRAFT
    assert answer.transaction_result.balance.cash_amount == 6
    assert over.http_body == {
        "status": "ERROR", "error": {"code": "PAM_ERR_CASH_OVERDRAFT", "message": answer.error.message},
        "transactionResult": {"balance": {"cashAmount": 6, "bonusAmount": 0, "promoAmount": 0}}}
    win = add(pam, pid, token, tx("DEPOSIT", "d1", cash="3", over=True))
    assert win.response.transaction_result.balance.cash_amount == 9


def test_session_and_unknown_round(pam, app):
    pid, token = new_player(app.settings.database_url)
    s = pam.call("GetSession", pam_pb2.GetSessionRequest(provider="evolution"), md(token, traceparent=TRACEPARENT))
    assert s.response.status == "OK" and s.response.session.player_id == pid
    assert s.initial["traceparent"].startswith("00-0af7651916cd43dd8448eb211c80319c-")
    r = pam.call("GetGameRound", pam_pb2.GetGameRoundRequest(provider="evolution", player_id=pid,
                                                             provider_game_round_id="nope"), md(token))
    assert r.code == grpc.StatusCode.FAILED_PRECONDITION and r.http_status == 200
    answer = r.detail(pam_pb2.GetGameRoundResponse)
    assert answer.status == "ERROR" and answer.error.code == pam_pb2.PAM_ERR_ROUND_NOT_FOUND
