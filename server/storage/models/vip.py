"""VIP Connect tables."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.domain.limits import VIP as MAX
from server.storage.models.columns import money, timestamp


class VipOperator(SQLModel, table=True):
    """An operator integrating VIP Connect, with its signing keys and limits."""

    __tablename__ = "vip_operator"

    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=128)
    merchant_id: str = Field(default="", max_length=64)
    # The two HS256 keys (base64 text as issued), encrypted at rest.
    key1_enc: str
    key2_enc: str
    deposit_limit: Decimal = money()
    min_deposit: Decimal = money()
    withdraw_limit: Decimal = money()
    min_withdraw: Decimal = money()
    online_deposit_limit: Decimal = money()
    online_min_deposit: Decimal = money()
    online_withdraw_limit: Decimal = money()
    online_min_withdraw: Decimal = money()
    notify_deposit_url: str = Field(default="", max_length=512)
    notify_withdraw_url: str = Field(default="", max_length=512)
    notify_error_url: str = Field(default="", max_length=512)
    # Feature toggle: return bankAccounts in account inquiry.
    return_bank_accounts: bool = False
    created_at: datetime = timestamp()


class VipPatron(SQLModel, table=True):
    """A VIP Preferred / VIP Online account holder."""

    __tablename__ = "vip_patron"

    id: int | None = Field(default=None, primary_key=True)
    vip_card_number: str = Field(max_length=10, unique=True, index=True)
    # "preferred" or "online".
    product_type: str = Field(max_length=10)
    enrollment_status: str = Field(default="complete", max_length=16)
    # "active" or "closed".
    status: str = Field(default="active", max_length=16)
    in_good_standing: bool = True
    one_click_discount_eligible: bool = False
    # Request fields are held whole: their limits are the validation's (MAX).
    first_name: str = Field(max_length=MAX["firstName"])
    middle_initial: str = Field(default="", max_length=MAX["middleInitial"])
    last_name: str = Field(max_length=MAX["lastName"])
    date_of_birth: date
    ssn_enc: str
    ssn_hmac: str = Field(max_length=64, index=True)
    ssn_last4: str = Field(max_length=4)
    # The identity document: DL, ST, MI, PP (or SS when only the SSN is known).
    id_type: str = Field(max_length=2)
    id_number_enc: str
    id_number_hmac: str = Field(max_length=64, index=True)
    id_number_last4: str = Field(max_length=4)
    id_state: str = Field(default="", max_length=2)
    address: str = Field(default="", max_length=MAX["streetName"])
    city: str = Field(default="", max_length=MAX["city"])
    state: str = Field(default="", max_length=2)
    zip: str = Field(default="", max_length=10)
    country: str = Field(default="US", max_length=2)
    home_phone_number: str = Field(default="", max_length=20)
    mobile_phone_number: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=MAX["email"])
    member_since: datetime = timestamp()
    last_transaction_at: datetime | None = timestamp(nullable=True, default_now=False)
    most_recent_transaction_amount: Decimal = money()
    incremental_limit_amount: Decimal = money()
    max_limit_amount: Decimal = money()
    limit_amount: Decimal = money()
    available_amount: Decimal = money()


class VipBankAccount(SQLModel, table=True):
    __tablename__ = "vip_bank_account"
    __table_args__ = (UniqueConstraint("patron_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    patron_id: int = Field(foreign_key="vip_patron.id", index=True, ondelete="CASCADE")
    position: int = 0
    account_number_enc: str
    account_number_hmac: str = Field(max_length=64)
    # The mask shown to callers, e.g. "****9999".
    account_number_mask: str = Field(max_length=8)
    routing_number: str = Field(max_length=9)
    bank_name: str = Field(default="", max_length=128)
    # VIP Preferred: the account's own limit. VIP Online: the available amount.
    available_limit: Decimal = money()
    available_amount: Decimal = money()
    instant_payment_eligible: bool = False


class VipSession(SQLModel, table=True):
    """A patron session opened by an operator (existing, new or simple)."""

    __tablename__ = "vip_session"

    # A random UUID (text); the web component's credential while it is live.
    id: str = Field(primary_key=True, max_length=36)
    operator_id: str = Field(foreign_key="vip_operator.id", index=True, max_length=64)
    patron_id: int = Field(foreign_key="vip_patron.id", index=True)
    # The operator's own id for the player.
    operator_patron_id: str = Field(max_length=MAX["patronId"])
    # "deposit", "withdraw" or "managebanks".
    kind: str = Field(max_length=16)
    transaction_id: str = Field(default="", max_length=MAX["transactionId"])
    transaction_amount: Decimal = money()
    wallet_balance: Decimal = money()
    remaining_daily_deposit: Decimal = money()
    return_url: str = Field(max_length=MAX["returnUrl"])
    cancel_redirect_url: str = Field(default="", max_length=MAX["cancelRedirectUrl"])
    product_type: str = Field(max_length=10)
    one_click_discount_applied: bool = False
    # "open", "confirmed" or "cancelled".
    status: str = Field(default="open", max_length=16)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()


class VipCardGuard(SQLModel, table=True):
    """Birth-date mismatches per VIP card number and the lock they cause."""

    __tablename__ = "vip_card_guard"

    vip_card_number: str = Field(primary_key=True, max_length=10)
    failures: int = 0
    window_started_at: datetime | None = timestamp(nullable=True, default_now=False)
    locked_until: datetime | None = timestamp(nullable=True, default_now=False)


class VipTransaction(SQLModel, table=True):
    """A deposit or withdrawal the patron confirmed in the web component."""

    __tablename__ = "vip_transaction"
    __table_args__ = (UniqueConstraint("operator_id", "transaction_id"),)

    id: int | None = Field(default=None, primary_key=True)
    operator_id: str = Field(foreign_key="vip_operator.id", max_length=64)
    # The operator's transaction id.
    transaction_id: str = Field(max_length=MAX["transactionId"])
    session_id: str = Field(foreign_key="vip_session.id", max_length=36)
    patron_id: int = Field(foreign_key="vip_patron.id", index=True)
    bank_account_id: int | None = Field(default=None, foreign_key="vip_bank_account.id")
    # "deposit" or "withdraw".
    kind: str = Field(max_length=16)
    amount: Decimal = money()
    # "pending_approval", "settled" or "rejected".
    status: str = Field(default="pending_approval", max_length=20)
    created_at: datetime = timestamp()
    decided_at: datetime | None = timestamp(nullable=True, default_now=False)


class VipOutbox(SQLModel, table=True):
    """Operator notifications, written in the same unit of work as the change
    they announce and delivered by a background thread until answered 200."""

    __tablename__ = "vip_outbox"
    # An operator's due rows, oldest first (a pass takes a few per operator).
    __table_args__ = (Index("ix_vip_outbox_operator_due", "operator_id", "delivered_at", "dead_at", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    operator_id: str = Field(foreign_key="vip_operator.id", max_length=64)
    # "deposit", "withdraw" or "error".
    event: str = Field(max_length=16)
    url: str = Field(max_length=512)
    payload: str
    attempts: int = 0
    next_attempt_at: datetime = timestamp()
    delivered_at: datetime | None = timestamp(nullable=True, default_now=False)
    last_status: int | None = None
    created_at: datetime = timestamp()
    # The outbox's delivery state (server/outbox/claims.py): why the last
    # attempt failed, since when attempts fail (the age limit counts from
    # it), when the row was dead-lettered, and the host that holds it.
    last_error: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})
    failing_since: datetime | None = timestamp(nullable=True, default_now=False)
    dead_at: datetime | None = timestamp(nullable=True, default_now=False)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = timestamp(nullable=True, default_now=False)
