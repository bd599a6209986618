"""Identity and age (issue 23, docs/compliance.md "Licence gates"): a
player's verification status, the brand's policy of what needs it, the
brand's minimum age, and the signed callback of the verification vendor.

Plain values and functions, no storage: the gateway (registration, login,
Start Game, the callback), the PAM wallet (bets), VIP Connect (deposits) and
the back office apply them.

- Status: ``none`` (never asked), ``pending`` (asked, no answer yet),
  ``verified``, ``failed``. The vendor's callback may set ``verified`` or
  ``failed`` (``pending`` too: the vendor is still at it); the back office
  may set any of the four.
- Policy (per brand): ``nothing``, ``deposits`` or ``deposits_and_play``.
  Where a door needs ``verified`` and the player is not, it refuses. A
  withdrawal of funds the player already holds is never refused for a
  missing verification alone (a regulator wants funds returned, not held).
- Callback: ``POST /gateway/verification/{version}/callback`` with the body
  signed by HMAC-SHA256 under the brand's vendor secret, hex in the header
  ``x-verification-signature``; the body carries a timestamp and a nonce,
  refused outside ``REPLAY_WINDOW`` of now or when the nonce was seen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from server.domain.errors import Declined, DomainError, Unauthenticated

NONE, PENDING, VERIFIED, FAILED = "none", "pending", "verified", "failed"
STATUSES = (NONE, PENDING, VERIFIED, FAILED)
# What the vendor's callback may set.
VENDOR_STATUSES = (PENDING, VERIFIED, FAILED)

POLICY_NOTHING, POLICY_DEPOSITS, POLICY_DEPOSITS_AND_PLAY = "nothing", "deposits", "deposits_and_play"
POLICIES = (POLICY_NOTHING, POLICY_DEPOSITS, POLICY_DEPOSITS_AND_PLAY)

DEFAULT_MIN_AGE = 18
MIN_AGE_RANGE = (18, 25)  # no licence allows under 18; none asks more than 25

# A signed callback is taken only this close to now (either way), and its
# nonce is kept that long (twice: a clock skew either side).
REPLAY_WINDOW = timedelta(minutes=5)
NONCE_MAX = 64
SIGNATURE_HEADER = "x-verification-signature"
# How long an unsigned body may be: a callback is a few fields.
CALLBACK_BODY_MAX = 4096

# The login action that tells the site the player must verify (docs/gateway.md).
VERIFICATION_REQUIRED = "VERIFICATION_REQUIRED"
# The answers of the doors (docs/compliance.md).
START_GAME_RESULT = "verification_required"
VIP_DECLINE_CODE = "122"
PAM_MESSAGE = "The player's identity is not verified; bets are refused until it is."


class VerificationRequired(Declined):
    """A door that the brand's policy closes to a player not ``verified``."""

    reason = "VERIFICATION_REQUIRED"

    def __init__(self) -> None:
        super().__init__(START_GAME_RESULT, "identity verification required")


class BadCallback(DomainError):
    """A callback body that is not the documented JSON (400)."""

    reason = "BAD_CALLBACK"


class BadSignature(Unauthenticated):
    """A callback with no signature, a wrong one, an unknown brand, or no
    secret set for the brand (401; nothing is said about which)."""

    reason = "BAD_SIGNATURE"


class Replayed(Unauthenticated):
    """A signed callback outside the window, or whose nonce was seen (401)."""

    reason = "REPLAYED"


class UnknownPlayer(DomainError):
    """A signed callback for a player the brand does not have (404)."""

    reason = "UNKNOWN_PLAYER"


# ------------------------------------------------------------------ policy


def needs_for_deposit(policy: str) -> bool:
    return policy in (POLICY_DEPOSITS, POLICY_DEPOSITS_AND_PLAY)


def needs_for_play(policy: str) -> bool:
    return policy == POLICY_DEPOSITS_AND_PLAY


def deposit_allowed(policy: str, status: str) -> bool:
    return status == VERIFIED or not needs_for_deposit(policy)


def play_allowed(policy: str, status: str) -> bool:
    return status == VERIFIED or not needs_for_play(policy)


def withdrawal_allowed(policy: str, status: str) -> bool:
    """Always: funds the player holds are paid out whatever her status."""
    return True


