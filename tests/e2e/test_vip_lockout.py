"""Birth-date guessing: attempts and the lock are stored (survive a restart)
and counted exactly under concurrency, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone

import pytest

from server.demo import load
from server.domain.vip import sessions as S
from server.storage.models import VipCardGuard
from server.storage.repositories.vip import SqlVipUnit, VipRepository
from tests.e2e.stack import start_stack, stop_stack
from tests.support.tokens import vip_token
from tests.e2e.test_vip_sessions_e2e import EXISTING, NEW, NIL, new_req, req

RIGHT = date(1985, 1, 15)
WRONG = date(1999, 9, 9)
CARD = "7210536159"


def post(stack, http, path, body):
    return http.post(stack.url(path), data=json.dumps(body),
                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {vip_token()}"})


def code_of(r):
    b = r.json()
    return b["errorModel"]["errorCode"] if "errorModel" in b else "ok"


@pytest.mark.e2e
def test_lockout_survives_a_restart(tmp_path, http):
    url = f"sqlite:///{tmp_path / 'lock.db'}"
    env = {"PITBOSS_VIP_DOB_MAX_FAILURES": "3", "PITBOSS_VIP_DOB_LOCK_MINUTES": "60",
           "PITBOSS_VIP_SESSION_MINUTES": "5"}
    stack = start_stack(tmp_path, url, env)
    try:
        card = post(stack, http, NEW, new_req(ssn="600220001", dateOfBirth="07/07/1977")).json()["vipCardNumber"]
        right = req(vipCardNumber=card, dateOfBirth="07/07/1977")
        wrong = req(vipCardNumber=card, dateOfBirth="07/08/1977")
        assert code_of(post(stack, http, EXISTING, wrong)) == "101"
        assert code_of(post(stack, http, EXISTING, wrong)) == "101"
    finally:
        assert stop_stack(stack) == 0
    stack = start_stack(tmp_path, url, env)
    try:
        # The two attempts were kept: the third mismatch locks the card.
        assert code_of(post(stack, http, EXISTING, wrong)) == "101"
        r = post(stack, http, EXISTING, right)
        assert code_of(r) == "102", r.text
        assert r.json()["sessionId"] == NIL
    finally:
        assert stop_stack(stack) == 0
    stack = start_stack(tmp_path, url, env)
    try:
        assert code_of(post(stack, http, EXISTING, right)) == "102"
        # Other cards are not affected (and the session lifetime is configurable).
        r = post(stack, http, EXISTING, req())
        assert code_of(r) == "ok"
        left = datetime.fromisoformat(r.json()["expires"]) - datetime.now(timezone.utc)
        assert timedelta(minutes=4) < left <= timedelta(minutes=5, seconds=5)
    finally:
        assert stop_stack(stack) == 0


@pytest.mark.e2e
@pytest.mark.parametrize("which", ["stack", "pg_stack"])
def test_concurrent_sessions_for_one_card_through_envoy(request, http, which):
    stack = request.getfixturevalue(which)
    card = post(stack, http, NEW, new_req(ssn="600220002", dateOfBirth="08/08/1978")).json()["vipCardNumber"]
    right = req(vipCardNumber=card, dateOfBirth="08/08/1978")

    def one(_):
        import requests
        with requests.Session() as h:
            return post(stack, h, EXISTING, right).json()["sessionId"]

    with ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(one, range(48)))
    assert NIL not in ids and len(set(ids)) == 48

    wrong = req(vipCardNumber=card, dateOfBirth="08/09/1978")

    def bad(_):
        import requests
        with requests.Session() as h:
            return code_of(post(stack, h, EXISTING, wrong))

    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(bad, range(20)))
    # Default policy: 5 mismatches lock the card; none is lost or double counted.
    assert codes.count("101") == 5 and codes.count("102") == 15, codes


# ------------------------------------------------------------------ storage, both backends


def _demo_app(app_factory, db_url):
    app = app_factory(db_url)
    load(app.db, app.vault)
    return app


def _echo():
    e = S.Echo(patron_id="p", kind="deposit", transaction_id="t", transaction_amount=S.Decimal("20"),
               remaining_daily_deposit=S.Decimal("500"), wallet_balance=S.Decimal("0"),
               return_url="https://x.example/ok", cancel_redirect_url="https://x.example/no", product_type="preferred")
    return e


def _attempt(app, dob, policy, now):
    with SqlVipUnit(app.db, True, app.vault) as uow:
        op = uow.patrons.operator("operator-1")
        out = S.open_existing(uow, op, _echo(), CARD, dob, policy, now)
        uow.commit()
        # A decline is a Refusal (answered after the unit commits).
        return out.error.code if hasattr(out, "error") else out.session.id


@pytest.mark.storage
def test_concurrent_attempts_counted_exactly(db_url, app_factory):
    app = _demo_app(app_factory, db_url)
    policy = S.SessionPolicy(max_failures=7)
    now = datetime.now(timezone.utc)
    barrier = threading.Barrier(12)

    def bad(_):
        barrier.wait()
        return _attempt(app, WRONG, policy, now)

    with ThreadPoolExecutor(12) as pool:
        codes = list(pool.map(bad, range(24)))
    assert codes.count("101") == 7 and codes.count("102") == 17, codes
    with app.db.session() as s:
        g = s.get(VipCardGuard, CARD)
        assert g.locked_until is not None and g.failures == 0


@pytest.mark.storage
def test_concurrent_sessions_distinct_ids(db_url, app_factory):
    app = _demo_app(app_factory, db_url)
    policy = S.SessionPolicy()
    now = datetime.now(timezone.utc)
    with ThreadPoolExecutor(12) as pool:
        ids = list(pool.map(lambda _: _attempt(app, RIGHT, policy, now), range(36)))
    assert all(len(i) == 36 for i in ids) and len(set(ids)) == 36


@pytest.mark.storage
def test_window_and_lock_expiry(db_url, app_factory):
    app = _demo_app(app_factory, db_url)
    policy = S.SessionPolicy(max_failures=3, window=timedelta(minutes=10), lock=timedelta(minutes=30))
    t0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert _attempt(app, WRONG, policy, t0) == "101"
    assert _attempt(app, WRONG, policy, t0 + timedelta(minutes=1)) == "101"
    # Outside the window the count starts again.
    assert _attempt(app, WRONG, policy, t0 + timedelta(minutes=20)) == "101"
    assert _attempt(app, WRONG, policy, t0 + timedelta(minutes=21)) == "101"
    assert len(_attempt(app, RIGHT, policy, t0 + timedelta(minutes=22))) == 36  # success resets
    for m in (23, 24):
        assert _attempt(app, WRONG, policy, t0 + timedelta(minutes=m)) == "101"
    assert _attempt(app, WRONG, policy, t0 + timedelta(minutes=25)) == "101"  # third: locks
    assert _attempt(app, RIGHT, policy, t0 + timedelta(minutes=26)) == "102"
    assert _attempt(app, RIGHT, policy, t0 + timedelta(minutes=54)) == "102"
    assert len(_attempt(app, RIGHT, policy, t0 + timedelta(minutes=56))) == 36


@pytest.mark.storage
def test_concurrent_approvals_settle_once(db_url, app_factory):
    from server.domain.errors import DomainError
    from server.domain.vip import money as vip_money

    app = _demo_app(app_factory, db_url)
    now = datetime.now(timezone.utc)
    sid = _attempt(app, RIGHT, S.SessionPolicy(), now)
    with SqlVipUnit(app.db, True, app.vault) as uow:
        vip_money.confirm(uow, sid, 0, now)
        uow.commit()
    barrier = threading.Barrier(8)

    def approve(i):
        barrier.wait()
        try:
            with SqlVipUnit(app.db, True, app.vault) as uow:
                op = uow.patrons.operator("operator-1")
                out = vip_money.approve(uow, op, "deposit", "t", i % 2 == 0, now).status
                uow.commit()
                return out
        except DomainError as e:
            return type(e).__name__

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(approve, range(8)))
    with app.db.session() as s:
        p = VipRepository(s, app.vault).patron_by_card(CARD)
    winner = "settled" if "settled" in results else "rejected"
    assert winner in results and ({"settled", "rejected"} - {winner}).isdisjoint(results), results
    # 2500.00 available in the demo; a settled 20.00 deposit is taken once.
    assert p.available_amount == (S.Decimal("2480.00") if winner == "settled" else S.Decimal("2500.00"))
