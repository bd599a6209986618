"""The edge ceiling for `pitboss bench`: a gRPC server that answers
``OpsService/Healthz`` with a constant and does nothing else (no
interceptors, no database). Measured through the same Envoy configuration
as Pitboss, it shows what the edge and grpcio allow on this machine, so the
other figures can be read as a fraction of it.

    python -m server.bench.ceiling PORT
"""

from __future__ import annotations

import signal
import sys
import threading
from concurrent import futures

import grpc

from pitboss.ops.v1 import ops_pb2, ops_pb2_grpc

ANSWER = ops_pb2.HealthzResponse(status="SERVING", database="none", version="ceiling")


class _Ops(ops_pb2_grpc.OpsServiceServicer):
    def Healthz(self, request, context):
        return ANSWER


def main(argv: list[str]) -> int:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    ops_pb2_grpc.add_OpsServiceServicer_to_server(_Ops(), server)
    server.add_insecure_port(f"127.0.0.1:{int(argv[0])}")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server.start()
    stop.wait()
    server.stop(0).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
