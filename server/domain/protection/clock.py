"""The protection clock: what "now" is for limits, cooling-off periods,
time-outs, exclusions and usage windows.

``Clock`` is the real UTC time plus an offset. The offset is always zero,
except in demo mode where ``PITBOSS_PROTECTION_CLOCK_FILE`` may name a file
holding a number of seconds (tests move the protection clock forward with it,
so a 24-hour cooling-off is tested without waiting). The file is read again
only when it changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

Now = Callable[[], datetime]


def utc() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    def __init__(self, offset_file: str = "") -> None:
        self.offset_file = offset_file
        self._stamp: int | None = None
        self._offset = timedelta(0)

    def offset(self) -> timedelta:
        if not self.offset_file:
            return timedelta(0)
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

    def __call__(self) -> datetime:
        return utc() + self.offset()


def fixed(at: datetime) -> Now:
    return lambda: at
