"""Group commit: one writer thread per process applies the wallet's write
operations in batches, one transaction and one commit (one fsync) per batch.

A request thread hands its operation (a function of a ``SqlConnection``) to
:meth:`GroupCommit.run` and is answered only after the batch holding it is
committed, so an acknowledged movement is on disk. While one batch commits,
the next one queues; under load a commit carries many operations, idle it
carries one (no waiting for company).

An operation that raises a domain error before it wrote anything is answered
with that error and the batch goes on. Anything else (a driver error, a
domain error after a write, a unique-key race with another process) rolls
the batch back and runs its operations again one transaction each, so one
operation's failure never touches another's outcome.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from server.domain.errors import DomainError
from server.storage.sql import DRIVER_ERRORS, LockTimeout, SqlConnection, is_lock_timeout, is_unique_violation

log = logging.getLogger("pitboss.writer")


class _Op:
    """An operation and its outcome; a thread waits on a lock, a coroutine
    on a future of its event loop."""

    __slots__ = ("fn", "result", "error", "_done", "future")

    def __init__(self, fn: Callable[[SqlConnection], Any], future: asyncio.Future | None = None) -> None:
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None
        self.future = future
        if future is None:
            self._done = threading.Lock()
            self._done.acquire()

    def finish(self) -> None:
        self._done.release()

    def wait(self) -> Any:
        self._done.acquire()
        if self.error is not None:
            raise self.error
        return self.result

    def settle(self) -> None:
        """On the future's loop: hand over the outcome."""
        if self.future.cancelled():
            return
        if self.error is not None:
            self.future.set_exception(self.error)
        else:
            self.future.set_result(self.result)


def _settle(ops: list[_Op]) -> None:
    for op in ops:
        op.settle()


class _Redo(Exception):
    """The batch must be rolled back and its operations run one by one."""


_STOP = object()


class GroupCommit:
    def __init__(self, db, max_batch: int = 64) -> None:
        self.db = db
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._conn: SqlConnection | None = None

    # ------------------------------------------------------------ callers
    def run(self, fn: Callable[[SqlConnection], Any]) -> Any:
        """Run ``fn`` inside a write transaction; return its result once the
        transaction is committed (or raise what ``fn`` raised)."""
        if self._thread is None:
            self._start()
        op = _Op(fn)
        self._queue.put(op)
        return op.wait()

    async def run_async(self, fn: Callable[[SqlConnection], Any]) -> Any:
        """``run`` for a coroutine: awaits the commit without a thread."""
        if self._thread is None:
            self._start()
        op = _Op(fn, asyncio.get_running_loop().create_future())
        self._queue.put(op)
        return await op.future

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                t = threading.Thread(target=self._loop, name="group-commit", daemon=True)
                t.start()
                self._thread = t

    def stop(self) -> None:
        """Finish what is queued, then stop the thread."""
        with self._start_lock:
            t, self._thread = self._thread, None
        if t is not None:
            self._queue.put(_STOP)
            t.join()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------- writer
    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    op = self._queue.get_nowait()
                except queue.Empty:
                    break
                if op is _STOP:
                    stop = True
                    break
                batch.append(op)
            self._apply(batch)
            if stop:
                return

    def _connection(self) -> SqlConnection:
        if self._conn is None:
            self._conn = self.db.new_sql_connection()
        return self._conn

    def _discard_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _apply(self, batch: list[_Op]) -> None:
        try:
            if len(batch) == 1:
                self._one(batch[0])
            else:
                try:
                    self._together(batch)
                except _Redo:
                    for op in batch:
                        self._one(op)
        finally:
            waiting: dict[asyncio.AbstractEventLoop, list[_Op]] = {}
            for op in batch:
                if op.future is None:
                    op.finish()
                else:
                    waiting.setdefault(op.future.get_loop(), []).append(op)
            for loop, ops in waiting.items():  # one wake-up per loop and batch
                try:
                    loop.call_soon_threadsafe(_settle, ops)
                except RuntimeError:  # the loop has closed: nobody is waiting
                    pass

    def _together(self, batch: list[_Op]) -> None:
        outcomes: list[tuple[Any, BaseException | None]] = []
        try:
            with self.db.write_lock():
                conn = self._connection()
                conn.begin(write=True)
                try:
                    for op in batch:
                        conn.dirty = False
                        try:
                            outcomes.append((op.fn(conn), None))
                        except DomainError as exc:
                            if conn.dirty:
                                raise _Redo from exc
                            outcomes.append((None, exc))
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
        except _Redo:
            raise
        except LockTimeout:
            raise _Redo from None
        except DRIVER_ERRORS:
            self._discard_connection_if_broken()
            raise _Redo from None
        except Exception:  # noqa: BLE001 - an operation's bug: isolate it
            raise _Redo from None
        for op, (result, error) in zip(batch, outcomes):
            op.result, op.error = result, error

    def _one(self, op: _Op, retries: int = 2) -> None:
        """``op`` in a transaction of its own. A unique-key race with another
        process is run again: the retry sees the row that won."""
        for attempt in range(retries + 1):
            try:
                with self.db.write_lock():
                    conn = self._connection()
                    conn.begin(write=True)
                    try:
                        op.result, op.error = op.fn(conn), None
                        conn.commit()
                        return
                    except BaseException:
                        conn.rollback()
                        raise
            except BaseException as exc:  # noqa: BLE001 - answered to the caller
                op.result = None
                if isinstance(exc, DRIVER_ERRORS):
                    if is_lock_timeout(exc):
                        exc = LockTimeout(str(exc))
                    elif is_unique_violation(exc) and attempt < retries:
                        continue
                    else:
                        self._discard_connection_if_broken()
                op.error = exc
                return

    def _discard_connection_if_broken(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            conn.one("SELECT 1")
        except DRIVER_ERRORS:
            self._discard_connection()
