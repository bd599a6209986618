"""Retention of the protection usage buckets (server/outbox/retention.py), on
both backends: buckets older than the longest limit window and a day are
deleted in bounded batches, everything a window can read is kept, and two
hosts pruning one PostgreSQL database at once delete each bucket once."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from server.bootstrap import build
from server.config import Settings
from server.domain.clock import FixedClock
from server.domain.protection import rules
from server.domain.protection.model import hour_of
from server.observability import metrics
from server.outbox import retention
from server.storage import migrate
from tests.support import SECRET

pytestmark = pytest.mark.storage

AT = datetime(2026, 12, 4, 12, 30, tzinfo=timezone.utc)


@pytest.fixture
def app(db_url):
    a = build(Settings(database_url=db_url, secret_key=SECRET), FixedClock(AT))
    migrate.upgrade(a.db.engine)
    yield a
    a.db.dispose()


def _buckets(app, hours: list[int], players: int = 1) -> None:
    with app.db.session(write=True) as s:
        for p in range(players):
            for h in hours:
                s.execute(text("INSERT INTO protection_usage (player_id, hour, deposit, wager, loss)"
                               " VALUES (:p, :h, 0, 1000000, 0)"), {"p": f"p{p}", "h": h})


def _hours(app) -> list[int]:
    with app.db.session() as s:
        return sorted(r[0] for r in s.execute(text("SELECT DISTINCT hour FROM protection_usage")))


def test_old_buckets_go_in_bounded_batches_and_what_a_window_reads_stays(app):
    now = hour_of(AT)
    keep = rules.usage_kept_from(AT)
    assert keep == now - 720 - 24  # a month's window and a day of margin
    old = [keep - 1, keep - 2, keep - 500, 1]
    kept = [keep, now - 720, now - 1, now]
    _buckets(app, old + kept, players=5)  # 20 old buckets
    before = metrics.RETENTION_PRUNED.labels("protection_usage")._value.get()

    assert retention.prune_usage(app, batch=3, max_batches=2) == 6  # a pass stops at its bound
    assert retention.prune_usage(app, batch=3) == 14  # the next one works the rest off
    assert retention.prune_usage(app, batch=3) == 0
    assert _hours(app) == sorted(kept)
    assert metrics.RETENTION_PRUNED.labels("protection_usage")._value.get() - before == 20


def test_two_hosts_pruning_at_once_delete_each_bucket_once(app):
    keep = rules.usage_kept_from(AT)
    _buckets(app, [keep - 1 - k for k in range(40)], players=25)  # 1,000 old buckets
    _buckets(app, [keep], players=25)
    counts: list[int] = []
    other = build(app.settings, FixedClock(AT))  # a second host on the same database
    try:
        threads = [threading.Thread(target=lambda a=a: counts.append(retention.prune_usage(a, batch=50)))
                   for a in (app, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        other.db.dispose()
    assert sum(counts) == 1000
    assert _hours(app) == [keep]
