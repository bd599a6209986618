"""MTS's error table. MTS answers every outcome with its reply envelope: a
rejected report as a casino-sessions-inform-reply (HTTP 200), anything that
cannot be routed as an error-reply (HTTP 4xx/5xx). gRPC callers get an honest
status with the typed envelope as a detail. The OAuth2 token endpoint answers
RFC 6749 section 5.2 bodies."""

from __future__ import annotations

from pitboss.mts.v1 import mts_pb2
from server.api.errors.core import C, Call, Rendering, bad_request, default, grpc_code
from server.api.mts_reply import now_ms, reply_json, reply_message
from server.domain import errors as domain_errors
from server.domain.hashing import Throttled
from server.domain.mts import errors as mts_errors
from server.domain.mts.intake import MAX_MESSAGE_BYTES
from server.domain.mts.oauth import OAuthError

# error-reply type -> (gRPC code, HTTP status); None: by the error's kind.
ERROR_REPLIES: list[tuple[type[mts_errors.MtsErrorReply], C | None, int]] = [
    (mts_errors.MtsUnauthorized, C.UNAUTHENTICATED, 401),
    (mts_errors.MtsForbidden, C.PERMISSION_DENIED, 403),
    (mts_errors.MtsUnroutable, C.INVALID_ARGUMENT, 400),
    (mts_errors.MtsTooLarge, C.RESOURCE_EXHAUSTED, 413),
    (mts_errors.MtsInternal, C.INTERNAL, 500),
    (mts_errors.MtsErrorReply, None, 400),
]

# OAuth2 ``error`` -> (gRPC code, HTTP status); any other error: 400.
OAUTH_ERRORS: dict[str, tuple[C, int]] = {
    "invalid_client": (C.UNAUTHENTICATED, 401),
    "server_error": (C.INTERNAL, 500),
}
OAUTH_DEFAULT = (C.INVALID_ARGUMENT, 400)
OAUTH_HEADERS = [("cache-control", "no-store"), ("pragma", "no-cache")]
OAUTH_CHALLENGE = ("www-authenticate", 'Basic realm="pitboss-mts"')


def error_reply_status(err: mts_errors.MtsErrorReply) -> tuple[C, int]:
    for cls, code, status in ERROR_REPLIES:
        if isinstance(err, cls):
            return code or grpc_code(err), status
    raise AssertionError("MtsErrorReply is the last row")  # pragma: no cover


def http_status(exc: domain_errors.DomainError) -> int | None:
    """The HTTP status a JSON caller gets for ``exc`` (None: not an MTS answer)."""
    if isinstance(exc, OAuthError):
        return OAUTH_ERRORS.get(exc.error, OAUTH_DEFAULT)[1]
    if isinstance(exc, mts_errors.MtsRejected):
        return 200
    if isinstance(exc, mts_errors.MtsErrorReply):
        return error_reply_status(exc)[1]
    return None


def _oauth(exc: OAuthError) -> Rendering:
    """The token endpoint: {"error", "error_description"}, never cached; 401
    invalid_client also names the Basic scheme."""
    code, status = OAUTH_ERRORS.get(exc.error, OAUTH_DEFAULT)
    body = {"error": exc.error, "error_description": exc.description}
    headers = list(OAUTH_HEADERS)
    if status == 401:
        headers.append(OAUTH_CHALLENGE)
    detail = mts_pb2.OAuthError(error=exc.error, error_description=exc.description)
    return Rendering(code, exc.description, status, body, [detail], headers)


# A throttled token request (Envoy's rate limits, the server's hash budget):
# HTTP 429 with Retry-After and an RFC 6749 body.
OAUTH_TOO_MANY = "Too many token requests; retry after the Retry-After seconds"


def _throttled(exc: Throttled) -> Rendering:
    body = {"error": "temporarily_unavailable", "error_description": OAUTH_TOO_MANY}
    detail = mts_pb2.OAuthError(**body)
    return Rendering(C.RESOURCE_EXHAUSTED, OAUTH_TOO_MANY, 429, body, [detail],
                     [*OAUTH_HEADERS, ("retry-after", str(exc.retry_after))])


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if isinstance(exc, OAuthError):
        return _oauth(exc)
    if isinstance(exc, Throttled):
        if call is None or "/pitboss.mts.v1.MtsAuthService/" in call.method:
            return _throttled(exc)
        args = ("", now_ms(), mts_errors.ERROR_REPLY_TYPE, mts_errors.ERR_INTERNAL, exc.message)
        return Rendering(C.RESOURCE_EXHAUSTED, exc.message, 429, reply_json(*args), [reply_message(*args)],
                         [("retry-after", str(exc.retry_after))])
    if isinstance(exc, mts_errors.MtsRejected):
        args = (exc.correlation_id, now_ms(), mts_errors.REPLY_TYPE, exc.mts_code, exc.message)
        return Rendering(grpc_code(exc), exc.message, 200, reply_json(*args), [*bad_request(exc), reply_message(*args)])
    if exc is None or isinstance(exc, mts_errors.MtsErrorReply):
        err = exc or mts_errors.MtsInternal(mts_errors.ERR_INTERNAL, "Internal error")
        code, status = error_reply_status(err)
        args = (err.correlation_id, now_ms(), mts_errors.ERROR_REPLY_TYPE, err.mts_code, err.message)
        return Rendering(code, err.message, status, reply_json(*args), [reply_message(*args)])
    return default(exc)


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
