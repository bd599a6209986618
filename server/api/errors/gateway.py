"""The player gateway's error table (player-gateway.md): {"errMsg": ...} for
input and token errors, {"result": ...} for required actions, 422 lists and 500."""

from __future__ import annotations

from server.api.errors.core import C, Call, Rendering, Row, bad_request, find, from_row
from server.domain import errors as E
from server.domain.gateway import errors as G

INTERNAL = "internal server error"


def _violations(exc: E.ValidationFailed) -> dict:
    return {"result": [{"field": v.field, "errorCode": v.code} for v in exc.violations]}


TABLE: list[Row] = [
    Row(G.InvalidBrand, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input - invalid brand id"}),
    Row(G.InvalidInput, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input"}),
    Row(G.UnknownMessage, C.NOT_FOUND, 400, lambda e: {"errMsg": "Message Not Found according to your search"}),
    Row(G.MessageFailure, C.FAILED_PRECONDITION, 400, lambda e: {"message_format": e.tag}),
    Row(G.ActionRequired, C.FAILED_PRECONDITION, 401, lambda e: {"result": e.code}),
    Row(G.BadCredentials, C.UNAUTHENTICATED, 401, lambda e: {"errMsg": "invalid input - invalid credentials"}),
    Row(E.Unauthenticated, C.UNAUTHENTICATED, 401, lambda e: {"errMsg": "invalid input - invalid token"}),
    Row(E.ValidationFailed, C.INVALID_ARGUMENT, 422, _violations, bad_request),
    Row(G.TooManyAttempts, C.RESOURCE_EXHAUSTED, 422, lambda e: {"result": "Authentication attempts limit exceeded"}),
    Row(G.AccountLocked, C.RESOURCE_EXHAUSTED, 429, lambda e: {"errMsg": "too many failed logins - try again later"}),
    Row(E.RateLimited, C.RESOURCE_EXHAUSTED, 429, lambda e: {"errMsg": "code already sent - try again later"}),
    Row(E.NotFound, C.NOT_FOUND, 404, lambda e: {"errMsg": e.message}),
    Row(E.DomainError, None, 400, lambda e: {"errMsg": "invalid input"}),
]


def render(exc: E.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, INTERNAL, 500, {"result": INTERNAL})
    return from_row(find(TABLE, exc), exc)
