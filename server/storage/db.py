"""Engine, transactions and connections.

SQLite (the embedded default) runs in WAL mode with ``synchronous=FULL`` (a
commit is on disk before it is acknowledged), foreign keys on and a busy
timeout. pysqlite's own transaction handling is switched off so that Pitboss
issues ``BEGIN`` itself: a unit of work that will write starts with
``BEGIN IMMEDIATE``, taking SQLite's write lock up front instead of failing on
a read-to-write upgrade under concurrency. PostgreSQL uses a pooled psycopg 3
engine; writers lock the rows they change (``SELECT ... FOR UPDATE``) or use
guarded single-statement updates.

Two ways in: ``session()`` is an ORM unit of work (SQLModel) for the families'
ordinary calls; ``sql()`` is this thread's driver connection and ``writer`` the
process's group-commit writer, for the PAM wallet's hot path
(``server.storage.sql``, ``server.storage.writer``). Every wait for a write
lock is bounded by ``lock_timeout_ms``.

Metrics (``server.observability.metrics``): the ORM pool's check-outs, waits
for the write lock that did not get it at once, and lock waits that gave up;
while tracing is on, each unit of work is a ``db.session`` span.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from server.observability import metrics
from server.observability import tracing as otel
from server.storage import sql as raw
from server.storage.cache import TtlCache
from server.storage.sql import LockTimeout, SqlConnection, pg_options

log = logging.getLogger(__name__)

DEFAULT_LOCK_TIMEOUT_MS = 5_000


def backend_name(engine: Engine) -> str:
    return engine.dialect.name


def create_db_engine(url: str, pool_size: int = 20, lock_timeout_ms: int = DEFAULT_LOCK_TIMEOUT_MS) -> Engine:
    """The ORM's engine. A wait for a lock gives up after ``lock_timeout_ms``
    (SQLite's busy timeout, PostgreSQL's lock_timeout)."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            u,
            connect_args={"check_same_thread": False, "timeout": lock_timeout_ms / 1000},
            poolclass=QueuePool,
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        _configure_sqlite(engine, lock_timeout_ms)
        return engine
    return create_engine(
        u,
        connect_args={"options": pg_options(lock_timeout_ms)},
        pool_size=pool_size,
        max_overflow=pool_size // 2,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - driver hook
        dbapi_conn.isolation_level = None  # Pitboss emits BEGIN itself.
        cur = dbapi_conn.cursor()
        for pragma in raw.SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - driver hook
        write = conn.get_execution_options().get("pitboss_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """The engine, the driver connections and the group-commit writer. One per
    process."""

    def __init__(self, url: str, pool_size: int = 20, lock_timeout_ms: int = DEFAULT_LOCK_TIMEOUT_MS) -> None:
        from server.storage.writer import GroupCommit

        self.url = url
        self.engine = create_db_engine(url, pool_size, lock_timeout_ms)
        metrics.watch_pool(self.engine)
        self.lock_timeout_ms = lock_timeout_ms
        # SQLite has one writer at a time. Writers of this process queue on a
        # mutex instead of SQLite's busy handler, which polls with sleeps of up
        # to 100 ms and so turns contention into long latency tails. Other
        # processes on the same file still wait through busy_timeout.
        self._sqlite_writer = threading.Lock() if self.engine.dialect.name == "sqlite" else None
        self._local = threading.local()
        self._opened: list[SqlConnection] = []
        self._opened_lock = threading.Lock()
        self.writer = GroupCommit(self)
        # Reference data every call reads (API clients, providers, games).
        self.reference = TtlCache()

    @property
    def backend(self) -> str:
        return backend_name(self.engine)

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """This process's turn to write (SQLite); waits at most
        ``lock_timeout_ms``, then raises ``LockTimeout``. PostgreSQL locks rows
        instead (``lock_timeout`` on the transaction)."""
        lock = self._sqlite_writer
        if lock is None:
            yield
            return
        if not lock.acquire(blocking=False):
            start = time.perf_counter()
            got = lock.acquire(timeout=self.lock_timeout_ms / 1000)
            metrics.DB_LOCK_WAITS.observe(time.perf_counter() - start)
            if not got:
                metrics.LOCK_TIMEOUT_WRITE_LOCK.inc()
                raise LockTimeout("timed out waiting for the database write lock")
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def session(self, write: bool = False, commit: bool = True) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error.

        ``write=True`` marks a unit of work that changes data (on SQLite it
        takes the write lock at BEGIN). ``commit=False``: what the block did
        not commit itself is rolled back (a unit of work, ``server.storage.unit``).
        """
        if otel.TRACER is not None:
            with otel.db_span("db.session", **{"db.system": self.backend, "pitboss.write": write}):
                with self._session(write, commit) as s:
                    yield s
            return
        with self._session(write, commit) as s:
            yield s

    @contextmanager
    def _session(self, write: bool, commit: bool) -> Iterator[Session]:
        with (self.write_lock() if write else _nothing()), self.engine.connect() as conn:
            if write:
                conn = conn.execution_options(pitboss_write=True)
            with Session(bind=conn, expire_on_commit=False) as s:
                try:
                    yield s
                    if commit:
                        s.commit()
                    else:
                        s.rollback()
                except BaseException:
                    s.rollback()
                    raise

    # ------------------------------------------------------ driver access
    def new_sql_connection(self) -> SqlConnection:
        conn = SqlConnection(raw.connect(self.url, self.lock_timeout_ms), self.backend)
        with self._opened_lock:
            self._opened.append(conn)
        return conn

    def sql(self) -> SqlConnection:
        """This thread's driver connection (autocommit; for reads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.new_sql_connection()
        return conn

    def discard_sql(self) -> None:
        """Drop this thread's connection (after a driver error); the next
        ``sql()`` opens a new one."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def ping(self) -> None:
        try:
            self.sql().one("SELECT 1")
        except raw.DRIVER_ERRORS:
            self.discard_sql()
            raise

    def dispose(self) -> None:
        self.writer.stop()
        metrics.unwatch_pool(self.engine)
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self.engine.dispose()


@contextmanager
def _nothing() -> Iterator[None]:
    yield
