"""`pitboss call`: a grpcurl-style client for the gRPC API.

    pitboss call pitboss.vip.v1.VipConnectService/LookupAccount \\
        -d '{"VipAccountNumber": "7210695258"}' -H "authorization: Bearer $TOKEN"

The request is JSON (the same keys as the HTTP API); the response is printed
as JSON. On an error it prints the gRPC status code, message and the typed
details, and exits 1.
"""

from __future__ import annotations

import grpc
from google.protobuf import json_format, message_factory
from google.protobuf.message import Message

from server.cli.rpc_error import print_rpc_error


def _method(full: str):
    import server.bootstrap  # noqa: F401  (imports every generated service module)
    from server.api.method import descriptor

    method = descriptor(full)
    if method is None:
        raise SystemExit(f"unknown method {full}")
    return method


def _cls(descriptor) -> type[Message]:
    return message_factory.GetMessageClass(descriptor)


def call(target: str, full: str, data: str, headers: list[str], timeout: float) -> int:
    m = _method(full)
    req_cls, resp_cls = _cls(m.input_type), _cls(m.output_type)
    request = json_format.Parse(data or "{}", req_cls())
    metadata = []
    for h in headers:
        k, _, v = h.partition(":")
        metadata.append((k.strip().lower(), v.strip()))
    with grpc.insecure_channel(target) as ch:
        rpc = ch.unary_unary(
            f"/{m.containing_service.full_name}/{m.name}",
            request_serializer=req_cls.SerializeToString,
            response_deserializer=resp_cls.FromString,
        )
        try:
            resp = rpc(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as e:
            return print_rpc_error(e)
    print(json_format.MessageToJson(resp, always_print_fields_with_no_presence=True))
    return 0


def _call(args) -> int:
    from server.config import get_settings

    s = get_settings()
    return call(args.target or s.grpc_address, args.method, args.data, args.header, args.timeout)


def add_parser(sub) -> None:
    c = sub.add_parser("call", help="call a gRPC method with a JSON request (grpcurl-style)")
    c.add_argument("method", help="e.g. pitboss.vip.v1.VipConnectService/LookupAccount")
    c.add_argument("-d", "--data", default="{}", help="the request as JSON")
    c.add_argument("-H", "--header", action="append", default=[], help='metadata, "key: value"')
    c.add_argument("--target", help="host:port (default: PITBOSS_GRPC_HOST:PITBOSS_GRPC_PORT)")
    c.add_argument("--timeout", type=float, default=10.0)
    c.set_defaults(fn=_call)
