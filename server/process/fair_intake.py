"""The MTS WebSocket server's intake: blocking work (a message through the
intake, a handshake's token check) on a fixed number of threads, fair between
operators and bounded everywhere (docs/mts.md, "In flight").

- Each operator (and the handshakes, as one more party) has a queue of its
  own, at most ``per_party`` jobs long: a job beyond it waits before it is
  queued, and the socket that sent it is not read meanwhile (TCP
  back-pressure), so a backlog stays with the operator that made it.
- A free thread takes the next job of the party with the fewest jobs
  running, and among those of the one served longest ago (round robin), so
  one operator's backlog of thousands of messages delays another operator's
  next message by at most the jobs already running, never by the backlog.
- The thread pool itself never holds more jobs than it has threads: nothing
  waits in an unbounded queue.

Everything here runs on the event loop's thread, except the jobs.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class FairIntake:
    def __init__(self, workers: int, per_party: int, name: str = "mts-ws") -> None:
        self.workers = workers
        self.per_party = per_party
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix=name)
        self._queues: dict[Hashable, deque] = {}
        self._turns: list[Hashable] = []  # parties with queued work
        self._slots: dict[Hashable, asyncio.Semaphore] = {}
        self._active: dict[Hashable, int] = {}  # jobs running per party
        self._served: dict[Hashable, int] = {}  # when each party's last job started (a counter)
        self._tick = 0
        self._running = 0
        self.started: list[Hashable] = []  # the order jobs were started in (last few; tests read it)

    def queued(self, party: Hashable) -> int:
        return len(self._queues.get(party, ()))

    @property
    def running(self) -> int:
        return self._running

    async def run(self, party: Hashable, fn: Callable[..., Any], *args) -> Any:
        """``fn(*args)`` on a thread, in ``party``'s turn; waits (without
        queueing) while ``party`` already has ``per_party`` jobs queued."""
        slots = self._slots.get(party)
        if slots is None:
            slots = self._slots[party] = asyncio.Semaphore(self.per_party)
        async with slots:
            fut = asyncio.get_running_loop().create_future()
            q = self._queues.get(party)
            if q is None:
                q = self._queues[party] = deque()
                self._turns.append(party)
            q.append((fn, args, fut))
            self._dispatch()
            return await fut

    def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        while self._running < self.workers and self._turns:
            party = min(self._turns, key=lambda p: (self._active.get(p, 0), self._served.get(p, -1)))
            self._turns.remove(party)
            q = self._queues[party]
            fn, args, fut = q.popleft()
            if q:
                self._turns.append(party)
            else:
                del self._queues[party]
            if fut.cancelled():
                continue
            self._running += 1
            self._tick += 1
            self._served[party] = self._tick
            self._active[party] = self._active.get(party, 0) + 1
            self.started.append(party)
            if len(self.started) > 1000:
                del self.started[:500]
            job = self.pool.submit(fn, *args)
            job.add_done_callback(lambda j, f=fut, p=party: loop.call_soon_threadsafe(self._finish, j, f, p))

    def _finish(self, job: Future, fut: asyncio.Future, party: Hashable) -> None:
        self._running -= 1
        self._active[party] -= 1
        if not self._active[party]:
            del self._active[party]
        if not fut.cancelled():
            exc = job.exception()
            if exc is not None:
                fut.set_exception(exc)
            else:
                fut.set_result(job.result())
        self._dispatch()

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)
