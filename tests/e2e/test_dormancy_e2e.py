"""The dormant cycle through the running stack, on SQLite and PostgreSQL:
the daily job (here every second) on the protection clock, which the test
moves (PITBOSS_PROTECTION_CLOCK_FILE): the notice mail 30 days before the
brand's period, the dormant state at its end, the back office's list with
the balance untouched, and a login that reactivates (docs/compliance.md)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from tests.e2e.journey_support import Backoffice, Journey
from tests.e2e.protection_support import MovableClock
from tests.e2e.register_support import login, new_brand, ready_player
from tests.e2e.stack import start_stack, stop_stack
from tests.support.databases import new_database_url

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def dormant_stack(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dormancy")
    clock = MovableClock(tmp / "clock")
    s = start_stack(tmp, new_database_url(request.param, request, tmp_path_factory),
                    {"PITBOSS_PROTECTION_CLOCK_FILE": clock.path, "PITBOSS_DORMANCY_POLL_SECONDS": "0.5",
                     "PITBOSS_DORMANCY_BATCH": "2"})
    yield s, clock
    assert stop_stack(s) == 0


def wait_for(fn, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = fn()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError("not in time")


def state(j: Journey, pid: int):
    return j.sql("SELECT last_activity_at, dormancy_notice_at, dormant_at, real_balance FROM gateway_player"
                 " WHERE id = :p", p=pid)[0]


def notices(j: Journey, pid: int) -> int:
    return j.sql("SELECT COUNT(*) FROM gateway_outbox WHERE player_id = :p AND kind = 'dormancy_notice'",
                 p=pid)[0][0]


def dormant_ids(stack, brand: int) -> list[str]:
    office = Backoffice(stack)
    try:
        return [a.player_id for a in office.ListDormantAccounts(
            bo.ListDormantAccountsRequest(brand_id=brand, page_size=200)).accounts]
    finally:
        office.close()


def test_the_dormant_cycle(dormant_stack, http):
    stack, clock = dormant_stack
    j = Journey(stack, http)
    brand = new_brand(stack, register_vendor="", dormancy_months=12)
    players = [ready_player(j, brand) for _ in range(5)]  # more than one batch (2)
    p = players[0]
    j.sql("UPDATE gateway_player SET real_balance = 25000000 WHERE id = :p", p=p["id"])  # 25.00 in micro-units
    start = clock.now()
    # 11 months on: nothing yet.
    clock.to(start + timedelta(days=300))
    time.sleep(1.5)
    assert notices(j, p["id"]) == 0
    # 30 days before the 12 months: the notice, once, for every player of the brand.
    clock.to(start + timedelta(days=336))
    wait_for(lambda: all(notices(j, q["id"]) == 1 for q in players))
    assert state(j, p["id"])[2] is None
    time.sleep(1.5)
    assert notices(j, p["id"]) == 1
    # The period ends: dormant; the back office lists them, money untouched.
    clock.to(start + timedelta(days=367))
    wait_for(lambda: len(dormant_ids(stack, brand)) == 5)
    office = Backoffice(stack)
    try:
        (a,) = [a for a in office.ListDormantAccounts(bo.ListDormantAccountsRequest(brand_id=brand)).accounts
                if a.player_id == str(p["id"])]
    finally:
        office.close()
    assert a.balances.cash == "25.000000" and a.dormant_at and a.notice_at and a.last_activity_at
    assert int(state(j, p["id"])[3]) == 25000000
    # A login reactivates.
    assert login(j, p).status_code == 200
    last, notice, dormant, _ = state(j, p["id"])
    assert notice is None and dormant is None
    assert str(p["id"]) not in dormant_ids(stack, brand) and len(dormant_ids(stack, brand)) == 4
