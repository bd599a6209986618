"""Process life cycle: graceful shutdown, `pitboss up` supervision, readiness."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import grpc
import pytest
import requests
from sqlalchemy import create_engine, text

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from tests.e2e.stack import start_stack, stop_stack
from tests.support import ROOT, SECRET, free_port
from tests.support.tokens import vip_token


def _wait_port(port: int, timeout: float = 30) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(port)


@pytest.mark.e2e
def test_sigterm_lets_in_flight_calls_finish_then_exits_0(postgres, tmp_path):
    url = postgres.create()
    env = dict(os.environ, PITBOSS_DATABASE_URL=url, PITBOSS_SECRET_KEY=SECRET,
               PITBOSS_GRPC_PORT=str(free_port()))
    subprocess.run([sys.executable, "-m", "server.cli", "demo", "load"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    server = subprocess.Popen([sys.executable, "-m", "server.cli", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = int(env["PITBOSS_GRPC_PORT"])
        _wait_port(port)
        # Hold a lock the call needs, so the call is provably in flight.
        locker = create_engine(url).connect()
        tx = locker.begin()
        locker.execute(text("LOCK TABLE vip_operator IN ACCESS EXCLUSIVE MODE"))
        result = {}

        def call():
            with grpc.insecure_channel(f"127.0.0.1:{port}") as ch:
                try:
                    r = vip_pb2_grpc.VipConnectServiceStub(ch).LookupAccount(
                        vip_pb2.LookupAccountRequest(vip_account_number="7210695258"),
                        metadata=[("authorization", f"Bearer {vip_token()}")], timeout=30)
                    result["card"] = r.vip_card_number
                except grpc.RpcError as e:
                    result["error"] = e.code()

        t = threading.Thread(target=call)
        t.start()
        time.sleep(1.0)
        server.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        assert server.poll() is None, "server exited with a call in flight"
        tx.commit()
        locker.close()
        t.join(30)
        assert result == {"card": "7210695258"}
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()


@pytest.mark.e2e
def test_up_exits_nonzero_when_envoy_dies(tmp_path):
    s = start_stack(tmp_path, f"sqlite:///{tmp_path / 'p.db'}")
    try:
        port = s.env["PITBOSS_HTTP_PORT"]
        out = subprocess.run(["pgrep", "-f", f"envoy-{port}.yaml"], capture_output=True, text=True)
        pids = [int(p) for p in out.stdout.split()]
        assert pids, "envoy child not found"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        assert s.proc.wait(30) != 0
        assert "Envoy exited" in s.log_text()
    finally:
        stop_stack(s)


@pytest.mark.e2e
def test_healthz_503_while_database_is_unreachable(postgres, tmp_path):
    url = postgres.create()
    s = start_stack(tmp_path, url)
    name = url.rsplit("/", 1)[1]
    admin = postgres.engine
    try:
        assert requests.get(s.url("/healthz"), timeout=5).status_code == 200
        with admin.connect() as c:
            c.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            c.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        r = requests.get(s.url("/healthz"), timeout=10)
        assert r.status_code == 503
        assert r.headers["content-type"] == "application/json"
        with admin.connect() as c:
            c.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        assert requests.get(s.url("/healthz"), timeout=10).status_code == 200
    finally:
        with admin.connect() as c:
            c.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        assert stop_stack(s) == 0
