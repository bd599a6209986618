"""The real stack for the end-to-end tier: `pitboss up` (gRPC server and
Envoy) on free ports, and one kept-alive HTTP client.

``stack`` (SQLite) and ``pg_stack`` (PostgreSQL) are started once per test
process and shared by every test that needs no stack of its own: with
pytest-xdist, once per worker. Tests that need other settings (limits, a
clock file, a database of their own) start their own with ``start_stack``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.support import ROOT, SECRET, free_port


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
# limits themselves (tests/e2e/test_throttling.py) set the ones they need.
FUNCTIONAL_LIMITS = {
    **{f"PITBOSS_LIMIT_{door}": '{"route": 100000, "address": 10000000, "client": 10000000}'
       for door in ("LOGIN", "REGISTRATION", "PASSWORD_RESET", "ACTIVATION", "TWO_FACTOR", "MTS_TOKEN",
                    "VIP_SESSION", "VIP_INQUIRY", "VERIFICATION_CALLBACK")},
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
        PITBOSS_LEDGER_ANCHOR_DIR=str(tmp / "anchors"),  # the stack's own, not the checkout's var/
        # The demo card stays with the test's stack, never var/demo.json of
        # the checkout (a developer's `make run` may own that one).
        PITBOSS_DEMO_FILE=str(tmp / f"demo-{http_port}.json"),
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
