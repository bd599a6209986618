"""In-memory fakes of the domain's ports (``server/domain/*/ports.py``) and a
fixed clock, for the unit tier: the rules run against them in milliseconds,
with no database and no network.

A fake keeps plain dicts and lists and does what the port's docstring
promises, no more (locks are no-ops: one test is one thread). Each port's
fake is checked against its Protocol's method names by
tests/unit/test_fakes.py, so a port that grows a method shows here.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


class FixedClock:
    """A clock that stands still until a test moves it: ``clock()`` is now."""

    def __init__(self, at: datetime = T0) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at
