"""Patron sessions (seeds/000 and vip-connect.md): create a session for an
enrolled patron, enroll a new patron, open a bank-management session.

Validation names every failing field at once, in the style of the seed's
example (``DateOfBirth: 'Date Of Birth' must not be empty.``). Business
declines do not raise inside the unit of work: they are returned as a
``Refusal``, so that the birth-date attempt they record commits; the unit of
work raises afterwards.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from server.domain.outcome import Refusal
from server.domain import identity
from server.domain.protection import model as protection_model
from server.domain.protection import service as protection
from server.domain.records import events
from server.domain.vip.errors import SessionDeclined
from server.domain.vip.ports import Operator, Patron, PatronSession, VipUnit
from server.domain.vip.requests import (  # noqa: F401 - the servicer's and tests' names for the requests
    Echo,
    Enrollment,
    ExistingRequest,
    NewRequest,
    SimpleRequest,
    TransactionFields,
    validate_existing,
    validate_new,
    validate_simple,
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
    """A session that was opened, or (inside a ``SessionDeclined``) the
    decline's echo and limits."""

    operator: Operator
    echo: Echo
    limits: Limits
    expires: datetime
    session: PatronSession | None = None
    patron: Patron | None = None
    decline: str | None = None


def operator_limits(op: Operator, product: str | None) -> Limits:
    if product == "online":
        return Limits(op.online_deposit_limit, op.online_min_deposit, op.online_withdraw_limit, op.online_min_withdraw)
    return Limits(op.deposit_limit, op.min_deposit, op.withdraw_limit, op.min_withdraw)


def patron_available(uow: VipUnit, p: Patron) -> Decimal:
    """What a new deposit may use: VIP Preferred, the patron's available amount;
    VIP Online, the largest available amount of its bank accounts (limits are
    per account). Confirmed deposits still waiting for approval are taken off."""
    if p.product_type == "online":
        return max((a.available_amount - uow.patrons.pending_deposits(p.id, a.id) for a in uow.patrons.bank_accounts(p.id)),
                   default=Decimal("0"))
    return p.available_amount - uow.patrons.pending_deposits(p.id)


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


def player_of(uow: VipUnit, operator_id: str, patron_id: str) -> str | None:
    """The platform's player a session's ``patronId`` names: for an operator
    whose wallet is this platform's, the ID of a player of its brand, spelled
    exactly (``server.domain.players``). None for an external operator: its
    patronIds are its own namespace, and neither its checks nor its deposits
    touch the player who happens to have that ID here (docs/protection.md)."""
    from server.domain.cashier.service import brand_player

    store = uow.cashier
    wallet = store.own_wallet(operator_id)
    return brand_player(store, wallet, patron_id) if wallet is not None else None


def protection_decline(uow: VipUnit, player_id: str | None, amount: Decimal, lock: bool = False) -> str | None:
    """120 while the player (``player_of`` the session) is timed out or
    self-excluded, 121 when the deposit would pass a deposit limit
    (docs/protection.md). No player: nothing to check."""
    if player_id is None:
        return None
    why = protection.deposit_refusal(uow.protections, player_id, amount, uow.clock(), lock=lock)
    if why is None:
        return None
    return "121" if why == protection_model.DEPOSIT_LIMIT else "120"


def verify_cardholder(uow: VipUnit, card: str, dob: date, policy: SessionPolicy, now: datetime) -> tuple[Patron | None, str | None]:
    """Find the card and check the birth date under the card's guard row
    (locked for the unit of work), counting mismatches and locking the card."""
    patron = uow.patrons.patron_by_card(card)
    if patron is None:
        return None, "100"
    if patron.status == "closed":
        return patron, "99"
    guard = uow.patrons.card_guard(card)
    if guard.locked_until is not None and guard.locked_until > now:
        return patron, "102"
    if patron.date_of_birth != dob:
        if guard.window_started_at is None or now - guard.window_started_at > policy.window:
            guard.failures = 0
            guard.window_started_at = now
        guard.failures += 1
        if guard.failures >= policy.max_failures:
            guard.locked_until = now + policy.lock
            # The patron's id, never the card number (docs/compliance.md).
            events.record(uow.events, events.Kind.LOCKOUT, now, subject_type="vip_patron",
                          subject_id=str(patron.id or ""), client="vip", failures=guard.failures,
                          locked_until=guard.locked_until.isoformat(timespec="seconds"))
            guard.failures = 0
            guard.window_started_at = None
        uow.patrons.add(guard)
        return patron, "101"
    if guard.failures or guard.window_started_at is not None:
        guard.failures = 0
        guard.window_started_at = None
        uow.patrons.add(guard)
    return patron, None


