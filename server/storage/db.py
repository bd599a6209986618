"""Engine and transactions.

SQLite (the embedded default) runs in WAL mode with foreign keys on and a busy
timeout. pysqlite's own transaction handling is switched off so that Pitboss
issues ``BEGIN`` itself: a unit of work that will write starts with
``BEGIN IMMEDIATE``, taking SQLite's write lock up front instead of failing on
a read-to-write upgrade under concurrency. PostgreSQL uses a pooled psycopg 3
engine; writers lock the rows they change (``SELECT ... FOR UPDATE``) or use
guarded single-statement updates.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000


def backend_name(engine: Engine) -> str:
    return engine.dialect.name


def create_db_engine(url: str, pool_size: int = 20) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            u,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            poolclass=QueuePool,
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(
        u,
        pool_size=pool_size,
        max_overflow=pool_size // 2,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - driver hook
        dbapi_conn.isolation_level = None  # Pitboss emits BEGIN itself.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - driver hook
        write = conn.get_execution_options().get("pitboss_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """The engine plus a unit-of-work helper. One per process."""

    def __init__(self, url: str, pool_size: int = 20) -> None:
        self.url = url
        self.engine = create_db_engine(url, pool_size)
        # SQLite has one writer at a time. Writers of this process queue on a
        # mutex instead of SQLite's busy handler, which polls with sleeps of up
        # to 100 ms and so turns contention into long latency tails. Other
        # processes on the same file still wait through busy_timeout.
        self._sqlite_writer = threading.Lock() if self.engine.dialect.name == "sqlite" else None

    @property
    def backend(self) -> str:
        return backend_name(self.engine)

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error.

        ``write=True`` marks a unit of work that changes data (on SQLite it
        takes the write lock at BEGIN).
        """
        serial = self._sqlite_writer if write and self._sqlite_writer is not None else nullcontext()
        with serial, self.engine.connect() as conn:
            if write:
                conn = conn.execution_options(pitboss_write=True)
            with Session(bind=conn, expire_on_commit=False) as s:
                try:
                    yield s
                    s.commit()
                except BaseException:
                    s.rollback()
                    raise

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
