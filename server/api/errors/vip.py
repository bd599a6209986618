"""VIP Connect's error table: exception -> gRPC code, HTTP status, documented
body (``VipError``: errorCode, operatorErrorMessage, patronErrorMessage)."""

from __future__ import annotations

from pitboss.vip.v1 import vip_pb2
from server.api.errors.core import C, Answer, Call, Rendering, Row, bad_request, find, from_row, retry_after
from server.api.vip_codec import encode_session
from server.domain import errors as domain_errors
from server.domain.hashing import Throttled
from server.domain.vip.errors import SessionDeclined, VipDeclined

# Patron messages. Envoy's local replies for VIP paths use the same text
# (envoy/envoy.yaml.tmpl, rendered by server/process/envoy.py).
PATRON_INVALID = "Invalid request data. Please check your input and try again."
PATRON_GENERIC = "Sorry, unable to complete this request. Please try again later."
UNAUTHORIZED = "Unauthorized: the bearer token is missing, invalid or expired."
INTERNAL = "Internal server error."
# A throttled call (Envoy's rate limits; any server budget): 429 with Retry-After.
TOO_MANY = "Too many requests: this call's rate limit is reached; retry after the Retry-After seconds."


def body(code: str, operator: str, patron: str) -> vip_pb2.VipError:
    return vip_pb2.VipError(error_code=code, operator_error_message=operator, patron_error_message=patron)


def _validation_text(exc: domain_errors.ValidationFailed) -> str:
    return "Validation failed: " + " ".join(v.message for v in exc.violations)


TABLE: list[Row] = [
    Row(domain_errors.ValidationFailed, C.INVALID_ARGUMENT, 400,
        lambda e: body("400", _validation_text(e), PATRON_INVALID), bad_request, _validation_text),
    Row(domain_errors.Unauthenticated, C.UNAUTHENTICATED, 401, lambda e: body("401", UNAUTHORIZED, PATRON_GENERIC),
        message=lambda e: UNAUTHORIZED),
    Row(Throttled, C.RESOURCE_EXHAUSTED, 429, lambda e: body("429", TOO_MANY, PATRON_GENERIC),
        message=lambda e: TOO_MANY, headers=retry_after),
    Row(domain_errors.NotFound, C.NOT_FOUND, 404, lambda e: body("404", e.message, PATRON_GENERIC), message=lambda e: e.message),
    Row(VipDeclined, None, 400, lambda e: body(e.entry.code, e.entry.operator_message, e.entry.patron_message),
        message=lambda e: e.entry.operator_message),
    Row(domain_errors.DomainError, None, 400, lambda e: body("400", e.message, PATRON_GENERIC), message=lambda e: e.message),
]


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, INTERNAL, 500, body("500", INTERNAL, PATRON_GENERIC))
    return from_row(find(TABLE, exc), exc)


def answer(exc: domain_errors.DomainError, call: Call) -> Answer | None:
    """The session calls (``decline_in_response``) answer a decline with the
    session-shaped body of their response message and 200 (seeds/000)."""
    response = call.decline_response
    if not isinstance(exc, SessionDeclined) or exc.outcome is None or response is None:
        return None
    e = exc.entry
    return Answer(f"{e.code}: {e.operator_message}", 200, encode_session(exc.outcome, response))


# Envoy's own answers on VIP paths (envoy/envoy.yaml.tmpl ``local_reply_config``;
# %RESPONSE_CODE% and %LOCAL_REPLY_BODY% are Envoy's).
def envoy_replies() -> dict[str, object]:
    def text(operator: str, patron: str) -> dict:
        return {"errorCode": "%RESPONSE_CODE%", "operatorErrorMessage": operator, "patronErrorMessage": patron}

    return {
        "VIP_SESSION_400": {"errorCode": "400", "operatorErrorMessage": "Validation failed: %LOCAL_REPLY_BODY%",
                            "patronErrorMessage": PATRON_INVALID},
        "VIP_400": text("Validation failed: the request body is not valid JSON for this call.", PATRON_INVALID),
        "VIP_404": text("Not found: no such VIP Connect call.", PATRON_GENERIC),
        "VIP_413": text("Validation failed: the request body is too large.", PATRON_INVALID),
        "VIP_429": text(TOO_MANY, PATRON_GENERIC),
        "VIP_OTHER": text("The service is temporarily unavailable.", PATRON_GENERIC),
    }
