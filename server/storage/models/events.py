"""The significant-event stream (``server.domain.records.events``): one row
per event, written in the transaction of the change it records; pruned past
``PITBOSS_EVENTS_RETENTION_DAYS`` (docs/compliance.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.storage.models.columns import timestamp


class SignificantEvent(SQLModel, table=True):
    __tablename__ = "significant_event"
    __table_args__ = (
        Index("ix_significant_event_at", "at"),
        Index("ix_significant_event_kind", "kind", "id"),
        Index("ix_significant_event_brand", "brand_id", "id"),
        Index("ix_significant_event_subject", "subject_type", "subject_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = timestamp()
    # ``server.domain.records.events.Kind`` / ``Severity`` values.
    kind: str = Field(max_length=32)
    severity: str = Field(max_length=16)
    brand_id: int | None = Field(default=None)
    # What the event is about: ``player`` / ID, ``brand`` / id, ``game`` /
    # ``<brand>/<game id>``, ``guard`` / ``<brand>/<login>``, ``outbox`` /
    # ``<outbox>/<id>``, ``process`` / host:pid …
    subject_type: str = Field(default="", max_length=32)
    subject_id: str = Field(default="", max_length=64)
    # Who: the acting user and the client (back-office credential, "player",
    # "system").
    actor: str = Field(default="", max_length=128)
    client: str = Field(default="", max_length=64)
    # Field names, amounts, flags and ids only: never personal-data values or
    # secrets.
    detail_json: str = Field(default="{}")
