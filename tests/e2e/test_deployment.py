"""Deployment safety: each listener binds where it is configured (admin and
gRPC stay on loopback when the edge is made public), and the edge protects
itself from slow and idle clients."""

from __future__ import annotations

import socket
import time

import pytest
import requests
import yaml

from tests.e2e.stack import start_stack, stop_stack


def _port(addr: str) -> int:
    return int(addr.rsplit(":", 1)[1])


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def public_stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("public")
    # PITBOSS_HOST (which once bound everything) must not widen anything.
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}", {
        "PITBOSS_HTTP_HOST": "0.0.0.0", "PITBOSS_HOST": "0.0.0.0", "PITBOSS_REQUEST_HEADERS_TIMEOUT": "1"})
    yield s
    assert stop_stack(s) == 0


@pytest.mark.e2e
def test_public_edge_keeps_admin_and_grpc_on_loopback(public_stack):
    http_port = _port(public_stack.http)
    admin_port = int(public_stack.env["PITBOSS_ADMIN_PORT"])
    grpc_port = _port(public_stack.grpc)
    # 127.0.0.2 is another address of this host: reachable only for a wildcard bind.
    assert requests.get(f"http://127.0.0.2:{http_port}/healthz", timeout=5).status_code == 200
    assert not _reachable("127.0.0.2", admin_port)
    assert not _reachable("127.0.0.2", grpc_port)
    assert requests.get(f"http://127.0.0.1:{admin_port}/ready", timeout=5).status_code == 200
    assert _reachable("127.0.0.1", grpc_port)
    assert "Envoy admin        http://127.0.0.1:" in public_stack.log_text()


@pytest.mark.e2e
def test_slow_request_headers_are_cut_off(public_stack):
    with socket.create_connection(("127.0.0.1", _port(public_stack.http)), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # ... and never the blank line
        start = time.monotonic()
        data = sock.recv(4096)  # Envoy answers 408 and closes, or just closes
        assert time.monotonic() - start < 5
        assert data == b"" or data.startswith(b"HTTP/1.1 408")


def test_envoy_edge_settings(tmp_path):
    from server.config import Settings
    from server.process.envoy import render_config

    cfg = yaml.safe_load(render_config(Settings(trusted_hops=2, max_concurrent_streams=50), tmp_path / "e.yaml")
                         .read_text())
    assert cfg["admin"]["address"]["socket_address"]["address"] == "127.0.0.1"
    hcm = cfg["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    assert hcm["use_remote_address"] is True and hcm["xff_num_trusted_hops"] == 2
    assert hcm["request_headers_timeout"] == "10.0s" and hcm["stream_idle_timeout"] == "300.0s"
    assert hcm["common_http_protocol_options"]["idle_timeout"] == "60.0s"
    assert hcm["http2_protocol_options"]["max_concurrent_streams"] == 50


# ------------------------------------------------------------------ demo mode


@pytest.mark.e2e
def test_without_demo_mode_no_demo_credentials_are_loaded(tmp_path):
    s = start_stack(tmp_path, f"sqlite:///{tmp_path / 'pitboss.db'}", {"PITBOSS_DEMO": "0"})
    try:
        r = requests.get(s.url("/players/session?provider=evolution"), timeout=10, headers={
            "Authorization": "Bearer pam-demo-api-token", "X-Correlation-ID": "-",
            "X-Player-Token": "7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "PAM_ERR_API_TOKEN", r.text
        r = requests.post(s.url("/mts/v3/casino-sessions-inform"), json={"operatorId": 1}, timeout=10,
                          headers={"Authorization": "Bearer mts-demo-token"})
        assert r.status_code == 401, r.text
        r = requests.post(s.url("/gateway/login/1.0/1/player"), json={"user_name": "itamar1", "password": "Secret123"},
                          timeout=10)
        assert r.status_code == 400, r.text  # not even the brand exists
        assert "Demo credentials" not in s.log_text()
    finally:
        assert stop_stack(s) == 0


@pytest.mark.parametrize("command", ["serve", "up"])
def test_the_demo_secret_is_refused_outside_demo_mode(tmp_path, command):
    import os
    import subprocess
    import sys

    from tests.support import ROOT, free_port

    env = {k: v for k, v in os.environ.items() if not k.startswith("PITBOSS_")}
    env.update(PITBOSS_DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}", PITBOSS_GRPC_PORT=str(free_port()),
               PITBOSS_HTTP_PORT=str(free_port()), PITBOSS_ADMIN_PORT=str(free_port()))
    out = subprocess.run([sys.executable, "-m", "server.cli", command], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "PITBOSS_SECRET_KEY is the demo key" in out.stderr


@pytest.mark.e2e
@pytest.mark.parametrize("path, shape", [
    ("/players", "status"), ("/players?provider=evolution", "status"), ("/players/x/y/z", "status"),
    ("/api", "errorCode"), ("/api/nope", "errorCode"), ("/mts", "content"), ("/gateway", "errMsg"),
    ("/foo", "code"), ("/", "code"), ("/pitboss.backoffice.v1.BackofficeService/GetPlayer", "code"),
])
def test_an_unknown_path_answers_a_documented_json_404(stack, http, path, shape):
    r = http.get(stack.url(path))
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert shape in body, body
    assert "to a method" not in r.text
    if shape == "code":
        assert body == {"code": 404, "message": body["message"]} and body["message"].startswith("Not found")


@pytest.mark.e2e
def test_the_served_openapi_files_name_the_public_url(stack, http):
    for family in ("vip", "pam", "mts", "gateway"):
        doc = http.get(stack.url(f"/openapi/{family}.json")).json()
        assert doc["servers"][0]["url"] == stack.http
