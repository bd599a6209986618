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

from sqlalchemy import delete
from sqlmodel import Session, select

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
