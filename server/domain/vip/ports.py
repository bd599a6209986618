"""What VIP Connect needs from storage: its unit of work (``VipUnit``: the
patrons, the cashier, the players' protections), its store (``VipStore``)
and the records it reads and writes: plain dataclasses, implemented by
``server.storage.repositories.vip``.

A record handed out by the store belongs to the unit of work that read it:
changes to it are written when the unit commits (``add`` also writes a new
one; ``flush`` gives a new record its id). ``lock=True`` locks the row for
the rest of the unit of work (PostgreSQL; SQLite holds its one write lock)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from server.domain.cashier.ports import WalletMovements
from server.domain.protection.ports import ProtectionStore
from server.domain.records.events import EventLog
from server.domain.clock import utcnow
from server.domain.unit import UnitOfWork


@dataclass(eq=False)
class Operator:
    id: str
    name: str
    key1_enc: str
    key2_enc: str
    merchant_id: str = ''
    deposit_limit: Decimal = Decimal('0')
    min_deposit: Decimal = Decimal('0')
    withdraw_limit: Decimal = Decimal('0')
    min_withdraw: Decimal = Decimal('0')
    online_deposit_limit: Decimal = Decimal('0')
    online_min_deposit: Decimal = Decimal('0')
    online_withdraw_limit: Decimal = Decimal('0')
    online_min_withdraw: Decimal = Decimal('0')
    notify_deposit_url: str = ''
    notify_withdraw_url: str = ''
    notify_error_url: str = ''
    return_bank_accounts: bool = False
    created_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class Patron:
    vip_card_number: str
    product_type: str
    first_name: str
    last_name: str
    date_of_birth: date
    ssn_enc: str
    ssn_hmac: str
    ssn_last4: str
    id_type: str
    id_number_enc: str
    id_number_hmac: str
    id_number_last4: str
    last_transaction_at: datetime | None = None
    id: int | None = None
    enrollment_status: str = 'complete'
    status: str = 'active'
    in_good_standing: bool = True
    one_click_discount_eligible: bool = False
    middle_initial: str = ''
    id_state: str = ''
    address: str = ''
    city: str = ''
    state: str = ''
    zip: str = ''
    country: str = 'US'
    home_phone_number: str = ''
    mobile_phone_number: str = ''
    email: str = ''
    member_since: datetime = field(default_factory=utcnow)
    most_recent_transaction_amount: Decimal = Decimal('0')
    incremental_limit_amount: Decimal = Decimal('0')
    max_limit_amount: Decimal = Decimal('0')
    limit_amount: Decimal = Decimal('0')
    available_amount: Decimal = Decimal('0')


@dataclass(eq=False)
class BankAccount:
    patron_id: int
    account_number_enc: str
    account_number_hmac: str
    account_number_mask: str
    routing_number: str
    id: int | None = None
    position: int = 0
    bank_name: str = ''
    available_limit: Decimal = Decimal('0')
    available_amount: Decimal = Decimal('0')
    instant_payment_eligible: bool = False


@dataclass(eq=False)
class PatronSession:
    id: str
    operator_id: str
    patron_id: int
    operator_patron_id: str
    kind: str
    return_url: str
    product_type: str
    transaction_id: str = ''
    transaction_amount: Decimal = Decimal('0')
    wallet_balance: Decimal = Decimal('0')
    remaining_daily_deposit: Decimal = Decimal('0')
    cancel_redirect_url: str = ''
    one_click_discount_applied: bool = False
    status: str = 'open'
    created_at: datetime = field(default_factory=utcnow)
    expires_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class CardGuard:
    vip_card_number: str
    window_started_at: datetime | None = None
    locked_until: datetime | None = None
    failures: int = 0


@dataclass(eq=False)
class Transaction:
    operator_id: str
    transaction_id: str
    session_id: str
    patron_id: int
    kind: str
    decided_at: datetime | None = None
    id: int | None = None
    bank_account_id: int | None = None
    amount: Decimal = Decimal('0')
    status: str = 'pending_approval'
    created_at: datetime = field(default_factory=utcnow)


@dataclass(eq=False)
class Notification:
    operator_id: str
    event: str
    url: str
    payload: str
    delivered_at: datetime | None = None
    id: int | None = None
    attempts: int = 0
    next_attempt_at: datetime = field(default_factory=utcnow)
    last_status: int | None = None
    created_at: datetime = field(default_factory=utcnow)


class VipStore(Protocol):
    def add(self, record: object) -> None: ...
    def flush(self) -> None: ...

    def operator(self, operator_id: str) -> Operator | None: ...
    def operator_keys(self, op: Operator) -> list[str]:
        """The operator's two signing keys, decrypted."""

    def patron(self, patron_id: int, lock: bool = False) -> Patron | None: ...
    def patron_by_card(self, card: str) -> Patron | None: ...
    def patron_by_ssn(self, ssn: str) -> Patron | None: ...
    def patron_by_id_document(self, id_type: str, number: str, state: str) -> Patron | None: ...
    def add_patron(self, *, card: str, product: str, first: str, middle: str, last: str, dob: date, ssn: str,
                   id_type: str, id_number: str, id_state: str, address: str, city: str, state: str, zip: str,
                   country: str, mobile: str, email: str, limit: Decimal, now: datetime, routing: str,
                   account: str) -> Patron:
        """A new patron with one bank account (secrets encrypted and hashed)."""

    def bank_accounts(self, patron_id: int) -> list[BankAccount]: ...
    def bank_account(self, account_id: int, lock: bool = False) -> BankAccount | None: ...
    def card_guard(self, card: str) -> CardGuard:
        """The card's birth-date guard, created when missing, locked."""

    def session(self, session_id: str, lock: bool = False) -> PatronSession | None: ...
    def transaction(self, operator_id: str, transaction_id: str, lock: bool = False) -> Transaction | None: ...
    def pending_deposits(self, patron_id: int, bank_account_id: int | None = None) -> Decimal: ...


class VipUnit(UnitOfWork, Protocol):
    """One VIP Connect use case's unit of work (``server.domain.unit``)."""

    patrons: VipStore
    # Own-wallet operators settle into the platform's PAM wallet.
    cashier: WalletMovements
    # The players' protections (a deposit's ``patronId`` is the player's id).
    protections: ProtectionStore
    # The significant-event stream (a card's lockout; docs/compliance.md).
    events: EventLog

    def clock(self) -> datetime:
        """Now, on the protection clock (deposit limits)."""
