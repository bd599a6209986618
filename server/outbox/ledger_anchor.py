"""The daily anchor of the tamper-evident records (docs/compliance.md): each
pass records, exports and signs the anchor of every complete day that has
none yet (``LedgerRecords.due``). Several hosts on one PostgreSQL may run it:
the day is the anchor table's key, so one of them records it and the others
export what it recorded."""

from __future__ import annotations

from server.outbox.worker import PollingWorker


class LedgerAnchorJob(PollingWorker):
    name = "ledger-anchor"

    @property
    def poll_seconds(self) -> float:
        return 300.0

    def enabled(self) -> bool:
        return self.app.settings.ledger_anchor_job

    def run_once(self) -> int:
        records = self.app.records
        done = 0
        for day in records.due(self.app.clock.now()):
            anchor, made = records.anchor(day)
            if made:
                done += 1
                self.log.info("anchor recorded", extra={"fields": {"day": day.isoformat(), "chains": anchor.chains}})
        return done
