"""Hostile callers: what an attacker with some access (a stolen password, a
session token, a reachable port) must not be able to do."""

from __future__ import annotations

import threading
from datetime import date, datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import create_engine, text


class RedirectingOperator:
    """An operator endpoint that answers every notification with a redirect
    to another path of the same server, and records what reached each path."""

    def __init__(self, status: int) -> None:
        self.got: list[tuple[str, str | None]] = []
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.got.append((self.path, self.headers.get("Authorization")))
                if self.path == "/notify":
                    self.send_response(status)
                    self.send_header("Location", f"{outer.url}/elsewhere")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()


@pytest.mark.storage
@pytest.mark.parametrize("status", [302, 307, 308])
def test_vip_notifier_never_follows_redirects(db_url, app_factory, status):
    from sqlmodel import select

    from server.demo import load
    from server.domain.vip import money as vip_money
    from server.domain.vip import sessions as S
    from server.storage.models import VipOutbox
    from server.storage.repositories.vip import SqlVipUnit
    from server.outbox.vip_callbacks import VipNotifier

    op_server = RedirectingOperator(status)
    try:
        app = app_factory(db_url)
        load(app.db, app.vault)
        eng = create_engine(db_url)
        with eng.begin() as c:
            c.execute(text("UPDATE vip_operator SET notify_withdraw_url=:u WHERE id='operator-1'"),
                      {"u": op_server.url + "/notify"})
        eng.dispose()
        now = datetime.now(timezone.utc)
        echo = S.Echo(patron_id="p", kind="withdraw", transaction_id=f"redir-{status}",
                      transaction_amount=Decimal("5"), wallet_balance=Decimal("50"),
                      return_url="https://x.example/ok", cancel_redirect_url="https://x.example/no")
        with SqlVipUnit(app.db, True, app.vault) as uow:
            out = S.open_existing(uow, uow.patrons.operator("operator-1"), echo,
                                  "7210536159", date(1985, 1, 15), S.SessionPolicy(), now)
            uow.commit()
        with SqlVipUnit(app.db, True, app.vault) as uow:
            vip_money.confirm(uow, out.session.id, 0, now)
            uow.commit()
        assert VipNotifier(app).deliver_due() == 1
        assert [p for p, _ in op_server.got] == ["/notify"]  # the JWT went nowhere else
        with app.db.session() as s:
            n = s.exec(select(VipOutbox)).one()
            assert n.delivered_at is None and n.last_status == status and n.attempts == 1
    finally:
        op_server.srv.shutdown()


# ------------------------------------------------------------------ VIP: pending deposits


def _vip_session(stack, http, card, dob, amount, txid):
    from tests.e2e.test_vip_money import EXISTING, post, req

    return post(stack, http, EXISTING, req(vipCardNumber=card, dateOfBirth=dob, transactionAmount=amount,
                                           remainingDailyDeposit=5000, transactionId=txid)).json()


def _vip_confirm(stack, http, session_id):
    from tests.e2e.test_vip_money import post

    r = post(stack, http, f"/api/sdk/sessions/{session_id}/confirm", {"bankAccountIndex": 0}, token=False)
    assert r.status_code == 200, r.text
    return r.json()["status"]


@pytest.mark.e2e
def test_vip_pending_deposits_count_against_the_limit(stack, http):
    from tests.e2e.test_vip_money import _lookup, _patron, post

    card, dob = _patron(stack, http, "600770001")  # a new patron: limit 1000
    s1 = _vip_session(stack, http, card, dob, 800, "pend-1")
    s2 = _vip_session(stack, http, card, dob, 800, "pend-2")  # both open: nothing is pending yet
    assert _vip_confirm(stack, http, s1["sessionId"]) == "pending_approval"
    assert _vip_confirm(stack, http, s2["sessionId"]) == "failed"  # 800 + 800 > 1000
    s3 = _vip_session(stack, http, card, dob, 800, "pend-3")
    assert s3["errorModel"]["errorCode"] == "112" and s3["depositLimit"] == 200
    assert _vip_session(stack, http, card, dob, 200, "pend-4")["depositLimit"] == 200
    r = post(stack, http, "/api/operator/DepositApproval", {"transactionId": "pend-1"})
    assert r.json()["status"] == "settled", r.text
    r = post(stack, http, "/api/operator/DepositApproval", {"transactionId": "pend-2"})
    assert r.status_code == 404, r.text  # the failed one never became a transaction
    assert _lookup(stack, http, card)["availableAmount"] == 200


