"""Named transaction locks, for what has no row to lock yet.

A wallet that does not exist yet, or an idempotency key not yet used, cannot
be locked with ``SELECT ... FOR UPDATE``. On PostgreSQL such a name is locked
with a transaction-scoped advisory lock (``pg_advisory_xact_lock``, released
at commit or rollback, bounded by the connection's ``lock_timeout``); on
SQLite every writer already holds the database's one write lock
(``BEGIN IMMEDIATE``), so there is nothing more to take.

Names: ``("wallet", player_id)`` — the creation of a player's wallet and her
first protection; ``("movement", source, source_ref, key)`` — a wallet
movement's idempotency key.
"""

from __future__ import annotations

import hashlib

LOCK = "SELECT pg_advisory_xact_lock(:k)"


def key_of(*parts: str) -> int:
    """A stable signed 64-bit number for a name (the advisory lock's key)."""
    digest = hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_name(conn, *parts: str) -> None:
    """Lock ``parts`` until the transaction ends. ``conn``: a ``SqlConnection``
    or ``SessionSql`` (``server.storage.sql``)."""
    if conn.postgres:
        conn.one(LOCK, {"k": key_of(*parts)})
