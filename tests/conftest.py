"""Shared fixtures: real databases (SQLite file and a throwaway PostgreSQL
database), and the real stack (`pitboss up`: gRPC server + Envoy) on free
ports.

PostgreSQL: PITBOSS_TEST_POSTGRES_URL (default: the local server, database
`test`, trust auth). Each test run creates its own databases there and drops
them at the end. Without PostgreSQL the PostgreSQL cases are skipped, except
in CI (CI=true), where a missing PostgreSQL fails the run.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
# Processes the tests start bind no metrics port unless a test gives them a
# free one (start_stack does): the default 9464 may be taken on a shared host.
os.environ.setdefault("PITBOSS_METRICS_PORT", "0")
PG_ADMIN_URL = os.environ.get("PITBOSS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"
SECRET = "test-secret-key-" + "x" * 32


# ------------------------------------------------------------------ databases


class PostgresDatabases:
    """Creates throwaway databases on the PostgreSQL server; drops them all at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def available(self) -> str | None:
        try:
            with self.engine.connect() as c:
                c.execute(text("SELECT 1"))
            return None
        except Exception as e:  # noqa: BLE001
            return f"{type(e).__name__}: {e}"

    def create(self) -> str:
        name = f"pitboss_test_{secrets.token_hex(6)}"
        with self.engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.engine.connect() as c:
            for name in self.created:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres():
    pg = PostgresDatabases(PG_ADMIN_URL)
    problem = pg.available()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI and not reachable at {PG_ADMIN_URL}: {problem}")
        pytest.skip(f"PostgreSQL not reachable ({problem})")
    yield pg
    pg.drop_all()


def new_database_url(backend: str, request, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'pitboss.db'}"
    return request.getfixturevalue("postgres").create()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory) -> str:
    """A fresh, empty database on each backend."""
    return new_database_url(request.param, request, tmp_path_factory)


@pytest.fixture
def app_factory(monkeypatch):
    """Builds a server.process.app.App for a database URL (migrated)."""
    from server.process.app import App
    from server.config import Settings
    from server.storage import migrate

    made = []

    def make(url: str):
        app = App.create(Settings(database_url=url, secret_key=SECRET))
        migrate.upgrade(app.db.engine)
        made.append(app)
        return app

    yield make
    for app in made:
        app.db.dispose()


# ------------------------------------------------------------------ the stack


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    http: str
    grpc: str
    database_url: str
    env: dict
    proc: subprocess.Popen
    log_path: Path
    extra: dict = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.http + path

    @property
    def metrics_url(self) -> str:
        """The Prometheus endpoint (internal port; the supervisor serves every process's values)."""
        return f"http://127.0.0.1:{self.env['PITBOSS_METRICS_PORT']}/metrics"

    @property
    def admin_url(self) -> str:
        return f"http://127.0.0.1:{self.env['PITBOSS_ADMIN_PORT']}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


# The functional tests call every door from 127.0.0.1, many times a second:
# far beyond one client's share. Their stacks set limits that such a run never
# reaches (server/process/edge_limits.py, the hash budget); the tests of the
# limits themselves (tests/test_throttling.py) set the ones they need.
FUNCTIONAL_LIMITS = {
    **{f"PITBOSS_LIMIT_{door}": '{"route": 100000, "address": 10000000, "client": 10000000}'
       for door in ("LOGIN", "REGISTRATION", "PASSWORD_RESET", "ACTIVATION", "TWO_FACTOR", "MTS_TOKEN",
                    "VIP_SESSION", "VIP_INQUIRY")},
    "PITBOSS_HASH_RATE": "100000", "PITBOSS_HASH_BURST": "100000", "PITBOSS_HASH_WORKERS": "4",
    "PITBOSS_HASH_QUEUE": "1000", "PITBOSS_FAMILY_THREADS": "1000",
}


def start_stack(tmp: Path, database_url: str, extra_env: dict | None = None) -> Stack:
    http_port, grpc_port, admin_port, metrics_port = free_port(), free_port(), free_port(), free_port()
    env = dict(os.environ)
    env.update(
        PITBOSS_HTTP_PORT=str(http_port),
        PITBOSS_GRPC_PORT=str(grpc_port),
        PITBOSS_ADMIN_PORT=str(admin_port),
        PITBOSS_METRICS_PORT=str(metrics_port),
        PITBOSS_DATABASE_URL=database_url,
        PITBOSS_SECRET_KEY=SECRET,
        PITBOSS_DEMO="1",  # the demo records (tests use the documents' examples)
        PYTHONUNBUFFERED="1",
        **FUNCTIONAL_LIMITS,
    )
    env.update(extra_env or {})
    log_path = tmp / f"stack-{http_port}.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "up"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    stack = Stack(f"http://127.0.0.1:{http_port}", f"127.0.0.1:{grpc_port}", database_url, env, proc, log_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"pitboss up exited early ({proc.returncode}):\n{stack.log_text()}")
        if "Pitboss is up." in stack.log_text():
            return stack
        time.sleep(0.2)
    stop_stack(stack)
    raise RuntimeError(f"pitboss up not ready in time:\n{stack.log_text()}")


def stop_stack(stack: Stack) -> int:
    if stack.proc.poll() is None:
        stack.proc.send_signal(signal.SIGTERM)
        try:
            stack.proc.wait(60)
        except subprocess.TimeoutExpired:
            stack.proc.kill()
            stack.proc.wait()
    return stack.proc.returncode


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real stack on an embedded SQLite database with the demo records."""
    tmp = tmp_path_factory.mktemp("stack")
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}")
    yield s
    code = stop_stack(s)
    assert code == 0, f"pitboss up exited with {code}:\n{s.log_text()[-4000:]}"


@pytest.fixture(scope="session")
def pg_stack(tmp_path_factory, postgres):
    """The real stack on a throwaway PostgreSQL database with the demo records."""
    tmp = tmp_path_factory.mktemp("pgstack")
    s = start_stack(tmp, postgres.create())
    yield s
    assert stop_stack(s) == 0


@pytest.fixture(scope="session")
def http():
    """One kept-alive client for the whole run. Envoy closes connections idle
    for PITBOSS_IDLE_TIMEOUT; a request that meets such a close as it is sent
    (reset before any answer) is sent again once, as HTTP clients do."""
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    with requests.Session() as session:
        retry = Retry(total=1, connect=1, read=1, status=0, other=0, redirect=0, allowed_methods=None,
                      raise_on_status=False)
        session.mount("http://", HTTPAdapter(max_retries=retry))
        yield session


# ------------------------------------------------------------------ VIP tokens


def vip_token(operator: str = "operator-1", key: int = 1, **overrides) -> str:
    """An operator JWT signed with the demo keys (what an operator's back end does)."""
    import jwt

    from server.demo import VIP_OPERATOR_KEYS
    from server.domain.vip.auth import key_bytes

    now = int(time.time())
    claims = {"iss": operator, "aud": "vip-api", "iat": now, "nbf": now, "exp": now + 600}
    claims.update({k: v for k, v in overrides.items() if not k.startswith("_")})
    claims = {k: v for k, v in claims.items() if v is not None}
    secret = overrides.get("_secret") or key_bytes(VIP_OPERATOR_KEYS[operator][key - 1])
    return jwt.encode(claims, secret, algorithm=overrides.get("_alg", "HS256"))
