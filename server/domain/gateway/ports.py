"""What the player gateway needs from storage: its unit of work
(``GatewayUnit``: the players, games, cashier, protections and wallet), its
store (``GatewayStore``) and the records it reads and writes: plain
dataclasses, implemented by ``server.storage.repositories.gateway``.

A record handed out by the store belongs to the unit of work that read it:
changes to it are written when the unit commits (``add`` also writes a new
one; ``flush`` gives a new record its id)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from server.domain.cashier.ports import WalletMovements
from server.domain.clock import utcnow
from server.domain.games.ports import GamesStore
from server.domain.protection.ports import ProtectionStore
from server.domain.records.events import EventLog
from server.domain.records.ports import StatementSource
from server.domain.unit import UnitOfWork


@dataclass(eq=False)
class Brand:
    id: int
    name: str
    currency: str = 'EUR'
    fraud_domains: str = ''
    backoffice_url: str = ''
    contact_change_reauth: bool = False
    phone_verification: bool = False
    # The national self-exclusion register (docs/compliance.md): its vendor
    # name ("" none), the bridge's URL, the bearer secret (encrypted), and the
    # outage policy of registration and of play (login, Start Game).
    register_vendor: str = ''
    register_url: str = ''
    register_secret_enc: str = ''
    register_outage_registration: str = 'closed'
    register_outage_play: str = 'closed'
    # Months without activity before an account is dormant.
    dormancy_months: int = 12
    # Licence gates (server.domain.identity; docs/compliance.md).
    min_age: int = 18
    verification_policy: str = 'nothing'
    verification_url: str = ''
    created_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class Player:
    brand_id: int
    user_name: str
    user_name_key: str
    email: str
    email_key: str
    password_hash: str
    tnc_signed_at: datetime | None = None
    privacy_signed_at: datetime | None = None
    last_deposit_at: datetime | None = None
    last_bet_at: datetime | None = None
    id: int | None = None
    email_verified: bool = False
    pending_email: str | None = None
    password_change_required: bool = False
    registration_complete: bool = False
    language: str = 'en'
    currency: str = 'EUR'
    btag: str = ''
    bonus_code: str = ''
    is_2fa_required: bool = False
    test_account: bool = False
    reality_check_period: str = 'no_limit'
    vip_level: int = 1
    vip_level_name: str = 'Bronze'
    vip_segment: int = 1
    marketing_segmentation: str = ''
    segmentation_id: int = 0
    tag_status: int = 0
    user_type: int = 1
    decline: str = '0'
    billboard: str = ''
    bonus_opt_out: bool = False
    free_traffic: bool = False
    real_balance: Decimal = Decimal('0')
    bonus_balance: Decimal = Decimal('0')
    max_balance: Decimal = Decimal('0')
    pending_withdrawal: Decimal = Decimal('0')
    total_withdrawals: Decimal = Decimal('0')
    deposit_count: int = 0
    deposits_amount: Decimal = Decimal('0')
    last_deposit_amount: Decimal = Decimal('0')
    wagering_balance: Decimal = Decimal('0')
    max_win: Decimal = Decimal('0')
    wagering_complete: str = ''
    jurisdiction: str = ''
    pending_jurisdiction: str = ''
    jurisdiction_requested_at: datetime | None = None
    # The register's last answer (docs/compliance.md).
    register_checked_at: datetime | None = None
    register_listed: bool = False
    # Dormancy: the last login (or registration), the notice, the state.
    last_activity_at: datetime | None = None
    dormancy_notice_at: datetime | None = None
    dormant_at: datetime | None = None
    verification_status: str = 'none'
    verification_updated_at: datetime | None = None
    created_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class RegisterEvent:
    """A register answer that refused or was an outage: which door, which
    answer, what followed. No personal data."""

    brand_id: int
    player_id: int
    door: str
    answer: str
    outcome: str
    id: int | None = None
    created_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class LoginSession:
    token_hash: str
    player_id: int
    brand_id: int
    revoked_at: datetime | None = None
    id: int | None = None
    created_at: datetime = field(default_factory=utcnow)
    expires_at: datetime = field(default_factory=utcnow)
    reality_checked_at: datetime = field(default_factory=utcnow)
    balance_at_login: Decimal = Decimal('0')


@dataclass(eq=False)
class Link:
    hash_sha256: str
    purpose: str
    player_id: int
    brand_id: int
    used_at: datetime | None = None
    id: int | None = None
    email: str = ''
    created_at: datetime = field(default_factory=utcnow)
    expires_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class Challenge:
    token_hash: str
    purpose: str
    player_id: int
    brand_id: int
    code_hmac: str
    verified_at: datetime | None = None
    used_at: datetime | None = None
    id: int | None = None
    code_expires_at: datetime = field(default_factory=utcnow)
    new_mobile: str = ''
    attempts: int = 0
    sends: int = 1
    last_sent_at: datetime = field(default_factory=utcnow)
    created_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class PlayerDetails:
    player_id: int
    mobile_verification_at: datetime | None = None
    first_name: str = ''
    last_name: str = ''
    birthdate: date | None = None
    gender: str = ''
    country: str = ''
    city: str = ''
    address: str = ''
    zip_postal_code: str = ''
    phone: str = ''
    opt_out_chat: bool = False
    opt_out_sms: bool = False
    opt_out_email: bool = False
    opt_out_phone: bool = False
    mobile_verification_status: int = 0
    mobile_verification_by: str = ''
    pending_mobile_number: str = ''
    last_comment: str = ''
    last_operator: str = ''
    updated_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class CustomField:
    player_id: int
    kind: str
    field_id: str
    id: int | None = None
    name: str = ''
    str_value: str = ''
    int_value: int = 0


@dataclass(eq=False)
class LoginGuard:
    brand_id: int
    key_hmac: str
    locked_until: datetime | None = None
    failures: int = 0
    updated_at: datetime = field(default_factory=utcnow)


class GatewayStore(Protocol):
    def add(self, record: object) -> None: ...
    def flush(self) -> None: ...

    def brand(self, brand_id: int) -> Brand | None: ...
    def player(self, player_id: int, lock: bool = False) -> Player | None: ...
    def player_by_login(self, brand_id: int, login: str) -> Player | None: ...
    def player_by_email(self, brand_id: int, email: str) -> Player | None: ...
    def player_by_user_name(self, brand_id: int, name: str) -> Player | None: ...
    def email_taken(self, brand_id: int, email: str, except_player: int | None = None) -> bool: ...
    def details(self, player_id: int) -> PlayerDetails | None: ...

    def session_by_hash(self, token_hash: str, lock: bool = False) -> LoginSession | None: ...
    def revoke_sessions(self, player_id: int, now: datetime, keep_id: int | None = None) -> None: ...
    def mark_reality_checked(self, session_id: int, seen: datetime, at: datetime) -> bool:
        """Set the session's reality-check time to ``at`` if it is still
        ``seen`` (one guarded update); whether it was."""

    def link_by_hash(self, hash_sha256: str, lock: bool = False) -> Link | None: ...
    def expire_links(self, player_id: int, purpose: str, now: datetime) -> None: ...

    def challenge_by_hash(self, token_hash: str, lock: bool = False) -> Challenge | None: ...
    def challenge_activity(self, player_id: int, since: datetime) -> tuple[int, int]: ...
    def retire_challenges(self, player_id: int, purpose: str, now: datetime) -> None:
        """Unused challenges of ``purpose`` stop working (a newer one replaces them)."""
    def code_hmac(self, challenge_token_hash: str, code: str) -> str: ...

    def ensure_guard(self, brand_id: int, login: str, now: datetime) -> LoginGuard: ...

    def custom_fields(self, player_id: int) -> list[CustomField]: ...
    def custom_field_counts(self, player_id: int) -> dict[str, int]:
        """How many fields of each kind ("str", "int") the player has: one query."""
    def custom_fields_named(self, player_id: int, keys: set[tuple[str, str]]) -> list[CustomField]:
        """The player's fields among ``keys`` (kind, field id): one query."""
    def save_custom_fields(self, new: list[CustomField], changed: list[CustomField]) -> None:
        """Insert ``new`` and overwrite ``changed`` (by id): one batched
        statement each."""

    def queue(self, brand_id: int, player_id: int | None, channel: str, kind: str, recipient: str,
              subject: str, body: str) -> None:
        """A mail or SMS into the outbox, in this unit of work."""

    # Licence gates (server.domain.identity).
    def vendor_secret(self, brand_id: int) -> str | None:
        """The brand's verification vendor secret (None: not set)."""
    def remember_nonce(self, brand_id: int, nonce: str, now: datetime, forget_before: datetime) -> bool:
        """Keep a callback's nonce; False when the brand has seen it since
        ``forget_before`` (nonces older than that are dropped)."""
    def set_play_hold(self, player_id: int, hold: bool) -> None:
        """The PAM wallet's verification hold of the player (nothing when
        the wallet does not know her yet)."""


