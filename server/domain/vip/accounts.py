"""Account inquiry (seeds/001): look a patron up by ID details or by VIP card
number, never both; creates no session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from server.domain.errors import NotFound, Violations
from server.domain.validation import blank, label
from server.domain.vip.errors import VipDeclined
from server.domain.vip.ports import BankAccount, Operator, Patron, VipUnit

ID_TYPES = ("DL", "ST", "MI", "PP", "SS")
PRODUCT_TYPES = ("preferred", "online")


@dataclass(frozen=True)
class LookupQuery:
    id_type: str | None = None
    id_number: str | None = None
    id_state: str | None = None
    product_type: str | None = None
    vip_account_number: str | None = None


@dataclass(frozen=True)
class BankAccountView:
    masked_account_number: str
    routing_number: str
    bank_name: str
    available_limit: Decimal
    available_amount: Decimal
    instant_payment_eligible: bool


@dataclass(frozen=True)
class AccountView:
    product_type: str
    member_since: datetime
    last_transaction: datetime | None
    most_recent_transaction_amount: Decimal
    date_of_birth: date
    last4_ssn: str
    incremental_limit_amount: Decimal
    max_limit_amount: Decimal
    vip_card_number: str
    masked_id_number: str
    id_type: str
    id_state: str
    first_name: str
    last_name: str
    address: str
    city: str
    state: str
    zip: str
    home_phone_number: str
    mobile_phone_number: str
    email: str
    limit_amount: Decimal
    available_amount: Decimal
    in_good_standing: bool
    one_click_discount_eligible: bool
    # None when the operator's bankAccounts toggle is off.
    bank_accounts: list[BankAccountView] | None = field(default=None)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _required(v: Violations, name: str, value: str | None) -> bool:
    if blank(value):
        v.add(name, "required", f"{name}: '{label(name)}' must not be empty.")
        return False
    return True


def _length(v: Violations, name: str, value: str, lo: int, hi: int) -> None:
    n = len(value)
    if lo == hi and n != lo:
        v.add(name, "length", f"{name}: '{label(name)}' must be {lo} characters in length. You entered {n} characters.")
    elif not lo <= n <= hi:
        v.add(name, "length", f"{name}: '{label(name)}' must be between {lo} and {hi} characters. You entered {n} characters.")


def validate_product_type(v: Violations, name: str, value: str | None) -> str | None:
    """``preferred`` / ``online`` (case-insensitive); None when not sent."""
    if blank(value):
        return None
    p = value.strip().lower()
    if len(value) > 10 or p not in PRODUCT_TYPES:
        v.add(name, "enum", f"{name}: '{label(name)}' must be one of: preferred, online.")
        return None
    return p


def validate_lookup(q: LookupQuery) -> tuple[str, ...]:
    """Returns the normalised key: ("card", number, product) or
    ("ssn", number, product) or ("id", type, number, state, product)."""
    v = Violations()
    by_id = any(not blank(x) for x in (q.id_type, q.id_number)) or not blank(q.id_state)
    by_card = not blank(q.vip_account_number)
    product = validate_product_type(v, "ProductType", q.product_type)
    if by_id and by_card:
        v.add("VipAccountNumber", "exclusive",
              "VipAccountNumber: send either the ID details (IdType, IdNumber, IdState) or 'Vip Account Number', not both.")
        v.raise_if_any()
    if by_card:
        card = q.vip_account_number.strip()
        if len(card) != 10 or not card.isdigit():
            v.add("VipAccountNumber", "format",
                  f"VipAccountNumber: 'Vip Account Number' must be 10 digits. You entered {len(card)} characters.")
        v.raise_if_any()
        return ("card", card, product)
    id_type = (q.id_type or "").strip().upper()
    if _required(v, "IdType", q.id_type) and id_type not in ID_TYPES:
        v.add("IdType", "enum", "IdType: 'Id Type' must be one of: DL, ST, MI, PP, SS.")
    number = (q.id_number or "").strip()
    if _required(v, "IdNumber", q.id_number):
        _length(v, "IdNumber", number, 6, 30)
    state = (q.id_state or "").strip().upper()
    if id_type != "SS":
        if _required(v, "IdState", q.id_state):
            _length(v, "IdState", state, 2, 2)
    v.raise_if_any()
    if id_type == "SS":
        return ("ssn", number, product)
    return ("id", id_type, number, state, product)


def lookup_account(uow: VipUnit, operator: Operator, q: LookupQuery) -> AccountView:
    key = validate_lookup(q)
    product = key[-1]
    if key[0] == "card":
        patron = uow.patrons.patron_by_card(key[1])
    elif key[0] == "ssn":
        patron = uow.patrons.patron_by_ssn(key[1])
    else:
        patron = uow.patrons.patron_by_id_document(key[1], key[2], key[3])
    # A ProductType that was sent narrows the search to that product; when it is
    # omitted the patron's own product is used (docs/vip.md).
    if patron is None or (product is not None and patron.product_type != product):
        raise NotFound("Patron not found.")
    if patron.status == "closed":
        raise VipDeclined("13")
    accounts = None
    if operator.return_bank_accounts:
        accounts = [_bank_view(a) for a in uow.patrons.bank_accounts(patron.id)]
    return _account_view(patron, accounts)


def _bank_view(a: BankAccount) -> BankAccountView:
    return BankAccountView(
        masked_account_number=a.account_number_mask,
        routing_number=a.routing_number,
        bank_name=a.bank_name,
        available_limit=a.available_limit,
        available_amount=a.available_amount,
        instant_payment_eligible=a.instant_payment_eligible,
    )


def _account_view(p: Patron, accounts: list[BankAccountView] | None) -> AccountView:
    return AccountView(
        product_type=p.product_type,
        member_since=p.member_since,
        last_transaction=p.last_transaction_at,
        most_recent_transaction_amount=p.most_recent_transaction_amount,
        date_of_birth=p.date_of_birth,
        last4_ssn=p.ssn_last4,
        incremental_limit_amount=p.incremental_limit_amount,
        max_limit_amount=p.max_limit_amount,
        vip_card_number=p.vip_card_number,
        masked_id_number="****" + p.id_number_last4,
        id_type=p.id_type,
        id_state=p.id_state,
        first_name=p.first_name,
        last_name=p.last_name,
        address=p.address,
        city=p.city,
        state=p.state,
        zip=p.zip,
        home_phone_number=p.home_phone_number,
        mobile_phone_number=p.mobile_phone_number,
        email=p.email,
        limit_amount=p.limit_amount,
        available_amount=p.available_amount,
        in_good_standing=p.in_good_standing,
        one_click_discount_eligible=p.one_click_discount_eligible,
        bank_accounts=accounts,
    )
