"""The gRPC server: servicers, interceptors, health, reflection, shutdown."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from concurrent import futures
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from pitboss.backoffice.v1 import backoffice_pb2, backoffice_pb2_grpc, protection_pb2, protection_pb2_grpc
from pitboss.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
from pitboss.ops.v1 import ops_pb2, ops_pb2_grpc
from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from server.api.backoffice import BackofficeServicer
from server.api.protection_backoffice import ProtectionBackofficeServicer
from server.api.gateway import PlayerGatewayServicer
from server.api.interceptors import EdgeInterceptor
from server.api.mts import MtsReportsServicer, MtsServicer
from server.api.mts_oauth import MtsAuthServicer
from server.api.ops import OpsServicer
from server.api.pam import PamServicer
from server.api.vip import VipConnectServicer, VipWebServicer
from server.config import Settings, address
from server.domain import hashing
from server.domain.hashing import HashGate
from server.domain.protection.clock import Clock
from server.security import Vault
from server.storage import migrate
from server.storage.db import Database
from server.outbox.gateway_mail import MailDispatcher
from server.outbox.vip_callbacks import VipNotifier

log = logging.getLogger("pitboss.server")

try:
    VERSION = version("pitboss")
except PackageNotFoundError:  # pragma: no cover
    VERSION = "0.0.0"


@dataclass
class App:
    """Process-wide services handed to every servicer."""

    settings: Settings
    db: Database
    vault: Vault
    version: str = VERSION
    # The protection clock (real time; in demo mode plus the offset in
    # PITBOSS_PROTECTION_CLOCK_FILE, for tests).
    clock: Clock = field(default_factory=Clock)

    @classmethod
    def create(cls, settings: Settings) -> "App":
        db = Database(settings.database_url, settings.db_pool_size, settings.pam_lock_timeout_ms)
        clock = Clock(settings.protection_clock_file if settings.demo else "")
        return cls(settings, db, Vault(settings.secret_key), clock=clock)


# (add_servicer_fn, servicer class, full service name). A new partner family
# adds one line here.
SERVICES = [
    (vip_pb2_grpc.add_VipConnectServiceServicer_to_server, VipConnectServicer,
     vip_pb2.DESCRIPTOR.services_by_name["VipConnectService"].full_name),
    (mts_pb2_grpc.add_MtsServiceServicer_to_server, MtsServicer, mts_pb2.DESCRIPTOR.services_by_name["MtsService"].full_name),
    (mts_pb2_grpc.add_MtsReportsServiceServicer_to_server, MtsReportsServicer,
     mts_pb2.DESCRIPTOR.services_by_name["MtsReportsService"].full_name),
    (mts_pb2_grpc.add_MtsAuthServiceServicer_to_server, MtsAuthServicer,
     mts_pb2.DESCRIPTOR.services_by_name["MtsAuthService"].full_name),
    (pam_pb2_grpc.add_PamServiceServicer_to_server, PamServicer, pam_pb2.DESCRIPTOR.services_by_name["PamService"].full_name),
    (gateway_pb2_grpc.add_PlayerGatewayServiceServicer_to_server, PlayerGatewayServicer,
     gateway_pb2.DESCRIPTOR.services_by_name["PlayerGatewayService"].full_name),
    (ops_pb2_grpc.add_OpsServiceServicer_to_server, OpsServicer,
     ops_pb2.DESCRIPTOR.services_by_name["OpsService"].full_name),
    (vip_pb2_grpc.add_VipWebServiceServicer_to_server, VipWebServicer,
     vip_pb2.DESCRIPTOR.services_by_name["VipWebService"].full_name),
    (backoffice_pb2_grpc.add_BackofficeServiceServicer_to_server, BackofficeServicer,
     backoffice_pb2.DESCRIPTOR.services_by_name["BackofficeService"].full_name),
    (protection_pb2_grpc.add_ProtectionBackofficeServiceServicer_to_server, ProtectionBackofficeServicer,
     protection_pb2.DESCRIPTOR.services_by_name["ProtectionBackofficeService"].full_name),
]

# Background workers started by `pitboss serve` (each: Worker(app).start(),
# .stop()). A family with one adds one line here.
WORKERS = [VipNotifier, MailDispatcher]


METADATA_MAX = 128 * 1024


class Server:
    """The grpc.aio server. Coroutine servicer methods run on the event loop;
    plain ones on a thread pool of PITBOSS_GRPC_WORKERS threads."""

    def __init__(self, app: App) -> None:
        self.app = app
        s = app.settings
        self.pool = futures.ThreadPoolExecutor(max_workers=s.grpc_workers, thread_name_prefix="rpc")
        self.grpc = grpc.aio.server(
            migration_thread_pool=self.pool,
            interceptors=[EdgeInterceptor(app)],
            # Several processes share the gRPC port only when `pitboss up`
            # starts them so (a stray second server must fail to bind).
            # Request metadata up to 128 KiB: more than Envoy forwards (it
            # answers 431 beyond its own 60 KiB of request headers), so that
            # gRPC's default 8 KiB soft / 16 KiB hard limits never refuse a
            # request the edge let through (429 with a raw gRPC status).
            options=[("grpc.so_reuseport", 1 if s.server_processes > 1 else 0),
                     ("grpc.max_metadata_size", METADATA_MAX), ("grpc.absolute_max_metadata_size", METADATA_MAX)],
            # No server-wide cap on concurrent calls: it would be one the
            # wallet shares with every other family. Each thread-pool family
            # is capped on its own (PITBOSS_FAMILY_THREADS, the interceptor),
            # the expensive doors by Envoy's rate limits and the hash budget.
        )
        hashing.configure(HashGate(s.hash_rate, s.hash_burst, s.hash_workers, s.hash_queue, s.hash_nice))
        names = []
        for add, servicer, name in SERVICES:
            add(servicer(app), self.grpc)
            names.append(name)
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.grpc)
        names += [health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME]
        reflection.enable_server_reflection(names, self.grpc)
        self.service_names = names
        self.address = address(s.grpc_host, s.grpc_port)
        self.port = self.grpc.add_insecure_port(self.address)
        if self.port == 0:
            raise RuntimeError(f"cannot listen on {self.address}")
        if s.upstream_port is not None and self.grpc.add_insecure_port(f"127.0.0.1:{s.upstream_port}") == 0:
            raise RuntimeError(f"cannot listen on 127.0.0.1:{s.upstream_port}")

    async def start(self) -> None:
        await self.grpc.start()
        await self._set_health(health_pb2.HealthCheckResponse.SERVING)
        log.info("grpc server listening", extra={"fields": {"address": self.address}})

    async def stop(self, grace: float | None = None) -> None:
        """Refuse new calls, let in-flight calls finish (up to ``grace`` s)."""
        await self._set_health(health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.grpc.stop(self.app.settings.shutdown_grace if grace is None else grace)
        self.pool.shutdown(wait=True)
        hashing.configure(None)

    async def _set_health(self, status) -> None:
        await self.health.set("", status)
        for name in self.service_names:
            await self.health.set(name, status)


def serve(settings: Settings) -> int:
    """`pitboss serve`: migrate, serve until SIGTERM/SIGINT, then drain and exit 0."""
    if settings.is_demo_secret and not settings.demo:
        log.error("PITBOSS_SECRET_KEY is the demo key: set your own secret (or PITBOSS_DEMO=1 for the demo)")
        return 2
    if settings.protection_clock_file and not settings.demo:
        log.error("PITBOSS_PROTECTION_CLOCK_FILE moves the protection clock: it is for demo mode and tests only")
        return 2
    app = App.create(settings)
    if settings.is_demo_secret:
        log.warning("demo mode: PITBOSS_SECRET_KEY is the demo key; never use it for real data")
    migrate.upgrade(app.db.engine)
    from server.observability import metrics, tracing

    endpoint = None
    if settings.metrics_port:  # `pitboss serve` alone; under `pitboss up` the supervisor serves
        try:
            endpoint = metrics.serve(settings.metrics_host, settings.metrics_port,
                                     metrics.registry_for(backlog_engine(settings.database_url), metrics.multiproc_dir()))
        except OSError as exc:
            log.error("cannot serve metrics", extra={"fields": {
                "address": address(settings.metrics_host, settings.metrics_port), "error": exc.strerror}})
            return 1
    tracing.setup()
    try:
        asyncio.run(_serve(app))
    finally:
        metrics.flush()
        if endpoint is not None:
            endpoint.shutdown()
        tracing.shutdown()
    return 0


async def _serve(app: App) -> None:
    server = Server(app)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await server.start()
    workers = [w(app).start() for w in WORKERS] if app.settings.run_workers else []
    # Everything loaded so far (modules, descriptors, the ORM's mappers) lives
    # as long as the process: move it out of the collector's generations so a
    # full collection under load does not walk it again (the wallet's p99).
    gc.collect()
    gc.freeze()
    await stop.wait()
    log.info("shutting down: draining in-flight calls")
    await server.stop()
    for w in workers:
        w.stop()
    app.db.dispose()
    log.info("stopped")


def backlog_engine(url: str):
    """What the metrics endpoint counts the outbox backlog with: a
    one-connection engine on ``url``, opened at the first scrape."""
    from server.storage.db import create_db_engine

    return lambda: create_db_engine(url, pool_size=1)
