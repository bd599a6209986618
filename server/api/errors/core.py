"""What every family's error table shares: the answer of a failed call
(``Rendering``), one table row (``Row``), and how a rendering becomes a gRPC
status with typed details and the edge's HTTP hints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from server.api import edge
from server.domain import errors as domain_errors

C = grpc.StatusCode

# The gRPC code of a domain error by its kind, for rows that do not name one.
GRPC_CODES: dict[type[domain_errors.DomainError], grpc.StatusCode] = {
    domain_errors.ValidationFailed: C.INVALID_ARGUMENT,
    domain_errors.Unauthenticated: C.UNAUTHENTICATED,
    domain_errors.PermissionDenied: C.PERMISSION_DENIED,
    domain_errors.NotFound: C.NOT_FOUND,
    domain_errors.Declined: C.FAILED_PRECONDITION,
    domain_errors.Conflict: C.ABORTED,
    domain_errors.RateLimited: C.RESOURCE_EXHAUSTED,
    domain_errors.Unavailable: C.UNAVAILABLE,
}


def grpc_code(exc: domain_errors.DomainError) -> grpc.StatusCode:
    for cls in type(exc).__mro__:
        if cls in GRPC_CODES:
            return GRPC_CODES[cls]
    return C.INTERNAL


@dataclass
class Rendering:
    """What one failed call answers."""

    code: grpc.StatusCode
    message: str
    http_status: int | None = None  # None: the transcoder's own mapping
    body: Message | dict | None = None  # the documented HTTP body
    details: list[Message] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)  # extra response headers


@dataclass(frozen=True)
class Call:
    """What a renderer may know of the failed call besides the error: its
    method and request metadata (e.g. for trace headers on the answer)."""

    method: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One line of a family's table: errors of type ``exc`` answer gRPC
    ``code`` (None: by the error's kind, ``grpc_code``) and HTTP ``status``
    with ``body(exc)``."""

    exc: type[BaseException]
    code: grpc.StatusCode | None
    status: int
    body: Callable[[domain_errors.DomainError], Message | dict]
    details: Callable[[domain_errors.DomainError], list[Message]] = lambda exc: []
    message: Callable[[domain_errors.DomainError], str] | None = None  # None: the error's own message
    headers: Callable[[domain_errors.DomainError], list[tuple[str, str]]] = lambda exc: []  # extra response headers


def find(table: Sequence[Row], exc: domain_errors.DomainError) -> Row | None:
    """The first row (tables list the specific types first) that ``exc`` is."""
    for row in table:
        if isinstance(exc, row.exc):
            return row
    return None


def from_row(row: Row, exc: domain_errors.DomainError) -> Rendering:
    text = row.message(exc) if row.message is not None else (exc.message or exc.reason)
    return Rendering(row.code or grpc_code(exc), text, row.status, row.body(exc), row.details(exc), row.headers(exc))


def retry_after(exc: domain_errors.DomainError) -> list[tuple[str, str]]:
    """A throttled call's ``Retry-After`` (whole seconds; server/domain/hashing.py)."""
    return [("retry-after", str(getattr(exc, "retry_after", 1)))]


def bad_request(exc: domain_errors.DomainError | None) -> list[Message]:
    """A ValidationFailed's violations as google.rpc.BadRequest."""
    if not isinstance(exc, domain_errors.ValidationFailed):
        return []
    return [
        error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.message, reason=v.code)
                for v in exc.violations
            ]
        )
    ]


def default(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    """Families without a documented HTTP error shape (ops): the transcoder's mapping."""
    if exc is None:
        return Rendering(C.INTERNAL, "internal error")
    return Rendering(grpc_code(exc), exc.message or exc.reason, details=bad_request(exc))


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
