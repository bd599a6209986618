"""The unit tier: the domain's rules over in-memory fakes (tests/unit/fakes)
and a fixed clock. No database, no network, no server; every test here
imports only ``server.domain`` (and ``server.security``, which the domain
builds on) and the fakes (tests/unit/test_fakes.py checks it)."""

from __future__ import annotations

import pytest

from tests.unit.fakes import FixedClock


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()
