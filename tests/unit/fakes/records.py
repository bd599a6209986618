"""A fake of ``server.domain.records.events.EventLog``: events in a list."""

from __future__ import annotations

import json
from datetime import datetime

from server.domain.records.events import Event, NewEvent, Query


class FakeEventLog:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def record(self, event: NewEvent) -> int:
        e = Event(len(self.events) + 1, event.at, event.kind.value, event.severity.value, event.brand_id,
                  event.subject_type, event.subject_id, event.actor, event.client,
                  json.dumps(event.detail, sort_keys=True, default=str))
        self.events.append(e)
        return e.id

    def page(self, q: Query) -> list[Event]:
        out = [e for e in reversed(self.events)
               if (not q.kinds or e.kind in {k.value for k in q.kinds})
               and (q.brand_id is None or e.brand_id == q.brand_id)
               and (q.subject_type is None or (e.subject_type, e.subject_id) == (q.subject_type, q.subject_id))
               and (q.since is None or e.at >= q.since) and (q.until is None or e.at < q.until)
               and (q.before_id is None or e.id < q.before_id)]
        return out[:q.limit]

    def prune(self, older_than: datetime, limit: int) -> int:
        old = [e for e in self.events if e.at < older_than][:limit]
        self.events = [e for e in self.events if e not in old]
        return len(old)

    # -- test helpers
    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def details(self, kind: str) -> list[dict]:
        return [json.loads(e.detail_json) for e in self.events if e.kind == kind]
