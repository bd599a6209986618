"""Background workers of `pitboss serve` (outbox deliveries).

A worker polls: every ``poll_seconds`` it runs ``run_once()`` until the server
stops. An exception in one pass is logged by type (never its message, which
may carry values) and the next pass runs as usual. ``server.process.app.WORKERS``
lists the worker classes; ``enabled()`` lets a worker stay off when it has
nothing to deliver to (e.g. mail without an SMTP server).

What every outbox shares (docs/architecture.md, "Bounded work"): a worker
claims the rows it sends under its ``owner`` id (several hosts on one
database never send a row twice: ``server.storage.repositories.outbox``),
retries with a capped exponential backoff (``retry_delay``) and gives a row
up as a dead letter after its attempt or age limit (``give_up``).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from datetime import datetime, timedelta

# The exponent stops growing long before a float could overflow (2**1024 did).
MAX_EXPONENT = 40


def retry_delay(attempts: int, base: float, cap: float) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: ``base`` doubling,
    at most ``cap`` seconds, for any count of attempts."""
    return timedelta(seconds=min(cap, base * 2.0 ** min(max(attempts - 1, 0), MAX_EXPONENT)))


def give_up(attempts: int, failing_since: datetime, now: datetime, max_attempts: int | None,
            max_age: float) -> bool:
    """Whether a row that has just failed becomes a dead letter."""
    if max_attempts is not None and attempts >= max_attempts:
        return True
    return (now - failing_since).total_seconds() >= max_age


def owner_id() -> str:
    """Who holds a claim: host, process and a random part (one per worker)."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(4)}"


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
