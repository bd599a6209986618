"""PAM (Valkyrie aggregator) tables: API clients, providers, games, players,
their wallet accounts and ledger, game sessions, transactions and rounds.

Money is exact (``Money``: six decimals as integer micro-units). Every change
of a balance is one ``PamLedgerEntry`` carrying the deltas and the balances
after it, written in the same unit of work as the balance itself, so the sum
of a player's ledger deltas always equals the account's balances.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, UniqueConstraint, text
from sqlalchemy.sql.expression import false as sa_false
from sqlmodel import Field, SQLModel

from server.domain.limits import PAM_ID as ID_MAX
from server.domain.records.chain import GENESIS
from server.storage.models.columns import money, timestamp


class PamApiClient(SQLModel, table=True):
    """An aggregator allowed to call the PAM API (its bearer token, hashed)."""

    __tablename__ = "pam_api_client"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = timestamp()


class PamProvider(SQLModel, table=True):
    """A game provider known to the PAM; ``name`` is lower case."""

    __tablename__ = "pam_provider"

    name: str = Field(primary_key=True, max_length=40)
    display_name: str = Field(default="", max_length=64)


class PamGame(SQLModel, table=True):
    """A game of a provider (the document's providerGameId)."""

    __tablename__ = "pam_game"
    __table_args__ = (UniqueConstraint("provider", "game_id"),)

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(foreign_key="pam_provider.name", max_length=40)
    game_id: str = Field(max_length=40)
    name: str = Field(default="", max_length=128)


class PamPlayer(SQLModel, table=True):
    __tablename__ = "pam_player"

    id: str = Field(primary_key=True, max_length=40)
    currency: str = Field(max_length=3)
    country: str = Field(max_length=2)
    language: str = Field(max_length=8)
    # A blocked player may not bet (PAM_ERR_BET_NOT_ALLOWED); wins and cancels
    # still land.
    blocked: bool = False
    # The brand requires a verified identity for play and the player has
    # none (docs/compliance.md): bets are refused like a blocked player's,
    # from the row every bet already reads.
    verification_hold: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    created_at: datetime = timestamp()


class PamAccount(SQLModel, table=True):
    """The player's wallet. Balances never go below zero (checked here and in
    the database)."""

    __tablename__ = "pam_account"
    __table_args__ = (
        CheckConstraint("cash_amount >= 0", name="ck_pam_account_cash"),
        CheckConstraint("bonus_amount >= 0", name="ck_pam_account_bonus"),
        CheckConstraint("promo_amount >= 0", name="ck_pam_account_promo"),
    )

    player_id: str = Field(primary_key=True, foreign_key="pam_player.id", max_length=40)
    currency: str = Field(max_length=3)
    cash_amount: Decimal = money()
    bonus_amount: Decimal = money()
    promo_amount: Decimal = money()
    last_bet_at: datetime | None = timestamp(nullable=True, default_now=False)
    last_bet_amount: Decimal | None = money(default=None, nullable=True)
    last_deposit_at: datetime | None = timestamp(nullable=True, default_now=False)
    last_deposit_amount: Decimal | None = money(default=None, nullable=True)
    updated_at: datetime = timestamp()
    # The player has protections (protection_state): every booking is checked
    # against them and counted, in the booking's own write.
    protected: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    # The head of the player's ledger chain (server.domain.records.chain): the
    # last entry's sequence number and hash. Every booking locks and updates
    # this row already, so the chain costs it no extra read.
    chain_seq: int = Field(default=0, sa_column=Column(BigInteger(), nullable=False, server_default="0"))
    chain_hash: str = Field(default=GENESIS, max_length=64, sa_column_kwargs={"server_default": GENESIS})


class PamSession(SQLModel, table=True):
    """A player game session with one provider. Only the SHA-256 of the token
    is stored; a refresh replaces it in place (guarded by the old hash)."""

    __tablename__ = "pam_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    player_id: str = Field(foreign_key="pam_player.id", max_length=40, index=True)
    provider: str = Field(foreign_key="pam_provider.name", max_length=40)
    game_id: str | None = Field(default=None, max_length=40)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    refreshed_at: datetime | None = timestamp(nullable=True, default_now=False)
    refresh_count: int = 0


class PamRound(SQLModel, table=True):
    """A game round: opened by a withdraw, closed by a transaction with
    isGameOver. ``stake`` and ``payout`` are totals over the three balances."""

    __tablename__ = "pam_round"
    __table_args__ = (
        UniqueConstraint("player_id", "provider", "provider_round_id"),
        # A player's rounds of a period (online status, the reality check):
        # one aggregate over an index range, never the player's whole history.
        Index("ix_pam_round_player_started", "player_id", "started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    player_id: str = Field(foreign_key="pam_player.id", max_length=40)
    provider: str = Field(max_length=40)
    provider_round_id: str = Field(max_length=ID_MAX)
    provider_game_id: str = Field(max_length=ID_MAX)
    started_at: datetime = timestamp()
    ended_at: datetime | None = timestamp(nullable=True, default_now=False)
    stake: Decimal = money()
    payout: Decimal = money()


class PamTransaction(SQLModel, table=True):
    """One accepted addTransaction. Unique per provider, providerTransactionId
    and type (a provider may reuse a bet's id for its cancel)."""

    __tablename__ = "pam_transaction"
    __table_args__ = (
        UniqueConstraint("provider", "provider_transaction_id", "transaction_type"),
        # Only the transactions that name a bet (a cancel or a settlement
        # finds its bet by it): a plain bet adds no entry (docs/architecture.md,
        # "Cost that does not grow"). A player's transactions by provider id use
        # the unique key above (at most one row per type), so they need no
        # index of their own.
        Index("ix_pam_transaction_bet_ref", "player_id", "provider", "provider_bet_ref",
              sqlite_where=text("provider_bet_ref IS NOT NULL"),
              postgresql_where=text("provider_bet_ref IS NOT NULL")),
        # The figures of one game session (in-game status, the back office).
        Index("ix_pam_transaction_session", "session_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The PAM's transaction id returned as transactionResult.transactionId.
    public_id: str = Field(max_length=40, unique=True)
    player_id: str = Field(foreign_key="pam_player.id", max_length=40)
    provider: str = Field(max_length=40)
    transaction_type: str = Field(max_length=16)
    # The aggregator's ids, at most ID_MAX characters (checked; the document's maxLength).
    provider_transaction_id: str = Field(max_length=ID_MAX)
    provider_bet_ref: str | None = Field(default=None, max_length=ID_MAX)
    provider_game_id: str | None = Field(default=None, max_length=ID_MAX)
    provider_round_id: str | None = Field(default=None, max_length=ID_MAX)
    round_id: int | None = Field(default=None, foreign_key="pam_round.id", index=True)
    currency: str = Field(max_length=3)
    # The amounts applied (a cancel's are those of the withdraw it cancels).
    cash_amount: Decimal = money()
    bonus_amount: Decimal = money()
    promo_amount: Decimal = money()
    transaction_date_time: datetime = timestamp()
    # As sent, whole: the aggregator's document sets no maximum (docs/pam.md);
    # the request body limit bounds it, as it does the extras.
    bet_code: str | None = Field(default=None)
    is_game_over: bool | None = None
    # promos, jackpots, tip and roundTransactions as sent (JSON text).
    extras: str = Field(default="{}")
    # For a withdraw: the cancel that reversed it. For a cancel: its withdraw.
    cancelled_by: int | None = Field(default=None)
    cancels: int | None = Field(default=None)
    session_id: int | None = Field(default=None)
    created_at: datetime = timestamp()


class PamLedgerEntry(SQLModel, table=True):
    """One movement of money: deltas and the balances after it."""

    __tablename__ = "pam_ledger"
    # The player's chain in order (verification walks it; also the index of
    # every per-player read of the ledger).
    __table_args__ = (Index("ux_pam_ledger_chain", "player_id", "seq", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    player_id: str = Field(foreign_key="pam_player.id", max_length=40)
    # TRANSACTION (an addTransaction) or ADJUSTMENT (e.g. the opening balance).
    kind: str = Field(max_length=16)
    transaction_id: int | None = Field(default=None, foreign_key="pam_transaction.id")
    cash_delta: Decimal = money()
    bonus_delta: Decimal = money()
    promo_delta: Decimal = money()
    cash_after: Decimal = money()
    bonus_after: Decimal = money()
    promo_after: Decimal = money()
    created_at: datetime = timestamp()
    # Its place in the player's chain (1, 2, ...) and its SHA-256 over the
    # canonical fields and the previous entry's hash (None: written while
    # chaining was switched off, PITBOSS_LEDGER_CHAIN=false).
    seq: int | None = Field(default=None, sa_column=Column(BigInteger(), nullable=True))
    chain_hash: str | None = Field(default=None, max_length=64)
