"""Checks of what the aggregator sends: amounts, times, transaction bodies."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from server.domain import errors as domain_errors
from server.domain.naming import camel
from server.domain.pam import errors as pam_errors
from server.domain.ledger import MAX_AMOUNT, SIX, TYPES
from server.domain.limits import PAM_ID as ID_MAX
from server.domain.pam.model import LIST_CAPS, TxInput

CURRENCY = re.compile(r"^[A-Z]{3}$")

# (attribute, the document's key) of the keys every transaction must carry.
REQUIRED = tuple((a, camel(a)) for a in (
    "currency", "provider", "transaction_type", "cash_amount", "bonus_amount", "promo_amount",
    "transaction_date_time", "provider_transaction_id",
))
IDS = tuple((a, camel(a)) for a in ("provider_transaction_id", "provider_bet_ref", "provider_game_id",
                                    "provider_round_id"))


def to_money(value: float | str | Decimal) -> Decimal | None:
    """A wire amount as an exact six-place decimal, or None when it has more
    than six decimals, is not a finite number, or its magnitude is beyond
    ``MAX_AMOUNT`` (the wire could not carry it exactly)."""
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not d.is_finite() or abs(d) > MAX_AMOUNT:
        return None
    q = d.quantize(SIX)
    return q if q == d else None


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 date-time as UTC (no offset: UTC), or None when it is not
    one or its instant is outside 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z
    (``0001-01-01T00:00:00+01:00`` is a year-0 instant, which no calendar
    of the platform holds)."""
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        if dt.tzinfo is None:
            return dt.replace(tzinfo=timezone.utc)
        return dt.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def check_tx(tx: TxInput, provider: str) -> tuple[datetime | None, pam_errors.PamBadRequest | None]:
    """The transaction's time, and the 400 PAM_ERR_UNDEFINED listing every
    problem of a malformed body (None when the body is well formed)."""
    v = domain_errors.Violations()
    for attr, key in REQUIRED:
        if getattr(tx, attr) in (None, ""):
            v.add(key, "required", f"{key} is required.")
    for key in tx.bad_amounts:
        v.add(key, "invalid", f"{key} must be a number with at most six decimals and at most {MAX_AMOUNT}.")
    if tx.transaction_type and tx.transaction_type not in TYPES:
        v.add("transactionType", "invalid", "transactionType must be one of " + ", ".join(TYPES) + ".")
    if tx.currency and not CURRENCY.match(tx.currency):
        v.add("currency", "invalid", "currency must be an ISO 4217 code such as USD.")
    if tx.provider and tx.provider.lower() != provider:
        v.add("provider", "invalid", "provider must be the query's provider.")
    when = parse_time(tx.transaction_date_time) if tx.transaction_date_time else None
    if tx.transaction_date_time and when is None:
        v.add("transactionDateTime", "invalid", "transactionDateTime must be an ISO 8601 date-time between "
              "0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.")
    for attr, key in IDS:
        value = getattr(tx, attr)
        if value is not None and not 1 <= len(value) <= ID_MAX:
            v.add(key, "invalid", f"{key} must be 1 to {ID_MAX} characters.")
    for key, cap in LIST_CAPS.items():
        if tx.list_sizes.get(key, 0) > cap:
            v.add(key, "too_many", f"{key} holds at most {cap} items.")
    return when, (pam_errors.PamBadRequest(pam_errors.UNDEFINED, v.items) if v.items else None)
