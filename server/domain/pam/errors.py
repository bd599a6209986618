"""PAM errors. Each carries one of the document's 22 ``PAM_ERR_*`` codes.

- ``PamRejected``: a business error (an ``AnsweredDecline``). The operation
  answers normally (HTTP 200) with ``status: "ERROR"`` and, where the operation has one,
  the player's balance.
- ``PamUnauthenticated``: a bad API token or session (HTTP 401, gRPC
  UNAUTHENTICATED).
- ``PamBadRequest``: an unknown provider or a malformed call (HTTP 400, gRPC
  INVALID_ARGUMENT).
"""

from __future__ import annotations

from typing import Any

from server.domain import errors as domain_errors
from server.domain.outcome import AnsweredDecline

UNDEFINED = "PAM_ERR_UNDEFINED"
ACC_NOT_FOUND = "PAM_ERR_ACC_NOT_FOUND"
GAME_NOT_FOUND = "PAM_ERR_GAME_NOT_FOUND"
ROUND_NOT_FOUND = "PAM_ERR_ROUND_NOT_FOUND"
TRANS_NOT_FOUND = "PAM_ERR_TRANS_NOT_FOUND"
CASH_OVERDRAFT = "PAM_ERR_CASH_OVERDRAFT"
BONUS_OVERDRAFT = "PAM_ERR_BONUS_OVERDRAFT"
SESSION_NOT_FOUND = "PAM_ERR_SESSION_NOT_FOUND"
SESSION_EXPIRED = "PAM_ERR_SESSION_EXPIRED"
MISSING_PROVIDER = "PAM_ERR_MISSING_PROVIDER"
TRANS_CURRENCY = "PAM_ERR_TRANS_CURRENCY"
NEGATIVE_STAKE = "PAM_ERR_NEGATIVE_STAKE"
CANCEL_NOT_FOUND = "PAM_ERR_CANCEL_NOT_FOUND"
TRANS_ALREADY_CANCELLED = "PAM_ERR_TRANS_ALREADY_CANCELLED"
CANCEL_NON_WITHDRAW = "PAM_ERR_CANCEL_NON_WITHDRAW"
BET_NOT_ALLOWED = "PAM_ERR_BET_NOT_ALLOWED"
PLAYER_NOT_FOUND = "PAM_ERR_PLAYER_NOT_FOUND"
API_TOKEN = "PAM_ERR_API_TOKEN"
TRANS_ALREADY_SETTLED = "PAM_ERR_TRANS_ALREADY_SETTLED"
DUPLICATE_TRANS = "PAM_ERR_DUPLICATE_TRANS"
PROMO_OVERDRAFT = "PAM_ERR_PROMO_OVERDRAFT"
TIMEOUT = "PAM_ERR_TIMEOUT"

ALL_CODES = (
    UNDEFINED, ACC_NOT_FOUND, GAME_NOT_FOUND, ROUND_NOT_FOUND, TRANS_NOT_FOUND, CASH_OVERDRAFT,
    BONUS_OVERDRAFT, SESSION_NOT_FOUND, SESSION_EXPIRED, MISSING_PROVIDER, TRANS_CURRENCY,
    NEGATIVE_STAKE, CANCEL_NOT_FOUND, TRANS_ALREADY_CANCELLED, CANCEL_NON_WITHDRAW, BET_NOT_ALLOWED,
    PLAYER_NOT_FOUND, API_TOKEN, TRANS_ALREADY_SETTLED, DUPLICATE_TRANS, PROMO_OVERDRAFT, TIMEOUT,
)


class PamRejected(domain_errors.Declined, AnsweredDecline):
    """A business error: answered with status ERROR (and the balance)."""

    def __init__(self, code: str, message: str, balance: Any = None) -> None:
        super().__init__(code, message)
        self.balance = balance


class PamUnauthenticated(domain_errors.Unauthenticated):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class PamBadRequest(domain_errors.ValidationFailed):
    def __init__(self, code: str, violations: list[domain_errors.FieldViolation]) -> None:
        super().__init__(violations)
        self.code = code


def bad_request(code: str, field: str, message: str) -> PamBadRequest:
    return PamBadRequest(code, [domain_errors.FieldViolation(field, "invalid", message)])


def account_busy() -> PamRejected:
    """A wait for the player's account that gave up (PITBOSS_PAM_LOCK_TIMEOUT_MS):
    PAM_ERR_TIMEOUT, answered with the committed balance."""
    return PamRejected(TIMEOUT, "Timed out waiting for the player's account.")
