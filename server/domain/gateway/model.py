"""The player gateway's input and output dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from server.domain.games.model import GameSessionInfo, SessionFigures
from server.domain.protection.model import StatusView as ProtectionView


@dataclass
class LoginOutcome:
    """A login's result: a session ``token`` (and required ``actions``), or a
    ``two_fa_token`` when an SMS code is needed first."""

    token: str = ""
    actions: list[str] = field(default_factory=list)
    two_fa_token: str = ""
    # The player logged in (for what is in force: docs/protection.md).
    player_id: int | None = None
    currency: str = ""


@dataclass(frozen=True)
class DetailsView:
    first_name: str
    last_name: str
    birthdate: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_postal_code: str
    phone: str
    email: str
    email_verified: bool
    opt_out: dict[str, bool]
    is_2fa_required: bool
    mobile_verification_status: int
    mobile_verification_status_date: str
    mobile_verification_status_changed_by: str
    pending_mobile_number: str


@dataclass(frozen=True)
class DetailsChanges:
    last_name: str | None = None
    first_name: str | None = None
    birthdate: str | None = None
    gender: str | None = None
    language: str | None = None
    country: str | None = None
    city: str | None = None
    address: str | None = None
    zip_postal_code: str | None = None
    phone: str | None = None
    comment: str | None = None
    operator: str | None = None
    # A dict, a JSON-encoded string of one, or None when not sent.
    opt_out: object = None
    reality_check_period: str | None = None


@dataclass(frozen=True)
class MobileChallenge:
    mobile_number: str
    two_fa_token: str


@dataclass(frozen=True)
class Registration:
    login_name: str
    email: str
    password: str
    over18: bool
    sign_tnc: bool
    sign_privacy: bool
    language: str
    btag: str
    bonus_code: str
    currency: str
    # The password's argon2 hash, made before the unit of work (no lock held).
    password_hash: str = ""


@dataclass(frozen=True)
class RegistrationTwo:
    first_name: str
    last_name: str
    birth_date: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_code: str
    mobile_number: str


@dataclass(frozen=True)
class StatusView:
    marketing_segmentation: str
    tag_status: int
    deposit_count: int
    vip_level: str
    average_deposit: Decimal
    billboard: str
    segmentation_id: int
    max_balance_cents: int
    ut: int
    decline: str
    vip_segment: int
    total_balance: Decimal
    pending_withdrawal: Decimal
    total_withdrawals: Decimal
    last_bet: str
    last_deposit: str
    last_deposit_amount: Decimal
    rounds_since_login: int
    balance_since_login: Decimal
    player_id_link: str
    bonus_opt_out: int
    real_balance: Decimal
    free_traffic: bool
    deposits_amount: Decimal
    chat_opt_out: bool
    bonus_balance: Decimal
    max_win: Decimal
    wagering_balance: Decimal
    wagering_complete: str


@dataclass(frozen=True)
class RealityCheckView:
    currency: str
    profit: Decimal
    total_bets: Decimal
    total_wins: Decimal
    total_lossed: Decimal
    restart_period: str
    time_played: str
    minutes: int
    hours: int


@dataclass(frozen=True)
class PlayerInfoView:
    username: str
    id: int
    brand: int
    first_name: str
    last_name: str
    gender: str
    email: str
    vip_level: int
    country: str
    test_account: int
    currency_name: str
    currency_symbol: str
    btag: str


@dataclass(frozen=True)
class Shown:
    """A due reality check: computed from the session's last check (``seen``)
    and shown at ``at`` once recorded."""

    session_id: int
    seen: datetime
    at: datetime


@dataclass(frozen=True)
class OnlineStatus:
    view: StatusView
    # The reality check to show (None: none due, or another call showed it).
    check: RealityCheckView | None
    # What player protection has in force (None: nothing).
    protection: ProtectionView | None = None


@dataclass(frozen=True)
class InGameStatus:
    view: StatusView
    check: RealityCheckView | None
    game_session: GameSessionInfo
    figures: SessionFigures
    now: datetime
