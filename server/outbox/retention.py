"""The significant events' retention (docs/compliance.md): the process that
runs the workers deletes events older than ``PITBOSS_EVENTS_RETENTION_DAYS``
every ``PITBOSS_EVENTS_PRUNE_SECONDS``, in batches of 500 rows, each batch
its own short write unit, at most ``PITBOSS_EVENTS_PRUNE_BATCHES`` a pass.
Several hosts on one PostgreSQL database may prune at once: each batch is
claimed with ``FOR UPDATE SKIP LOCKED`` (``server.storage.repositories.events``),
so they delete different rows and never wait on each other."""

from __future__ import annotations

from server.domain.records import events
from server.outbox.worker import PollingWorker


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
