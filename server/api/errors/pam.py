"""PAM's error table. Hard errors: HTTP 401 (API token, session) and 400
(provider, malformed call) with the document's wrapper
{"status": "ERROR", "error": {"code": "PAM_ERR_...", "message": ...}}; gRPC
callers get the same PamError as a detail. Business errors (``PamRejected``)
are normal answers with status ERROR (the servicer's), never rendered here.
Every PAM answer, errors included, carries the call's trace headers."""

from __future__ import annotations

from pitboss.pam.v1 import pam_pb2
from server.api import edge
from server.api.errors.core import C, Call, Rendering, bad_request, grpc_code
from server.api.tracing import response_headers
from server.domain import errors as E

UNDEFINED = "PAM_ERR_UNDEFINED"
INTERNAL = "Internal error."

# error kind -> (HTTP status, PAM code when the error names none, whether the
# error's own ``code`` counts); the first match wins.
TABLE: list[tuple[type[E.DomainError], int, str, bool]] = [
    (E.Unauthenticated, 401, "PAM_ERR_API_TOKEN", True),
    (E.ValidationFailed, 400, UNDEFINED, True),
    (E.Declined, 200, UNDEFINED, True),  # only with a PAM_ERR_ code (below)
    (E.DomainError, 400, UNDEFINED, False),
]


def _status_and_code(exc: E.DomainError | None) -> tuple[int, str]:
    if exc is None:
        return 500, UNDEFINED
    for cls, status, code, own in TABLE:
        if not isinstance(exc, cls):
            continue
        if cls is E.Declined and not str(getattr(exc, "code", "")).startswith("PAM_ERR_"):
            continue
        return status, (getattr(exc, "code", code) if own else code)
    raise AssertionError("DomainError is the last row")  # pragma: no cover


def error_body(code: str, message: str) -> tuple[pam_pb2.PamError, dict]:
    err = pam_pb2.PamError(code=pam_pb2.PamErr.Value(code), message=message)
    return err, {"status": "ERROR", "error": edge.to_json_dict(err)}


def render(exc: E.DomainError | None, call: Call | None = None) -> Rendering:
    status, code = _status_and_code(exc)
    text = exc.message if exc is not None and exc.message else INTERNAL
    err, body = error_body(code, text)
    grpc_status = grpc_code(exc) if exc is not None else C.INTERNAL
    headers = response_headers(call.metadata) if exc is not None and call is not None else []
    return Rendering(grpc_status, text, status, body, [err, *bad_request(exc)], headers)