@pytest.mark.e2e
def test_vip_approval_over_the_available_limit_is_refused(stack, http):
    from tests.e2e.test_vip_money import _lookup, _patron, post

    card, dob = _patron(stack, http, "600770002")
    s = _vip_session(stack, http, card, dob, 800, "over-1")
    assert _vip_confirm(stack, http, s["sessionId"]) == "pending_approval"
    # The back office lowers the patron's available amount below the deposit.
    eng = create_engine(stack.database_url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_patron SET available_amount = 500000000 WHERE vip_card_number = :c"), {"c": card})
    eng.dispose()
    r = post(stack, http, "/api/operator/DepositApproval", {"transactionId": "over-1"})
    assert r.status_code == 400 and r.json()["errorCode"] == "112", r.text
    assert _lookup(stack, http, card)["availableAmount"] == 500  # nothing settled, never clamped at zero
    r = post(stack, http, "/api/operator/DepositApproval", {"transactionId": "over-1", "approved": False})
    assert r.json()["status"] == "rejected", r.text
    assert _lookup(stack, http, card)["availableAmount"] == 500


# ------------------------------------------------------------------ internal gRPC callers


@pytest.mark.e2e
def test_mts_reports_service_authenticates_and_scopes_its_callers(stack):
    import grpc

    from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc

    req = mts_pb2.ListCasinoSessionsRequest(operator_id=1)
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = mts_pb2_grpc.MtsReportsServiceStub(ch)
        for md in ((), (("authorization", "Bearer mts-demo-token"),), (("authorization", "Bearer x"),),
                   (("authorization", "Basic bXRzLXJlcG9ydHMtZGVtby10b2tlbg=="),)):
            with pytest.raises(grpc.RpcError) as e:
                stub.ListCasinoSessions(req, metadata=md, timeout=10)
            assert e.value.code() == grpc.StatusCode.UNAUTHENTICATED, md
        ok = (("authorization", "Bearer mts-reports-demo-token"),)
        stub.ListCasinoSessions(req, metadata=ok, timeout=10)
        with pytest.raises(grpc.RpcError) as e:
            stub.ListCasinoSessions(mts_pb2.ListCasinoSessionsRequest(operator_id=2), metadata=ok, timeout=10)
        assert e.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_mts_reports_clients_come_from_configuration(monkeypatch):
    import hashlib
    import json
    from types import SimpleNamespace

    from server.bootstrap import SERVICES
    from server.config import Settings
    from server.domain.errors import Unauthenticated

    digest = hashlib.sha256(b"risk-desk-secret").hexdigest()
    monkeypatch.setenv("PITBOSS_MTS_REPORTS_CLIENTS",
                       json.dumps([{"name": "risk-desk", "token_sha256": digest, "operators": [2, 3]}]))
    app = SimpleNamespace(settings=Settings())
    authenticate = next(s.auth for s in SERVICES if s.name == "pitboss.mts.v1.MtsReportsService")
    client = authenticate(app, {"authorization": "Bearer risk-desk-secret"})
    assert (client.name, client.operators) == ("risk-desk", [2, 3])
    with pytest.raises(Unauthenticated):  # the demo client exists in demo mode only
        authenticate(app, {"authorization": "Bearer mts-reports-demo-token"})
    demo = SimpleNamespace(settings=Settings(demo=True))
    assert authenticate(demo, {"authorization": "Bearer mts-reports-demo-token"}).operators == [1]


# ------------------------------------------------------------------ gateway: login guard


def _register(stack, http, name: str) -> dict:
    r = http.post(stack.url("/gateway/reg-step-one/1.0/1"), json={
        "loginName": name, "email": f"{name}@example.com", "password": "Secret123", "over18": True,
        "signTNC": True, "language": "en", "btag": "", "bonusCode": "", "currency": "EUR"})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.e2e
def test_login_lockout_counts_per_account_not_per_typed_login(stack, http):
    import secrets

    name = "guard" + secrets.token_hex(4)
    _register(stack, http, name)
    url = stack.url("/gateway/login/1.0/1/player")
    for login in (name, name.upper(), f"{name}@example.com", f"{name.upper()}@EXAMPLE.COM", name):
        r = http.post(url, json={"user_name": login, "password": "Wrong1234"})
        assert r.status_code == 401, r.text
    for login in (name, f"{name}@example.com"):
        r = http.post(url, json={"user_name": login, "password": "Secret123"})
        assert r.status_code == 429 and r.json() == {"errMsg": "too many failed logins - try again later"}


@pytest.mark.storage
def test_vip_concurrent_confirms_never_exceed_the_limit(db_url, app_factory):
    """Two sessions of 800 against a 1,000 limit, confirmed at once: exactly one
    becomes a pending deposit, on SQLite and PostgreSQL."""
    from server.demo import load
    from server.domain.vip import money as vip_money
    from server.domain.vip import sessions as S
    from server.storage.repositories.vip import SqlVipUnit

    app = app_factory(db_url)
    load(app.db, app.vault)
    now = datetime.now(timezone.utc)
    enrollment = S.Enrollment("ANN", "", "LEE", date(1980, 3, 4), "a@example.com", "7025550100", "1 ROAD", "RENO",
                              "NV", "89501", "US", "DL", "RACE12345", "NV", "600880001", "122105278", "123456789")
    ids = []
    for i in range(2):
        echo = S.Echo(patron_id="p", kind="deposit", transaction_id=f"race-{i}", transaction_amount=Decimal("800"),
                      remaining_daily_deposit=Decimal("5000"), wallet_balance=Decimal("0"),
                      return_url="https://x.example/ok", cancel_redirect_url="https://x.example/no")
        with SqlVipUnit(app.db, True, app.vault) as uow:
            out = S.enroll(uow, uow.patrons.operator("operator-1"), echo, enrollment, S.SessionPolicy(), now)
            assert not hasattr(out, "error"), out  # a session, not a Refusal
            uow.commit()
            ids.append(out.session.id)
    barrier, results = threading.Barrier(2), []

    def confirm(session_id):
        barrier.wait()
        with SqlVipUnit(app.db, True, app.vault) as uow:
            results.append(vip_money.confirm(uow, session_id, 0, now).status)
            uow.commit()

    threads = [threading.Thread(target=confirm, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["failed", "pending_approval"], results
