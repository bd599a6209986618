"""Tables about the service itself."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    """Key/value facts about this database (for example when demo data was loaded)."""

    __tablename__ = "pitboss_meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=256)
