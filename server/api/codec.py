"""Encoding helpers at the wire boundary (the only place money becomes a JSON
number)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from google.protobuf import json_format

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


def opt(msg, name: str):
    """The value of a proto3 ``optional`` field, or None when it was not sent."""
    return getattr(msg, name) if msg.HasField(name) else None


def value(v):
    """A google.protobuf.Value as plain Python: str, float, bool, dict, list,
    or None when unset or JSON null (for keys a document allows in several
    JSON types)."""
    kind = v.WhichOneof("kind")
    if kind is None or kind == "null_value":
        return None
    if kind in ("struct_value", "list_value"):
        return json_format.MessageToDict(getattr(v, kind))
    return getattr(v, kind)
