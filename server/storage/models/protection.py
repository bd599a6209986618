"""Player-protection tables: each player's time-out / exclusion and play time,
their limits (with pending increases and removals), usage per clock hour
(deposits, stakes, losses: the rolling windows are sums of these buckets)
and the history of every change.

Keyed by the player id shared by the families (the PAM player id, the
gateway player's numeric ID, VIP Connect's ``patronId``). A player's wallet
(``pam_account.protected``) says whether its bookings are checked.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.storage.models.columns import money, timestamp


class ProtectionState(SQLModel, table=True):
    __tablename__ = "protection_state"

    player_id: str = Field(primary_key=True, max_length=40)
    brand_id: int | None = Field(default=None)
    timeout_until: datetime | None = timestamp(nullable=True, default_now=False)
    excluded_until: datetime | None = timestamp(nullable=True, default_now=False)
    excluded_permanent: bool = False
    # A permanent exclusion closes the account.
    closed_at: datetime | None = timestamp(nullable=True, default_now=False)
    # Play time of the current UTC day (days since the epoch), for the
    # session-time limit; the last transaction seen and its game session.
    play_day: int = 0
    play_seconds: int = 0
    last_play_at: datetime | None = timestamp(nullable=True, default_now=False)
    last_play_session: int | None = Field(default=None)
    # The last change asked for (the regulator's listing also counts pending
    # changes taking effect, from protection_limit.pending_from).
    changed_at: datetime = timestamp()
    created_at: datetime = timestamp()


class ProtectionLimit(SQLModel, table=True):
    """One limit: kind deposit / loss / wager (money, period day / week /
    month) or session (minutes per day). ``amount`` NULL: none in force (a
    removal pending, or an increase of nothing)."""

    __tablename__ = "protection_limit"
    __table_args__ = (Index("ix_protection_limit_pending_from", "pending_from"),)

    player_id: str = Field(primary_key=True, max_length=40)
    kind: str = Field(primary_key=True, max_length=8)
    period: str = Field(primary_key=True, max_length=8)
    amount: Decimal | None = money(default=None, nullable=True)
    pending_amount: Decimal | None = money(default=None, nullable=True)
    pending_remove: bool = False
    pending_from: datetime | None = timestamp(nullable=True, default_now=False)
    updated_at: datetime = timestamp()


class ProtectionUsage(SQLModel, table=True):
    """Usage of one player in one clock hour (hours since the epoch, UTC).
    ``loss`` is stakes minus wins (negative when the player won)."""

    __tablename__ = "protection_usage"
    # Retention prunes by hour (server/outbox/retention.py).
    __table_args__ = (Index("ix_protection_usage_hour", "hour"),)

    player_id: str = Field(primary_key=True, max_length=40)
    hour: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    deposit: Decimal = money()
    wager: Decimal = money()
    loss: Decimal = money()


class ProtectionEvent(SQLModel, table=True):
    """The history of a player's protections: who asked for what, when, with
    the state before and after (JSON)."""

    __tablename__ = "protection_event"
    __table_args__ = (Index("ix_protection_event_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    player_id: str = Field(max_length=40, index=True)
    brand_id: int | None = Field(default=None)
    at: datetime = timestamp()
    # "player", or "backoffice:<client>:<acting user>".
    actor: str = Field(max_length=200)
    action: str = Field(max_length=64)
    reason: str = Field(default="", max_length=500)
    before_json: str = Field(default="{}")
    after_json: str = Field(default="{}")
