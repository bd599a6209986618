"""The one place where domain errors become a gRPC status (with typed
details) and each partner family's documented HTTP status and body."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from pitboss.pam.v1 import pam_pb2
from pitboss.vip.v1 import vip_pb2
from server.api import edge
from server.domain import errors as E
from server.domain.mts import errors as MTS
from server.domain.mts.oauth import OAuthError
from server.domain.gateway import errors as GW
from server.domain.vip.errors import VipDeclined
from server.domain.vip.errors import SessionDeclined

GRPC_CODES: dict[type[E.DomainError], grpc.StatusCode] = {
    E.ValidationFailed: grpc.StatusCode.INVALID_ARGUMENT,
    E.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    E.PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    E.NotFound: grpc.StatusCode.NOT_FOUND,
    E.Declined: grpc.StatusCode.FAILED_PRECONDITION,
    E.Conflict: grpc.StatusCode.ABORTED,
    E.RateLimited: grpc.StatusCode.RESOURCE_EXHAUSTED,
    E.Unavailable: grpc.StatusCode.UNAVAILABLE,
}


def grpc_code(exc: E.DomainError) -> grpc.StatusCode:
    for cls in type(exc).__mro__:
        if cls in GRPC_CODES:
            return GRPC_CODES[cls]
    return grpc.StatusCode.INTERNAL


@dataclass
class Rendering:
    """What one failed call answers."""

    code: grpc.StatusCode
    message: str
    http_status: int | None = None  # None: the transcoder's own mapping
    body: Message | dict | None = None  # the documented HTTP body
    details: list[Message] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)  # extra response headers


class _Status(grpc.Status):
    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata) -> None:
        self.code = code
        self.details = details
        self.trailing_metadata = trailing_metadata


def to_grpc_status(r: Rendering, domain: str, reason: str, metadata: dict[str, str] | None = None) -> grpc.Status:
    info = error_details_pb2.ErrorInfo(reason=reason, domain=domain, metadata=metadata or {})
    details = [info, *r.details]
    if isinstance(r.body, Message):
        details.append(r.body)
    packed = []
    for d in details:
        a = any_pb2.Any()
        a.Pack(d)
        packed.append(a)
    st = status_pb2.Status(code=r.code.value[0], message=r.message, details=packed)
    md = [("grpc-status-details-bin", st.SerializeToString())]
    if r.http_status is not None:
        body = edge.to_json_dict(r.body) if isinstance(r.body, Message) else r.body
        md += edge.hints(r.http_status, body)
    md += r.metadata
    return _Status(r.code, r.message, tuple(md))


def _bad_request(exc: E.DomainError) -> list[Message]:
    if not isinstance(exc, E.ValidationFailed):
        return []
    return [
        error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.message, reason=v.code)
                for v in exc.violations
            ]
        )
    ]


# ---------------------------------------------------------------- per family

VIP_PATRON_INVALID = "Invalid request data. Please check your input and try again."
VIP_PATRON_GENERIC = "Sorry, unable to complete this request. Please try again later."


def _vip(exc: E.DomainError | None) -> Rendering:
    def body(code: str, op: str, patron: str) -> vip_pb2.VipError:
        return vip_pb2.VipError(error_code=code, operator_error_message=op, patron_error_message=patron)

    if isinstance(exc, E.ValidationFailed):
        text = "Validation failed: " + " ".join(v.message for v in exc.violations)
        return Rendering(grpc_code(exc), text, 400, body("400", text, VIP_PATRON_INVALID), _bad_request(exc))
    if isinstance(exc, E.Unauthenticated):
        text = "Unauthorized: the bearer token is missing, invalid or expired."
        return Rendering(grpc_code(exc), text, 401, body("401", text, VIP_PATRON_GENERIC))
    if isinstance(exc, E.NotFound):
        text = exc.message
        return Rendering(grpc_code(exc), text, 404, body("404", text, VIP_PATRON_GENERIC))
    if isinstance(exc, SessionDeclined) and exc.body is not None:
        # Session calls answer a decline with the session-shaped body and 200
        # (seeds/000); gRPC callers get an honest status (docs/vip.md).
        e = exc.entry
        code = grpc.StatusCode.RESOURCE_EXHAUSTED if e.code == "102" else grpc_code(exc)
        return Rendering(code, f"{e.code}: {e.operator_message}", 200, exc.body)
    if isinstance(exc, VipDeclined):
        e = exc.entry
        return Rendering(grpc_code(exc), e.operator_message, 400, body(e.code, e.operator_message, e.patron_message))
    if isinstance(exc, E.DomainError):
        return Rendering(grpc_code(exc), exc.message, 400, body("400", exc.message, VIP_PATRON_GENERIC))
    text = "Internal server error."
    return Rendering(grpc.StatusCode.INTERNAL, text, 500, body("500", text, VIP_PATRON_GENERIC))


def _mts(exc: E.DomainError | None) -> Rendering:
    """MTS answers every outcome with its reply envelope: a rejected report as
    a casino-sessions-inform-reply (HTTP 200), anything that cannot be routed
    as an error-reply (HTTP 4xx/5xx). gRPC callers get an honest status with
    the typed envelope as a detail."""
    from server.api.mts import now_ms, reply_json, reply_message

    if isinstance(exc, OAuthError):
        return _oauth(exc)
    if isinstance(exc, MTS.MtsRejected):
        args = (exc.correlation_id, now_ms(), MTS.REPLY_TYPE, exc.mts_code, exc.message)
        return Rendering(grpc_code(exc), exc.message, 200, reply_json(*args), [*_bad_request(exc), reply_message(*args)])
    if exc is None or isinstance(exc, MTS.MtsErrorReply):
        err = exc or MTS.MtsInternal(MTS.ERR_INTERNAL, "Internal error")
        code = {MTS.MtsTooLarge: grpc.StatusCode.RESOURCE_EXHAUSTED, MTS.MtsUnroutable: grpc.StatusCode.INVALID_ARGUMENT,
                MTS.MtsInternal: grpc.StatusCode.INTERNAL}.get(type(err)) or grpc_code(err)
        args = (err.correlation_id, now_ms(), MTS.ERROR_REPLY_TYPE, err.mts_code, err.message)
        return Rendering(code, err.message, err.http_status, reply_json(*args), [reply_message(*args)])
    return _default(exc)


def _oauth(exc: OAuthError) -> Rendering:
    """The token endpoint (RFC 6749 section 5.2): {"error", "error_description"},
    never cached; 401 invalid_client also names the Basic scheme."""
    from pitboss.mts.v1 import mts_pb2

    code = {"invalid_client": grpc.StatusCode.UNAUTHENTICATED,
            "server_error": grpc.StatusCode.INTERNAL}.get(exc.error, grpc.StatusCode.INVALID_ARGUMENT)
    body = {"error": exc.error, "error_description": exc.description}
    headers = [("cache-control", "no-store"), ("pragma", "no-cache")]
    if exc.http_status == 401:
        headers.append(("www-authenticate", 'Basic realm="pitboss-mts"'))
    detail = mts_pb2.OAuthError(error=exc.error, error_description=exc.description)
    return Rendering(code, exc.description, exc.http_status, body, [detail], headers)


def _pam(exc: E.DomainError | None) -> Rendering:
    """PAM hard errors: HTTP 401 (API token, session) and 400 (provider,
    malformed call) with the document's wrapper
    {"status": "ERROR", "error": {"code": "PAM_ERR_...", "message": ...}};
    gRPC callers get the same PamError as a detail. Business errors never get
    here: they are normal answers with status ERROR."""
    if isinstance(exc, E.Unauthenticated):
        status, code = 401, getattr(exc, "code", "PAM_ERR_API_TOKEN")
    elif isinstance(exc, E.ValidationFailed):
        status, code = 400, getattr(exc, "code", "PAM_ERR_UNDEFINED")
    elif isinstance(exc, E.Declined) and str(getattr(exc, "code", "")).startswith("PAM_ERR_"):
        status, code = 200, exc.code
    elif isinstance(exc, E.DomainError):
        status, code = 400, "PAM_ERR_UNDEFINED"
    else:
        status, code = 500, "PAM_ERR_UNDEFINED"
    text = exc.message if exc is not None and exc.message else "Internal error."
    err = pam_pb2.PamError(code=pam_pb2.PamErr.Value(code), message=text)
    body = {"status": "ERROR", "error": edge.to_json_dict(err)}
    grpc_status = grpc_code(exc) if exc is not None else grpc.StatusCode.INTERNAL
    headers = list(exc.extra.get("headers", ())) if exc is not None else []
    return Rendering(grpc_status, text, status, body, [err, *_bad_request(exc)], headers)


def _gateway(exc: E.DomainError | None) -> Rendering:
    """Player gateway (player-gateway.md): {"errMsg": ...} for input and token
    errors, {"result": ...} for required actions, 422 lists and 500."""

    def r(code: grpc.StatusCode, status: int, body: dict, details: list[Message] | None = None) -> Rendering:
        return Rendering(code, exc.message or exc.reason, status, body, details or [])

    if exc is None:
        return Rendering(grpc.StatusCode.INTERNAL, "internal server error", 500, {"result": "internal server error"})
    from server.api.games_errors import render as games
    from server.domain.protection.errors import Refused

    if isinstance(exc, Refused):  # Start Game refused by a protection (docs/protection.md)
        return Rendering(grpc.StatusCode.PERMISSION_DENIED, exc.message, 403, {"result": exc.code})
    found = games(exc)
    if found is not None:
        return found
    C = grpc.StatusCode
    if isinstance(exc, GW.InvalidBrand):
        return r(C.INVALID_ARGUMENT, 400, {"errMsg": "invalid input - invalid brand id"})
    if isinstance(exc, GW.InvalidInput):
        return r(C.INVALID_ARGUMENT, 400, {"errMsg": "invalid input"})
    if isinstance(exc, GW.UnknownMessage):
        return r(C.NOT_FOUND, 400, {"errMsg": "Message Not Found according to your search"})
    if isinstance(exc, GW.MessageFailure):
        return r(C.FAILED_PRECONDITION, exc.http_status, {"message_format": exc.tag})
    if isinstance(exc, GW.ActionRequired):
        return r(C.FAILED_PRECONDITION, 401, {"result": exc.code})
    if isinstance(exc, GW.BadCredentials):
        return r(C.UNAUTHENTICATED, 401, {"errMsg": "invalid input - invalid credentials"})
    if isinstance(exc, E.Unauthenticated):
        return r(C.UNAUTHENTICATED, 401, {"errMsg": "invalid input - invalid token"})
    if isinstance(exc, E.ValidationFailed):
        items = [{"field": v.field, "errorCode": v.code} for v in exc.violations]
        return r(C.INVALID_ARGUMENT, 422, {"result": items}, _bad_request(exc))
    if isinstance(exc, GW.TooManyAttempts):
        return r(C.RESOURCE_EXHAUSTED, 422, {"result": "Authentication attempts limit exceeded"})
    if isinstance(exc, GW.AccountLocked):
        return r(C.RESOURCE_EXHAUSTED, 429, {"errMsg": "too many failed logins - try again later"})
    if isinstance(exc, E.RateLimited):
        return r(C.RESOURCE_EXHAUSTED, 429, {"errMsg": "code already sent - try again later"})
    if isinstance(exc, E.NotFound):
        return r(C.NOT_FOUND, 404, {"errMsg": exc.message})
    return r(grpc_code(exc), 400, {"errMsg": "invalid input"})


def _default(exc: E.DomainError | None) -> Rendering:
    if exc is None:
        return Rendering(grpc.StatusCode.INTERNAL, "internal error")
    return Rendering(grpc_code(exc), exc.message or exc.reason, details=_bad_request(exc))


# gRPC package -> renderer. A renderer gets the domain error, or None for an
# unexpected exception (which must answer the family's documented 500).
RENDERERS: dict[str, Callable[[E.DomainError | None], Rendering]] = {
    "pitboss.vip.v1": _vip,
    "pitboss.mts.v1": _mts,
    "pitboss.pam.v1": _pam,
    "pitboss.gateway.v1": _gateway,
}


def _register_late() -> None:
    """Families whose tables live in their own modules (they import this one)."""
    from server.api import backoffice_errors

    RENDERERS["pitboss.backoffice.v1"] = backoffice_errors.render


def package_of(method: str) -> str:
    """'/pitboss.vip.v1.VipConnectService/LookupAccount' -> 'pitboss.vip.v1'."""
    service = method.lstrip("/").split("/", 1)[0]
    return service.rsplit(".", 1)[0]


def render(method: str, exc: E.DomainError | None) -> grpc.Status:
    if "pitboss.backoffice.v1" not in RENDERERS:
        _register_late()
    pkg = package_of(method)
    r = RENDERERS.get(pkg, _default)(exc)
    reason = exc.reason if exc is not None else "INTERNAL"
    meta = {"code": exc.code} if isinstance(exc, E.Declined) else None
    return to_grpc_status(r, pkg.removesuffix(".v1"), reason, meta)
