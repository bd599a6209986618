"""The composition root (server/bootstrap.py): every service is registered
with its authenticator or OPEN, a service with neither stops start-up, a
service registered nowhere is refused, and the one clock is injected."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from server.bootstrap import OPEN, SERVICES, Service, UnguardedService, build, check, register
from server.config import Settings
from server.domain.clock import FixedClock, Shifted, SystemClock
from server.domain.errors import Unauthenticated
from tests.support import SECRET

AT = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'pitboss.db'}", secret_key=SECRET)


def test_every_registered_service_names_an_authenticator_or_open():
    check(SERVICES)
    assert all(s.auth is not None for s in SERVICES)
    assert {s.name for s in SERVICES if s.auth is OPEN} == {
        "pitboss.mts.v1.MtsAuthService", "pitboss.ops.v1.OpsService", "pitboss.vip.v1.VipWebService"}


def test_a_service_with_neither_stops_start_up(settings):
    unguarded = Service("pitboss.test.v1.Forgotten", lambda servicer, server: None, lambda app: object(), None)
    with pytest.raises(UnguardedService, match="pitboss.test.v1.Forgotten"):
        check([*SERVICES, unguarded])
    app = dataclasses.replace(build(settings), services=(*SERVICES, unguarded))
    added = []
    with pytest.raises(UnguardedService):
        register(app, added)  # refused before any servicer is added
    assert added == []
    app.db.dispose()


def test_the_server_refuses_to_start_with_an_unguarded_service(settings):
    from server.process.app import Server

    unguarded = Service("pitboss.test.v1.Forgotten", lambda servicer, server: None, lambda app: object(), None)
    app = dataclasses.replace(build(settings), services=(*SERVICES, unguarded))

    async def start() -> None:  # grpc.aio builds its server on a running loop, whatever ran before
        Server(app)

    with pytest.raises(UnguardedService):
        asyncio.run(start())
    app.db.dispose()


def test_a_service_registered_nowhere_is_refused_and_open_ones_take_no_credential(settings):
    app = build(settings)
    with pytest.raises(Unauthenticated):
        app.authenticator("pitboss.test.v1.Unknown")(app, {})
    assert app.authenticator("pitboss.ops.v1.OpsService") is None
    assert app.authenticator("grpc.health.v1.Health") is None
    assert app.authenticator("pitboss.vip.v1.VipConnectService") is not None
    app.db.dispose()


def test_one_clock_is_injected(settings, tmp_path):
    clock = FixedClock(AT)
    app = build(settings, clock)
    assert app.clock.now() == AT and app.protection_clock.now() == AT
    clock.advance(timedelta(hours=2))
    assert app.protection_clock.now() == AT + timedelta(hours=2)
    app.db.dispose()
    assert isinstance(build(settings).clock, SystemClock)

    # The end-to-end tests' hook: in demo mode a file shifts what the
    # protection rules read; everything else keeps the clock's time.
    offset = tmp_path / "clock"
    offset.write_text("3600")
    demo = build(settings.model_copy(update={"demo": True, "protection_clock_file": str(offset)}), FixedClock(AT))
    assert isinstance(demo.protection_clock, Shifted)
    assert demo.protection_clock.now() == AT + timedelta(hours=1) and demo.clock.now() == AT
    demo.db.dispose()
