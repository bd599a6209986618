"""`pitboss up`: the gRPC server and Envoy together.

Migrates the database, loads the demo records into an empty database (demo
mode only, PITBOSS_DEMO=1 as `make run` sets it), starts `pitboss serve`
(PITBOSS_SERVER_PROCESSES of them) and Envoy as child processes, waits until
GET /healthz through Envoy answers 200, prints where everything listens (and,
in demo mode, the demo credentials), and then watches them all: Ctrl-C /
SIGTERM stops them (exit 0); if one dies, the others are stopped and the exit
status is non-zero.

With several server processes, each gets a loopback port of its own that
Envoy balances over (round robin), and all share the gRPC port (SO_REUSEPORT)
for internal callers. Only the first runs the outbox workers.

A further child, `pitboss mts-ws` (the MTS WebSocket server behind Envoy's
/mts/v3/ws, on a loopback port), is restarted whenever it exits; its clients
reconnect, as the vendor's SDKs do.

Metrics: every child writes its values to ``var/metrics-<http port>/``
(prometheus-client's multiprocess mode, emptied at each start) and the
supervisor serves their sum on ``PITBOSS_METRICS_HOST:PITBOSS_METRICS_PORT``
(``/metrics``), so one scrape covers every process (docs/observability.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from server.config import ROOT, Settings, address, connect_host
from server.observability import metrics
from server.process import demo_file
from server.process.envoy import render_config, start_envoy
from server.simulators import SIMULATORS, Simulator


def _child_setup() -> None:  # pragma: no cover - runs in the child
    """Own process group (Ctrl-C reaches only the supervisor, which stops the
    children in order) and die with the supervisor (Linux PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except Exception:  # noqa: BLE001
        pass


def free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(addresses: list[tuple[str, int]], procs: list[subprocess.Popen], deadline: float) -> bool:
    waiting = list(addresses)
    while waiting and time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            return False
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(waiting[0]) == 0:
                waiting.pop(0)
                continue
        time.sleep(0.1)
    return not waiting


def _ready(settings: Settings) -> bool:
    try:
        with urllib.request.urlopen(f"{settings.http_url}/healthz", timeout=1) as r:
            if r.status != 200:
                return False
        with urllib.request.urlopen(f"http://127.0.0.1:{settings.mts_ws_port}/healthz", timeout=1) as r:
            return r.status == 200
    except Exception:  # noqa: BLE001
        return False


class Restarting:
    """A child that is started again whenever it exits (the MTS WebSocket
    server): at most once a second, the exit logged."""

    def __init__(self, name: str, start, on_exit=None) -> None:
        self.name = name
        self._start = start
        self._on_exit = on_exit
        self.proc: subprocess.Popen = start()
        self._due: float | None = None

    def check(self) -> None:
        if self.proc.poll() is None:
            return
        now = time.monotonic()
        if self._due is None:
            print(f"pitboss up: {self.name} exited with status {self.proc.returncode}; restarting",
                  file=sys.stderr, flush=True)
            self._due = now + 1.0
        elif now >= self._due:
            if self._on_exit is not None:
                self._on_exit(self.proc.pid)
            self.proc = self._start()
            self._due = None


def _stop(procs: list[subprocess.Popen], timeout: float = 25.0) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def banner(settings: Settings, db_backend: str) -> str:
    lines = _endpoints(settings, db_backend)
    if settings.demo:
        lines += DEMO_CREDENTIALS
    return "\n".join([*lines, "", "Ctrl-C stops them all.", ""])


DEMO_CREDENTIALS = [
    "Demo credentials (the CLI in another terminal finds this stack through var/demo.json):",
    "  VIP Connect        operators operator-1, operator-2: .venv/bin/pitboss token vip --operator operator-1",
    "                     operator-3 (the cashier of brand 1: its wallet is the platform's own PAM wallet)",
    "  Back office (gRPC) Authorization: Bearer backoffice-demo-token, x-acting-user: <you>; .venv/bin/pitboss admin player 33003139",
    "  MTS casino reports operatorId 1: Authorization: Bearer mts-demo-token (POST /mts/v3/casino-sessions-inform)",
    "                     WebSocket: client mts-demo-client / mts-demo-secret, audience mbs-dp-non-prod-wss (POST /mts/v3/oauth/token)",
    "  PAM (Valkyrie)     Authorization: Bearer pam-demo-api-token; X-Player-Token 7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43 (provider evolution)",
    "  Player gateway     brand 1 itamar1 / Secret123, brand 2 brand2player / Secret123 (POST /gateway/login/1.30.00/1/player); mail: .venv/bin/pitboss mail --user itamar1",
]


def _endpoints(settings: Settings, db_backend: str) -> list[str]:
    web = settings.public_url
    return [
        "",
        "Pitboss is up.",
        f"  JSON/HTTP (Envoy)  {web}   (GET /healthz; public)",
        f"  gRPC               {address(settings.grpc_host, settings.grpc_port)}   (health, reflection; internal)",
        f"  Envoy admin        http://{address(settings.admin_host, settings.admin_port)}   (operators only;"
        " Prometheus statistics: /stats/prometheus)",
        *([f"  Metrics            http://{address(settings.metrics_host, settings.metrics_port)}/metrics"
           "   (Prometheus; internal)"] if settings.metrics_port else []),
        f"  MTS WebSocket      ws://{address(connect_host(settings.http_host), settings.http_port)}/mts/v3/ws"
        f"   (server on 127.0.0.1:{settings.mts_ws_port})",
        f"  database           {db_backend}: {settings.database_url.split('@')[-1]}",
        f"  VIP web component  {web}/sdk?mode=deposit#<sessionId>",
    ]


def up(settings: Settings) -> int:
    from server.bootstrap import build
    from server.process.app import backlog_engine
    from server.demo import load
    from server.demo.simulators import point_demo_brand
    from server.storage import migrate

    if settings.is_demo_secret and not settings.demo:
        print("pitboss up: PITBOSS_SECRET_KEY is the demo key; set your own secret, or PITBOSS_DEMO=1 for the demo"
              " (make run)", file=sys.stderr, flush=True)
        return 2
    app = build(settings)
    migrate.upgrade(app.db.engine)
    if settings.demo and not settings.register_simulator_port:
        settings = settings.model_copy(update={"register_simulator_port": free_loopback_port()})
    sims = demo_simulators(settings) if settings.demo else []
    if settings.demo:
        print(load(app.db, app.vault), flush=True)
        # The demo brand's vendors are the simulators started with it.
        point_demo_brand(app.db, app.vault, {sim.name: url for sim, _, url in sims})
    backend = app.db.backend
    app.db.dispose()

    if not settings.mts_ws_port:
        settings = settings.model_copy(update={"mts_ws_port": free_loopback_port()})
    n = settings.server_processes
    ports = [free_loopback_port() for _ in range(n)] if n > 1 else None
    config = render_config(settings, ROOT / "var" / f"envoy-{settings.http_port}.yaml", ports)
    metrics_dir = ROOT / "var" / f"metrics-{settings.http_port}"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    endpoint = None
    if settings.metrics_port:
        try:
            endpoint = metrics.serve(settings.metrics_host, settings.metrics_port,
                                     metrics.registry_for(backlog_engine(settings.database_url), str(metrics_dir)))
        except OSError as exc:
            print(f"pitboss up: cannot serve metrics on {address(settings.metrics_host, settings.metrics_port)}:"
                  f" {exc.strerror}", file=sys.stderr, flush=True)
            return 1
    try:
        return _run(settings, config, backend, metrics_dir, ports, sims)
    finally:
        if settings.demo:
            demo_file.remove(Path(settings.demo_file), os.getpid())
        if endpoint is not None:
            endpoint.shutdown()
        shutil.rmtree(metrics_dir, ignore_errors=True)


def demo_simulators(settings: Settings) -> list[tuple[Simulator, int, str]]:
    """Each simulator with its port (its setting, or a free loopback one) and URL."""
    out = []
    for sim in SIMULATORS:
        port = getattr(settings, f"{sim.name}_simulator_port", 0) or free_loopback_port()
        out.append((sim, port, f"http://{address(connect_host(settings.simulator_host), port)}{sim.path}"))
    return out


def _simulator(sim: Simulator, host: str, port: int, env: dict, child: dict) -> Restarting:
    argv = [sys.executable, "-m", sim.module, "--host", host, "--port", str(port)]
    return Restarting(f"{sim.name} simulator", lambda: subprocess.Popen(argv, env=env, **child))


def _run(settings: Settings, config, backend: str, metrics_dir, ports: list[int] | None,
         sims: list[tuple[Simulator, int, str]] = ()) -> int:
    n = settings.server_processes
    # The children write their metrics to metrics_dir; only the supervisor serves them.
    env = dict(os.environ, PITBOSS_MTS_WS_PORT=str(settings.mts_ws_port),
               PITBOSS_REGISTER_SIMULATOR_PORT=str(settings.register_simulator_port),
               PROMETHEUS_MULTIPROC_DIR=str(metrics_dir), PITBOSS_METRICS_PORT="0")
    child = dict(start_new_session=True, preexec_fn=_child_setup)
    servers = []
    for i in range(n):
        server_env = dict(env, PITBOSS_RUN_WORKERS="1" if i == 0 else "0")
        if ports:
            server_env["PITBOSS_UPSTREAM_PORT"] = str(ports[i])
        servers.append(subprocess.Popen([sys.executable, "-m", "server.cli", "serve"], env=server_env, **child))
    # Demo mode: the simulators, restarted like the MTS WebSocket server.
    simulators = [_simulator(sim, settings.simulator_host, port, env, child) for sim, port, _ in sims]
    mts_ws = Restarting("MTS WebSocket server",
                        lambda: subprocess.Popen([sys.executable, "-m", "server.cli", "mts-ws"], env=env, **child),
                        on_exit=lambda pid: metrics.mark_process_dead(pid, str(metrics_dir)))
    # Demo mode: the simulators of outside services (server/simulators), restarted like the MTS one.
    # Envoy starts once every server process listens, so it never balances
    # onto one that is not there yet.
    addresses = [("127.0.0.1", p) for p in ports] if ports else [(connect_host(settings.grpc_host), settings.grpc_port)]
    if not _listening(addresses, servers, deadline=time.monotonic() + 60):
        print("pitboss up: a gRPC server process did not start; stopping", file=sys.stderr, flush=True)
        _stop([*servers, mts_ws.proc, *(x.proc for x in simulators)])
        return 1
    envoy = start_envoy(settings, config, env=env, **child)
    procs = [*servers, envoy]

    stopping = False

    def _on_signal(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    announced = False
    deadline = time.monotonic() + 60
    while not stopping:
        dead = [p for p in procs if p.poll() is not None]
        if dead:
            name = "Envoy" if dead[0] is envoy else "gRPC server"
            print(f"pitboss up: {name} exited with status {dead[0].returncode}; stopping", file=sys.stderr, flush=True)
            _stop([*procs, mts_ws.proc, *(x.proc for x in simulators)])
            return 1
        mts_ws.check()
        for x in simulators:
            x.check()
        if not announced:
            if _ready(settings):
                print(banner(settings, backend), flush=True)
                demo_file.write(settings, os.getpid())
                announced = True
            elif time.monotonic() > deadline:
                print("pitboss up: not ready after 60 s; stopping", file=sys.stderr, flush=True)
                _stop([*procs, mts_ws.proc, *(x.proc for x in simulators)])
                return 1
        time.sleep(0.2)
    _stop([*procs, mts_ws.proc, *(x.proc for x in simulators)])
    return 0

