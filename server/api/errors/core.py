"""What every family's error table shares: the answer of a failed call
(``Rendering``), one table row (``Row``), a decline's normal answer
(``Answer``, ``answered``), and how a rendering becomes a gRPC status with
typed details and the edge's HTTP hints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from server.api import edge
from server.api.method import decline_response
from server.domain import errors as domain_errors
from server.domain.clock import SYSTEM, Clock

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
    method, request metadata (e.g. for trace headers on the answer) and the
    App's clock (the time an answer states)."""

    method: str
    metadata: dict[str, str] = field(default_factory=dict)
    clock: Clock = SYSTEM

    @property
    def decline_response(self) -> type[Message] | None:
        """The RPC's output type when its declines are answered with it (the
        ``decline_in_response`` edge option)."""
        return decline_response(self.method)


@dataclass
class Answer:
    """The documented normal answer of a decline (``AnsweredDecline``): its
    status message, HTTP status and body, typed details (the response message
    itself for a gRPC caller) and extra response headers. The gRPC status is
    not the family's to choose (``answered``)."""

    message: str
    http_status: int
    body: Message | dict
    details: list[Message] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)


def answered(a: Answer, exc: domain_errors.DomainError) -> Rendering:
    """The one decision about a decline answered as a normal response: a
    gRPC caller gets a failed call with the status of the error's kind
    (``grpc_code``: Declined FAILED_PRECONDITION, ValidationFailed
    INVALID_ARGUMENT, RateLimited RESOURCE_EXHAUSTED) and the answer in its
    details; the edge answers the documented HTTP status and body."""
    return Rendering(grpc_code(exc), a.message, a.http_status, a.body, a.details, a.metadata)


def _none(exc) -> list:
    return []


@dataclass(frozen=True)
class Row:
    """One line of a family's error table, the one shape of every family:
    errors of type ``exc`` (and, with ``when``, only those it accepts) answer
    gRPC ``code`` (None: by the error's kind, ``grpc_code``), HTTP ``status``
    (None: no HTTP rendering, the transcoder's own mapping) with
    ``body(exc)``, the typed ``details(exc)``, the status message
    ``message(exc)`` (None: the error's own) and extra response headers."""

    exc: type[BaseException]
    code: grpc.StatusCode | None
    status: int | None = None
    body: Callable[[Any], Message | dict] | None = None
    details: Callable[[Any], list[Message]] = _none
    message: Callable[[Any], str] | None = None
    headers: Callable[[Any], list[tuple[str, str]]] = _none
    when: Callable[[Any], bool] | None = None


def find(table: Sequence[Row], exc: BaseException) -> Row:
    """The first row (tables list the specific types first) that ``exc`` is;
    every table ends with a row that takes any of its errors."""
    for row in table:
        if isinstance(exc, row.exc) and (row.when is None or row.when(exc)):
            return row
    raise LookupError(f"no row for {type(exc).__name__}")  # pragma: no cover - tables end with a catch-all


def from_row(row: Row, exc: domain_errors.DomainError) -> Rendering:
    text = row.message(exc) if row.message is not None else (exc.message or exc.reason)
    body = row.body(exc) if row.body is not None else None
    return Rendering(row.code or grpc_code(exc), text, row.status, body, row.details(exc), row.headers(exc))


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
