"""Player protection's use cases (server/domain/protection/service.py) over
``FakeProtectionStore`` on a fixed clock: limits lowered at once and raised
after the cooling-off, time-outs and exclusions that are never shortened,
deposits checked and counted in rolling windows, and the history that every
change (and only a change) leaves."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from server.domain.protection import errors as protection_errors
from server.domain.protection import model as protection_model
from server.domain.protection import service
from tests.unit.fakes import T0
from tests.unit.fakes.protection import FakeProtectionStore

PID = "1001"


@pytest.fixture
def store() -> FakeProtectionStore:
    s = FakeProtectionStore()
    s.add_player(PID)
    return s


def limit(view, kind: str, period: str):
    return next(v for v in view.limits if (v.kind, v.period) == (kind, period))


def test_a_new_or_lower_limit_applies_at_once_a_higher_one_after_24_hours(store):
    v = service.set_limits(store, PID, 1, {"deposit": {"day": 100}}, T0)
    assert limit(v, "deposit", "day").amount == Decimal("100")
    v = service.set_limits(store, PID, 1, {"deposit": {"day": "50.50"}}, T0)
    assert limit(v, "deposit", "day").amount == Decimal("50.50")
    v = service.set_limits(store, PID, 1, {"deposit": {"day": 500}}, T0)
    lim = limit(v, "deposit", "day")
    assert (lim.amount, lim.pending_amount, lim.pending_from) == (Decimal("50.50"), Decimal("500"),
                                                                 T0 + protection_model.COOLING_OFF)
    later = T0 + protection_model.COOLING_OFF
    assert limit(service.status(store, PID, later), "deposit", "day").amount == Decimal("500")


def test_removing_a_limit_waits_for_the_cooling_off_too(store):
    service.set_limits(store, PID, 1, {"loss": {"week": 100}}, T0)
    v = service.set_limits(store, PID, 1, {"loss": {"week": None}}, T0 + timedelta(hours=1))
    assert limit(v, "loss", "week").pending_remove
    assert service.status(store, PID, T0 + timedelta(hours=25, seconds=1)).limits == []


def test_every_change_is_recorded_once_and_a_request_that_changes_nothing_not_at_all(store):
    seen = []
    service.set_limits(store, PID, 1, {"wager": {"month": 1000}}, T0, on_event=seen.append)
    service.set_limits(store, PID, 1, {"wager": {"month": 1000}}, T0, on_event=seen.append)
    (event,) = store.events(PID)
    assert seen == [event] and event.action == "set_limits" and event.actor == "player"
    assert event.before["limits"] == {} and event.after["limits"]["wager.month"]["amount"] == "1000.000000"


def test_bad_limits_are_all_named_and_nothing_is_written(store):
    with pytest.raises(protection_errors.ProtectionInvalid) as e:
        service.set_limits(store, PID, 1, {"deposit": {"year": 1}, "loss": {"day": -5}}, T0)
    assert {v.field for v in e.value.violations} == {"deposit.year", "loss.day"}
    assert store.saves == 0 and store.history == []


def test_a_time_out_blocks_deposits_and_launches_and_is_never_shortened(store):
    service.take_timeout(store, PID, 1, "7d", T0)
    service.take_timeout(store, PID, 1, "24h", T0 + timedelta(hours=1))
    assert store.load(PID).restriction.timeout_until == T0 + timedelta(days=7)
    assert service.deposit_refusal(store, PID, Decimal("1"), T0) == protection_model.TIMED_OUT
    with pytest.raises(protection_errors.Refused) as e:
        service.refuse_launch(store, PID, T0)
    assert e.value.code == "player_timeout"
    assert service.deposit_refusal(store, PID, Decimal("1"), T0 + timedelta(days=7)) is None


def test_a_permanent_exclusion_closes_the_account(store):
    v = service.self_exclude(store, PID, 1, "permanent", T0)
    assert (v.state, v.until) == ("closed", None)
    assert service.deposit_refusal(store, PID, Decimal("1"), T0 + timedelta(days=3650)) == protection_model.CLOSED
    with pytest.raises(protection_errors.Refused):
        service.refuse_bonus(store, PID, T0)


def test_an_unknown_period_is_refused_before_anything_is_locked(store):
    with pytest.raises(protection_errors.ProtectionInvalid):
        service.take_timeout(store, PID, 1, "1h", T0)
    assert store.state == {}


def test_deposits_count_in_rolling_windows_against_the_limit(store):
    service.set_limits(store, PID, 1, {"deposit": {"day": 100, "week": 150}}, T0)
    service.count_deposit(store, PID, Decimal("80"), T0)
    assert service.deposit_refusal(store, PID, Decimal("20"), T0) is None
    assert service.deposit_refusal(store, PID, Decimal("21"), T0) == protection_model.DEPOSIT_LIMIT
    day_later = T0 + timedelta(hours=25)
    assert service.deposit_refusal(store, PID, Decimal("70"), day_later) is None  # the day's window moved on
    assert service.deposit_refusal(store, PID, Decimal("71"), day_later) == protection_model.DEPOSIT_LIMIT  # the week's did not


def test_a_player_without_protections_is_neither_checked_nor_counted(store):
    assert service.deposit_refusal(store, PID, Decimal("1000000"), T0) is None
    service.count_deposit(store, PID, Decimal("5"), T0)
    assert store.buckets == {} and store.state == {}


def test_a_confirmed_deposit_is_settled_unless_a_restriction_runs_now(store):
    service.set_limits(store, PID, 1, {"deposit": {"day": 1}}, T0)
    assert service.settlement_refusal(store, PID, T0) is None  # limits were checked at the confirm
    service.self_exclude(store, PID, 1, "6m", T0)
    assert service.settlement_refusal(store, PID, T0) == protection_model.SELF_EXCLUDED


def test_the_back_office_names_who_changed_and_why(store):
    assert service.check_reason("  complaint 42 ", required=True) == "complaint 42"
    with pytest.raises(protection_errors.ProtectionInvalid):
        service.check_reason(" ", required=True)
    service.take_timeout(store, PID, 1, "30d", T0, actor="backoffice:ops", reason="complaint 42")
    (event,) = store.events(PID)
    assert (event.actor, event.reason, event.action) == ("backoffice:ops", "complaint 42", "timeout:30d")
    assert store.changed_between(T0, T0 + timedelta(seconds=1), 1) == [(PID, 1, T0)]
