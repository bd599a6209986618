"""The dormancy job's claims on both backends (server/outbox/dormancy.py,
``GatewayRepository.notice_due`` / ``dormant_due``): two hosts running the
job on one database at once give every player one notice and make each
dormant once; a unit that holds its claim makes the other host skip those
players instead of waiting (PostgreSQL ``FOR UPDATE SKIP LOCKED``)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from server.config import Settings
from server.domain.clock import FixedClock
from server.domain.gateway import dormancy as D
from server.outbox.dormancy import run
from server.process.app import App
from server.storage import migrate
from server.storage.models import GatewayBrand, GatewayPlayer
from tests.support import SECRET

T = datetime(2025, 1, 15, 12, 0, tzinfo=timezone.utc)


def make(url: str, clock: FixedClock) -> App:
    app = App.create(Settings(database_url=url, secret_key=SECRET, dormancy_batch=3), clock=clock)
    migrate.upgrade(app.db.engine)
    return app


def seed(app: App, n: int) -> None:
    with app.db.session(write=True) as s:
        s.add(GatewayBrand(id=1, name="One"))
        s.flush()
        for i in range(n):
            s.add(GatewayPlayer(brand_id=1, user_name=f"u{i}", user_name_key=f"u{i}", email=f"u{i}@x.test",
                                email_key=f"u{i}@x.test", password_hash="x", last_activity_at=T))


def count(app: App, sql: str) -> int:
    with app.db.session() as s:
        return s.execute(text(sql)).scalar_one()


def test_two_hosts_notice_and_make_dormant_each_player_once(db_url):
    clock = FixedClock(D.add_months(T, 12) - timedelta(days=30))
    hosts = [make(db_url, clock) for _ in range(2)]
    try:
        seed(hosts[0], 20)
        barrier = threading.Barrier(2)
        results: list[tuple[int, int]] = []

        def go(app: App) -> None:
            barrier.wait()
            results.append(run(app))

        for _phase in range(2):
            threads = [threading.Thread(target=go, args=(a,)) for a in hosts]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            clock.set(D.add_months(T, 12) + timedelta(days=1))
        assert sum(r[0] for r in results) == 20 and sum(r[1] for r in results) == 20
        assert count(hosts[0], "SELECT COUNT(*) FROM gateway_outbox WHERE kind = 'dormancy_notice'") == 20
        assert count(hosts[0], "SELECT COUNT(*) FROM gateway_player WHERE dormant_at IS NOT NULL") == 20
    finally:
        for a in hosts:
            a.db.dispose()


def test_a_held_claim_is_skipped_not_waited_for(db_url):
    clock = FixedClock(D.add_months(T, 12))
    a, b = make(db_url, clock), make(db_url, clock)
    try:
        seed(a, 5)
        if a.db.backend != "postgresql":
            return  # SQLite: one writer at a time; the claim is the write lock itself
        with a.db.session(write=True) as s:
            from server.storage.repositories.gateway import GatewayRepository

            held = GatewayRepository(s, a.vault).notice_due(1, T, 2)  # locked until this unit ends
            assert len(held) == 2
            noticed, _ = run(b)
            assert noticed == 3  # the other three, at once
        assert run(b)[0] == 2  # released: now taken
    finally:
        a.db.dispose()
        b.db.dispose()
