"""`pitboss up`: the gRPC server and Envoy together.

Migrates the database, loads the demo records into an empty database, starts
`pitboss serve` and Envoy as child processes, waits until GET /healthz through
Envoy answers 200, prints where everything listens and the demo credentials,
and then watches both: Ctrl-C / SIGTERM stops both (exit 0); if either dies,
the other is stopped and the exit status is non-zero.

A third child, `pitboss mts-ws` (the MTS WebSocket server behind Envoy's
/mts/v3/ws), is started the same way and restarted whenever it exits; its
clients reconnect, as the vendor's SDKs do.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from server.config import ROOT, Settings
from server.edge import render_config, start_envoy


def _child_setup() -> None:  # pragma: no cover - runs in the child
    """Own process group (Ctrl-C reaches only the supervisor, which stops the
    children in order) and die with the supervisor (Linux PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except Exception:  # noqa: BLE001
        pass


def _ready(settings: Settings) -> bool:
    try:
        with urllib.request.urlopen(f"http://{settings.host}:{settings.http_port}/healthz", timeout=1) as r:
            if r.status != 200:
                return False
        with urllib.request.urlopen(f"http://{settings.host}:{settings.mts_ws_port}/healthz", timeout=1) as r:
            return r.status == 200
    except Exception:  # noqa: BLE001
        return False


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Restarting:
    """A child that is started again whenever it exits (the MTS WebSocket
    server): at most once a second, the exit logged."""

    def __init__(self, name: str, start) -> None:
        self.name = name
        self._start = start
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
    h = settings.host
    return "\n".join([
        "",
        "Pitboss is up.",
        f"  JSON/HTTP (Envoy)  http://{h}:{settings.http_port}   (GET /healthz)",
        f"  gRPC               {h}:{settings.grpc_port}   (health, reflection)",
        f"  Envoy admin        http://{h}:{settings.admin_port}",
        f"  MTS WebSocket      ws://{h}:{settings.http_port}/mts/v3/ws   (server on {h}:{settings.mts_ws_port})",
        f"  database           {db_backend}: {settings.database_url.split('@')[-1]}",
        f"  VIP web component  http://{h}:{settings.http_port}/sdk?mode=deposit#<sessionId>",
        "Demo credentials:",
        "  VIP Connect        operators operator-1, operator-2: .venv/bin/pitboss token vip --operator operator-1",
        "  MTS casino reports operatorId 1: Authorization: Bearer mts-demo-token (POST /mts/v3/casino-sessions-inform)",
        "                     WebSocket: client mts-demo-client / mts-demo-secret, audience mbs-dp-non-prod-wss (POST /mts/v3/oauth/token)",
        "  PAM (Valkyrie)     Authorization: Bearer pam-demo-api-token; X-Player-Token 7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43 (provider evolution)",
        "  Player gateway     brand 1 itamar1 / Secret123, brand 2 brand2player / Secret123 (POST /gateway/login/1.0/1/player); mail: .venv/bin/pitboss mail --user itamar1",
        "",
        "Ctrl-C stops them all.",
        "",
    ])


def up(settings: Settings) -> int:
    from server.app import App
    from server.demo import load
    from server.storage import migrate

    app = App.create(settings)
    migrate.upgrade(app.db.engine)
    print(load(app.db, app.vault), flush=True)
    backend = app.db.backend
    app.db.dispose()

    if not settings.mts_ws_port:
        settings = settings.model_copy(update={"mts_ws_port": _free_port(settings.host)})
    config = render_config(settings, ROOT / "var" / f"envoy-{settings.http_port}.yaml")
    env = dict(os.environ, PITBOSS_MTS_WS_PORT=str(settings.mts_ws_port))
    child = dict(env=env, start_new_session=True, preexec_fn=_child_setup)
    server = subprocess.Popen([sys.executable, "-m", "server.cli", "serve"], **child)
    mts_ws = Restarting("MTS WebSocket server",
                        lambda: subprocess.Popen([sys.executable, "-m", "server.cli", "mts-ws"], **child))
    envoy = start_envoy(settings, config, **child)
    procs = [server, envoy]

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
            name = "gRPC server" if dead[0] is server else "Envoy"
            print(f"pitboss up: {name} exited with status {dead[0].returncode}; stopping", file=sys.stderr, flush=True)
            _stop([*procs, mts_ws.proc])
            return 1
        mts_ws.check()
        if not announced:
            if _ready(settings):
                print(banner(settings, backend), flush=True)
                announced = True
            elif time.monotonic() > deadline:
                print("pitboss up: not ready after 60 s; stopping", file=sys.stderr, flush=True)
                _stop([*procs, mts_ws.proc])
                return 1
        time.sleep(0.2)
    _stop([*procs, mts_ws.proc])
    return 0
