"""Column helpers shared by the tables."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Column
from sqlmodel import Field

from server.domain.clock import utcnow
from server.storage.types import Money, UtcDateTime


def money(default: Decimal | None = Decimal("0"), nullable: bool = False):
    return Field(default=default, sa_column=Column(Money(), nullable=nullable))


def timestamp(nullable: bool = False, default_now: bool = True):
    return Field(
        default_factory=utcnow if default_now else None,
        sa_column=Column(UtcDateTime(), nullable=nullable),
    )
