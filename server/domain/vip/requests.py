"""The session calls' requests as the servicer decodes them, and their
validation into what the rules need (``Echo``, ``Enrollment``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from server.domain.limits import VIP as MAX
from server.domain.validation import blank
from server.domain.vip.checks import EMAIL, ID_TYPES, PRODUCT_TYPES, STATE, ZIP, Checker


@dataclass(frozen=True)
class TransactionFields:
    """What every transaction session carries (raw, as decoded)."""

    patron_id: str | None = None
    remaining_daily_deposit: float | None = None
    wallet_balance: float | None = None
    transaction_id: str | None = None
    transaction_amount: float | None = None
    transaction_type: object = None
    return_url: str | None = None
    cancel_redirect_url: str | None = None
    product_type: str | None = None
    one_click_discount_applied: bool | None = None


@dataclass(frozen=True)
class ExistingRequest:
    txn: TransactionFields
    vip_card_number: str | None = None
    date_of_birth: str | None = None
    warranty_mode: str | None = None
    android_package_name: str | None = None


@dataclass(frozen=True)
class SimpleRequest:
    patron_id: str | None = None
    vip_card_number: str | None = None
    date_of_birth: str | None = None
    return_url: str | None = None


@dataclass(frozen=True)
class NewRequest:
    txn: TransactionFields
    first_name: str | None = None
    middle_initial: str | None = None
    last_name: str | None = None
    date_of_birth: str | None = None
    email: str | None = None
    mobile_phone: str | None = None
    street_name: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    id_type: str | None = None
    id_number: str | None = None
    id_state: str | None = None
    ssn: str | None = None
    routing_number: str | None = None
    account_number: str | None = None


@dataclass
class Echo:
    """The validated request fields a session (or its decline) echoes."""

    patron_id: str = ""
    kind: str = "managebanks"  # deposit | withdraw | managebanks
    transaction_id: str = ""
    transaction_amount: Decimal = Decimal("0")
    remaining_daily_deposit: Decimal = Decimal("0")
    wallet_balance: Decimal = Decimal("0")
    return_url: str = ""
    cancel_redirect_url: str = ""
    product_type: str | None = None
    one_click_discount_applied: bool = False


def _check_txn(c: Checker, t: TransactionFields) -> Echo:
    e = Echo()
    e.patron_id = c.text("patronId", t.patron_id) or ""
    e.remaining_daily_deposit = c.amount("remainingDailyDeposit", t.remaining_daily_deposit) or Decimal("0")
    e.wallet_balance = c.amount("walletBalance", t.wallet_balance) or Decimal("0")
    e.transaction_id = c.text("transactionId", t.transaction_id) or ""
    e.transaction_amount = c.amount("transactionAmount", t.transaction_amount) or Decimal("0")
    e.kind = c.transaction_type("transactionType", t.transaction_type) or "deposit"
    e.return_url = c.url("returnUrl", t.return_url) or ""
    e.cancel_redirect_url = c.url("cancelRedirectUrl", t.cancel_redirect_url) or ""
    e.product_type = c.choice("productType", t.product_type, PRODUCT_TYPES)
    e.one_click_discount_applied = bool(c.flag("oneClickDiscountApplied", t.one_click_discount_applied))
    return e


def validate_existing(r: ExistingRequest, today: date) -> tuple[Echo, str, date]:
    c = Checker()
    # The document's order: patronId, vipCardNumber, dateOfBirth, ...
    echo_first = c.text("patronId", r.txn.patron_id)
    card = c.digits("vipCardNumber", r.vip_card_number, 10)
    dob = c.dob("dateOfBirth", r.date_of_birth, today)
    rest = Checker()
    e = _check_txn(rest, r.txn)
    c.v.items.extend(x for x in rest.v.items if x.field != "patronId")
    if not blank(r.warranty_mode):
        c.choice("warrantyMode", r.warranty_mode, ("WARRANTY", "NOWARRANTY"), upper=True)
    c.done()
    e.patron_id = echo_first
    return e, card, dob


def validate_simple(r: SimpleRequest, today: date) -> tuple[Echo, str, date]:
    c = Checker()
    e = Echo()
    e.patron_id = c.text("patronId", r.patron_id) or ""
    card = c.digits("vipCardNumber", r.vip_card_number, 10)
    dob = c.dob("dateOfBirth", r.date_of_birth, today)
    e.return_url = c.url("returnUrl", r.return_url) or ""
    e.cancel_redirect_url = e.return_url
    e.kind = "managebanks"
    c.done()
    return e, card, dob


@dataclass
class Enrollment:
    first_name: str
    middle_initial: str
    last_name: str
    date_of_birth: date
    email: str
    mobile_phone: str
    street_name: str
    city: str
    state: str
    zip: str
    country: str
    id_type: str
    id_number: str
    id_state: str
    ssn: str
    routing_number: str
    account_number: str


def validate_new(r: NewRequest, today: date) -> tuple[Echo, Enrollment]:
    c = Checker()
    patron_id = c.text("patronId", r.txn.patron_id)
    first = c.text("firstName", r.first_name, upper=True)
    middle = c.text("middleInitial", r.middle_initial, required=False, upper=True)
    last = c.text("lastName", r.last_name, upper=True)
    dob = c.dob("dateOfBirth", r.date_of_birth, today)
    email = c.pattern("email", r.email, EMAIL, "a valid email address", MAX["email"])
    phone = c.digits("mobilePhone", r.mobile_phone, 10)
    street = c.text("streetName", r.street_name, upper=True)
    city = c.text("city", r.city, upper=True)
    state = c.pattern("state", r.state, STATE, "a two-letter state code")
    zip_ = c.pattern("zip", r.zip, ZIP, "a 5-digit ZIP code (or ZIP+4)")
    country = c.pattern("country", r.country, STATE, "a two-letter country code")
    id_type = c.choice("idType", r.id_type, ID_TYPES, upper=True)
    id_number = c.text("idNumber", r.id_number, 6)
    id_state = c.pattern("idState", r.id_state, STATE, "a two-letter state code")
    ssn = c.digits("ssn", r.ssn, 9)
    routing = c.digits("routingNumber", r.routing_number, 9)
    account = c.digits("accountNumber", r.account_number, 4, 17)
    rest = Checker()
    e = _check_txn(rest, r.txn)
    c.v.items.extend(x for x in rest.v.items if x.field != "patronId")
    c.done()
    e.patron_id = patron_id
    return e, Enrollment(
        first, middle or "", last, dob, email, phone, street, city,
        state.upper(), zip_, country.upper(), id_type, id_number, id_state.upper(), ssn, routing, account,
    )
