"""The one clock: what "now" is, in timezone-aware UTC.

``Clock`` is the port every use case reads "now" from. The composition root
(``server/bootstrap.py``) builds one and injects it: ``SystemClock`` in
service, ``FixedClock`` (set and moved by hand) in tests. ``Shifted`` is the
demo-mode test hook: the clock it wraps plus the number of seconds held in a
file (``PITBOSS_PROTECTION_CLOCK_FILE``), read again only when the file
changes; end-to-end tests move the player-protection rules forward with it
(a 24-hour cooling-off tested without waiting) while sessions and tokens keep
the real time.

``SYSTEM`` is the system clock itself, for the defaults of records and rows
that are not built from a call's "now"."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Protocol


# "Now" as a plain function: what a store or a rule is handed to read the time.
Now = Callable[[], datetime]


class Clock(Protocol):
    def now(self) -> datetime:
        """Now, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FixedClock:
    """A clock that stands still until it is set or moved (tests)."""

    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


class Shifted:
    """``base`` plus the offset (seconds) in ``offset_file``: zero when the
    file is missing or unreadable."""

    def __init__(self, base: Clock, offset_file: str) -> None:
        self.base = base
        self.offset_file = offset_file
        self._stamp: int | None = None
        self._offset = timedelta(0)

    def offset(self) -> timedelta:
        try:
            st = os.stat(self.offset_file)
        except OSError:
            self._stamp, self._offset = None, timedelta(0)
            return self._offset
        if st.st_mtime_ns != self._stamp:
            try:
                with open(self.offset_file, encoding="ascii") as f:
                    self._offset = timedelta(seconds=float(f.read().strip() or 0))
            except (OSError, ValueError):
                self._offset = timedelta(0)
            self._stamp = st.st_mtime_ns
        return self._offset

    def now(self) -> datetime:
        return self.base.now() + self.offset()


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def epoch_ms(clock: Clock) -> int:
    """Now as whole milliseconds since the epoch (MTS ``timestampUtc``)."""
    return (clock.now() - EPOCH) // timedelta(milliseconds=1)


SYSTEM = SystemClock()


def utcnow() -> datetime:
    """The system clock's now: only for defaults of records and rows."""
    return SYSTEM.now()
