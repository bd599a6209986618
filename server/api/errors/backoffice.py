"""The back office's error table (pitboss.backoffice.v1, gRPC only): domain
error -> gRPC code. Every answer carries a google.rpc.ErrorInfo (domain
``pitboss.backoffice``, the error's reason) and, for invalid input, a
google.rpc.BadRequest naming every failing field. No HTTP rendering: Envoy
never routes the back office."""

from __future__ import annotations

from server.api.errors.core import C, Call, Rendering, bad_request
from server.domain import errors as domain_errors
from server.domain.cashier import errors as cashier_errors

# Checked in order; the first class the error is an instance of wins.
TABLE = [
    (domain_errors.ValidationFailed, C.INVALID_ARGUMENT),
    (domain_errors.Unauthenticated, C.UNAUTHENTICATED),
    (domain_errors.NotFound, C.NOT_FOUND),
    (cashier_errors.KeyReused, C.ALREADY_EXISTS),
    (domain_errors.Conflict, C.ABORTED),
    (domain_errors.Declined, C.FAILED_PRECONDITION),
    (domain_errors.PermissionDenied, C.PERMISSION_DENIED),
    (domain_errors.RateLimited, C.RESOURCE_EXHAUSTED),
    (domain_errors.Unavailable, C.UNAVAILABLE),
    (domain_errors.DomainError, C.FAILED_PRECONDITION),
]


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, "internal error")
    code = next(code for cls, code in TABLE if isinstance(exc, cls))
    return Rendering(code, exc.message or exc.reason, details=bad_request(exc))
