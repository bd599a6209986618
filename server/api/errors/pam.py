"""PAM's error table. Hard errors: HTTP 401 (API token, session) and 400
(provider, malformed call) with the document's wrapper
{"status": "ERROR", "error": {"code": "PAM_ERR_...", "message": ...}}; gRPC
callers get the same PamError as a detail. Business errors (``PamRejected``)
are normal answers with status ERROR (``rejected_answer``), never a failed call.
Every PAM answer, errors included, carries the call's trace headers."""

from __future__ import annotations

from pitboss.pam.v1 import pam_pb2
from server.api import edge
from server.api.errors.core import C, Call, Rendering, bad_request, grpc_code
from server.api.tracing import response_headers
from server.domain import errors as domain_errors

UNDEFINED = "PAM_ERR_UNDEFINED"
INTERNAL = "Internal error."

# error kind -> (HTTP status, PAM code when the error names none, whether the
# error's own ``code`` counts); the first match wins.
TABLE: list[tuple[type[domain_errors.DomainError], int, str, bool]] = [
    (domain_errors.Unauthenticated, 401, "PAM_ERR_API_TOKEN", True),
    (domain_errors.ValidationFailed, 400, UNDEFINED, True),
    (domain_errors.Declined, 200, UNDEFINED, True),  # only with a PAM_ERR_ code (below)
    (domain_errors.DomainError, 400, UNDEFINED, False),
]


def _status_and_code(exc: domain_errors.DomainError | None) -> tuple[int, str]:
    if exc is None:
        return 500, UNDEFINED
    for cls, status, code, own in TABLE:
        if not isinstance(exc, cls):
            continue
        if cls is domain_errors.Declined and not str(getattr(exc, "code", "")).startswith("PAM_ERR_"):
            continue
        return status, (getattr(exc, "code", code) if own else code)
    raise AssertionError("DomainError is the last row")  # pragma: no cover


def error_body(code: str, message: str) -> tuple[pam_pb2.PamError, dict]:
    err = pam_pb2.PamError(code=pam_pb2.PamErr.Value(code), message=message)
    return err, {"status": "ERROR", "error": edge.to_json_dict(err)}


def rejected_answer(response_cls, code: str, message: str, **fields):
    """A business rejection (``PamRejected``): a normal answer (HTTP 200, gRPC
    OK) of ``response_cls`` with status ERROR and the PAM code; ``fields``
    what the document shows with it (the balance)."""
    return response_cls(status="ERROR", error=pam_pb2.PamError(code=pam_pb2.PamErr.Value(code), message=message),
                        **fields)


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    status, code = _status_and_code(exc)
    text = exc.message if exc is not None and exc.message else INTERNAL
    err, body = error_body(code, text)
    grpc_status = grpc_code(exc) if exc is not None else C.INTERNAL
    headers = response_headers(call.metadata) if exc is not None and call is not None else []
    return Rendering(grpc_status, text, status, body, [err, *bad_request(exc)], headers)


# Envoy's own answers on PAM paths (envoy/envoy.yaml.tmpl): the document's wrapper.
def envoy_replies() -> dict[str, object]:
    def wrapper(message: str) -> dict:
        return {"status": "ERROR", "error": {"code": UNDEFINED, "message": message}}

    return {
        "PAM_4XX": wrapper("Malformed request (HTTP %RESPONSE_CODE%): the path, query or JSON body is not valid"
                           " for this call."),
        "PAM_OTHER": wrapper("The service is temporarily unavailable (HTTP %RESPONSE_CODE%)."),
    }