def play_hold(policy: str, status: str) -> bool:
    """What the PAM wallet keeps on the player's row (``pam_player.
    verification_hold``) so that a bet reads no more than it did."""
    return not play_allowed(policy, status)


def login_actions(policy: str, status: str) -> list[str]:
    """What login tells the site besides the account's own actions."""
    return [] if deposit_allowed(policy, status) and play_allowed(policy, status) else [VERIFICATION_REQUIRED]


def refuse_play(policy: str, status: str) -> None:
    if not play_allowed(policy, status):
        raise VerificationRequired()


# ------------------------------------------------------------------ age


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def old_enough(born: date, today: date, min_age: int) -> bool:
    """Whether a player born on ``born`` is at least ``min_age`` today
    (someone born on 29 February comes of age on 1 March of a common year)."""
    return age_on(born, today) >= min_age


def valid_min_age(n: int) -> bool:
    return MIN_AGE_RANGE[0] <= n <= MIN_AGE_RANGE[1]


# ------------------------------------------------------------------ status


def changed(old: str, new: str, by_vendor: bool) -> bool:
    """Whether ``new`` may replace ``old``; raises ``BadCallback`` for a
    status the caller may not set. The same status again changes nothing."""
    allowed = VENDOR_STATUSES if by_vendor else STATUSES
    if new not in allowed:
        raise BadCallback(f"status must be one of {', '.join(allowed)}")
    return new != old


def requested(status: str) -> str:
    """The status once a verification is asked of the vendor: ``pending``,
    unless the player is already verified."""
    return status if status == VERIFIED else PENDING


# ------------------------------------------------------------------ callback


def sign(secret: str, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``body`` under ``secret`` (the vendor's side
    and the request to the vendor use the same)."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_ok(secret: str | None, body: bytes, signature: str | None) -> bool:
    """Constant-time: no secret or no signature is never right."""
    if not secret or not signature:
        return False
    want = sign(secret, body)
    got = signature.strip().lower().removeprefix("sha256=")
    return hmac.compare_digest(want.encode(), got.encode())


@dataclass(frozen=True)
class Callback:
    """A callback's fields (the documented JSON)."""

    brand_id: int
    player_id: int
    status: str
    timestamp: datetime
    nonce: str
    reference: str = ""


def parse_callback(body: bytes) -> Callback:
    """The documented JSON: ``{"brandId": 3, "playerId": 42, "status":
    "verified", "timestamp": 1700000000, "nonce": "…", "reference": "…"}``."""
    if len(body) > CALLBACK_BODY_MAX:
        raise BadCallback("body too large")
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadCallback("body is not JSON") from None
    if not isinstance(data, dict):
        raise BadCallback("body is not a JSON object")
    brand, player, ts = (_positive(data, k) for k in ("brandId", "playerId", "timestamp"))
    status, nonce, ref = data.get("status"), data.get("nonce"), data.get("reference", "")
    if not isinstance(status, str) or status not in VENDOR_STATUSES:
        raise BadCallback(f"status must be one of {', '.join(VENDOR_STATUSES)}")
    if not isinstance(nonce, str) or not 8 <= len(nonce) <= NONCE_MAX or not nonce.isascii():
        raise BadCallback(f"nonce must be 8-{NONCE_MAX} ASCII characters")
    if not isinstance(ref, str) or len(ref) > 64:
        raise BadCallback("reference must be text of at most 64 characters")
    try:
        when = datetime.fromtimestamp(ts, timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise BadCallback("timestamp out of range") from None
    return Callback(brand, player, status, when, nonce, ref)


def _positive(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**53:
        raise BadCallback(f"{name} must be a positive integer")
    return value


def fresh(cb: Callback, now: datetime) -> bool:
    return abs(now - cb.timestamp) <= REPLAY_WINDOW


def request_body(brand_id: int, player_id: int, first_name: str, last_name: str, born: date | None,
                 country: str, callback_url: str) -> dict[str, Any]:
    """What is sent to the vendor (the outbox row's body; docs/compliance.md)."""
    return {"brandId": brand_id, "playerId": player_id, "firstName": first_name, "lastName": last_name,
            "birthDate": born.isoformat() if born else None, "country": country, "callbackUrl": callback_url}
