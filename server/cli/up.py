"""`pitboss up`: gRPC server + Envoy + the MTS WebSocket server (what `make run` runs)."""

from __future__ import annotations

from server.config import get_settings


def _up(args) -> int:
    from server.process.supervisor import up

    return up(get_settings())


def add_parser(sub) -> None:
    sub.add_parser("up", help="run the gRPC server and Envoy").set_defaults(fn=_up)
