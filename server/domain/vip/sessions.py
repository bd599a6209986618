"""Patron sessions (seeds/000 and vip-connect.md): create a session for an
enrolled patron, enroll a new patron, open a bank-management session.

Validation names every failing field at once, in the style of the seed's
example (``DateOfBirth: 'Date Of Birth' must not be empty.``). Business
declines do not raise inside the unit of work: they are returned, so that the
birth-date attempt they record commits; the servicer raises afterwards.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from server.domain.errors import Violations
from server.domain.protection import model as PM
from server.domain.protection import service as protection
from server.domain.validation import blank, label
from server.storage.models import VipOperator, VipPatron, VipSession
from server.storage.repositories.vip import VipRepository

PRODUCT_TYPES = ("preferred", "online")
TRANSACTION_TYPES = {"deposit": "deposit", "withdraw": "withdraw", "0": "deposit", "1": "withdraw"}
ID_TYPES = ("DL", "ST", "MI", "PP")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_DIGITS = re.compile(r"^\d+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_STATE = re.compile(r"^[A-Za-z]{2}$")
_ZIP = re.compile(r"^\d{5}(-?\d{4})?$")
TWO_PLACES = Decimal("0.01")
# The largest amount a session accepts (transactionAmount, walletBalance,
# remainingDailyDeposit): 11 significant digits, so every accepted amount is
# exact as the JSON number / double it travels as (15 significant digits).
AMOUNT_MAX = Decimal("999999999.99")


def key(json_name: str) -> str:
    """The name a message uses for a JSON key: ``dateOfBirth`` -> ``DateOfBirth``."""
    return json_name[:1].upper() + json_name[1:]


class Checker:
    """Field validators that add FluentValidation-style messages."""

    def __init__(self) -> None:
        self.v = Violations()

    def _add(self, json_name: str, code: str, rule: str) -> None:
        k = key(json_name)
        self.v.add(json_name, code, f"{k}: '{label(k)}' {rule}")

    def present(self, name: str, value) -> bool:
        if value is None or (isinstance(value, str) and blank(value)):
            self._add(name, "required", "must not be empty.")
            return False
        return True

    def text(self, name: str, value: str | None, lo: int = 1, hi: int = 64, required: bool = True) -> str | None:
        if not required and blank(value):
            return ""
        if not self.present(name, value):
            return None
        t = value.strip()
        if not lo <= len(t) <= hi:
            self._add(name, "length", f"must be between {lo} and {hi} characters. You entered {len(t)} characters.")
            return None
        return t

    def digits(self, name: str, value: str | None, lo: int, hi: int | None = None) -> str | None:
        hi = lo if hi is None else hi
        if not self.present(name, value):
            return None
        t = value.strip()
        if not _DIGITS.match(t) or not lo <= len(t) <= hi:
            n = f"{lo}" if lo == hi else f"{lo} to {hi}"
            self._add(name, "format", f"must be {n} digits.")
            return None
        return t

    def pattern(self, name: str, value: str | None, rx: re.Pattern, what: str) -> str | None:
        if not self.present(name, value):
            return None
        t = value.strip()
        if not rx.match(t):
            self._add(name, "format", f"must be {what}.")
            return None
        return t

    def dob(self, name: str, value: str | None, today: date) -> date | None:
        if not self.present(name, value):
            return None
        m = _DATE.match(value.strip())
        d = None
        if m:
            try:
                d = date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
            except ValueError:
                d = None
        if d is None:
            self._add(name, "format", "must be a valid date in the format MM/dd/yyyy.")
            return None
        if d >= today or d.year < 1900:
            self._add(name, "range", "must be a date in the past.")
            return None
        return d

    def amount(self, name: str, value: float | None) -> Decimal | None:
        if not self.present(name, value):
            return None
        d = Decimal(repr(float(value)))
        if not d.is_finite():
            self._add(name, "format", "must be a number.")
            return None
        if d < 0:
            self._add(name, "range", "must be greater than or equal to '0'.")
            return None
        if d > AMOUNT_MAX:
            self._add(name, "range", f"must be less than or equal to '{AMOUNT_MAX}'.")
            return None
        if d != d.quantize(TWO_PLACES):
            self._add(name, "scale", "must not have more than 2 decimal places.")
            return None
        return d.quantize(TWO_PLACES)

    def url(self, name: str, value: str | None) -> str | None:
        if not self.present(name, value):
            return None
        t = value.strip()
        try:
            u = urlsplit(t)
            ok = u.scheme in ("http", "https") and bool(u.hostname) and len(t) <= 2048 and " " not in t
        except ValueError:
            ok = False
        if not ok:
            self._add(name, "format", "must be an absolute http or https URL.")
            return None
        return t

    def choice(self, name: str, value: str | None, choices: tuple[str, ...], upper: bool = False) -> str | None:
        if not self.present(name, value):
            return None
        t = value.strip().upper() if upper else value.strip().lower()
        if t not in choices:
            self._add(name, "enum", f"must be one of: {', '.join(choices)}.")
            return None
        return t

    def transaction_type(self, name: str, value) -> str | None:
        """deposit | withdraw, or the samples' 0 | 1 (number or string)."""
        if not self.present(name, value):
            return None
        if isinstance(value, bool):
            t = None
        elif isinstance(value, float):
            t = TRANSACTION_TYPES.get(str(int(value))) if value.is_integer() else None
        elif isinstance(value, str):
            t = TRANSACTION_TYPES.get(value.strip().lower())
        else:
            t = None
        if t is None:
            self._add(name, "enum", "must be one of: deposit, withdraw (or 0, 1).")
        return t

    def flag(self, name: str, value: bool | None) -> bool | None:
        if not self.present(name, value):
            return None
        return bool(value)

    def done(self) -> None:
        self.v.raise_if_any()


