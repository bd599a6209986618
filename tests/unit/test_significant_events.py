"""Significant events (server/domain/records/events.py): the closed list of
kinds, details that hold names and never values, the burst rule, the
back-office mapping, the query's checks and paging, and the events the
gateway's login and 2FA record, over the fakes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from server.domain.backoffice.model import BackofficeCaller
from server.domain.errors import ValidationFailed
from server.domain.gateway import errors as G
from server.domain.gateway import login as L
from server.domain.records import events
from server.domain.records.events import Kind
from server.domain.unit import Units
from tests.unit.fakes import T0
from tests.unit.fakes.gateway import FakeGatewayStore, FakeUnits
from tests.unit.fakes.records import FakeEventLog

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PASSWORD = "Correct-horse-9"
WHO = BackofficeCaller("support-desk", "alice")


# ------------------------------------------------------------------ kinds
def test_the_kinds_are_a_closed_list_each_with_a_severity():
    assert {k.value for k in Kind} == {
        "login_failures", "lockout", "twofa_failed", "adjustment", "large_win", "protection_change",
        "personal_data_change", "config_change", "account_status", "dead_letter", "service_start", "service_stop",
        "self_exclusion_register"}
    assert set(events.SEVERITY) == set(Kind)
    with pytest.raises(ValueError):
        Kind("password_changed")


def test_a_detail_holds_only_known_keys_so_no_value_slips_in():
    assert events.detail_of(fields=["phone"], source="player_details", amount=None) == {
        "fields": ["phone"], "source": "player_details"}
    for bad in ({"email": "ann@example.com"}, {"phone": "44-7000001"}, {"password": "x"}, {"token": "t"}):
        with pytest.raises(events.DetailRefused):
            events.detail_of(**bad)


def test_a_personal_data_change_names_the_fields_never_the_values():
    log = FakeEventLog()
    before = {"first_name": "Ann", "city": "Valletta", "phone": "356-1"}
    after = {"first_name": "Anne", "city": "Valletta", "phone": "356-2"}
    events.personal_data_event(log, T0, "7", 1, events.changed_fields(before, after), "player_details")
    (e,) = log.events
    assert (e.kind, e.subject_type, e.subject_id, e.brand_id) == ("personal_data_change", "player", "7", 1)
    assert json.loads(e.detail_json) == {"fields": ["first_name", "phone"], "source": "player_details"}
    assert not any(v in e.detail_json for v in ("Ann", "Anne", "Valletta", "356"))
    # Nothing changed: no event.
    assert events.personal_data_event(log, T0, "7", 1, [], "player_details") is None and len(log.events) == 1


def test_a_burst_is_recorded_once_when_the_count_reaches_the_threshold():
    assert [n for n in range(0, 8) if events.burst_reached(n, 3)] == [3]
    assert not any(events.burst_reached(n, 0) for n in range(8))  # 0: off


def test_a_large_win_exceeds_the_threshold_and_zero_turns_it_off():
    from decimal import Decimal as D

    assert events.large_win(D("10000.000001"), D("10000"))
    assert not events.large_win(D("10000"), D("10000"))
    assert not events.large_win(D("1e9"), D("0"))


# --------------------------------------------------- back-office mapping
def test_an_adjustment_records_amount_balance_and_direction_with_the_audit_id():
    log = FakeEventLog()
    after = {"currency": "EUR", "cash": "110.000000", "amount": "10.000000", "balance": "cash",
             "idempotency_key": "k", "ledger_id": 42}
    events.audit_event(log, WHO, T0, 9, "balance.credit", "player", "33003139", {"cash": "100.000000"}, after, 1)
    (e,) = log.events
    assert (e.kind, e.severity, e.actor, e.client, e.brand_id) == ("adjustment", "warning", "alice", "support-desk", 1)
    assert json.loads(e.detail_json) == {"action": "balance.credit", "audit_id": 9, "amount": "10.000000",
                                         "balance": "cash", "currency": "EUR", "direction": "credit",
                                         "ledger_id": 42}


def test_configuration_changes_name_the_fields_and_the_brand_of_their_subject():
    log = FakeEventLog()
    events.audit_event(log, WHO, T0, 1, "brand.settings", "brand", "2",
                       {"contact_change_reauth": False, "phone_verification": False},
                       {"contact_change_reauth": True, "phone_verification": False})
    events.audit_event(log, WHO, T0, 2, "catalogue.put", "game", "2/blackjack-a", {},
                       {"provider": "evolution", "enabled": False})
    events.audit_event(log, WHO, T0, 3, "launch_template.put", "launch_template", "2/evolution",
                       {"url_template": None}, {"url_template": "https://x.example/{game_id}"})
    assert [(e.kind, e.brand_id) for e in log.events] == [("config_change", 2)] * 3
    assert json.loads(log.events[0].detail_json)["fields"] == ["contact_change_reauth"]
    assert json.loads(log.events[1].detail_json)["enabled"] is False
    assert "x.example" not in log.events[2].detail_json


def test_actions_that_are_not_significant_record_nothing():
    log = FakeEventLog()
    assert events.audit_event(log, WHO, T0, 1, "outbox.redrive", "outbox", "mail", {}, {"count": 3}) is None
    assert log.events == []


def test_service_events_are_only_start_and_stop():
    log = FakeEventLog()
    events.service_event(log, Kind.SERVICE_START, T0, "host:50051", 123, "1.0")
    assert json.loads(log.events[0].detail_json) == {"pid": 123, "version": "1.0"}
    with pytest.raises(events.DetailRefused):
        events.service_event(log, Kind.LOCKOUT, T0, "host:50051", 123, "1.0")


# ------------------------------------------------------------------ query
def test_a_query_is_checked_all_at_once():
    with pytest.raises(ValidationFailed) as e:
        events.parse_query(["lockout", "nope"], -1, "player", "", "yesterday", "", 500, "garbage!")
    assert {v.field for v in e.value.violations} >= {"kinds", "brand_id", "subject_type", "from", "page_size",
                                                     "page_token"}
    with pytest.raises(ValidationFailed):
        events.parse_query(["lockout"] * 17, 0, "", "", "", "", 0, "")
    with pytest.raises(ValidationFailed):  # `to` must follow `from`
        events.parse_query([], 0, "", "", "2026-03-02T12:00:00Z", "2026-03-02T11:00:00+00:00", 0, "")
    q = events.parse_query([" LOCKOUT ", "lockout"], 0, "", "", "2026-03-02T13:00:00+01:00", "", 0, "")
    assert q.kinds == (Kind.LOCKOUT,) and q.since == T0 and q.limit == events.PAGE_DEFAULT and q.brand_id is None


def test_pages_follow_each_other_newest_first_with_filters():
    log = FakeEventLog()
    for i in range(5):
        events.record(log, Kind.LOCKOUT if i % 2 else Kind.ADJUSTMENT, T0 + timedelta(minutes=i), brand_id=1)
    first = events.list_events(log, events.parse_query([], 1, "", "", "", "", 2, ""))
    assert [e.id for e in first.events] == [5, 4] and first.next_page_token
    second = events.list_events(log, events.parse_query([], 1, "", "", "", "", 2, first.next_page_token))
    assert [e.id for e in second.events] == [3, 2]
    last = events.list_events(log, events.parse_query([], 1, "", "", "", "", 2, second.next_page_token))
    assert [e.id for e in last.events] == [1] and last.next_page_token == ""
    only = events.list_events(log, events.parse_query(["lockout"], 0, "", "", "", "", 0, ""))
    assert [e.id for e in only.events] == [4, 2]


class _RecordsUnit:
    def __init__(self, log: FakeEventLog) -> None:
        self.events = log

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        pass


def test_the_prune_deletes_only_what_is_past_retention_in_bounded_batches():
    log = FakeEventLog()
    for days in (3000, 2000, 1826, 1824, 1):
        events.record(log, Kind.SERVICE_START, T0 - timedelta(days=days))
    writes = []
    units = Units(lambda write: (writes.append(write), _RecordsUnit(log))[1])
    assert events.prune(units, T0, 1825, batches=10, batch=2) == 3
    assert len(writes) == 2  # a full batch of 2, then one of 1: done
    assert sorted((T0 - e.at).days for e in log.events) == [1, 1824]
    assert events.prune(units, T0, 1825, batches=10, batch=2) == 0


# ------------------------------------------------- gateway login and 2FA
@pytest.fixture
def store() -> FakeGatewayStore:
    s = FakeGatewayStore()
    s.add_brand(1)
    s.add_test_player(1, "alice", "Alice@Example.com", CHEAP.hash(PASSWORD), registration_complete=True)
    return s


def test_failed_logins_record_one_burst_then_the_lockout(store, clock):
    units = FakeUnits(store, clock)
    for _ in range(units.settings.gateway_login_max_failures):
        with pytest.raises(G.BadCredentials):
            L.login(units, "1", "alice", "wrong", None)
    log = store.event_log
    assert log.kinds() == ["login_failures", "lockout"]
    burst, lock = log.events
    assert (burst.subject_type, burst.subject_id, burst.brand_id) == ("player", "1", 1)
    assert json.loads(burst.detail_json) == {"failures": 3, "guard": "account", "threshold": 3}
    assert json.loads(lock.detail_json)["failures"] == 5
    with pytest.raises(G.AccountLocked):  # a locked account's attempts add nothing
        L.login(units, "1", "alice", PASSWORD, None)
    assert log.kinds() == ["login_failures", "lockout"]


def test_a_login_naming_no_account_is_recorded_without_the_name_typed(store, clock):
    units = FakeUnits(store, clock)
    for _ in range(3):
        with pytest.raises(G.BadCredentials):
            L.login(units, "1", "mallory@evil.example", "wrong", None)
    (e,) = store.event_log.events
    assert (e.kind, e.subject_type, e.subject_id) == ("login_failures", "login", "1")
    assert "mallory" not in e.detail_json and json.loads(e.detail_json)["guard"] == "unknown_login"


def test_a_success_between_failures_starts_the_count_again(store, clock):
    units = FakeUnits(store, clock)
    for _ in range(2):
        with pytest.raises(G.BadCredentials):
            L.login(units, "1", "alice", "wrong", None)
    L.login(units, "1", "alice", PASSWORD, None)
    for _ in range(2):
        with pytest.raises(G.BadCredentials):
            L.login(units, "1", "alice", "wrong", None)
    assert store.event_log.events == []


def test_a_wrong_sms_code_is_recorded_with_its_counted_attempt(store, clock):
    from server.domain.errors import ValidationFailed as Invalid
    from server.domain.gateway import twofa

    units = FakeUnits(store, clock)
    store.players[1].is_2fa_required = True
    first = L.login(units, "1", "alice", PASSWORD, None)
    (challenge,) = store.challenges
    brand = store.brands_by_id[1]
    with pytest.raises(Invalid):
        units.run(True, lambda gw: twofa.validate_code(gw, brand, first.two_fa_token, "not-a-code"))
    (e,) = store.event_log.events
    assert (e.kind, e.subject_type, e.subject_id, e.brand_id) == ("twofa_failed", "player", "1", 1)
    assert json.loads(e.detail_json) == {"attempts": 1, "purpose": "login", "reason_code": "sms_code_invalid"}
    assert challenge.attempts == 1


def test_credentials_are_compared_by_fingerprint_at_start():
    log = FakeEventLog()
    fps = {"backoffice_clients": "aa", "mts_reports_clients": "bb", "secret_key": "cc"}
    events.credentials_event(log, T0, fps)  # the first start: every one, the baseline
    assert json.loads(log.events[0].detail_json)["fields"] == ["backoffice_clients", "mts_reports_clients",
                                                               "secret_key"]
    assert events.credentials_event(log, T0, dict(fps)) is None  # a restart with the same configuration
    events.credentials_event(log, T0, dict(fps, backoffice_clients="dd"))
    (_, changed) = log.events
    assert (changed.kind, changed.subject_type, changed.subject_id) == ("config_change", "settings", "credentials")
    assert json.loads(changed.detail_json)["fields"] == ["backoffice_clients"]
