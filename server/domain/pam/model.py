"""What the PAM domain works with: plain dataclasses, no storage types.

Amounts are ``Decimal`` with six places; times are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from server.domain.ledger import CANCELS, DEPOSITS, MAX_AMOUNT, SIX, TYPES, WITHDRAWS, ZERO  # noqa: F401
from server.domain.limits import PAM_ID as ID_MAX  # noqa: F401
from server.domain.protection.model import Play, UsageChange

TOKEN_MIN, TOKEN_MAX = 32, 40
# The most items a transaction's lists may hold (docs/pam.md; more: 400
# PAM_ERR_UNDEFINED naming the list). jackpotBuckets is per jackpot.
LIST_CAPS = {"promos": 50, "jackpots": 50, "jackpotBuckets": 50, "roundTransactions": 500}


@dataclass(frozen=True)
class Balance:
    cash: Decimal
    bonus: Decimal
    promo: Decimal

    @property
    def total(self) -> Decimal:
        return self.cash + self.bonus + self.promo


@dataclass(frozen=True)
class Player:
    id: str
    currency: str
    country: str
    language: str
    blocked: bool
    # The brand requires a verified identity for play and the player has
    # none (server.domain.identity; docs/compliance.md).
    verification_hold: bool = False


@dataclass(frozen=True)
class GameSession:
    """A game session and its player (and the player's wallet, if any)."""

    id: int
    token_hash: str
    provider: str
    game_id: str | None
    expires_at: datetime
    player: Player
    balance: Balance | None
    # The player has protections: the booking checks and counts them.
    protected: bool = False


@dataclass(frozen=True)
class Transaction:
    id: int
    public_id: str
    player_id: str
    provider: str
    transaction_type: str
    provider_transaction_id: str
    provider_bet_ref: str | None
    provider_game_id: str | None
    provider_round_id: str | None
    round_id: int | None
    currency: str
    cash_amount: Decimal
    bonus_amount: Decimal
    promo_amount: Decimal
    transaction_date_time: datetime
    bet_code: str | None
    is_game_over: bool | None
    extras: str
    cancelled_by: int | None
    created_at: datetime | None = None

    @property
    def total(self) -> Decimal:
        return self.cash_amount + self.bonus_amount + self.promo_amount


@dataclass(frozen=True)
class Round:
    id: int
    provider_game_id: str
    provider_round_id: str
    started_at: datetime
    ended_at: datetime | None
    stake: Decimal
    payout: Decimal


@dataclass
class NewTransaction:
    """A transaction to book (the storage assigns ``id``)."""

    public_id: str
    player_id: str
    provider: str
    transaction_type: str
    provider_transaction_id: str
    provider_bet_ref: str | None
    provider_game_id: str | None
    provider_round_id: str | None
    currency: str
    cash_amount: Decimal
    bonus_amount: Decimal
    promo_amount: Decimal
    transaction_date_time: datetime
    bet_code: str | None
    is_game_over: bool | None
    extras: str
    session_id: int
    created_at: datetime
    round_id: int | None = None

    @property
    def total(self) -> Decimal:
        return self.cash_amount + self.bonus_amount + self.promo_amount


@dataclass(frozen=True)
class NewRound:
    player_id: str
    provider: str
    provider_round_id: str
    provider_game_id: str
    started_at: datetime
    stake: Decimal
    ended_at: datetime | None


@dataclass(frozen=True)
class RoundChange:
    """What a booking adds to a round that was open when it was read: the
    stake and payout it moves (added to the stored totals, never written
    over them) and, when it closes the round, the time. Written only if the
    round is still open then (see ``PamStore.book``)."""

    id: int
    stake: Decimal  # added to the round's stake (a cancel: negative)
    payout: Decimal  # added to the round's payout
    ended_at: datetime | None  # set when this booking closes the round


@dataclass
class Booking:
    """Everything one accepted transaction writes, in one unit: its round
    (opened or changed), its row, the withdraw it cancels, and the wallet
    movement with its ledger entry."""

    tx: NewTransaction
    before: Balance
    after: Balance
    now: datetime
    new_round: NewRound | None = None
    round_change: RoundChange | None = None
    cancels: int | None = None  # the withdraw a cancel reverses
    last_bet: Decimal | None = None
    last_deposit: Decimal | None = None
    # A protected player's usage and play time, written with the booking.
    usage: UsageChange | None = None
    play: Play | None = None


# ------------------------------------------------------------ call shapes


@dataclass(frozen=True)
class SessionView:
    player_id: str
    token: str
    currency: str
    country: str
    language: str
    game_id: str | None


@dataclass(frozen=True)
class RoundView:
    provider_game_id: str
    provider_round_id: str
    start_time: datetime
    end_time: datetime | None


@dataclass
class TxInput:
    """addTransaction's body, decoded (None: key not sent)."""

    currency: str | None = None
    provider: str | None = None
    transaction_type: str | None = None
    cash_amount: Decimal | None = None
    bonus_amount: Decimal | None = None
    promo_amount: Decimal | None = None
    transaction_date_time: str | None = None
    provider_transaction_id: str | None = None
    provider_bet_ref: str | None = None
    provider_game_id: str | None = None
    provider_round_id: str | None = None
    bet_code: str | None = None
    is_game_over: bool | None = None
    # promos, jackpots, tip, roundTransactions as JSON-ready values.
    extras: dict[str, Any] = field(default_factory=dict)
    # Amounts the wire could not express exactly (more than six decimals,
    # or beyond MAX_AMOUNT).
    bad_amounts: list[str] = field(default_factory=list)
    # How many items each list of the body held (the document's keys), for
    # the caps in LIST_CAPS; the largest jackpotBuckets of any jackpot.
    list_sizes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TxView:
    currency: str
    provider: str
    transaction_type: str
    cash_amount: Decimal
    bonus_amount: Decimal
    promo_amount: Decimal
    transaction_date_time: datetime
    provider_transaction_id: str
    provider_bet_ref: str | None
    provider_game_id: str | None
    provider_round_id: str | None
    bet_code: str | None
    is_game_over: bool | None
    extras: dict[str, Any]


@dataclass(frozen=True)
class TxResult:
    transaction_id: str
    balance: Balance
    # An idempotent retry of a booked transaction (nothing moved this time).
    replayed: bool = False
