"""Player gateway tables: brands (tenants), players and their personal
details, login sessions, single-use links, 2FA challenges, login guards,
custom fields and the mail/SMS outbox.

Secrets: passwords are argon2id hashes; login tokens, reset/verification
hashes and 2FA tokens are stored as SHA-256 hashes; SMS codes as keyed
hashes; outgoing messages (which carry links and codes) encrypted.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.domain.limits import GATEWAY as MAX
from server.storage.models.columns import money, timestamp
from server.storage.types import UtcDateTime


class GatewayBrand(SQLModel, table=True):
    """A casino (tenant). Every player, token and link belongs to one."""

    __tablename__ = "gateway_brand"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str = Field(max_length=128)
    currency: str = Field(default="EUR", max_length=3)
    # Comma-separated mail domains refused at registration / email update.
    fraud_domains: str = Field(default="", max_length=2048)
    # Back-office link prefix for online status `playerIdLink`.
    backoffice_url: str = Field(default="", max_length=256)
    # Stricter than the vendor (off by default): an email update or a phone
    # change also needs the player's current password (docs/gateway.md).
    contact_change_reauth: bool = False
    # A phone change waits for the SMS code sent to the new number for every
    # player, not only those with 2FA (off by default: the vendor's
    # behaviour; docs/gateway.md).
    phone_verification: bool = False
    # The national self-exclusion register (docs/compliance.md): the vendor
    # ("" none), the bridge's URL, its bearer secret (Fernet, PITBOSS_SECRET_KEY)
    # and the outage policies ("closed" or "open").
    register_vendor: str = Field(default="", max_length=16)
    register_url: str = Field(default="", max_length=256)
    register_secret_enc: str = Field(default="", max_length=512)
    register_outage_registration: str = Field(default="closed", max_length=8)
    register_outage_play: str = Field(default="closed", max_length=8)
    # Dormancy: months without activity (docs/compliance.md).
    dormancy_months: int = 12
    # A win above this amount (brand currency) is a significant event
    # (docs/compliance.md); 0 turns the event off.
    large_win_threshold: Decimal = money(Decimal("10000"))
    # Licence gates (docs/compliance.md): the minimum age at registration,
    # what needs a verified identity (nothing, deposits, deposits_and_play),
    # where verification requests go and the vendor's HMAC secret (encrypted
    # by the vault; None: callbacks are refused).
    min_age: int = 18
    verification_policy: str = Field(default="nothing", max_length=24)
    verification_url: str = Field(default="", max_length=256)
    verification_secret_enc: str | None = None
    created_at: datetime = timestamp()


class GatewayPlayer(SQLModel, table=True):
    __tablename__ = "gateway_player"
    __table_args__ = (
        UniqueConstraint("brand_id", "user_name_key"),
        UniqueConstraint("brand_id", "email_key"),
        # The dormancy job's claims and the back office's list (index ranges).
        Index("ix_gateway_player_activity", "brand_id", "dormant_at", "last_activity_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="gateway_brand.id", index=True)
    user_name: str = Field(max_length=64)
    user_name_key: str = Field(max_length=64)  # lower-cased, for look-up
    email: str = Field(max_length=254)
    email_key: str = Field(max_length=254)  # lower-cased, for look-up
    email_verified: bool = False
    # An email update waiting for its verification link.
    pending_email: str | None = Field(default=None, max_length=254)
    password_hash: str = Field(max_length=256)
    password_change_required: bool = False
    registration_complete: bool = False
    tnc_signed_at: datetime | None = timestamp(nullable=True, default_now=False)
    privacy_signed_at: datetime | None = timestamp(nullable=True, default_now=False)
    language: str = Field(default="en", max_length=8)
    currency: str = Field(default="EUR", max_length=3)
    btag: str = Field(default="", max_length=MAX["btag"])
    bonus_code: str = Field(default="", max_length=MAX["bonusCode"])
    is_2fa_required: bool = False
    test_account: bool = False
    # 15_min, 30_min, 60_min or no_limit.
    reality_check_period: str = Field(default="no_limit", max_length=8)
    # The gateway's own account figures (the PAM wallet overrides balances and
    # last bet / deposit where it knows the player).
    vip_level: int = 1
    vip_level_name: str = Field(default="Bronze", max_length=32)
    vip_segment: int = 1
    marketing_segmentation: str = Field(default="", max_length=32)
    segmentation_id: int = 0
    tag_status: int = 0
    user_type: int = 1
    decline: str = Field(default="0", max_length=8)
    billboard: str = Field(default="", max_length=256)
    bonus_opt_out: bool = False
    free_traffic: bool = False
    real_balance: Decimal = money()
    bonus_balance: Decimal = money()
    max_balance: Decimal = money()
    pending_withdrawal: Decimal = money()
    total_withdrawals: Decimal = money()
    deposit_count: int = 0
    deposits_amount: Decimal = money()
    last_deposit_amount: Decimal = money()
    last_deposit_at: datetime | None = timestamp(nullable=True, default_now=False)
    last_bet_at: datetime | None = timestamp(nullable=True, default_now=False)
    wagering_balance: Decimal = money()
    max_win: Decimal = money()
    wagering_complete: str = Field(default="", max_length=8)
    # The jurisdiction whose rules apply (Start Game's country restrictions,
    # the PAM wallet's country): the country of registration step two. A later
    # change of country waits as pending until the back office confirms it
    # (docs/gateway.md, "Jurisdiction"); requested_at is set while one waits.
    jurisdiction: str = Field(default="", max_length=2)
    pending_jurisdiction: str = Field(default="", max_length=2)
    jurisdiction_requested_at: datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime(), nullable=True, index=True))
    # The register's last answer: a "not listed" stands in at login for 24
    # hours; while listed, no marketing opt-in counts.
    register_checked_at: datetime | None = timestamp(nullable=True, default_now=False)
    register_listed: bool = False
    # Dormancy (docs/compliance.md): last login or registration, the notice
    # mail's time, the time the account became dormant (None: active).
    last_activity_at: datetime | None = timestamp(nullable=True, default_now=False)
    dormancy_notice_at: datetime | None = timestamp(nullable=True, default_now=False)
    dormant_at: datetime | None = timestamp(nullable=True, default_now=False)
    # none, pending, verified or failed (server/domain/identity.py).
    verification_status: str = Field(default="none", max_length=8)
    verification_updated_at: datetime | None = timestamp(nullable=True, default_now=False)
    created_at: datetime = timestamp()


class GatewayRegisterEvent(SQLModel, table=True):
    """A register answer that refused someone or was an outage (no
    personal data: the player's id, the door, the answer, the outcome)."""

    __tablename__ = "gateway_register_event"

    id: int | None = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="gateway_brand.id")
    player_id: int = Field(foreign_key="gateway_player.id", index=True, ondelete="CASCADE")
    door: str = Field(max_length=16)
    answer: str = Field(max_length=16)
    outcome: str = Field(max_length=8)
    created_at: datetime = timestamp()


