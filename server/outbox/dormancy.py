"""The daily dormancy job (docs/compliance.md, "Dormant accounts"): the
notice mails 30 days before, then the dormant state, by the rules of
``server.domain.gateway.dormancy``.

A pass visits every brand and runs bounded units of work of at most
``PITBOSS_DORMANCY_BATCH`` players of each kind, until a unit finds fewer
(at most ``MAX_UNITS`` units per brand and pass). Each unit claims its players
(PostgreSQL ``FOR UPDATE SKIP LOCKED``: several hosts on one database share
the work and never take the same player; SQLite's write lock serialises
them) and changes them in the same transaction that queues the notice mail,
so a notice goes out once. The job reads "now" from the protection clock
(the end-to-end tests move it). Money never moves: nothing here touches a
balance.
"""

from __future__ import annotations

import logging

from server.domain.gateway import dormancy
from server.outbox.worker import PollingWorker

log = logging.getLogger("pitboss.dormancy")
# Units of work one pass runs per brand at most (the rest: the next pass).
MAX_UNITS = 1000


def run(app, max_units: int = MAX_UNITS) -> tuple[int, int]:
    """One pass over every brand; returns (notices queued, accounts made dormant)."""
    now = app.protection_clock.now()
    units = app.units.gateway
    limit = app.settings.dormancy_batch
    noticed = dormant = 0
    for brand in units.read(lambda gw: gw.repo.brands()):
        for _ in range(max_units):
            batch = units.write(lambda gw: dormancy.run_batch(gw.repo, brand, now, limit))
            noticed, dormant = noticed + batch.noticed, dormant + batch.dormant
            if max(batch.noticed, batch.dormant) < limit:
                break
    if noticed or dormant:
        log.info("dormancy pass", extra={"fields": {"noticed": noticed, "dormant": dormant}})
    return noticed, dormant


class DormancyJob(PollingWorker):
    """Runs a pass at start-up and then every ``PITBOSS_DORMANCY_POLL_SECONDS``
    (a day by default)."""

    name = "dormancy"

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.dormancy_poll_seconds

    def run_once(self) -> int:
        noticed, dormant = run(self.app)
        return noticed + dormant
