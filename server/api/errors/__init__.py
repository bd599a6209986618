"""Where domain errors become a gRPC status (with typed details) and each
partner family's documented HTTP status and body: one table per family
(``vip``, ``pam``, ``mts``, ``gateway``, ``backoffice``), the shared machinery in ``core``.

A new family adds ``server/api/errors/<family>.py`` with ``render(exc, call)``
and one line in ``RENDERERS``."""

from __future__ import annotations

from collections.abc import Callable

import grpc

from server.api.errors import backoffice, gateway, mts, pam, vip
from server.api.errors.core import Call, Rendering, default, to_grpc_status
from server.domain import errors as domain_errors

# gRPC package -> renderer. A renderer gets the domain error, or None for an
# unexpected exception (which must answer the family's documented 500).
RENDERERS: dict[str, Callable[[domain_errors.DomainError | None, Call], Rendering]] = {
    "pitboss.vip.v1": vip.render,
    "pitboss.mts.v1": mts.render,
    "pitboss.pam.v1": pam.render,
    "pitboss.gateway.v1": gateway.render,
    "pitboss.backoffice.v1": backoffice.render,
}


def package_of(method: str) -> str:
    """'/pitboss.vip.v1.VipConnectService/LookupAccount' -> 'pitboss.vip.v1'."""
    service = method.lstrip("/").split("/", 1)[0]
    return service.rsplit(".", 1)[0]


def render(method: str, exc: domain_errors.DomainError | None, metadata: dict[str, str] | None = None) -> grpc.Status:
    pkg = package_of(method)
    r = RENDERERS.get(pkg, default)(exc, Call(method, metadata or {}))
    reason = exc.reason if exc is not None else "INTERNAL"
    meta = {"code": exc.code} if isinstance(exc, domain_errors.Declined) else None
    return to_grpc_status(r, pkg.removesuffix(".v1"), reason, meta)


def envoy_local_replies() -> dict[str, object]:
    """Every family's bodies for the answers Envoy makes itself (placeholder
    name -> JSON body), from the same constants as the tables."""
    return {**vip.envoy_replies(), **mts.envoy_replies(), **pam.envoy_replies(), **gateway.envoy_replies()}
