"""`pitboss serve` (the gRPC server alone) and `pitboss mts-ws` (the MTS
WebSocket server alone, behind Envoy's /mts/v3/ws)."""

from __future__ import annotations

from server.config import get_settings


def _serve(args) -> int:
    from server.process.app import serve

    return serve(get_settings())


def _mts_ws(args) -> int:
    from server.process.mts_ws_server import serve_ws

    return serve_ws(get_settings())


def add_parser(sub) -> None:
    sub.add_parser("serve", help="run the gRPC server").set_defaults(fn=_serve)
    sub.add_parser("mts-ws", help="run the MTS WebSocket server (PITBOSS_MTS_WS_PORT)").set_defaults(fn=_mts_ws)
