"""Casino-sessions report (MTS ticket format 3.0) tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.domain.limits import MTS_END_CUSTOMER_ID as END_CUSTOMER_ID_MAX
from server.domain.limits import MTS_ID as ID_MAX
from server.storage.models.columns import timestamp


class MtsOperator(SQLModel, table=True):
    """An operator that reports casino sessions (the envelope's operatorId),
    with its bearer token stored as a SHA-256 hash only."""

    __tablename__ = "mts_operator"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str = Field(max_length=128)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = timestamp()


class MtsReport(SQLModel, table=True):
    """One accepted casino-sessions-inform message and the reply it got. The
    unique (operator, correlationId) pair makes a resent message answer the
    first reply and store nothing new."""

    __tablename__ = "mts_report"
    __table_args__ = (UniqueConstraint("operator_id", "correlation_id", name="uq_mts_report_operator_correlation"),)

    id: int | None = Field(default=None, primary_key=True)
    operator_id: int = Field(foreign_key="mts_operator.id", index=True)
    # Request fields are held whole: their limits are the checks' (ID_MAX, ...).
    correlation_id: str = Field(max_length=ID_MAX)
    report_id: str = Field(default="", max_length=ID_MAX)
    # The envelope's timestampUtc (Unix ms, up to 2^63-1).
    request_timestamp_ms: int = Field(sa_column=Column(BigInteger(), nullable=False))
    reply_timestamp_ms: int = Field(sa_column=Column(BigInteger(), nullable=False))
    reply_code: int
    reply_message: str = Field(max_length=128)
    session_count: int
    received_at: datetime = timestamp()


class MtsSession(SQLModel, table=True):
    """One reported casino session. Stake, spins and payout lines are kept as
    reported (JSON, amounts as decimal strings)."""

    __tablename__ = "mts_session"
    __table_args__ = (
        UniqueConstraint("report_pk", "position", name="uq_mts_session_report_position"),
        Index("ix_mts_session_query", "operator_id", "end_customer_id", "start_ms", "id"),
        Index("ix_mts_session_operator_start", "operator_id", "start_ms", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    report_pk: int = Field(foreign_key="mts_report.id", ondelete="CASCADE")
    position: int
    operator_id: int
    session_id: str = Field(max_length=ID_MAX)
    end_customer_id: str = Field(max_length=END_CUSTOMER_ID_MAX)
    wallet_id: str = Field(default="", max_length=ID_MAX)
    channel_type: str = Field(max_length=16)
    provider: str = Field(max_length=ID_MAX)
    game_id: str = Field(max_length=ID_MAX)
    start_ms: int = Field(sa_column=Column(BigInteger(), nullable=False))
    end_ms: int = Field(sa_column=Column(BigInteger(), nullable=False))
    # {"stake": [...], "spins": [...], "payout": [...]} as validated.
    lines: str = Field(sa_column=Column(Text(), nullable=False))


class MtsClient(SQLModel, table=True):
    """OAuth2 client credentials of an operator, for the token endpoint of the
    WebSocket binding (POST /mts/v3/oauth/token). The secret is stored only as
    an argon2id hash; ``audience`` is the one audience the client may ask for."""

    __tablename__ = "mts_client"

    client_id: str = Field(primary_key=True, max_length=128)
    operator_id: int = Field(foreign_key="mts_operator.id", index=True)
    secret_hash: str = Field(max_length=255)
    audience: str = Field(max_length=255)
    created_at: datetime = timestamp()


class MtsAccessToken(SQLModel, table=True):
    """An access token issued to a client, stored only as its SHA-256 hash. It
    authenticates its operator until ``expires_at``; expired rows of a client
    are deleted when that client gets its next token."""

    __tablename__ = "mts_access_token"
    __table_args__ = (Index("ix_mts_access_token_client_expiry", "client_id", "expires_at"),)

    token_hash: str = Field(primary_key=True, max_length=64)
    client_id: str = Field(foreign_key="mts_client.client_id", max_length=128)
    operator_id: int = Field(foreign_key="mts_operator.id")
    expires_at: datetime = timestamp(default_now=False)
    created_at: datetime = timestamp()
