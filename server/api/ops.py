"""Readiness through the edge: GET /healthz."""

from __future__ import annotations

from pitboss.ops.v1 import ops_pb2, ops_pb2_grpc
from server.domain.errors import Unavailable


class OpsServicer(ops_pb2_grpc.OpsServiceServicer):
    def __init__(self, app) -> None:
        self.app = app

    async def Healthz(self, request, context) -> ops_pb2.HealthzResponse:
        try:
            self.app.db.ping()
        except Exception:  # noqa: BLE001 - any database fault means not ready
            raise Unavailable("database not ready") from None
        return ops_pb2.HealthzResponse(status="SERVING", database=self.app.db.backend, version=self.app.version)
