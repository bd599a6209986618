"""Direct database access for the hot paths.

The PAM wallet answers thousands of calls a second, so its repository talks
to the driver (``sqlite3`` or ``psycopg``) instead of building ORM units of
work: each call is a handful of short statements on a connection this module
opens with the same settings as the SQLAlchemy engine in ``db.py``. The
tables are the SQLModel tables and the column codecs here match the
SQLModel column types (``Money``: integer micro-units; ``UtcDateTime``: UTC),
so rows written here and rows written through the ORM are the same.

SQL is written once with ``:name`` parameters; :class:`SqlConnection`
rewrites it for the driver's parameter style and keeps the rewritten text.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy.engine import make_url

from server.storage.types import from_micros, to_micros

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # FULL: every commit is on disk before it is acknowledged (WAL + FULL
    # fsyncs the log on each commit; a batch of wallet operations shares one).
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
)

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


class DatabaseError(Exception):
    """A driver error, whatever the backend (what callers may catch)."""


class LockTimeout(DatabaseError):
    """Waiting for a lock took longer than allowed."""


def connect(url: str, busy_timeout_ms: int):
    """A DBAPI connection in autocommit mode (transactions are explicit)."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        conn = sqlite3.connect(u.database or ":memory:", timeout=busy_timeout_ms / 1000, isolation_level=None,
                               check_same_thread=False)
        for pragma in SQLITE_PRAGMAS:
            conn.execute(pragma)
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        return conn
    import psycopg

    params = {k: v for k, v in {"host": u.host, "port": u.port, "user": u.username, "password": u.password,
                                "dbname": u.database}.items() if v is not None}
    params.update({k: v for k, v in u.query.items() if isinstance(v, str)})
    params.setdefault("options", pg_options(busy_timeout_ms))
    return psycopg.connect(autocommit=True, **params)


def pg_options(lock_timeout_ms: int) -> str:
    """A PostgreSQL connection's settings, set once for the connection rather
    than per transaction (one round trip less): a wait for a row lock gives up
    after the lock timeout (55P03); the session's time zone is UTC, so that
    every stored instant (0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z
    included) reads back as a Python datetime whatever the server's TimeZone
    setting (in a zone west of UTC the first would be a year-0 time)."""
    return f"-c lock_timeout={int(lock_timeout_ms)} -c timezone=UTC"


def _driver_errors():
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        import psycopg

        errors += (psycopg.Error,)
    except ImportError:  # pragma: no cover
        pass
    return errors


DRIVER_ERRORS = _driver_errors()


def is_lock_timeout(exc: BaseException) -> bool:
    """PostgreSQL lock_timeout (55P03) or statement_timeout (57014); SQLite's
    busy timeout ("database is locked")."""
    if isinstance(exc, LockTimeout):
        return True
    code = getattr(exc, "sqlstate", None)
    if code in ("55P03", "57014"):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "database is locked" in str(exc)


def is_busy(exc: BaseException) -> bool:
    """A lock wait that gave up, from the driver or through SQLAlchemy (which
    wraps the driver's error in ``orig``)."""
    return is_lock_timeout(exc) or is_lock_timeout(getattr(exc, "orig", None) or Exception())


def is_unique_violation(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.IntegrityError):
        return "UNIQUE" in str(exc)
    return getattr(exc, "sqlstate", None) == "23505"


class SqlConnection:
    """One driver connection, used by one thread at a time."""

    def __init__(self, raw, backend: str) -> None:
        self.raw = raw
        self.backend = backend
        self.postgres = backend == "postgresql"
        self._texts: dict[str, str] = {}
        # Set by every statement that changes data; the group-commit writer
        # reads it to know whether a failed operation wrote anything.
        self.dirty = False

    def _text(self, sql: str) -> str:
        t = self._texts.get(sql)
        if t is None:
            t = _PARAM.sub(r"%(\1)s", sql.replace("%", "%%")) if self.postgres else sql
            self._texts[sql] = t
        return t

    def one(self, sql: str, params: dict | None = None):
        return self.raw.execute(self._text(sql), params or {}).fetchone()

    def all(self, sql: str, params: dict | None = None) -> list:
        return self.raw.execute(self._text(sql), params or {}).fetchall()

    def run(self, sql: str, params: dict | None = None) -> int:
        """A statement that changes data; returns the affected row count."""
        self.dirty = True
        return self.raw.execute(self._text(sql), params or {}).rowcount

    def insert(self, sql: str, params: dict) -> int:
        """An INSERT ... RETURNING id; returns the new id."""
        self.dirty = True
        return self.raw.execute(self._text(sql), params).fetchone()[0]

    def one_write(self, sql: str, params: dict):
        """A statement that changes data and returns one row (or None)."""
        self.dirty = True
        return self.raw.execute(self._text(sql), params).fetchone()

    def begin(self, write: bool) -> None:
        if self.postgres:
            self.raw.execute("BEGIN")
        else:
            self.raw.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        self.dirty = False

    def commit(self) -> None:
        self.raw.execute("COMMIT")

    def rollback(self) -> None:
        try:
            self.raw.execute("ROLLBACK")
        except DRIVER_ERRORS:
            pass

    def close(self) -> None:
        try:
            self.raw.close()
        except DRIVER_ERRORS:  # pragma: no cover
            pass

    # ----------------------------------------------------------- codecs
    def time(self, dt: datetime | None):
        """A UTC timestamp as the column stores it (UtcDateTime; on SQLite the
        text SQLAlchemy writes, "YYYY-MM-DD HH:MM:SS.ffffff")."""
        if dt is None:
            return None
        if dt.tzinfo is not timezone.utc:
            dt = dt.astimezone(timezone.utc)
        if self.postgres:
            return dt
        return dt.isoformat(" ", "microseconds")[:26]

    @staticmethod
    def read_time(value) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    @staticmethod
    def money(d: Decimal | None) -> int | None:
        return None if d is None else to_micros(d)

    @staticmethod
    def read_money(v: int | None) -> Decimal | None:
        return None if v is None else from_micros(v)


class SessionSql:
    """The ``SqlConnection`` interface over an ORM unit of work's connection,
    so that one repository written in plain SQL (``:name`` parameters, the
    column codecs above) serves both the driver path and ``db.session()``."""

    def __init__(self, session) -> None:
        from sqlalchemy import text

        self._text = text
        self.s = session
        self.backend = session.get_bind().dialect.name
        self.postgres = self.backend == "postgresql"
        self.dirty = False

    def one(self, sql: str, params: dict | None = None):
        return self.s.execute(self._text(sql), params or {}).fetchone()

    def all(self, sql: str, params: dict | None = None) -> list:
        return list(self.s.execute(self._text(sql), params or {}).fetchall())

    def run(self, sql: str, params: dict | None = None) -> int:
        self.dirty = True
        return self.s.execute(self._text(sql), params or {}).rowcount

    def insert(self, sql: str, params: dict) -> int:
        self.dirty = True
        return self.s.execute(self._text(sql), params).fetchone()[0]

    def one_write(self, sql: str, params: dict):
        self.dirty = True
        return self.s.execute(self._text(sql), params).fetchone()

    time = SqlConnection.time
    read_time = staticmethod(SqlConnection.read_time)
    money = staticmethod(SqlConnection.money)
    read_money = staticmethod(SqlConnection.read_money)