# ------------------------------------------------------------------ the wallet
# Where balances and last bet / deposit come from. The PAM wallet keeps the
# money of a player; the gateway asks it through ``WalletReader`` (implemented
# by ``server.storage.repositories.gateway_pam_wallet.PamWalletReader``). A
# player the wallet does not know keeps the gateway's own account figures.


@dataclass(frozen=True)
class WalletSummary:
    real_balance: Decimal
    bonus_balance: Decimal
    last_bet_at: datetime | None = None
    last_bet_amount: Decimal | None = None
    last_deposit_at: datetime | None = None
    last_deposit_amount: Decimal | None = None


@dataclass(frozen=True)
class PeriodActivity:
    """Bets, wins and rounds of a player in a period (for the reality check)."""

    total_bets: Decimal = Decimal("0")
    total_wins: Decimal = Decimal("0")
    rounds: int = 0


@dataclass(frozen=True)
class WalletPlayer:
    """Who the gateway asks about: brand, player id, user name, currency."""

    brand_id: int
    player_id: int
    user_name: str
    currency: str


class WalletReader(Protocol):
    def summary(self, player: WalletPlayer) -> WalletSummary | None:
        """The player's wallet, or None when the wallet does not know the player."""

    def activity(self, player: WalletPlayer, since: datetime, until: datetime) -> PeriodActivity | None:
        """Bets and wins in [since, until), or None when unknown."""


