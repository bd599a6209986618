"""The one place where domain errors become a gRPC status (with typed
details) and each partner family's documented HTTP status and body."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from pitboss.vip.v1 import vip_pb2
from server.api import edge
from server.domain import errors as E
from server.domain.vip.errors import VipDeclined
from server.domain.vip.errors import SessionDeclined, VipNotFound

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
        text = exc.public if isinstance(exc, VipNotFound) else "Patron not found."
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


def _default(exc: E.DomainError | None) -> Rendering:
    if exc is None:
        return Rendering(grpc.StatusCode.INTERNAL, "internal error")
    return Rendering(grpc_code(exc), exc.message or exc.reason, details=_bad_request(exc))


# gRPC package -> renderer. A renderer gets the domain error, or None for an
# unexpected exception (which must answer the family's documented 500).
RENDERERS: dict[str, Callable[[E.DomainError | None], Rendering]] = {
    "pitboss.vip.v1": _vip,
}


def package_of(method: str) -> str:
    """'/pitboss.vip.v1.VipConnectService/LookupAccount' -> 'pitboss.vip.v1'."""
    service = method.lstrip("/").split("/", 1)[0]
    return service.rsplit(".", 1)[0]


def render(method: str, exc: E.DomainError | None) -> grpc.Status:
    pkg = package_of(method)
    r = RENDERERS.get(pkg, _default)(exc)
    reason = exc.reason if exc is not None else "INTERNAL"
    meta = {"code": exc.code} if isinstance(exc, E.Declined) else None
    return to_grpc_status(r, pkg.removesuffix(".v1"), reason, meta)
