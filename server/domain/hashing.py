"""The process's budget of password hashes (argon2id, about 0.1 s of CPU each).

Every door that hashes a caller's password or client secret (gateway login and
every password check, registration, password reset and change, the MTS OAuth
token) first takes a token from one token bucket per process (``admit``):
``rate`` a second, up to ``burst`` at once. Without a token the call is
refused at once (``Throttled``, HTTP 429 with ``Retry-After`` in the family's
shape), before any database work, so a flood from many addresses gets no
more than the budget, whatever the edge let through.

The hashes themselves run in a small pool of ``workers`` processes with
room for ``queue`` more waiting (``run``); a call that finds no room is
refused at once too. The pool's processes run at a lower priority (``nice``)
so that hashing takes the CPU the wallet leaves, never the other way round.
Processes, not threads: argon2 maps and faults in 64 MiB per hash, and in
the server's own process those page faults and maps contend for the
process's memory-map lock with the wallet's event loop; a low-priority
hashing thread holding it stalled bets for seconds (measured:
docs/architecture.md, "The wallet's own capacity").

Until ``configure`` is called (the server does it at start-up) nothing is
throttled and hashes run on the calling thread (tools, tests, demo loading).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from server.domain.errors import RateLimited

T = TypeVar("T")


class Throttled(RateLimited):
    """Over a budget: answered at once with HTTP 429 and ``Retry-After``
    (whole seconds, at least 1)."""

    reason = "THROTTLED"

    def __init__(self, message: str = "Too many requests; try again later.", retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))


class TokenBucket:
    """``rate`` tokens a second, at most ``burst`` saved up; thread-safe."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._clock = clock
        self._tokens = float(self.burst)
        self._at = clock()
        self._lock = threading.Lock()

    def take(self) -> float:
        """0.0 when a token was taken, else the seconds until one is due."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
            self._at = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return 0.0
            return (1.0 - self._tokens) / self.rate if self.rate > 0 else 60.0


def _lower_priority(nice: int) -> None:
    """Run this (pool) process at ``nice``. On Linux with autogroup scheduling
    (the default) a process's nice counts only against the other processes of
    its session, so the process also starts a session of its own and lowers
    that session's group (``/proc/self/autogroup``): the hashes then get the
    CPU that the server, Envoy and the database leave. Where not allowed, as
    it is."""
    if nice <= 0:
        return
    try:
        os.setsid()
    except OSError:
        pass
    try:
        with open("/proc/self/autogroup", "w") as f:
            f.write(str(nice))
    except OSError:
        pass
    try:
        os.nice(nice)
    except OSError:
        pass


class HashGate:
    def __init__(self, rate: float, burst: int, workers: int, queue: int, nice: int = 0) -> None:
        self.bucket = TokenBucket(rate, burst)
        # spawn, not fork: the server's process has gRPC's threads running.
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_lower_priority, initargs=(nice,))
        self.pool.submit(int)  # start the processes now, not at the first login
        self._room = threading.BoundedSemaphore(workers + queue)

    def admit(self) -> None:
        wait = self.bucket.take()
        if wait:
            raise Throttled("Too many password checks right now; try again later.", wait)

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn`` must be a module-level function (it is sent to a process)."""
        if not self._room.acquire(blocking=False):
            raise Throttled("Too many password checks right now; try again later.", 1.0)
        try:
            return self.pool.submit(fn, *args).result()
        finally:
            self._room.release()

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


_gate: HashGate | None = None


def configure(gate: HashGate | None) -> None:
    """Install the process's gate (None: no budget, hash on the caller's thread)."""
    global _gate
    old, _gate = _gate, gate
    if old is not None and old is not gate:
        old.close()


def admit() -> None:
    """Take one hash from the budget, or raise ``Throttled``."""
    if _gate is not None:
        _gate.admit()


def run(fn: Callable[..., T], *args: Any) -> T:
    """Run one hash (a module-level function) in the hashing processes
    (admitted before)."""
    if _gate is None:
        return fn(*args)
    return _gate.run(fn, *args)
