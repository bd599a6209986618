"""The significant-event stream (``server.domain.records.events.EventLog``)
on the unit of work's ORM session: an event is one INSERT in the
transaction of the change it records. The prune deletes a bounded batch of
the oldest rows past retention; on PostgreSQL the batch is claimed with
``FOR UPDATE SKIP LOCKED``, so hosts pruning at the same moment take
different rows and never wait on each other (on SQLite the write lock
serialises them)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete
from sqlmodel import Session, select

from server.domain.players import player_number
from server.domain.records.events import Event, NewEvent, Query
from server.storage.models.events import SignificantEvent
from server.storage.unit import SqlUnit


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def record(self, event: NewEvent) -> int:
        row = SignificantEvent(at=event.at, kind=event.kind.value, severity=event.severity.value,
                               brand_id=event.brand_id, subject_type=event.subject_type,
                               subject_id=event.subject_id, actor=event.actor, client=event.client,
                               detail_json=json.dumps(event.detail, separators=(",", ":"), sort_keys=True,
                                                      default=str))
        self.s.add(row)
        self.s.flush()
        assert row.id is not None
        return row.id

    def page(self, q: Query) -> list[Event]:
        t = SignificantEvent
        stmt = select(t)
        if q.kinds:
            stmt = stmt.where(t.kind.in_([k.value for k in q.kinds]))
        if q.brand_id is not None:
            stmt = stmt.where(t.brand_id == q.brand_id)
        if q.subject_type is not None:
            stmt = stmt.where(t.subject_type == q.subject_type, t.subject_id == q.subject_id)
        if q.since is not None:
            stmt = stmt.where(t.at >= q.since)
        if q.until is not None:
            stmt = stmt.where(t.at < q.until)
        if q.before_id is not None:
            stmt = stmt.where(t.id < q.before_id)
        stmt = stmt.order_by(t.id.desc()).limit(q.limit)
        return [Event(r.id, r.at, r.kind, r.severity, r.brand_id, r.subject_type, r.subject_id, r.actor, r.client,
                      r.detail_json) for r in self.s.exec(stmt)]

    def prune(self, older_than: datetime, limit: int) -> int:
        t = SignificantEvent
        q = select(t.id).where(t.at < older_than).order_by(t.id).limit(limit)
        if self.s.bind.dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        ids = list(self.s.exec(q))
        if not ids:
            return 0
        self.s.exec(delete(t).where(t.id.in_(ids)))  # type: ignore[call-overload]
        return len(ids)


class SqlRecordsUnit(SqlUnit):
    """``server.domain.records.events.RecordsUnit``: the event stream alone,
    for the service's start and stop and the retention's prune."""

    def open(self, session: Session) -> None:
        self.events = EventRepository(session)


# ------------------------------------------------- the wallet's large wins
# On the PAM wallet's driver connection (``SqlPamStore``), inside a booking's
# transaction. The floor is reference data, cached like games and providers
# (``server.storage.cache``, 5 seconds): a brand's new threshold holds within
# that time in every process.
_FLOOR = "SELECT MIN(large_win_threshold) FROM gateway_brand WHERE large_win_threshold > 0"
_THRESHOLD = ("SELECT b.id, b.large_win_threshold FROM gateway_player g JOIN gateway_brand b ON b.id = g.brand_id"
              " WHERE g.id = :gid")
_INSERT = ("INSERT INTO significant_event (at, kind, severity, brand_id, subject_type, subject_id, actor, client,"
           " detail_json) VALUES (:at, :kind, :severity, :brand_id, :subject_type, :subject_id, :actor, :client,"
           " :detail) RETURNING id")


def large_win_floor(conn, cache) -> Decimal:
    def load() -> Decimal:
        row = conn.one(_FLOOR)
        return conn.read_money(row[0]) if row and row[0] is not None else Decimal("0")  # 0 is kept: never None

    return cache.get(("large_win_floor",), load)


def large_win_threshold(conn, cache, player_id: str) -> tuple[int | None, Decimal]:
    gid = player_number(player_id)  # a gateway player's wallet: the ID as text
    row = conn.one(_THRESHOLD, {"gid": gid}) if gid is not None else None
    if row is None:
        return None, large_win_floor(conn, cache)
    return row[0], conn.read_money(row[1])


def insert_event(conn, event: NewEvent) -> int:
    return conn.insert(_INSERT, {
        "at": conn.time(event.at), "kind": event.kind.value, "severity": event.severity.value,
        "brand_id": event.brand_id, "subject_type": event.subject_type, "subject_id": event.subject_id,
        "actor": event.actor, "client": event.client,
        "detail": json.dumps(event.detail, separators=(",", ":"), sort_keys=True, default=str)})
