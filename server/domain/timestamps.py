"""Instants as text, one function per documented format (UTC in, "" for
none): every answer that writes a time as a string uses one of these."""

from __future__ import annotations

from datetime import datetime, timezone


def stamp(dt: datetime | None) -> str:
    """The player gateway's "YYYY-MM-DD HH:MM:SS" (UTC)."""
    return dt.strftime("%Y-%m-%d %H:%M:%S") if dt is not None else ""


def utc_seconds(dt: datetime | None) -> str:
    """RFC 3339 in UTC to the second, with "Z": "2026-01-02T03:04:05Z" (the
    back office)."""
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z") if dt else ""
