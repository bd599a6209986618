"""The back office's error table: domain error -> gRPC code. Every answer
carries a google.rpc.ErrorInfo (domain ``pitboss.backoffice``, the error's
reason) and, for invalid input, a google.rpc.BadRequest naming every failing
field. There is no HTTP rendering: the back office is gRPC only."""

from __future__ import annotations

import grpc

from server.api.errors import Rendering, _bad_request
from server.domain import errors as E
from server.domain.cashier import errors as C

C_ = grpc.StatusCode

# Checked in order; the first class the error is an instance of wins.
TABLE: list[tuple[type[E.DomainError], grpc.StatusCode]] = [
    (E.ValidationFailed, C_.INVALID_ARGUMENT),
    (E.Unauthenticated, C_.UNAUTHENTICATED),
    (E.NotFound, C_.NOT_FOUND),
    (C.KeyReused, C_.ALREADY_EXISTS),
    (E.Conflict, C_.ABORTED),
    (E.Declined, C_.FAILED_PRECONDITION),
    (E.PermissionDenied, C_.PERMISSION_DENIED),
    (E.RateLimited, C_.RESOURCE_EXHAUSTED),
    (E.Unavailable, C_.UNAVAILABLE),
    (E.DomainError, C_.FAILED_PRECONDITION),
]


def render(exc: E.DomainError | None) -> Rendering:
    if exc is None:
        return Rendering(C_.INTERNAL, "internal error")
    for cls, code in TABLE:
        if isinstance(exc, cls):
            return Rendering(code, exc.message or exc.reason, details=_bad_request(exc))
    return Rendering(C_.INTERNAL, "internal error")  # pragma: no cover - DomainError is last
