"""The back office's error table (pitboss.backoffice.v1, gRPC only): domain
error -> gRPC code. Every answer carries a google.rpc.ErrorInfo (domain
``pitboss.backoffice``, the error's reason) and, for invalid input, a
google.rpc.BadRequest naming every failing field. No HTTP rendering: Envoy
never routes the back office."""

from __future__ import annotations

from server.api.errors.core import C, Call, Rendering, Row, bad_request, find, from_row
from server.domain import errors as E
from server.domain.cashier import errors as CE

# Checked in order; the first class the error is an instance of wins. No
# HTTP status: gRPC only.
TABLE: list[Row] = [
    Row(E.ValidationFailed, C.INVALID_ARGUMENT, details=bad_request),
    Row(E.Unauthenticated, C.UNAUTHENTICATED),
    Row(E.NotFound, C.NOT_FOUND),
    Row(CE.KeyReused, C.ALREADY_EXISTS),
    Row(E.Conflict, C.ABORTED),
    Row(E.Declined, C.FAILED_PRECONDITION),
    Row(E.PermissionDenied, C.PERMISSION_DENIED),
    Row(E.RateLimited, C.RESOURCE_EXHAUSTED),
    Row(E.Unavailable, C.UNAVAILABLE),
    Row(E.DomainError, C.FAILED_PRECONDITION),
]


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, "internal error")
    return from_row(find(TABLE, exc), exc)
