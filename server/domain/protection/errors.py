"""Player-protection errors (no HTTP status here: ``server.api.errors`` maps
them per family)."""

from __future__ import annotations

from server.domain.errors import Declined, ValidationFailed

# 422 codes of the player endpoints (docs/protection.md).
LIMIT_INVALID = "limit_invalid"
PERIOD_INVALID = "period_invalid"
UNKNOWN_FIELD = "unknown_field"
REASON_REQUIRED = "reason_required"
TOO_MANY_KEYS = "too_many_keys"


class ProtectionInvalid(ValidationFailed):
    """Bad values in a protection request; names every failing field."""


class Refused(Declined):
    """A bet, game launch or deposit refused by a protection; ``code`` is the
    reason (model.TIMED_OUT, model.WAGER_LIMIT, ...)."""

    reason = "PLAYER_PROTECTION"
