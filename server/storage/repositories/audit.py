"""The append-only audit log (``server.domain.backoffice.ports.AuditLog``):
rows are only ever inserted, never changed or deleted, each one linked into
the audit chain (``server.storage.chain``)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from server.domain.backoffice.model import AuditRecord
from server.domain.records.chain import AuditFields
from server.storage.chain import next_audit
from server.storage.sql import SessionSql
from server.storage.models import AuditLogEntry
from server.domain.clock import utcnow


def _json(value: Any) -> str:
    return json.dumps(value if value is not None else {}, separators=(",", ":"), sort_keys=True, default=str)


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def append(self, *, client: str, actor: str, action: str, subject_type: str, subject_id: str,
               reason: str = "", before: Any = None, after: Any = None, at: datetime | None = None) -> int:
        row = AuditLogEntry(at=at or utcnow(), client=client[:64], actor=actor[:128], action=action[:64],
                            subject_type=subject_type[:32], subject_id=subject_id[:64], reason=reason[:256],
                            before_json=_json(before), after_json=_json(after))
        # Linked into the one audit chain under its head's lock, in this
        # transaction (server.storage.chain).
        row.seq, row.chain_hash = next_audit(SessionSql(self.s), lambda seq: AuditFields(
            seq, row.at, row.client, row.actor, row.action, row.subject_type, row.subject_id, row.reason,
            row.before_json, row.after_json))
        self.s.add(row)
        self.s.flush()
        return row.id

    def page(self, subject_type: str | None, subject_id: str | None, before_id: int | None,
             limit: int) -> list[AuditRecord]:
        q = select(AuditLogEntry)
        if subject_type is not None:
            q = q.where(AuditLogEntry.subject_type == subject_type, AuditLogEntry.subject_id == subject_id)
        if before_id is not None:
            q = q.where(AuditLogEntry.id < before_id)
        q = q.order_by(AuditLogEntry.id.desc()).limit(limit)
        return [AuditRecord(r.id, r.at, r.client, r.actor, r.action, r.subject_type, r.subject_id, r.reason,
                            r.before_json, r.after_json) for r in self.s.exec(q)]
