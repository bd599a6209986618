"""Column types shared by the tables."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, TypeDecorator

class Money(TypeDecorator):
    """Exact decimal money with six places, stored as a BIGINT count of
    micro-units (1 = 0.000001) on every backend.

    Integers keep SQLite exact too (its NUMERIC affinity would turn a decimal
    into a binary float), compare and sum correctly in SQL, and allow atomic
    guarded updates such as ``SET cash = cash - :x WHERE cash >= :x``.
    Python code only ever sees ``Decimal``; a float is refused.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return to_micros(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return from_micros(value)


def to_micros(value: Decimal | int | str) -> int:
    if isinstance(value, float):
        raise TypeError("money must be Decimal, not float")
    q = Decimal(value).scaleb(6)
    i = int(q)
    if i != q:
        raise ValueError(f"money has more than six decimal places: {value}")
    return i


def from_micros(value: int) -> Decimal:
    return Decimal(int(value)).scaleb(-6)


class UtcDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend (SQLite keeps naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use timezone-aware UTC")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
