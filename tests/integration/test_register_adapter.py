"""The register adapter (server/outbox/registers.py) against the register
simulator (server/simulators/register.py) running as a real HTTP server, as
`pitboss up` starts it: the protocol, the simulator's matching, and every
kind of outage (a closed port, a silent server, an answer outside the
protocol). Personal data never reaches the log."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from server.domain.gateway.ports import Brand
from server.domain.gateway.register import Person, RegisterDown
from server.outbox.registers import HttpRegister, HttpRegisters, Unconfigured
from server.security import Vault
from server.simulators import SIMULATORS
from server.simulators.register import is_listed
from tests.support import ROOT, SECRET, free_port

ELLEN = Person("Ellen", "Exclusion", date(1980, 2, 29), "excluded@register.test")


@pytest.fixture(scope="module")
def simulator():
    port = free_port()
    sim = next(s for s in SIMULATORS if s.module == "server.simulators.register")
    proc = subprocess.Popen([sys.executable, "-m", sim.module, "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(10)


def _settings(port: int):
    from server.config import Settings

    return Settings(register_simulator_port=port, secret_key=SECRET)


def test_the_simulator_lists_ellen_by_normalised_names_or_email_with_the_birth_date(simulator):
    r = HttpRegister(3, f"http://127.0.0.1:{simulator}/v1/check", "", 2.0)
    assert r.listed(ELLEN)
    assert r.listed(Person("  ÉLLEN ", "exclusion", date(1980, 2, 29)))
    assert r.listed(Person("E.", "Married-Name", date(1980, 2, 29), "Excluded@Register.TEST"))
    assert not r.listed(Person("Ellen", "Exclusion", date(1980, 3, 1), "excluded@register.test"))
    assert not r.listed(Person("Ellen", "Inclusion", date(1980, 2, 29), "ellen@example.com"))


def test_the_simulator_rules_without_a_server():
    assert is_listed(ELLEN) and not is_listed(Person("Elle", "Exclusion", date(1980, 2, 29)))


def test_a_closed_port_is_an_outage_and_logs_no_personal_data(caplog):
    r = HttpRegister(3, f"http://127.0.0.1:{free_port()}/v1/check", "", 1.0)
    with caplog.at_level(logging.WARNING, logger="pitboss.register"), pytest.raises(RegisterDown):
        r.listed(ELLEN)
    text = " ".join(f"{rec.getMessage()} {getattr(rec, 'fields', '')}" for rec in caplog.records)
    assert "register unavailable" in text
    for personal in ("Ellen", "Exclusion", "1980", "excluded@"):
        assert personal not in text


class _Server:
    """A server answering ``status`` and ``body`` after ``delay`` seconds."""

    def __init__(self, status: int, body: bytes, delay: float = 0.0) -> None:
        outer = self
        self.auth: list[str | None] = []

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                outer.auth.append(self.headers.get("Authorization"))
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (its timeout)

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/check"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("status,body,delay", [
    (200, b'{"listed": "yes"}', 0), (200, b"not json", 0), (200, b"[]", 0), (500, b'{"listed": false}', 0),
    (404, b"", 0), (200, b'{"listed": false}', 1.5),
])
def test_answers_outside_the_protocol_and_slow_answers_are_outages(status, body, delay):
    server = _Server(status, body, delay)
    try:
        started = time.monotonic()
        with pytest.raises(RegisterDown):
            HttpRegister(3, server.url, "", 0.5).listed(ELLEN)
        assert time.monotonic() - started < 1.4  # the short timeout, not the server's pace
    finally:
        server.close()


def test_the_brand_secret_is_sent_as_a_bearer_and_kept_encrypted():
    server = _Server(200, b'{"listed": false}')
    vault = Vault(SECRET)
    try:
        brand = Brand(3, "Casino Three", register_vendor="gamstop", register_url=server.url,
                      register_secret_enc=vault.encrypt("s3cret"))
        register = HttpRegisters(vault, 1.0, 1).of(brand)
        assert register is not None and register.listed(ELLEN) is False
        assert server.auth == ["Bearer s3cret"]
    finally:
        server.close()


def test_which_register_a_brand_gets():
    regs = HttpRegisters(Vault(SECRET), 1.0, 4321)
    assert regs.of(Brand(1, "One")) is None
    sim = regs.of(Brand(3, "Three", register_vendor="simulator"))
    assert isinstance(sim, HttpRegister) and sim.url == "http://127.0.0.1:4321/v1/check"
    assert isinstance(regs.of(Brand(4, "Four", register_vendor="rofus")), Unconfigured)  # no URL: an outage
    assert isinstance(regs.of(Brand(5, "Five", register_vendor="oasis", register_url="http://x",
                                    register_secret_enc="not-a-token")), Unconfigured)