# ------------------------------------------------------------------ requests


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
    first = c.text("firstName", r.first_name)
    middle = c.text("middleInitial", r.middle_initial, 1, 1, required=False)
    last = c.text("lastName", r.last_name)
    dob = c.dob("dateOfBirth", r.date_of_birth, today)
    email = c.pattern("email", r.email, _EMAIL, "a valid email address")
    phone = c.digits("mobilePhone", r.mobile_phone, 10)
    street = c.text("streetName", r.street_name, 1, 128)
    city = c.text("city", r.city)
    state = c.pattern("state", r.state, _STATE, "a two-letter state code")
    zip_ = c.pattern("zip", r.zip, _ZIP, "a 5-digit ZIP code (or ZIP+4)")
    country = c.pattern("country", r.country, _STATE, "a two-letter country code")
    id_type = c.choice("idType", r.id_type, ID_TYPES, upper=True)
    id_number = c.text("idNumber", r.id_number, 6, 30)
    id_state = c.pattern("idState", r.id_state, _STATE, "a two-letter state code")
    ssn = c.digits("ssn", r.ssn, 9)
    routing = c.digits("routingNumber", r.routing_number, 9)
    account = c.digits("accountNumber", r.account_number, 4, 17)
    rest = Checker()
    e = _check_txn(rest, r.txn)
    c.v.items.extend(x for x in rest.v.items if x.field != "patronId")
    c.done()
    e.patron_id = patron_id
    return e, Enrollment(
        first.upper(), (middle or "").upper(), last.upper(), dob, email, phone, street.upper(), city.upper(),
        state.upper(), zip_, country.upper(), id_type, id_number, id_state.upper(), ssn, routing, account,
    )


# ------------------------------------------------------------------ policy and outcome


@dataclass(frozen=True)
class SessionPolicy:
    lifetime: timedelta = timedelta(minutes=30)
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock: timedelta = timedelta(minutes=30)
    new_patron_limit: Decimal = Decimal("1000.00")
    min_enrollment_age: int = 21


@dataclass
class Limits:
    deposit_limit: Decimal
    min_deposit: Decimal
    withdraw_limit: Decimal
    min_withdraw: Decimal


