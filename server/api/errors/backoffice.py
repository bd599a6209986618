"""The back office's error table (pitboss.backoffice.v1, gRPC only): domain
error -> gRPC code. Every answer carries a google.rpc.ErrorInfo (domain
``pitboss.backoffice``, the error's reason) and, for invalid input, a
google.rpc.BadRequest naming every failing field. No HTTP rendering: Envoy
never routes the back office."""

from __future__ import annotations

from server.api.errors.core import C, Call, Rendering, bad_request
from server.domain import errors as E
from server.domain.cashier import errors as CE

# Checked in order; the first class the error is an instance of wins.
TABLE = [
    (E.ValidationFailed, C.INVALID_ARGUMENT),
    (E.Unauthenticated, C.UNAUTHENTICATED),
    (E.NotFound, C.NOT_FOUND),
    (CE.KeyReused, C.ALREADY_EXISTS),
    (E.Conflict, C.ABORTED),
    (E.Declined, C.FAILED_PRECONDITION),
    (E.PermissionDenied, C.PERMISSION_DENIED),
    (E.RateLimited, C.RESOURCE_EXHAUSTED),
    (E.Unavailable, C.UNAVAILABLE),
    (E.DomainError, C.FAILED_PRECONDITION),
]


def render(exc: E.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, "internal error")
    code = next(code for cls, code in TABLE if isinstance(exc, cls))
    return Rendering(code, exc.message or exc.reason, details=bad_request(exc))
