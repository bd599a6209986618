"""Retention (docs/architecture.md, "Retention"; docs/compliance.md): two
background workers of `pitboss serve`, each deleting in short batches, one
write transaction each and a bounded number a pass, so a pass never holds the
write lock long and a backlog is worked off over several passes. Several
hosts on one PostgreSQL database may prune at once: each batch takes its rows
with ``FOR UPDATE SKIP LOCKED``, so they neither wait on nor double-handle
each other.

- ``EventPruner``: the significant events older than
  ``PITBOSS_EVENTS_RETENTION_DAYS``, every ``PITBOSS_EVENTS_PRUNE_SECONDS``,
  in batches of 500, at most ``PITBOSS_EVENTS_PRUNE_BATCHES`` a pass.
- ``UsagePruner``: the player-protection usage buckets no limit window can
  read any more (``server.domain.protection.rules.usage_kept_from``: older
  than a month and a day), in batches of ``BATCH``, at most ``MAX_BATCHES``.

Nothing else is pruned: the ledger, transactions, rounds and game sessions are
the records (docs/architecture.md says how long they are kept and why).
"""

from __future__ import annotations

from server.domain.protection import rules
from server.domain.records import events
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


class EventPruner(PollingWorker):
    name = "event-retention"

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.events_prune_seconds

    def run_once(self) -> int:
        s = self.app.settings
        n = events.prune(self.app.units.records, self.app.clock.now(), s.events_retention_days,
                         s.events_prune_batches)
        if n:
            self.log.info("events pruned", extra={"fields": {"deleted": n, "days": s.events_retention_days}})
        return n
