"""Player gateway errors. ``server.api.errors.gateway`` renders them as the
documented HTTP bodies."""

from __future__ import annotations

from server.domain.errors import Declined, DomainError, RateLimited, Unauthenticated, Unavailable

# Required actions, in the order they are answered.
INCOMPLETE_REGISTRATION = "INCOMPLETE_REGISTRATION"
TNC_APPROVAL_REQUIRED = "TNC_APPROVAL_REQUIRED"
PRIVACY_APPROVAL_REQUIRED = "PRIVACY_APPROVAL_REQUIRED"
PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED"
EMAIL_NOT_VERIFIED = "EMAIL_NOT_VERIFIED"


class InvalidBrand(DomainError):
    """Unknown or malformed brand id (checked before the token)."""

    reason = "INVALID_BRAND"


class InvalidInput(DomainError):
    """A request the documents answer with 400 {"errMsg": "invalid input"}."""

    reason = "INVALID_INPUT"


class InvalidToken(Unauthenticated):
    """Missing, unknown, expired, revoked or other-brand login token."""


class BadCredentials(Unauthenticated):
    """Wrong password or unknown user: one answer for both."""

    reason = "BAD_CREDENTIALS"


class ActionRequired(Declined):
    """The player must do something first (``code`` is the required action)."""

    reason = "ACTION_REQUIRED"


class MessageFailure(DomainError):
    """Answered as {"message_format": tag}."""

    reason = "MESSAGE_FAILURE"

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


class TooManyAttempts(RateLimited):
    """A 2FA challenge has used all its attempts (422 per the documents)."""

    reason = "ATTEMPTS_EXCEEDED"


class AccountLocked(RateLimited):
    """Too many failed logins for this login name: locked for a while."""

    reason = "LOCKED"


class ResendThrottled(RateLimited):
    reason = "RESEND_THROTTLED"


class UnknownMessage(DomainError):
    """No message format with that tag."""

    reason = "UNKNOWN_MESSAGE"


class SelfExcludedRegister(Declined):
    """The national self-exclusion register lists the person (403
    self_excluded_register at registration, login and Start Game)."""

    reason = "SELF_EXCLUDED_REGISTER"

    def __init__(self, message: str = "") -> None:
        super().__init__("self_excluded_register", message)


class RegisterUnavailable(Unavailable):
    """The brand's register cannot be reached and the brand's policy for the
    door is closed (503 register_unavailable)."""

    reason = "REGISTER_UNAVAILABLE"
