"""Background workers of `pitboss serve` (outbox deliveries).

A worker polls: every ``poll_seconds`` it runs ``run_once()`` until the server
stops. An exception in one pass is logged by type (never its message, which
may carry values) and the next pass runs as usual. ``server.process.app.WORKERS``
lists the worker classes; ``enabled()`` lets a worker stay off when it has
nothing to deliver to (e.g. mail without an SMTP server).
"""

from __future__ import annotations

import logging
import threading


class PollingWorker:
    name = "worker"

    def __init__(self, app) -> None:
        self.app = app
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self.log = logging.getLogger(f"pitboss.{self.name}")

    @property
    def poll_seconds(self) -> float:
        raise NotImplementedError

    def enabled(self) -> bool:
        return True

    def run_once(self) -> int:
        raise NotImplementedError

    def start(self) -> "PollingWorker":
        if self.enabled():
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception as exc:  # noqa: BLE001 - keep the worker alive
                self.log.warning("pass failed", extra={"fields": {"error": type(exc).__name__}})
            self._stop.wait(self.poll_seconds)
