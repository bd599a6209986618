"""`pitboss up`: the gRPC server and Envoy together.

Migrates the database, loads the demo records into an empty database (demo
mode only, PITBOSS_DEMO=1 as `make run` sets it), starts
`pitboss serve` and Envoy as child processes, waits until GET /healthz through
Envoy answers 200, prints where everything listens and the demo credentials,
and then watches both: Ctrl-C / SIGTERM stops both (exit 0); if either dies,
the other is stopped and the exit status is non-zero.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

from server.config import ROOT, Settings, address
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
        with urllib.request.urlopen(f"{settings.http_url}/healthz", timeout=1) as r:
            return r.status == 200
    except Exception:  # noqa: BLE001
        return False


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
    return "\n".join([*lines, "", "Ctrl-C stops both.", ""])


DEMO_CREDENTIALS = [
    "Demo credentials:",
    "  VIP Connect        operators operator-1, operator-2: .venv/bin/pitboss token vip --operator operator-1",
    "  MTS casino reports operatorId 1: Authorization: Bearer mts-demo-token (POST /mts/v3/casino-sessions-inform)",
    "  PAM (Valkyrie)     Authorization: Bearer pam-demo-api-token; X-Player-Token 7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43 (provider evolution)",
    "  Player gateway     brand 1 itamar1 / Secret123, brand 2 brand2player / Secret123 (POST /gateway/login/1.0/1/player); mail: .venv/bin/pitboss mail --user itamar1",
]


def _endpoints(settings: Settings, db_backend: str) -> list[str]:
    web = f"http://{address(settings.http_host, settings.http_port)}"
    return [
        "",
        "Pitboss is up.",
        f"  JSON/HTTP (Envoy)  {web}   (GET /healthz; public)",
        f"  gRPC               {address(settings.grpc_host, settings.grpc_port)}   (health, reflection; internal)",
        f"  Envoy admin        http://{address(settings.admin_host, settings.admin_port)}   (operators only)",
        f"  database           {db_backend}: {settings.database_url.split('@')[-1]}",
        f"  VIP web component  {web}/sdk?mode=deposit#<sessionId>",
    ]


def up(settings: Settings) -> int:
    from server.app import App
    from server.demo import load
    from server.storage import migrate

    if settings.is_demo_secret and not settings.demo:
        print("pitboss up: PITBOSS_SECRET_KEY is the demo key; set your own secret, or PITBOSS_DEMO=1 for the demo"
              " (make run)", file=sys.stderr, flush=True)
        return 2
    app = App.create(settings)
    migrate.upgrade(app.db.engine)
    if settings.demo:
        print(load(app.db, app.vault), flush=True)
    backend = app.db.backend
    app.db.dispose()

    config = render_config(settings, ROOT / "var" / f"envoy-{settings.http_port}.yaml")
    env = dict(os.environ)
    child = dict(env=env, start_new_session=True, preexec_fn=_child_setup)
    server = subprocess.Popen([sys.executable, "-m", "server.cli", "serve"], **child)
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
            _stop(procs)
            return 1
        if not announced:
            if _ready(settings):
                print(banner(settings, backend), flush=True)
                announced = True
            elif time.monotonic() > deadline:
                print("pitboss up: not ready after 60 s; stopping", file=sys.stderr, flush=True)
                _stop(procs)
                return 1
        time.sleep(0.2)
    _stop(procs)
    return 0
