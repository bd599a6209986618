"""The gRPC server process: listening, interceptors, health, reflection,
workers and shutdown. What it serves is built by the composition root
(``server/bootstrap.py``)."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import hmac
import json
import logging
import os
import signal
import socket
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from server.api.interceptors import EdgeInterceptor
from server.bootstrap import PLATFORM_OPEN, App, build, register
from server.config import Settings, address
from server.domain import hashing
from server.domain.hashing import HashGate
from server.storage import migrate
from server.outbox.dormancy import DormancyJob
from server.domain.records import events
from server.outbox.gateway_mail import MailDispatcher
from server.outbox.retention import EventPruner, UsagePruner
from server.outbox.verification import VerificationDispatcher
from server.outbox.ledger_anchor import LedgerAnchorJob

from server.outbox.vip_callbacks import VipNotifier

log = logging.getLogger("pitboss.server")

__all__ = ["App", "Server", "serve", "WORKERS"]

# Background workers started by `pitboss serve` (each: Worker(app).start(),
# .stop()). A family with one adds one line here.
WORKERS = [VipNotifier, MailDispatcher, VerificationDispatcher, DormancyJob, EventPruner, UsagePruner, LedgerAnchorJob]


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
        # Every service with its authenticator or OPEN (server/bootstrap.py);
        # one registered with neither stops start-up here.
        names = register(app, self.grpc)
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.grpc)
        names += list(PLATFORM_OPEN)
        reflection.enable_server_reflection(names, self.grpc)
        self.service_names = names
        self.address = address(s.grpc_host, s.grpc_port)
        self.port = self.grpc.add_insecure_port(self.address)
        if self.port == 0:
            raise RuntimeError(f"cannot listen on {self.address}")
        if s.upstream_port is not None and self.grpc.add_insecure_port(f"127.0.0.1:{s.upstream_port}") == 0:
            raise RuntimeError(f"cannot listen on 127.0.0.1:{s.upstream_port}")

    async def start(self) -> None:
        # The hash budget and its processes belong to a started server only
        # (a server refused at construction leaves no process-wide gate).
        s = self.app.settings
        hashing.configure(HashGate(s.hash_rate, s.hash_burst, s.hash_workers, s.hash_queue, s.hash_nice))
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
    app = build(settings)
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
    service_event(app, events.Kind.SERVICE_START)
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
    service_event(app, events.Kind.SERVICE_STOP)
    app.db.dispose()
    log.info("stopped")


def credential_fingerprints(s: Settings) -> dict[str, str]:
    """A short keyed hash of each configured credential setting (the
    configuration as given: names and SHA-256 hashes of client secrets; the
    master secret hashed under itself), so that a change shows without the
    value."""
    def clients(cs) -> str:
        canonical = json.dumps(sorted(json.dumps(c.model_dump(mode="json"), sort_keys=True) for c in cs))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    return {"backoffice_clients": clients(s.backoffice_clients), "mts_reports_clients": clients(s.mts_reports_clients),
            "secret_key": hmac.new(s.secret_key.encode(), b"pitboss.secret_key", hashlib.sha256).hexdigest()[:16]}


def service_event(app: App, kind: events.Kind) -> None:
    """This process started serving or stopped (a significant event, one
    short write unit); a failure to record it is logged and never stops the
    process."""
    s = app.settings
    process = f"{socket.gethostname()[:40]}:{s.upstream_port or s.grpc_port}"
    units = app.units.records
    first = kind is events.Kind.SERVICE_START and s.run_workers  # one process compares the credentials

    def record(u) -> None:
        events.service_event(u.events, kind, app.clock.now(), process, os.getpid(), app.version)
        if first:
            events.credentials_event(u.events, app.clock.now(), credential_fingerprints(s))

    try:
        units.write(record)
    except Exception as exc:  # noqa: BLE001 - the service runs (or stops) even so
        log.warning("service event not recorded", extra={"fields": {"kind": kind.value, "error": type(exc).__name__}})


def backlog_engine(url: str):
    """What the metrics endpoint counts the outbox backlog with: a
    one-connection engine on ``url``, opened at the first scrape."""
    from server.storage.db import create_db_engine

    return lambda: create_db_engine(url, pool_size=1)
