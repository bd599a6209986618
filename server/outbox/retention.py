"""Retention (docs/architecture.md, "Retention"): a background worker of
`pitboss serve` that prunes the player-protection usage buckets no limit
window can read any more (``server.domain.protection.rules.usage_kept_from``:
older than a month and a day).

Each pass deletes in batches of ``BATCH`` rows, one short write transaction
each, and at most ``MAX_BATCHES`` of them, so a pass never holds the write
lock long and a backlog is worked off over several passes. Several hosts on
one PostgreSQL database may prune at once: each batch takes its rows with
``FOR UPDATE SKIP LOCKED`` (``ProtectionRepository.prune_usage``), so they
neither wait on nor double-handle each other.

Nothing else is pruned: the ledger, transactions, rounds and game sessions are
the records (docs/architecture.md says how long they are kept and why).
"""

from __future__ import annotations

from server.domain.protection import rules
from server.observability import metrics
from server.outbox.worker import PollingWorker
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import SessionSql

BATCH = 1_000
MAX_BATCHES = 50
POLL_SECONDS = 600.0


def prune_usage(app, batch: int = BATCH, max_batches: int = MAX_BATCHES) -> int:
    """One pass; returns how many buckets were deleted."""
    # Bookings count usage on the protection clock (shifted in demo mode):
    # the earlier of the two clocks, so a bucket is never pruned early.
    before = rules.usage_kept_from(min(app.clock.now(), app.protection_clock.now()))
    total = 0
    for _ in range(max_batches):
        with app.db.session(write=True) as session:
            n = ProtectionRepository(SessionSql(session)).prune_usage(before, batch)
        total += n
        if n < batch:
            break
    if total:
        metrics.RETENTION_PRUNED.labels("protection_usage").inc(total)
    return total


class UsagePruner(PollingWorker):
    """Prunes old protection usage buckets every ``POLL_SECONDS``."""

    name = "retention"

    @property
    def poll_seconds(self) -> float:
        return POLL_SECONDS

    def run_once(self) -> int:
        return prune_usage(self.app)
