"""The tamper-evident records (server.domain.records.chain): the audit
chain's head and the daily anchors over every chain's head."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from server.domain.records.chain import GENESIS
from server.storage.models.columns import timestamp


class AuditChainHead(SQLModel, table=True):
    """The audit log's one chain: its last entry's sequence number and hash.
    One row (id 1), locked by every audit write (PostgreSQL ``FOR UPDATE``;
    SQLite's write lock is taken at BEGIN IMMEDIATE)."""

    __tablename__ = "audit_chain_head"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int = Field(default=0, sa_column=Column(BigInteger(), nullable=False))
    hash: str = Field(default=GENESIS, max_length=64)


class LedgerAnchor(SQLModel, table=True):
    """One day's anchor: SHA-256 over every ledger chain's head at the end of
    the day (UTC) and the audit log's head, its Ed25519 signature when a key
    is configured. The day is the key: of several hosts, one writes it."""

    __tablename__ = "ledger_anchor"

    day: str = Field(primary_key=True, max_length=10)  # YYYY-MM-DD
    anchor: str = Field(max_length=64)
    chains: int
    entries: int = Field(sa_column=Column(BigInteger(), nullable=False))
    audit_seq: int = Field(sa_column=Column(BigInteger(), nullable=False))
    audit_hash: str = Field(max_length=64)
    signature: str = Field(default="", max_length=128)  # hex, "" when unsigned
    created_at: datetime = timestamp()
