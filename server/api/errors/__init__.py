"""Where domain errors become a gRPC status (with typed details) and each
partner family's documented HTTP status and body: one table per family
(``vip``, ``pam``, ``mts``, ``gateway``, ``backoffice``), the shared machinery in ``core``.

A new family adds ``server/api/errors/<family>.py`` with ``render(exc, call)``
and one line in ``RENDERERS`` (and, if its documents answer some declines as
normal responses, ``answer(exc, call)`` and one line in ``ANSWERS``).

A decline answered as a normal response (``server.domain.outcome.
AnsweredDecline``) is handled here, in one way for every family: the
family's ``answer`` gives the documented answer, ``core.answered`` the gRPC
status."""

from __future__ import annotations

from collections.abc import Callable

import grpc

from server.api.errors import backoffice, gateway, mts, pam, vip
from server.api.errors.core import Answer, Call, Rendering, answered, default, to_grpc_status
from server.api.method import parse
from server.domain import errors as domain_errors
from server.domain.clock import SYSTEM, Clock
from server.domain.outcome import AnsweredDecline

# gRPC package -> renderer. A renderer gets the domain error, or None for an
# unexpected exception (which must answer the family's documented 500).
RENDERERS: dict[str, Callable[[domain_errors.DomainError | None, Call], Rendering]] = {
    "pitboss.vip.v1": vip.render,
    "pitboss.mts.v1": mts.render,
    "pitboss.pam.v1": pam.render,
    "pitboss.gateway.v1": gateway.render,
    "pitboss.backoffice.v1": backoffice.render,
}

# gRPC package -> the documented normal answer of an ``AnsweredDecline``
# (None: the call has none, e.g. an RPC without ``decline_in_response``;
# the error is then rendered by the family's table).
ANSWERS: dict[str, Callable[[domain_errors.DomainError, Call], Answer | None]] = {
    "pitboss.vip.v1": vip.answer,
    "pitboss.mts.v1": mts.answer,
    "pitboss.pam.v1": pam.answer,
    "pitboss.gateway.v1": gateway.answer,
}


def render(method: str, exc: domain_errors.DomainError | None, metadata: dict[str, str] | None = None,
           clock: Clock = SYSTEM) -> grpc.Status:
    pkg = parse(method).package
    call = Call(method, metadata or {}, clock)
    answer = ANSWERS.get(pkg) if isinstance(exc, AnsweredDecline) else None
    a = answer(exc, call) if answer is not None else None
    r = answered(a, exc) if a is not None else RENDERERS.get(pkg, default)(exc, call)
    reason = exc.reason if exc is not None else "INTERNAL"
    meta = {"code": exc.code} if isinstance(exc, domain_errors.Declined) else None
    return to_grpc_status(r, pkg.removesuffix(".v1"), reason, meta)


def envoy_local_replies() -> dict[str, object]:
    """Every family's bodies for the answers Envoy makes itself (placeholder
    name -> JSON body), from the same constants as the tables."""
    return {**vip.envoy_replies(), **mts.envoy_replies(), **pam.envoy_replies(), **gateway.envoy_replies()}