@dataclass
class SessionOutcome:
    """A session that was opened, or a decline (code) to raise after commit."""

    operator: VipOperator
    echo: Echo
    limits: Limits
    expires: datetime
    session: VipSession | None = None
    patron: VipPatron | None = None
    decline: str | None = None
    extra: dict = field(default_factory=dict)


def operator_limits(op: VipOperator, product: str | None) -> Limits:
    if product == "online":
        return Limits(op.online_deposit_limit, op.online_min_deposit, op.online_withdraw_limit, op.online_min_withdraw)
    return Limits(op.deposit_limit, op.min_deposit, op.withdraw_limit, op.min_withdraw)


def patron_available(repo: VipRepository, p: VipPatron) -> Decimal:
    """What a new deposit may use: VIP Preferred, the patron's available amount;
    VIP Online, the largest available amount of its bank accounts (limits are
    per account). Confirmed deposits still waiting for approval are taken off."""
    if p.product_type == "online":
        return max((a.available_amount - repo.pending_deposits(p.id, a.id) for a in repo.bank_accounts(p.id)),
                   default=Decimal("0"))
    return p.available_amount - repo.pending_deposits(p.id)


def check_limits(e: Echo, lim: Limits, available: Decimal) -> str | None:
    a = e.transaction_amount
    if e.kind == "deposit":
        if a < lim.min_deposit:
            return "110"
        if a > lim.deposit_limit:
            return "111"
        if a > available:
            return "112"
        if a > e.remaining_daily_deposit:
            return "113"
    elif e.kind == "withdraw":
        if a < lim.min_withdraw:
            return "110"
        if a > lim.withdraw_limit:
            return "111"
        if a > e.wallet_balance:
            return "114"
    return None


def protection_decline(repo: VipRepository, patron_id: str, amount: Decimal, lock: bool = False) -> str | None:
    """120 while the player (``patronId``) is timed out or self-excluded, 121
    when the deposit would pass a deposit limit (docs/protection.md)."""
    why = protection.deposit_refusal(repo.protections(), patron_id, amount, repo.clock(), lock=lock)
    if why is None:
        return None
    return "121" if why == PM.DEPOSIT_LIMIT else "120"


def verify_cardholder(repo: VipRepository, card: str, dob: date, policy: SessionPolicy, now: datetime) -> tuple[VipPatron | None, str | None]:
    """Find the card and check the birth date under the card's guard row
    (locked for the unit of work), counting mismatches and locking the card."""
    patron = repo.patron_by_card(card)
    if patron is None:
        return None, "100"
    if patron.status == "closed":
        return patron, "99"
    guard = repo.card_guard_for_update(card)
    if guard.locked_until is not None and guard.locked_until > now:
        return patron, "102"
    if patron.date_of_birth != dob:
        if guard.window_started_at is None or now - guard.window_started_at > policy.window:
            guard.failures = 0
            guard.window_started_at = now
        guard.failures += 1
        if guard.failures >= policy.max_failures:
            guard.locked_until = now + policy.lock
            guard.failures = 0
            guard.window_started_at = None
        repo.s.add(guard)
        return patron, "101"
    if guard.failures or guard.window_started_at is not None:
        guard.failures = 0
        guard.window_started_at = None
        repo.s.add(guard)
    return patron, None


