"""Plain dataclasses of the back office."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from server.domain.errors import Violations
from server.domain.jurisdiction import Jurisdiction

ACTOR_MAX = 128
REASON_MAX = 256
KEY_MAX = 128


@dataclass(frozen=True)
class BackofficeCaller:
    """The configured client (credential name) and the acting user it names."""

    client: str
    actor: str


def check_actor(raw: str | None) -> str:
    """``x-acting-user``: required, 1-128 printable characters."""
    value = (raw or "").strip()
    if not value or len(value) > ACTOR_MAX or not value.isprintable():
        v = Violations()
        v.add("x-acting-user", "required", "x-acting-user: the acting user, 1-128 printable characters, is required.")
        v.raise_if_any()
    return value


@dataclass(frozen=True)
class PlayerSummary:
    player_id: str
    brand_id: int
    user_name: str
    email: str
    currency: str
    blocked: bool


@dataclass(frozen=True)
class Balances:
    currency: str
    cash: Decimal
    bonus: Decimal
    promo: Decimal


@dataclass(frozen=True)
class PlayerRecord:
    """A player as the back office sees it (gateway account and wallet)."""

    summary: PlayerSummary
    first_name: str = ""
    last_name: str = ""
    birthdate: date | None = None
    gender: str = ""
    country: str = ""
    city: str = ""
    language: str = ""
    phone: str = ""
    registration_complete: bool = False
    email_verified: bool = False
    required_actions: tuple[str, ...] = ()
    test_account: bool = False
    balances: Balances | None = None
    created_at: datetime | None = None
    gateway: bool = True  # False: a PAM-only player
    jurisdiction: Jurisdiction = Jurisdiction()


@dataclass(frozen=True)
class JurisdictionChange:
    """A change of country a player asked for, waiting for the back office."""

    player_id: str
    brand_id: int
    jurisdiction: Jurisdiction


@dataclass(frozen=True)
class BrandSettings:
    brand_id: int
    # Stricter than the vendor: email and phone changes need the password.
    contact_change_reauth: bool = False
    # Every phone change waits for the SMS code sent to the new number (off:
    # only for players with 2FA, the vendor's behaviour).
    phone_verification: bool = False
    # The national self-exclusion register and dormancy (docs/compliance.md).
    # The register's secret is never shown: only whether one is set.
    register_vendor: str = ""
    register_url: str = ""
    register_secret_set: bool = False
    register_outage_registration: str = "closed"
    register_outage_play: str = "closed"
    dormancy_months: int = 12
    # A win above it is a significant event (0: off; docs/compliance.md).
    large_win_threshold: Decimal = Decimal("10000")
    # Licence gates (docs/compliance.md): the minimum age, what needs a
    # verified identity, the vendor's URL, and whether its secret is set (the
    # secret itself is never answered).
    min_age: int = 18
    verification_policy: str = "nothing"
    verification_url: str = ""
    verification_secret_set: bool = False


@dataclass(frozen=True)
class LedgerLine:
    id: int
    at: datetime
    kind: str
    cash_delta: Decimal
    bonus_delta: Decimal
    promo_delta: Decimal
    cash_after: Decimal
    bonus_after: Decimal
    promo_after: Decimal
    transaction_type: str = ""
    provider: str = ""
    provider_transaction_id: str = ""
    provider_round_id: str = ""
    reference: str = ""
    reason: str = ""
    actor: str = ""


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    client: str
    actor: str
    action: str
    subject_type: str
    subject_id: str
    reason: str
    before_json: str
    after_json: str


@dataclass
class Paged:
    items: list[Any] = field(default_factory=list)
    next_token: str = ""


# Outboxes whose stuck items the back office lists and re-drives.
OUTBOX_NAMES = ("vip_callbacks", "mail")


@dataclass(frozen=True)
class DeadLetter:
    """An outbox item that stopped being retried (attempt or age limit).
    ``destination``: the operator's URL (VIP) or the masked recipient (mail)."""

    outbox: str
    id: int
    operator_id: str
    brand_id: int
    kind: str
    destination: str
    attempts: int
    last_error: str
    created_at: datetime
    failing_since: datetime | None
    dead_at: datetime


@dataclass(frozen=True)
class DormantAccount:
    """A dormant account with its balances (docs/compliance.md)."""

    player_id: int
    brand_id: int
    user_name: str
    balances: Balances
    last_activity_at: datetime | None
    notice_at: datetime | None
    dormant_at: datetime | None
