"""MTS's error table. MTS answers every outcome with its reply envelope: a
rejected report as a casino-sessions-inform-reply (HTTP 200), anything that
cannot be routed as an error-reply (HTTP 4xx/5xx). gRPC callers get an honest
status with the typed envelope as a detail. The OAuth2 token endpoint answers
RFC 6749 section 5.2 bodies."""

from __future__ import annotations

from pitboss.mts.v1 import mts_pb2
from server.api.errors.core import C, Answer, Call, Rendering, Row, bad_request, default, find, from_row, grpc_code
from server.api.mts_reply import reply_json, reply_message
from server.domain import errors as domain_errors
from server.domain.clock import SYSTEM, epoch_ms
from server.domain.hashing import Throttled
from server.domain.mts import errors as mts_errors
from server.domain.mts.intake import MAX_MESSAGE_BYTES
from server.domain.mts.oauth import OAuthError

# The error-replies (gRPC code, None: by the error's kind; HTTP status); the
# body, the reply envelope with the call's time, is made by ``render``.
ERROR_REPLIES: list[Row] = [
    Row(mts_errors.MtsUnauthorized, C.UNAUTHENTICATED, 401),
    Row(mts_errors.MtsForbidden, C.PERMISSION_DENIED, 403),
    Row(mts_errors.MtsUnroutable, C.INVALID_ARGUMENT, 400),
    Row(mts_errors.MtsTooLarge, C.RESOURCE_EXHAUSTED, 413),
    Row(mts_errors.MtsInternal, C.INTERNAL, 500),
    Row(mts_errors.MtsErrorReply, None, 400),
]

# The token endpoint (RFC 6749 section 5.2): {"error", "error_description"},
# never cached; 401 invalid_client also names the Basic scheme.
OAUTH_HEADERS = [("cache-control", "no-store"), ("pragma", "no-cache")]
OAUTH_CHALLENGE = ("www-authenticate", 'Basic realm="pitboss-mts"')


def _oauth_row(code: C, status: int, error: str | None) -> Row:
    return Row(OAuthError, code, status, body=lambda e: {"error": e.error, "error_description": e.description},
               details=lambda e: [mts_pb2.OAuthError(error=e.error, error_description=e.description)],
               message=lambda e: e.description,
               headers=lambda e: [*OAUTH_HEADERS, *([OAUTH_CHALLENGE] if status == 401 else [])],
               when=None if error is None else (lambda e: e.error == error))


OAUTH_ERRORS: list[Row] = [
    _oauth_row(C.UNAUTHENTICATED, 401, "invalid_client"),
    _oauth_row(C.INTERNAL, 500, "server_error"),
    _oauth_row(C.INVALID_ARGUMENT, 400, None),  # any other error
]


def error_reply_status(err: mts_errors.MtsErrorReply) -> tuple[C, int]:
    row = find(ERROR_REPLIES, err)
    return row.code or grpc_code(err), row.status


def http_status(exc: domain_errors.DomainError) -> int | None:
    """The HTTP status a JSON caller gets for ``exc`` (None: not an MTS answer)."""
    if isinstance(exc, OAuthError):
        return find(OAUTH_ERRORS, exc).status
    if isinstance(exc, mts_errors.MtsRejected):
        return 200
    if isinstance(exc, mts_errors.MtsErrorReply):
        return error_reply_status(exc)[1]
    return None


# A throttled token request (Envoy's rate limits, the server's hash budget):
# HTTP 429 with Retry-After and an RFC 6749 body.
OAUTH_TOO_MANY = "Too many token requests; retry after the Retry-After seconds"


def _throttled(exc: Throttled) -> Rendering:
    body = {"error": "temporarily_unavailable", "error_description": OAUTH_TOO_MANY}
    detail = mts_pb2.OAuthError(**body)
    return Rendering(C.RESOURCE_EXHAUSTED, OAUTH_TOO_MANY, 429, body, [detail],
                     [*OAUTH_HEADERS, ("retry-after", str(exc.retry_after))])


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    now_ms = epoch_ms(call.clock if call is not None else SYSTEM)
    if isinstance(exc, OAuthError):
        return from_row(find(OAUTH_ERRORS, exc), exc)
    if isinstance(exc, Throttled):
        if call is None or "/pitboss.mts.v1.MtsAuthService/" in call.method:
            return _throttled(exc)
        args = ("", now_ms, mts_errors.ERROR_REPLY_TYPE, mts_errors.ERR_INTERNAL, exc.message)
        return Rendering(C.RESOURCE_EXHAUSTED, exc.message, 429, reply_json(*args), [reply_message(*args)],
                         [("retry-after", str(exc.retry_after))])
    if exc is None or isinstance(exc, mts_errors.MtsErrorReply):
        err = exc or mts_errors.MtsInternal(mts_errors.ERR_INTERNAL, "Internal error")
        code, status = error_reply_status(err)
        args = (err.correlation_id, now_ms, mts_errors.ERROR_REPLY_TYPE, err.mts_code, err.message)
        return Rendering(code, err.message, status, reply_json(*args), [reply_message(*args)])
    return default(exc)


def answer(exc: domain_errors.DomainError, call: Call) -> Answer | None:
    """A rejected report: the casino-sessions-inform-reply with the negative
    validation code (HTTP 200); every violation travels to gRPC callers."""
    if not isinstance(exc, mts_errors.MtsRejected):
        return None
    args = (exc.correlation_id, epoch_ms(call.clock), mts_errors.REPLY_TYPE, exc.mts_code, exc.message)
    return Answer(exc.message, 200, reply_json(*args), [*bad_request(exc), reply_message(*args)])


# Envoy's own answers on MTS paths (envoy/envoy.yaml.tmpl): the message was not
# read, so no correlationId is echoed; timestampUtc is Envoy's start time in ms.
ENVOY_NOW_MS = "%START_TIME(%s%3f)%"


def envoy_replies() -> dict[str, object]:
    def error_reply(code: int, message: str) -> dict:
        return reply_json("", ENVOY_NOW_MS, mts_errors.ERROR_REPLY_TYPE, code, message)

    return {
        "MTS_OAUTH_429": {"error": "temporarily_unavailable", "error_description": OAUTH_TOO_MANY},
        "MTS_OAUTH_4XX": {"error": "invalid_request",
                          "error_description": "Malformed token request (HTTP %RESPONSE_CODE%)"},
        "MTS_OAUTH_OTHER": {"error": "temporarily_unavailable",
                            "error_description": "The token service is temporarily unavailable (HTTP %RESPONSE_CODE%)"},
        "MTS_413": error_reply(mts_errors.ERR_TOO_LARGE, f"Message too large: over {MAX_MESSAGE_BYTES} bytes"),
        "MTS_400": error_reply(mts_errors.ERR_MALFORMED, "Malformed message: the body must be a JSON object"),
        "MTS_404": error_reply(mts_errors.ERR_OPERATION, "Unknown operation: no such MTS path"),
        "MTS_OTHER": error_reply(mts_errors.ERR_INTERNAL, "Internal error: the service is temporarily unavailable"),
    }
