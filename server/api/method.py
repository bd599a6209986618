"""The one method-name parser: a gRPC method path in its parts.

``parse("/pitboss.vip.v1.VipConnectService/CreateExistingSession")`` is
``Method(package="pitboss.vip.v1", service="pitboss.vip.v1.VipConnectService",
name="CreateExistingSession")``. Every part of the transport that needs the
family (package), the service or the RPC of a call reads it here, and the
RPC's descriptor and edge options (``decline_response``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.descriptor import MethodDescriptor
from google.protobuf.message import Message

from pitboss.common.v1 import edge_pb2


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


@functools.lru_cache(maxsize=1024)
def descriptor(path: str) -> MethodDescriptor | None:
    """The RPC's descriptor (None: not a method of a loaded service)."""
    m = parse(path)
    try:
        return descriptor_pool.Default().FindMethodByName(f"{m.service}.{m.name}")
    except KeyError:
        return None


def edge_options(path: str) -> edge_pb2.EdgeMethod:
    """The RPC's ``pitboss.common.v1.edge_method`` option (empty: none)."""
    d = descriptor(path)
    if d is None or not d.GetOptions().HasExtension(edge_pb2.edge_method):
        return edge_pb2.EdgeMethod()
    return d.GetOptions().Extensions[edge_pb2.edge_method]


@functools.lru_cache(maxsize=1024)
def decline_response(path: str) -> type[Message] | None:
    """The message a business decline of this RPC is answered with: its
    output type when the RPC is marked ``decline_in_response``, else None."""
    d = descriptor(path)
    if d is None or not edge_options(path).decline_in_response:
        return None
    return message_factory.GetMessageClass(d.output_type)
