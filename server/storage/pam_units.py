"""The PAM wallet's units of work, the same read / write shape as the other
families' units without an ORM session on the hot path.

``PamUnits.read(fn)`` runs ``fn(unit)`` on the calling thread's driver
connection (``db.sql()``: short indexed statements, no lock);
``await PamUnits.write(fn)`` runs ``fn(unit)`` in a transaction of the
process's group-commit writer (``server.storage.writer``) and returns what
``fn`` returned once the batch holding it is committed. A unit
(``SqlPamUnit``) holds every store a call needs, on the unit's connection: the
wallet (``SqlPamStore``) and the player's protections
(``ProtectionRepository``, built when first used).

What the database does beneath a call is handled here, not by the servicer:
- tracing: each read is a ``db.read`` span (a write's transaction is the
  writer's ``db.group_commit`` span);
- reconnecting: a driver error on a read drops the thread's connection, the
  next read opens a new one (the writer does the same for its own);
- lock waits: a write whose wait for the player's account gave up
  (PITBOSS_PAM_LOCK_TIMEOUT_MS) is the domain's ``account_busy``
  (PAM_ERR_TIMEOUT).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from server.domain.pam.errors import account_busy
from server.observability import tracing as otel
from server.storage.cache import TtlCache
from server.storage.repositories.pam import SqlPamStore
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import DRIVER_ERRORS, LockTimeout, SqlConnection

T = TypeVar("T")


class SqlPamUnit:
    """``server.domain.pam.ports.PamUnit`` (and ``PamReadUnit``) on one
    driver connection."""

    __slots__ = ("wallet", "_conn", "_protections")

    def __init__(self, conn: SqlConnection, cache: TtlCache) -> None:
        self.wallet = SqlPamStore(conn, cache)
        self._conn = conn
        self._protections: ProtectionRepository | None = None

    @property
    def protections(self) -> ProtectionRepository:
        if self._protections is None:
            self._protections = ProtectionRepository(self._conn)
        return self._protections


class PamUnits:
    def __init__(self, db) -> None:
        self.db = db

    def read(self, fn: Callable[[SqlPamUnit], T]) -> T:
        db = self.db
        try:
            if otel.TRACER is not None:
                with otel.db_span("db.read"):
                    return fn(SqlPamUnit(db.sql(), db.reference))
            return fn(SqlPamUnit(db.sql(), db.reference))
        except DRIVER_ERRORS:
            db.discard_sql()
            raise

    async def write(self, fn: Callable[[SqlPamUnit], T]) -> T:
        cache = self.db.reference
        try:
            out: Any = await self.db.writer.run_async(lambda conn: fn(SqlPamUnit(conn, cache)))
        except LockTimeout:
            raise account_busy() from None
        return out
