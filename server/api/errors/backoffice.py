"""The back office's error table (pitboss.backoffice.v1, gRPC only): domain
error -> gRPC code. Every answer carries a google.rpc.ErrorInfo (domain
``pitboss.backoffice``, the error's reason) and, for invalid input, a
google.rpc.BadRequest naming every failing field. No HTTP rendering: Envoy
never routes the back office."""

from __future__ import annotations

from server.api.errors.core import C, Call, Rendering, Row, bad_request, find, from_row
from server.domain import errors as domain_errors
from server.domain.cashier import errors as cashier_errors
from server.domain.records.report import Unreconciled

# Checked in order; the first class the error is an instance of wins. No
# HTTP status: gRPC only.
TABLE: list[Row] = [
    Row(domain_errors.ValidationFailed, C.INVALID_ARGUMENT, details=bad_request),
    Row(domain_errors.Unauthenticated, C.UNAUTHENTICATED),
    Row(domain_errors.NotFound, C.NOT_FOUND),
    Row(cashier_errors.KeyReused, C.ALREADY_EXISTS),
    Row(domain_errors.Conflict, C.ABORTED),
    Row(domain_errors.Declined, C.FAILED_PRECONDITION),
    Row(domain_errors.PermissionDenied, C.PERMISSION_DENIED),
    Row(domain_errors.RateLimited, C.RESOURCE_EXHAUSTED),
    Row(domain_errors.Unavailable, C.UNAVAILABLE),
    # The daily report stops rather than print figures that do not add up.
    Row(Unreconciled, C.INTERNAL),
    Row(domain_errors.DomainError, C.FAILED_PRECONDITION),
]


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, "internal error")
    return from_row(find(TABLE, exc), exc)
