"""The significant-event stream's storage on SQLite and PostgreSQL: the
repository's filters and keyset pages, an event committed with its change
and gone with a rolled-back one, the prune in bounded batches (and, on
PostgreSQL, two hosts pruning at once take different rows without waiting),
and ListSignificantEvents through the server's own interceptor pipeline."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone

import grpc
import pytest
from sqlalchemy import func, select

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from server.api.backoffice import BackofficeServicer
from server.domain.records import events
from server.domain.records.events import Kind, Query
from server.storage.models.events import SignificantEvent
from server.storage.repositories.events import EventRepository, SqlRecordsUnit
from tests.integration.servicer_support import InProcess, demo_app

pytestmark = pytest.mark.storage

T0 = datetime(2027, 3, 1, 10, 0, tzinfo=timezone.utc)


def _count(app) -> int:
    with app.db.session() as s:
        return s.execute(select(func.count()).select_from(SignificantEvent)).scalar_one()


def test_filters_and_keyset_pages(db_url, app_factory):
    app = app_factory(db_url)
    with app.db.session(write=True) as s:
        log = EventRepository(s)
        for i in range(6):
            events.record(log, [Kind.LOCKOUT, Kind.ADJUSTMENT, Kind.CONFIG_CHANGE][i % 3], T0 + timedelta(hours=i),
                          brand_id=1 + i % 2, subject_type="player", subject_id=str(100 + i % 2), actor="alice",
                          client="desk", fields=["city"])
    with app.db.session() as s:
        log = EventRepository(s)
        assert [e.id for e in log.page(Query(limit=10))] == [6, 5, 4, 3, 2, 1]
        assert [e.id for e in log.page(Query(kinds=(Kind.LOCKOUT, Kind.ADJUSTMENT), limit=10))] == [5, 4, 2, 1]
        assert [e.id for e in log.page(Query(brand_id=2, limit=10))] == [6, 4, 2]
        assert [e.id for e in log.page(Query(subject_type="player", subject_id="100", limit=10))] == [5, 3, 1]
        assert [e.id for e in log.page(Query(since=T0 + timedelta(hours=2), until=T0 + timedelta(hours=4),
                                             limit=10))] == [4, 3]
        assert [e.id for e in log.page(Query(before_id=4, limit=2))] == [3, 2]
        e = log.page(Query(limit=1))[0]
        assert (e.kind, e.severity, e.at, e.actor, e.client) == ("config_change", "warning", T0 + timedelta(hours=5),
                                                                 "alice", "desk")
        assert json.loads(e.detail_json) == {"fields": ["city"]}


def test_an_event_commits_with_its_unit_and_never_outlives_a_rollback(db_url, app_factory):
    app = app_factory(db_url)
    with SqlRecordsUnit(app.db, True) as u:
        events.record(u.events, Kind.SERVICE_START, T0)
        # no commit: rolled back
    with pytest.raises(RuntimeError):
        with SqlRecordsUnit(app.db, True) as u:
            events.record(u.events, Kind.SERVICE_START, T0)
            raise RuntimeError("the change failed")
    assert _count(app) == 0
    with SqlRecordsUnit(app.db, True) as u:
        events.record(u.events, Kind.SERVICE_START, T0)
        u.commit()
    assert _count(app) == 1


def test_the_prune_deletes_what_is_past_retention_in_bounded_batches(db_url, app_factory):
    app = app_factory(db_url)
    now = app.clock.now()
    with app.db.session(write=True) as s:
        log = EventRepository(s)
        for i in range(7):
            events.record(log, Kind.DEAD_LETTER, now - timedelta(days=1826 + i))
        events.record(log, Kind.DEAD_LETTER, now - timedelta(days=1824))
    assert events.prune(app.units.records, now, 1825, batches=2, batch=3) == 6  # two batches of 3, a pass's cap
    assert _count(app) == 2
    assert events.prune(app.units.records, now, 1825, batches=2, batch=3) == 1
    with app.db.session() as s:
        (left,) = s.execute(select(SignificantEvent.at)).scalars()
    assert (now - left).days == 1824


def test_two_hosts_pruning_at_once_take_different_rows(postgres, tmp_path_factory, app_factory):
    url = postgres.create()
    app = app_factory(url)
    with app.db.session(write=True) as s:
        for i in range(6):
            events.record(EventRepository(s), Kind.SERVICE_STOP, T0 - timedelta(days=3000 + i))
    cutoff = T0 - timedelta(days=10)
    held, release, got = threading.Event(), threading.Event(), {}

    def first() -> None:
        with SqlRecordsUnit(app.db, True) as u:
            got["first"] = u.events.prune(cutoff, 3)
            held.set()
            release.wait(10)
            u.commit()

    t = threading.Thread(target=first, daemon=True)
    t.start()
    assert held.wait(10)
    with SqlRecordsUnit(app.db, True) as u:  # does not wait for the first host's rows
        got["second"] = u.events.prune(cutoff, 3)
        u.commit()
    release.set()
    t.join(10)
    assert got == {"first": 3, "second": 3} and _count(app) == 0


# ------------------------------------------------------ the RPC, in process
BO = bo.DESCRIPTOR.services_by_name["BackofficeService"]
MD = {"authorization": "Bearer backoffice-demo-token", "x-acting-user": "dora"}


@pytest.fixture
def office(tmp_path_factory):
    app = demo_app(tmp_path_factory, demo=True)
    p = InProcess(app, BackofficeServicer(app), BO)
    yield p
    p.close()
    app.db.dispose()


def test_back_office_changes_appear_as_events_and_a_failed_one_does_not(office):
    ok = office.call("AdjustBalance", bo.AdjustBalanceRequest(
        player_id="33003139", direction=bo.DIRECTION_CREDIT, amount="12.5", reason="goodwill", idempotency_key="k1"),
        MD)
    assert ok.code == grpc.StatusCode.OK, ok
    refused = office.call("AdjustBalance", bo.AdjustBalanceRequest(
        player_id="33003139", direction=bo.DIRECTION_DEBIT, amount="999999999", reason="too much",
        idempotency_key="k2"), MD)
    assert refused.code == grpc.StatusCode.FAILED_PRECONDITION
    assert office.call("UpdateBrandSettings", bo.UpdateBrandSettingsRequest(
        brand_id=1, phone_verification=True, reason="policy"), MD).code == grpc.StatusCode.OK
    got = office.call("ListSignificantEvents", bo.ListSignificantEventsRequest(kinds=["adjustment", "config_change"]),
                      MD)
    assert got.code == grpc.StatusCode.OK
    evs = got.response.events
    assert [(e.kind, e.subject_type, e.subject_id, e.brand_id, e.actor, e.client) for e in evs] == [
        ("config_change", "brand", "1", 1, "dora", "demo"),
        ("adjustment", "player", "33003139", 1, "dora", "demo")]
    detail = json.loads(evs[1].detail_json)
    assert (detail["amount"], detail["direction"], detail["balance"]) == ("12.500000", "credit", "cash")
    assert json.loads(evs[0].detail_json)["fields"] == ["phone_verification"]


def test_a_bad_query_is_invalid_argument_naming_every_field(office):
    got = office.call("ListSignificantEvents", bo.ListSignificantEventsRequest(
        kinds=["nope"], page_size=201, page_token="x", **{"from": "yesterday"}), MD)
    assert got.code == grpc.StatusCode.INVALID_ARGUMENT
    from google.rpc import error_details_pb2

    fields = {v.field for v in got.detail(error_details_pb2.BadRequest).field_violations}
    assert fields == {"kinds", "page_size", "page_token", "from"}


def test_the_large_win_threshold_is_a_checked_brand_setting(office):
    for bad in ("-1", "1e3", "0.0000001", "abc", "1000000000"):
        got = office.call("UpdateBrandSettings", bo.UpdateBrandSettingsRequest(
            brand_id=1, large_win_threshold=bad, reason="x"), MD)
        assert got.code == grpc.StatusCode.INVALID_ARGUMENT, bad
    ok = office.call("UpdateBrandSettings", bo.UpdateBrandSettingsRequest(brand_id=1, large_win_threshold="0",
                                                                           reason="off"), MD)
    assert ok.code == grpc.StatusCode.OK and ok.response.settings.large_win_threshold == "0.000000"
    got = office.call("GetBrandSettings", bo.GetBrandSettingsRequest(brand_id=1), MD)
    assert got.response.settings.large_win_threshold == "0.000000"
    (e,) = office.call("ListSignificantEvents", bo.ListSignificantEventsRequest(kinds=["config_change"]),
                       MD).response.events
    assert json.loads(e.detail_json)["fields"] == ["large_win_threshold"]
