"""Encoding helpers at the wire boundary (the only place money becomes a JSON
number)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

NO_DATE = "0001-01-01T00:00:00+00:00"


def money(d: Decimal) -> float:
    """Money travels as a JSON number where the documents show one. Amounts are
    exact decimals with at most six places and well under 15 significant
    digits, so the double round-trips to the same decimal text."""
    return float(d)


def iso(dt: datetime | None) -> str:
    return dt.isoformat(timespec="seconds") if dt is not None else NO_DATE


def mmddyyyy(d: date) -> str:
    return d.strftime("%m%d%Y")


def opt(msg, name: str) -> str | None:
    """The value of a proto3 ``optional`` string field, or None when not sent."""
    return getattr(msg, name) if msg.HasField(name) else None