class NoWallet:
    """The default: no wallet; the gateway's own figures are used."""

    def summary(self, player: WalletPlayer) -> WalletSummary | None:
        return None

    def activity(self, player: WalletPlayer, since: datetime, until: datetime) -> PeriodActivity | None:
        return None


class DormancyStore(Protocol):
    """The daily dormancy job's claims (docs/compliance.md): each returns at
    most ``limit`` players of the brand, locked for this unit of work and
    skipped by any other host's (PostgreSQL ``FOR UPDATE SKIP LOCKED``)."""

    def brands(self) -> list[Brand]: ...

    def notice_due(self, brand_id: int, inactive_since: datetime, limit: int) -> list[Player]:
        """Not dormant, not noticed, last active at or before ``inactive_since``."""

    def dormant_due(self, brand_id: int, inactive_since: datetime, noticed_before: datetime,
                    limit: int) -> list[Player]:
        """Not dormant, noticed at or before ``noticed_before``, last active at
        or before ``inactive_since``."""

    def add(self, record: object) -> None: ...

    def queue(self, brand_id: int, player_id: int | None, channel: str, kind: str, recipient: str,
              subject: str, body: str) -> None: ...


class GatewayUnit(UnitOfWork, Protocol):
    """One player-gateway use case's unit of work (``server.domain.unit``)."""

    players: GatewayStore
    # Start Game, in-game status, the game sessions a logout ends.
    games: GamesStore
    # The cashier's figures in online status.
    cashier: WalletMovements
    # The player's limits, time-out and self-exclusion (docs/protection.md).
    protections: ProtectionStore
    # The PAM wallet's balances and activity (read only).
    wallet: WalletReader
    # The significant-event stream (docs/compliance.md).
    events: EventLog
    # The player's statement: her ledger entries (docs/gateway.md, "Transaction history").
    statements: StatementSource

    def clock(self) -> datetime:
        """Now, on the protection clock."""
