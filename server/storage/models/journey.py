"""The tables that join the families into one platform: the game catalogue
of each brand and its launch templates, the game sessions Start Game opens
(each one a PAM session), money moved into or out of the PAM wallet by the
cashier (VIP Connect) and the back office, the operators whose wallet is this
platform's own, and the back office's append-only audit log.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.storage.models.columns import money, timestamp


class GameCatalogueEntry(SQLModel, table=True):
    """A game a brand offers: which provider runs it, where it is closed, and
    whether it is open at all."""

    __tablename__ = "game_catalogue"
    __table_args__ = (UniqueConstraint("brand_id", "game_id"),)

    id: int | None = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="gateway_brand.id")
    game_id: str = Field(max_length=40)
    provider: str = Field(foreign_key="pam_provider.name", max_length=40)
    name: str = Field(default="", max_length=128)
    # ISO 3166 alpha-2 codes, comma-separated ("" = open everywhere).
    restricted_countries: str = Field(default="", max_length=1024)
    enabled: bool = True
    # Real money only: Start Game answers 303 ggr_game (docs/gateway.md).
    ggr_game: bool = False
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()


class GameLaunchTemplate(SQLModel, table=True):
    """How a brand launches a provider's games: a URL template with
    ``{game_id}``, ``{lang}``, ``{provider}`` and ``{brand_id}``; Start Game adds
    ``token`` and ``game_session_id`` as query parameters."""

    __tablename__ = "game_launch_template"

    brand_id: int = Field(primary_key=True, foreign_key="gateway_brand.id", sa_column_kwargs={"autoincrement": False})
    provider: str = Field(primary_key=True, foreign_key="pam_provider.name", max_length=40)
    url_template: str = Field(max_length=512)


class GameSessionLaunch(SQLModel, table=True):
    """A game session opened by Start Game: the PAM session the aggregator
    uses (token stored there, hashed), who opened it from which login, and
    when it ended (logout, revocation by the back office, a newer launch)."""

    __tablename__ = "game_session"
    __table_args__ = (Index("ix_game_session_player", "pam_player_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    # The game_session_id of in-game status and of the launch URL.
    public_id: str = Field(max_length=32, unique=True)
    pam_session_id: int = Field(foreign_key="pam_session.id", unique=True)
    brand_id: int = Field(foreign_key="gateway_brand.id")
    gateway_player_id: int = Field(foreign_key="gateway_player.id", index=True)
    pam_player_id: str = Field(foreign_key="pam_player.id", max_length=40)
    login_session_id: int | None = Field(default=None, foreign_key="gateway_session.id", index=True)
    game_id: str = Field(max_length=40)
    provider: str = Field(max_length=40)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    ended_at: datetime | None = timestamp(nullable=True, default_now=False)
    # logout | revoked | (empty while open)
    ended_reason: str = Field(default="", max_length=16)


class WalletMovement(SQLModel, table=True):
    """Money moved into or out of a PAM wallet by someone other than the
    aggregator: the cashier (a settled VIP Connect deposit or withdrawal) or
    the back office (a credit or debit). Unique per source and key, so a
    retried movement is booked once; each one has its ledger entry."""

    __tablename__ = "wallet_movement"
    __table_args__ = (
        UniqueConstraint("source", "source_ref", "idempotency_key"),
        CheckConstraint("amount > 0", name="ck_wallet_movement_amount"),
        Index("ix_wallet_movement_player", "player_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    player_id: str = Field(foreign_key="pam_player.id", max_length=40)
    # vip (the cashier) | backoffice
    source: str = Field(max_length=16)
    # vip: the operator id; backoffice: the back-office client name.
    source_ref: str = Field(max_length=64)
    # vip: the VIP transaction id; backoffice: the caller's idempotency key.
    idempotency_key: str = Field(max_length=128)
    # deposit | withdraw (cashier), credit | debit (back office)
    kind: str = Field(max_length=16)
    # cash | bonus | promo
    balance: str = Field(default="cash", max_length=8)
    amount: Decimal = money()
    reason: str = Field(default="", max_length=256)
    actor: str = Field(default="", max_length=128)
    ledger_id: int = Field(foreign_key="pam_ledger.id")
    created_at: datetime = timestamp()


class VipOperatorWallet(SQLModel, table=True):
    """A VIP Connect operator whose wallet is this platform's own: its settled
    deposits and approved withdrawals move the PAM cash of the player whose id
    is the session's patronId, in this brand. Operators without a row keep the
    notification flow (their own wallet)."""

    __tablename__ = "vip_operator_wallet"

    operator_id: str = Field(primary_key=True, foreign_key="vip_operator.id", max_length=64)
    brand_id: int = Field(foreign_key="gateway_brand.id")
    # The currency the operator settles in: the player's wallet must hold it.
    currency: str = Field(max_length=3)
    created_at: datetime = timestamp()


class AuditLogEntry(SQLModel, table=True):
    """Append-only: every change the back office makes (who, what, when,
    before and after). Never holds secrets or unmasked personal data."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_subject", "subject_type", "subject_id", "id"),
                      Index("ux_audit_log_seq", "seq", unique=True))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = timestamp()
    # The back-office client (credential name) and the acting user it named.
    client: str = Field(max_length=64)
    actor: str = Field(max_length=128)
    action: str = Field(max_length=64)
    subject_type: str = Field(max_length=32)
    subject_id: str = Field(max_length=64)
    reason: str = Field(default="", max_length=256)
    before_json: str = Field(default="{}")
    after_json: str = Field(default="{}")
    # Its place in the one audit chain and its SHA-256 over the canonical
    # fields and the previous entry's hash (server.domain.records.chain).
    seq: int | None = Field(default=None, sa_column=Column(BigInteger(), nullable=True))
    chain_hash: str | None = Field(default=None, max_length=64)
