"""MTS reply codes and the errors that carry them.

Two kinds of answer exist besides "0 Transaction processed":

- a ``casino-sessions-inform-reply`` with a negative MTS validation code
  (``MtsRejected``): the message was read and refused;
- an ``error-reply`` (``MtsErrorReply`` and subclasses): the message could not
  be routed at all (authorisation, operation, version, content, size) or an
  internal error happened. The positive error-reply codes are ours (docs/mts.md).

Each carries the request's correlationId so the reply can echo it.
"""

from __future__ import annotations

from server.domain import errors as domain_errors
from server.domain.outcome import AnsweredDecline

OPERATION = "casino-sessions-inform"
VERSION = "3.0"
REPLY_TYPE = "casino-sessions-inform-reply"
ERROR_REPLY_TYPE = "error-reply"

ACCEPTED = 0
ACCEPTED_MESSAGE = "Transaction processed"

# MTS validation codes (the vendor's table).
MISSING = -100  # mandatory field missing or empty
MANDATORY_WRONG_TYPE = -101
OPTIONAL_WRONG_TYPE = -102
INVALID_NUMBER = -103  # wrong number type / not a decimal number
INVALID_DATE = -104
INVALID_CHANNEL_OR_ID_LENGTH = -106
OUT_OF_RANGE = -107

# error-reply codes (inferred: the vendor's list is not part of the contract).
ERR_AUTHORISATION = 100
ERR_OPERATION = 101
ERR_VERSION = 102
ERR_CONTENT = 103
ERR_TOO_LARGE = 104
ERR_MALFORMED = 105
ERR_INTERNAL = 500

MESSAGE_MAX = 128


def clip(message: str) -> str:
    """Reply messages are 1-128 characters."""
    return message if len(message) <= MESSAGE_MAX else message[: MESSAGE_MAX - 3] + "..."


class MtsRejected(domain_errors.ValidationFailed, AnsweredDecline):
    """A casino-sessions-inform-reply with a negative validation code: the
    first violation (document order) names the code and field; every violation
    travels to gRPC callers as BadRequest field violations."""

    def __init__(self, violations: list[domain_errors.FieldViolation], correlation_id: str = "") -> None:
        super().__init__(violations, clip(violations[0].message))
        self.mts_code = int(violations[0].code)
        self.correlation_id = correlation_id


class MtsErrorReply(domain_errors.DomainError):
    """An error-reply (its HTTP status: server/api/errors/mts.py)."""

    reason = "MTS_ERROR_REPLY"

    def __init__(self, code: int, message: str, correlation_id: str = "") -> None:
        super().__init__(clip(message))
        self.mts_code = code
        self.correlation_id = correlation_id


class MtsUnauthorized(MtsErrorReply, domain_errors.Unauthenticated):
    reason = "UNAUTHENTICATED"


class MtsForbidden(MtsErrorReply, domain_errors.PermissionDenied):
    reason = "PERMISSION_DENIED"


class MtsUnroutable(MtsErrorReply):
    """Unknown operation or version, missing content, malformed message."""

    reason = "MTS_UNROUTABLE"


class MtsTooLarge(MtsErrorReply):
    reason = "MTS_MESSAGE_TOO_LARGE"


class MtsInternal(MtsErrorReply):
    reason = "INTERNAL"
