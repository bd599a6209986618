"""The money flow: confirm in the web component's API, the operator's
approvals, settlement in account inquiry, and notifications through the
outbox (a real HTTP receiver that fails first, a restart in between)."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc
import jwt
import pytest
from sqlalchemy import create_engine, text

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from server.demo import VIP_OPERATOR_KEYS
from server.domain.vip.auth import key_bytes
from tests.e2e.stack import start_stack, stop_stack
from tests.support.tokens import vip_token
from tests.e2e.test_vip_sessions_e2e import EXISTING, NEW, new_req, req

FAST = {"PITBOSS_VIP_NOTIFY_BACKOFF": "0.3", "PITBOSS_VIP_NOTIFY_POLL": "0.1", "PITBOSS_VIP_NOTIFY_TIMEOUT": "2"}


class Receiver:
    """The operator's notification endpoint: for a transactionId in ``plan``
    answers the programmed statuses in turn (then 200); records every request."""

    def __init__(self) -> None:
        self.plan: dict[str, list[int]] = {}
        self.got: list[tuple[str, dict, bytes, int]] = []
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with outer.lock:
                    todo = outer.plan.get(json.loads(body).get("transactionId"), [])
                    status = todo.pop(0) if todo else 200
                    outer.got.append((self.path, dict(self.headers), body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def delivered(self, path: str):
        return [g for g in self.got if g[0] == path and g[3] == 200]

    def wait(self, path: str, txid: str, timeout: float = 20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            d = [g for g in self.delivered(path) if json.loads(g[2])["transactionId"] == txid]
            if d:
                return d
            time.sleep(0.05)
        raise AssertionError(f"no delivery to {path}: {[(g[0], g[3]) for g in self.got]}")


@pytest.fixture(scope="module")
def receiver():
    r = Receiver()
    yield r
    r.srv.shutdown()


def _configure(url, receiver, error_url=True):
    eng = create_engine(url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_operator SET notify_deposit_url=:d, notify_withdraw_url=:w, notify_error_url=:e "
                       "WHERE id='operator-1'"),
                  {"d": receiver.url + "/deposit", "w": receiver.url + "/withdraw",
                   "e": receiver.url + "/error" if error_url else ""})
    eng.dispose()


@pytest.fixture(scope="module")
def money_stack(tmp_path_factory, receiver):
    tmp = tmp_path_factory.mktemp("money")
    url = f"sqlite:///{tmp / 'money.db'}"
    s = start_stack(tmp, url, FAST)
    _configure(url, receiver)
    s.extra["tmp"] = tmp
    yield s
    assert stop_stack(s) == 0


def post(stack, http, path, body, token=True):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {vip_token()}"
    return http.post(stack.url(path), data=json.dumps(body), headers=headers)


def _patron(stack, http, ssn, dob="03/04/1970"):
    b = post(stack, http, NEW, new_req(ssn=ssn, dateOfBirth=dob, transactionAmount=10)).json()
    return b["vipCardNumber"], dob


def _confirmed(stack, http, card, dob, **kw):
    s = post(stack, http, EXISTING, req(vipCardNumber=card, dateOfBirth=dob, **kw)).json()
    assert s["sessionId"] != "00000000-0000-0000-0000-000000000000", s
    r = post(stack, http, f"/api/sdk/sessions/{s['sessionId']}/confirm", {"bankAccountIndex": 0}, token=False)
    assert r.status_code == 200, r.text
    return s, r.json()


def _lookup(stack, http, card):
    return post(stack, http, "/api/patronsession/accountlookup", {"VipAccountNumber": card}).json()


def _verify(headers, body):
    token = headers["Authorization"].split(" ", 1)[1]
    key = key_bytes(VIP_OPERATOR_KEYS["operator-1"][0])
    claims = jwt.decode(token, key, algorithms=["HS256"], audience="operator-1", issuer="vip-api")
    assert claims["body_sha256"] == hashlib.sha256(body).hexdigest()
    return claims


@pytest.mark.e2e
def test_deposit_settles_only_when_approved(money_stack, http):
    card, dob = _patron(money_stack, http, "600330001")
    before = _lookup(money_stack, http, card)
    assert before["availableAmount"] == 1000.0 and before["lastTransaction"] == "0001-01-01T00:00:00+00:00"
    s, conf = _confirmed(money_stack, http, card, dob, transactionAmount=120.55, transactionId="dep-1")
    assert conf == {"redirectUrl": s["returnUrl"], "status": "pending_approval"}
    # Not approved yet: not settled.
    assert _lookup(money_stack, http, card)["availableAmount"] == 1000.0
    r = post(money_stack, http, "/api/operator/DepositApproval", {"transactionId": "dep-1"})
    assert r.status_code == 200, r.text
    assert r.json() == {"transactionResult": "Success", "transactionId": "dep-1", "status": "settled"}
    after = _lookup(money_stack, http, card)
    assert after["availableAmount"] == 879.45
    assert after["mostRecentTransactionAmount"] == 120.55
    assert after["lastTransaction"] != "0001-01-01T00:00:00+00:00"
    # Repeating the approval answers the same; the opposite decision is refused.
    assert post(money_stack, http, "/api/operator/DepositApprovalJson", {"transactionId": "dep-1"}).json()[
        "transactionResult"] == "Success"
    r = post(money_stack, http, "/api/operator/DepositApproval", {"transactionId": "dep-1", "approved": False})
    assert r.status_code == 400 and r.json()["errorCode"] == "400"
    assert _lookup(money_stack, http, card)["availableAmount"] == 879.45
    # The operator's transaction id cannot be used for a second transaction.
    r = post(money_stack, http, EXISTING, req(vipCardNumber=card, dateOfBirth=dob, transactionId="dep-1"))
    assert r.json()["errorModel"]["errorCode"] == "105"


@pytest.mark.e2e
def test_withdraw_waits_for_approval(money_stack, http):
    card, dob = _patron(money_stack, http, "600330002")
    _confirmed(money_stack, http, card, dob, transactionAmount=100, transactionId="dep-2")
    post(money_stack, http, "/api/operator/DepositApproval", {"transactionId": "dep-2"})
    assert _lookup(money_stack, http, card)["availableAmount"] == 900.0
    _confirmed(money_stack, http, card, dob, transactionType="withdraw", transactionAmount=40, walletBalance=500,
               transactionId="wd-1")
    assert _lookup(money_stack, http, card)["availableAmount"] == 900.0
    # A withdrawal is not a deposit.
    assert post(money_stack, http, "/api/operator/DepositApproval", {"transactionId": "wd-1"}).status_code == 404
    r = post(money_stack, http, "/api/operator/WithdrawApprovalJson", {"transactionId": "wd-1"})
    assert r.status_code == 200 and r.json()["transactionResult"] == "Success"
    after = _lookup(money_stack, http, card)
    assert after["availableAmount"] == 940.0 and after["mostRecentTransactionAmount"] == 40.0


@pytest.mark.e2e
def test_rejected_deposit_not_settled(money_stack, http):
    card, dob = _patron(money_stack, http, "600330003")
    _confirmed(money_stack, http, card, dob, transactionAmount=50, transactionId="dep-3")
    r = post(money_stack, http, "/api/operator/DepositApproval", {"transactionId": "dep-3", "approved": False})
    assert r.json() == {"transactionResult": "Success", "transactionId": "dep-3", "status": "rejected"}
    assert _lookup(money_stack, http, card)["availableAmount"] == 1000.0


@pytest.mark.e2e
def test_approval_errors(money_stack, http):
    r = post(money_stack, http, "/api/operator/WithdrawApproval", {"transactionId": "nope"})
    assert r.status_code == 404 and r.json()["errorCode"] == "404"
    r = post(money_stack, http, "/api/operator/WithdrawApproval", {})
    assert r.status_code == 400
    assert r.json()["operatorErrorMessage"] == "Validation failed: TransactionId: 'Transaction Id' must not be empty."
    r = post(money_stack, http, "/api/operator/WithdrawApproval", {"transactionId": "nope"}, token=False)
    assert r.status_code == 401
    with grpc.insecure_channel(money_stack.grpc) as ch:
        stub = vip_pb2_grpc.VipConnectServiceStub(ch)
        with pytest.raises(grpc.RpcError) as e:
            stub.ApproveDeposit(vip_pb2.ApproveDepositRequest(transaction_id="nope"),
                                metadata=[("authorization", f"Bearer {vip_token()}")])
        assert e.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.e2e
def test_notification_retried_until_200(money_stack, http, receiver):
    receiver.plan["dep-notify"] = [500, 503]
    card, dob = _patron(money_stack, http, "600330004")
    s, _ = _confirmed(money_stack, http, card, dob, transactionAmount=30, transactionId="dep-notify")
    got = receiver.wait("/deposit", "dep-notify")
    attempts = [g for g in receiver.got if g[0] == "/deposit" and json.loads(g[2])["transactionId"] == "dep-notify"]
    assert [g[3] for g in attempts] == [500, 503, 200]
    path, headers, body, _ = got[-1]
    claims = _verify(headers, body)
    payload = json.loads(body)
    assert payload["eventType"] == "deposit" and payload["amount"] == 30.0 and payload["sessionId"] == s["sessionId"]
    assert payload["vipCardNumber"] == card and payload["status"] == "pending_approval"
    assert claims["jti"]
    # The receiver records the request before it answers: the notifier books
    # the answer a moment later.
    eng = create_engine(money_stack.database_url)
    deadline = time.monotonic() + 10
    while True:
        with eng.connect() as c:
            row = c.execute(text("SELECT attempts, delivered_at FROM vip_outbox WHERE payload LIKE '%dep-notify%'")).one()
        if row[1] is not None or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    eng.dispose()
    assert row[0] == 3 and row[1] is not None


@pytest.mark.e2e
def test_withdraw_notification_and_error_fallback(money_stack, http, receiver):
    card, dob = _patron(money_stack, http, "600330005")
    _confirmed(money_stack, http, card, dob, transactionType=1, transactionAmount=25, walletBalance=100,
               transactionId="wd-notify")
    assert receiver.wait("/withdraw", "wd-notify")
    # A failure at confirm (the limit moved since the session opened) goes to
    # NotifyError ...
    s = post(money_stack, http, EXISTING, req(vipCardNumber=card, dateOfBirth=dob, transactionAmount=60,
                                              transactionId="dep-fail-1")).json()
    eng = create_engine(money_stack.database_url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_patron SET available_amount = 1000000 WHERE vip_card_number=:c"), {"c": card})
    eng.dispose()
    r = post(money_stack, http, f"/api/sdk/sessions/{s['sessionId']}/confirm", {"bankAccountIndex": 0}, token=False)
    assert r.json() == {"redirectUrl": s["cancelRedirectUrl"], "status": "failed"}
    err = json.loads(receiver.wait("/error", "dep-fail-1")[0][2])
    assert err["eventType"] == "error" and err["errorCode"] == "112" and err["status"] == "failed"
    # ... or to NotifyDeposit when the operator has no error URL.
    eng = create_engine(money_stack.database_url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_patron SET available_amount = 900000000 WHERE vip_card_number=:c"), {"c": card})
    eng.dispose()
    _configure(money_stack.database_url, receiver, error_url=False)
    try:
        s = post(money_stack, http, EXISTING, req(vipCardNumber=card, dateOfBirth=dob, transactionAmount=60,
                                                  transactionId="dep-fail")).json()
        eng = create_engine(money_stack.database_url)
        with eng.begin() as c:
            c.execute(text("UPDATE vip_patron SET available_amount = 1000000 WHERE vip_card_number=:c"), {"c": card})
        eng.dispose()
        r = post(money_stack, http, f"/api/sdk/sessions/{s['sessionId']}/confirm", {"bankAccountIndex": 0}, token=False)
        assert r.json() == {"redirectUrl": s["cancelRedirectUrl"], "status": "failed"}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            errs = [json.loads(g[2]) for g in receiver.delivered("/deposit") if json.loads(g[2])["eventType"] == "error"]
            if errs:
                break
            time.sleep(0.05)
        assert errs and errs[0]["transactionId"] == "dep-fail" and errs[0]["errorCode"] == "112"
    finally:
        _configure(money_stack.database_url, receiver)


@pytest.mark.e2e
def test_notification_survives_a_restart(tmp_path, http, receiver):
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    stack = start_stack(tmp_path, url, FAST)
    _configure(url, receiver)
    try:
        receiver.plan["dep-restart"] = [500] * 1000
        card, dob = _patron(stack, http, "600330006")
        _confirmed(stack, http, card, dob, transactionAmount=15, transactionId="dep-restart")
        deadline = time.monotonic() + 10
        while not any(b"dep-restart" in g[2] for g in receiver.got) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        assert stop_stack(stack) == 0
    assert not [g for g in receiver.delivered("/deposit") if b"dep-restart" in g[2]]
    receiver.plan["dep-restart"] = []
    stack = start_stack(tmp_path, url, FAST)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not [g for g in receiver.delivered("/deposit") if b"dep-restart" in g[2]]:
            time.sleep(0.05)
        assert [g for g in receiver.delivered("/deposit") if b"dep-restart" in g[2]]
    finally:
        assert stop_stack(stack) == 0


@pytest.mark.storage
def test_outbox_delivery_on_both_backends(db_url, app_factory, receiver):
    """The outbox and its delivery on SQLite and PostgreSQL: a failed attempt
    is kept with its backoff, the next due pass delivers it."""
    from datetime import datetime, timedelta, timezone

    from sqlmodel import select

    from server.demo import load
    from server.domain.vip import money as vip_money
    from server.domain.vip import sessions as S
    from server.storage.models import VipOutbox
    from server.storage.repositories.vip import SqlVipUnit
    from server.outbox.vip_callbacks import VipNotifier

    app = app_factory(db_url)
    load(app.db, app.vault)
    _configure(db_url, receiver)
    now = datetime.now(timezone.utc)
    echo = S.Echo(patron_id="p", kind="withdraw", transaction_id="store-wd", transaction_amount=S.Decimal("5"),
                  wallet_balance=S.Decimal("50"), return_url="https://x.example/ok",
                  cancel_redirect_url="https://x.example/no")
    with SqlVipUnit(app.db, True, app.vault) as uow:
        out = S.open_existing(uow, uow.patrons.operator("operator-1"), echo, "7210536159",
                              S.date(1985, 1, 15), S.SessionPolicy(), now)
        uow.commit()
    with SqlVipUnit(app.db, True, app.vault) as uow:
        vip_money.confirm(uow, out.session.id, 0, now)
        uow.commit()
    receiver.plan["store-wd"] = [500]
    notifier = VipNotifier(app)
    assert notifier.deliver_due() == 1
    with app.db.session() as s:
        n = s.exec(select(VipOutbox)).one()
        assert n.attempts == 1 and n.delivered_at is None and n.last_status == 500
        assert n.next_attempt_at > datetime.now(timezone.utc)
    assert notifier.deliver_due() == 0  # not due yet
    with app.db.session(write=True) as s:
        n = s.exec(select(VipOutbox)).one()
        n.next_attempt_at = datetime.now(timezone.utc) - timedelta(seconds=1)
        s.add(n)
    assert notifier.deliver_due() == 1
    with app.db.session() as s:
        n = s.exec(select(VipOutbox)).one()
        assert n.attempts == 2 and n.delivered_at is not None and n.last_status == 200
    assert receiver.wait("/withdraw", "store-wd")


@pytest.mark.e2e
def test_outbox_metrics_count_deliveries_and_retries(money_stack, http, receiver):
    from tests.e2e.test_observability import quiet, settled, value

    before = quiet(money_stack.metrics_url)
    receiver.plan["dep-metrics"] = [503]
    card, dob = _patron(money_stack, http, "600330009")
    _confirmed(money_stack, http, card, dob, transactionAmount=30, transactionId="dep-metrics")
    receiver.wait("/deposit", "dep-metrics")

    def check(m):
        def moved(name, **labels):
            return value(m, name, **labels) - value(before, name, **labels)

        assert moved("pitboss_outbox_deliveries_total", outbox="vip_callbacks", outcome="failed") >= 1
        assert moved("pitboss_outbox_deliveries_total", outbox="vip_callbacks", outcome="delivered") >= 1
        assert moved("pitboss_outbox_retries_total", outbox="vip_callbacks") >= 1
        assert ("pitboss_outbox_backlog", frozenset({("outbox", "vip_callbacks")})) in m

    settled(money_stack.metrics_url, check)