def _open(repo: VipRepository, op: VipOperator, patron: VipPatron, e: Echo, policy: SessionPolicy, now: datetime) -> SessionOutcome:
    lim = operator_limits(op, patron.product_type)
    available = patron_available(repo, patron)
    shown = Limits(min(lim.deposit_limit, available), lim.min_deposit, lim.withdraw_limit, lim.min_withdraw)
    out = SessionOutcome(op, e, shown, now + policy.lifetime, patron=patron)
    if not patron.in_good_standing:
        out.decline = "103"
        return out
    if e.product_type is not None and e.product_type != patron.product_type:
        out.decline = "104"
        return out
    if e.kind != "managebanks" and repo.transaction(op.id, e.transaction_id) is not None:
        out.decline = "105"
        return out
    code = protection_decline(repo, e.patron_id, e.transaction_amount) if e.kind == "deposit" else None
    code = code or check_limits(e, lim, available) or own_wallet_check(repo, op, e)
    if code:
        out.decline = code
        return out
    s = VipSession(
        id=str(uuid.uuid4()), operator_id=op.id, patron_id=patron.id, operator_patron_id=e.patron_id,
        kind=e.kind, transaction_id=e.transaction_id, transaction_amount=e.transaction_amount,
        wallet_balance=e.wallet_balance, remaining_daily_deposit=e.remaining_daily_deposit,
        return_url=e.return_url, cancel_redirect_url=e.cancel_redirect_url, product_type=patron.product_type,
        one_click_discount_applied=e.one_click_discount_applied, created_at=now, expires_at=out.expires,
    )
    repo.s.add(s)
    out.session = s
    return out


def _declined(op: VipOperator, e: Echo, code: str, policy: SessionPolicy, now: datetime, patron=None) -> SessionOutcome:
    return SessionOutcome(op, e, operator_limits(op, e.product_type), now, patron=patron, decline=code)


def open_existing(repo: VipRepository, op: VipOperator, e: Echo, card: str, dob: date, policy: SessionPolicy, now: datetime) -> SessionOutcome:
    patron, code = verify_cardholder(repo, card, dob, policy, now)
    if code:
        return _declined(op, e, code, policy, now, patron)
    return _open(repo, op, patron, e, policy, now)


def enroll(repo: VipRepository, op: VipOperator, e: Echo, n: Enrollment, policy: SessionPolicy, now: datetime) -> SessionOutcome:
    existing = repo.patron_by_ssn(n.ssn)
    if existing is not None:
        # The person already holds an account: use it, discard the new PII.
        if existing.status == "closed":
            return _declined(op, e, "99", policy, now, existing)
        if existing.date_of_birth != n.date_of_birth:
            # Same SSN, different birth date: not enrolled automatically.
            return _declined(op, e, "3", policy, now)
        return _open(repo, op, existing, e, policy, now)
    today = now.date()
    age = today.year - n.date_of_birth.year - ((today.month, today.day) < (n.date_of_birth.month, n.date_of_birth.day))
    if age < policy.min_enrollment_age:
        return _declined(op, e, "2", policy, now)
    product = e.product_type or "preferred"
    patron = repo.add_patron(
        card=new_card_number(repo), product=product, first=n.first_name, middle=n.middle_initial,
        last=n.last_name, dob=n.date_of_birth, ssn=n.ssn, id_type=n.id_type, id_number=n.id_number,
        id_state=n.id_state, address=n.street_name, city=n.city, state=n.state, zip=n.zip, country=n.country,
        mobile=n.mobile_phone, email=n.email, limit=policy.new_patron_limit, now=now,
        routing=n.routing_number, account=n.account_number,
    )
    return _open(repo, op, patron, e, policy, now)


def new_card_number(repo: VipRepository) -> str:
    """A fresh 10-digit VIP card number (prefix 721, as the vendor's cards)."""
    while True:
        card = "721" + "".join(secrets.choice("0123456789") for _ in range(7))
        if repo.patron_by_card(card) is None:
            return card


def own_wallet_check(repo: VipRepository, op: VipOperator, e: Echo) -> str | None:
    """An operator whose wallet is this platform's: patronId must be a player of
    its brand (115) and a withdrawal must fit the wallet's cash (114)."""
    from server.domain.cashier import errors as CE
    from server.domain.cashier.service import own_wallet_player

    store = repo.cashier()
    wallet = store.own_wallet(op.id)
    if wallet is None or e.kind == "managebanks":
        return None
    try:
        acc = own_wallet_player(store, wallet, e.patron_id)
    except (CE.NoWallet, CE.CurrencyMismatch):
        return "115"
    if e.kind == "withdraw" and e.transaction_amount > acc.cash:
        return "114"
    return None
