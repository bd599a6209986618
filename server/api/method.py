"""The one method-name parser: a gRPC method path in its parts.

``parse("/pitboss.vip.v1.VipConnectService/CreateExistingSession")`` is
``Method(package="pitboss.vip.v1", service="pitboss.vip.v1.VipConnectService",
name="CreateExistingSession")``. Every part of the transport that needs the
family (package), the service or the RPC of a call reads it here."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Method:
    package: str  # "pitboss.vip.v1": the family, whose error table answers
    service: str  # the fully qualified service: whose authenticator runs
    name: str  # the RPC's own name

    @property
    def path(self) -> str:
        return f"/{self.service}/{self.name}"


@functools.lru_cache(maxsize=1024)
def parse(path: str) -> Method:
    service, _, name = path.lstrip("/").partition("/")
    package = service.rpartition(".")[0]
    return Method(package, service, name)