class GatewayVerificationNonce(SQLModel, table=True):
    """The nonces of the verification vendor's signed callbacks, kept for
    the replay window (a nonce seen again is refused)."""

    __tablename__ = "gateway_verification_nonce"

    brand_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    nonce: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))


class GatewayPlayerDetails(SQLModel, table=True):
    """Personal details: written by registration step two."""

    __tablename__ = "gateway_player_details"

    player_id: int = Field(primary_key=True, foreign_key="gateway_player.id", ondelete="CASCADE")
    # Request fields are held whole: their limits are the validation's (MAX).
    first_name: str = Field(default="", max_length=MAX["firstName"])
    last_name: str = Field(default="", max_length=MAX["lastName"])
    birthdate: date | None = None
    gender: str = Field(default="", max_length=1)
    country: str = Field(default="", max_length=2)
    city: str = Field(default="", max_length=MAX["city"])
    address: str = Field(default="", max_length=MAX["address"])
    zip_postal_code: str = Field(default="", max_length=MAX["zipCode"])
    phone: str = Field(default="", max_length=32)
    opt_out_chat: bool = False
    opt_out_sms: bool = False
    opt_out_email: bool = False
    opt_out_phone: bool = False
    mobile_verification_status: int = 0
    mobile_verification_at: datetime | None = timestamp(nullable=True, default_now=False)
    mobile_verification_by: str = Field(default="", max_length=32)
    pending_mobile_number: str = Field(default="", max_length=32)
    last_comment: str = Field(default="", max_length=MAX["comment"])
    last_operator: str = Field(default="", max_length=MAX["operator"])
    updated_at: datetime = timestamp()