def _open(uow: VipUnit, op: Operator, patron: Patron, e: Echo, policy: SessionPolicy, now: datetime
          ) -> SessionOutcome | Refusal:
    lim = operator_limits(op, patron.product_type)
    available = patron_available(uow, patron)
    shown = Limits(min(lim.deposit_limit, available), lim.min_deposit, lim.withdraw_limit, lim.min_withdraw)
    out = SessionOutcome(op, e, shown, now + policy.lifetime, patron=patron)
    code = None
    if not patron.in_good_standing:
        code = "103"
    elif e.product_type is not None and e.product_type != patron.product_type:
        code = "104"
    elif e.kind != "managebanks" and uow.patrons.transaction(op.id, e.transaction_id) is not None:
        code = "105"
    else:
        # An own-wallet operator's patronId is resolved first (115), so that
        # every check, count and settlement is of one player.
        acc, code = own_wallet_patron(uow, op, e)
        if code is None and acc is not None and e.kind == "deposit":
            code = protection_decline(uow, acc.player_id, e.transaction_amount)
            if code is None and uow.cashier.deposit_hold(acc.player_id):
                # Licence gates: the brand requires a verified identity for
                # deposits (docs/compliance.md); withdrawals are never held.
                code = identity.VIP_DECLINE_CODE
        code = code or check_limits(e, lim, available)
        if code is None and acc is not None and e.kind == "withdraw" and e.transaction_amount > acc.cash:
            code = "114"
    if code:
        out.decline = code
        return Refusal(SessionDeclined.of(code, out))
    s = PatronSession(
        id=str(uuid.uuid4()), operator_id=op.id, patron_id=patron.id, operator_patron_id=e.patron_id,
        kind=e.kind, transaction_id=e.transaction_id, transaction_amount=e.transaction_amount,
        wallet_balance=e.wallet_balance, remaining_daily_deposit=e.remaining_daily_deposit,
        return_url=e.return_url, cancel_redirect_url=e.cancel_redirect_url, product_type=patron.product_type,
        one_click_discount_applied=e.one_click_discount_applied, created_at=now, expires_at=out.expires,
    )
    uow.patrons.add(s)
    out.session = s
    return out


def _declined(op: Operator, e: Echo, code: str, now: datetime, patron=None) -> Refusal:
    """A decline answered after the unit commits (the birth-date attempt it
    recorded is kept), with the session-shaped outcome."""
    out = SessionOutcome(op, e, operator_limits(op, e.product_type), now, patron=patron, decline=code)
    return Refusal(SessionDeclined.of(code, out))


def open_existing(uow: VipUnit, op: Operator, e: Echo, card: str, dob: date, policy: SessionPolicy, now: datetime) -> SessionOutcome | Refusal:
    patron, code = verify_cardholder(uow, card, dob, policy, now)
    if code:
        return _declined(op, e, code, now, patron)
    return _open(uow, op, patron, e, policy, now)


def enroll(uow: VipUnit, op: Operator, e: Echo, n: Enrollment, policy: SessionPolicy, now: datetime
           ) -> SessionOutcome | Refusal:
    existing = uow.patrons.patron_by_ssn(n.ssn)
    if existing is not None:
        # The person already holds an account: use it, discard the new PII.
        if existing.status == "closed":
            return _declined(op, e, "99", now, existing)
        if existing.date_of_birth != n.date_of_birth:
            # Same SSN, different birth date: not enrolled automatically.
            return _declined(op, e, "3", now)
        return _open(uow, op, existing, e, policy, now)
    today = now.date()
    age = today.year - n.date_of_birth.year - ((today.month, today.day) < (n.date_of_birth.month, n.date_of_birth.day))
    if age < policy.min_enrollment_age:
        return _declined(op, e, "2", now)
    product = e.product_type or "preferred"
    patron = uow.patrons.add_patron(
        card=new_card_number(uow), product=product, first=n.first_name, middle=n.middle_initial,
        last=n.last_name, dob=n.date_of_birth, ssn=n.ssn, id_type=n.id_type, id_number=n.id_number,
        id_state=n.id_state, address=n.street_name, city=n.city, state=n.state, zip=n.zip, country=n.country,
        mobile=n.mobile_phone, email=n.email, limit=policy.new_patron_limit, now=now,
        routing=n.routing_number, account=n.account_number,
    )
    return _open(uow, op, patron, e, policy, now)


def new_card_number(uow: VipUnit) -> str:
    """A fresh 10-digit VIP card number (prefix 721, as the vendor's cards)."""
    while True:
        card = "721" + "".join(secrets.choice("0123456789") for _ in range(7))
        if uow.patrons.patron_by_card(card) is None:
            return card


def own_wallet_patron(uow: VipUnit, op: Operator, e: Echo):
    """An operator whose wallet is this platform's: (the wallet of the player
    its patronId names exactly, None), or (None, "115") when it names no
    player of its brand, or the wallet holds another currency. An external
    operator, or a bank-management session: (None, None)."""
    from server.domain.cashier import errors as cashier_errors
    from server.domain.cashier.service import own_wallet_player

    store = uow.cashier
    wallet = store.own_wallet(op.id)
    if wallet is None or e.kind == "managebanks":
        return None, None
    try:
        return own_wallet_player(store, wallet, e.patron_id), None
    except (cashier_errors.NoWallet, cashier_errors.CurrencyMismatch):
        return None, "115"