class GatewaySession(SQLModel, table=True):
    """A login session; the token itself is never stored."""

    __tablename__ = "gateway_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    player_id: int = Field(foreign_key="gateway_player.id", index=True, ondelete="CASCADE")
    brand_id: int = Field(foreign_key="gateway_brand.id")
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    revoked_at: datetime | None = timestamp(nullable=True, default_now=False)
    # The last reality check shown (starts at login).
    reality_checked_at: datetime = timestamp()
    balance_at_login: Decimal = money()


class GatewayLink(SQLModel, table=True):
    """A single-use mailed hash: password reset or email verification."""

    __tablename__ = "gateway_link"

    id: int | None = Field(default=None, primary_key=True)
    hash_sha256: str = Field(max_length=64, unique=True)
    # "reset" or "verify_email".
    purpose: str = Field(max_length=16)
    player_id: int = Field(foreign_key="gateway_player.id", index=True, ondelete="CASCADE")
    brand_id: int = Field(foreign_key="gateway_brand.id")
    # verify_email: the address the link verifies.
    email: str = Field(default="", max_length=254)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    used_at: datetime | None = timestamp(nullable=True, default_now=False)


class GatewayChallenge(SQLModel, table=True):
    """A 2FA challenge (login, or a phone change under mobile verification)."""

    __tablename__ = "gateway_challenge"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    # "login" or "mobile".
    purpose: str = Field(max_length=16)
    player_id: int = Field(foreign_key="gateway_player.id", index=True, ondelete="CASCADE")
    brand_id: int = Field(foreign_key="gateway_brand.id")
    code_hmac: str = Field(max_length=64)
    code_expires_at: datetime = timestamp()
    new_mobile: str = Field(default="", max_length=32)
    attempts: int = 0
    sends: int = 1
    last_sent_at: datetime = timestamp()
    verified_at: datetime | None = timestamp(nullable=True, default_now=False)
    used_at: datetime | None = timestamp(nullable=True, default_now=False)
    created_at: datetime = timestamp()


class GatewayLoginGuard(SQLModel, table=True):
    """Failed logins per brand and login name (known or not, so that a lock
    tells nothing about whether the account exists)."""

    __tablename__ = "gateway_login_guard"

    brand_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    key_hmac: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    locked_until: datetime | None = timestamp(nullable=True, default_now=False)
    updated_at: datetime = timestamp()


class GatewayCustomField(SQLModel, table=True):
    __tablename__ = "gateway_custom_field"
    __table_args__ = (UniqueConstraint("player_id", "kind", "field_id"),)

    id: int | None = Field(default=None, primary_key=True)
    player_id: int = Field(foreign_key="gateway_player.id", index=True, ondelete="CASCADE")
    # "str" or "int".
    kind: str = Field(max_length=3)
    field_id: str = Field(max_length=MAX["customFieldId"])
    name: str = Field(default="", max_length=MAX["customFieldName"])
    str_value: str = Field(default="", max_length=MAX["customFieldValue"])
    int_value: int = 0


class GatewayOutbox(SQLModel, table=True):
    """Outgoing mail and SMS, written in the same transaction as the change
    that causes it; mail is delivered over SMTP by the dispatcher."""

    __tablename__ = "gateway_outbox"
    # Due mail, oldest first.
    __table_args__ = (Index("ix_gateway_outbox_due", "channel", "sent_at", "dead_at", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="gateway_brand.id")
    player_id: int | None = Field(default=None, foreign_key="gateway_player.id", index=True, ondelete="SET NULL")
    # "email" or "sms".
    channel: str = Field(max_length=8)
    # activation, verify_email, email_changed, phone_changed, password_reset, sms_code.
    kind: str = Field(max_length=32)
    recipient: str = Field(max_length=254)
    subject: str = Field(default="", max_length=256)
    body_enc: str
    created_at: datetime = timestamp()
    sent_at: datetime | None = timestamp(nullable=True, default_now=False)
    attempts: int = 0
    last_error: str = Field(default="", max_length=256)
    # Delivery state (server/outbox/claims.py): the next attempt (None: at
    # once), since when attempts fail, the dead letter, the host holding it.
    next_attempt_at: datetime | None = timestamp(nullable=True, default_now=False)
    failing_since: datetime | None = timestamp(nullable=True, default_now=False)
    dead_at: datetime | None = timestamp(nullable=True, default_now=False)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = timestamp(nullable=True, default_now=False)
