"""The national self-exclusion register simulator: a real HTTP server
speaking the register protocol (``server.outbox.registers``;
docs/compliance.md), for the demo and the tests. `pitboss up` starts it in
demo mode on ``PITBOSS_REGISTER_SIMULATOR_PORT``; ``python -m
server.simulators.register --port N`` runs it alone.

It lists one person (demo.md): Ellen Exclusion, born 1980-02-29,
excluded@register.test. A person matches on the normalised first and last
name and the birth date, or on the email address and the birth date. It
logs nothing of what it is asked.

    POST /v1/check  {"firstName", "lastName", "birthDate": "YYYY-MM-DD", "email"}
                    200 {"listed": bool}; 400 {"error": "bad_request"}
    GET /healthz    200 {"status": "ok"}
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from server.domain.gateway.register import Person, normalise_email, normalise_name

LISTED = (Person("Ellen", "Exclusion", date(1980, 2, 29), "excluded@register.test"),)
MAX_BODY = 16 * 1024


def matches(asked: Person, listed: Person) -> bool:
    if asked.birth_date != listed.birth_date:
        return False
    names = (normalise_name(asked.first_name) == normalise_name(listed.first_name)
             and normalise_name(asked.last_name) == normalise_name(listed.last_name))
    email = bool(asked.email) and normalise_email(asked.email) == normalise_email(listed.email)
    return names or email


def is_listed(asked: Person, listed: tuple[Person, ...] = LISTED) -> bool:
    return any(matches(asked, p) for p in listed)


def parse(raw: bytes) -> Person | None:
    try:
        data = json.loads(raw)
        first, last, email = data["firstName"], data["lastName"], data.get("email") or ""
        born = date.fromisoformat(data["birthDate"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(x, str) for x in (first, last, email)):
        return None
    return Person(first, last, born, email)


class Handler(BaseHTTPRequestHandler):
    server_version = "pitboss-register-simulator"
    protocol_version = "HTTP/1.1"

    def _send(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:
        if self.path == "/healthz":
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"error": "not_found"})

    def do_POST(self) -> None:
        if self.path != "/v1/check":
            self._send(404, {"error": "not_found"})
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._send(400, {"error": "bad_request"})
            return
        asked = parse(self.rfile.read(length))
        if asked is None:
            self._send(400, {"error": "bad_request"})
            return
        self._send(200, {"listed": is_listed(asked)})

    def log_message(self, format: str, *args) -> None:
        pass  # nothing of a question is logged (personal data)


def serve(host: str = "127.0.0.1", port: int = 8094) -> None:
    """Serve until the process is stopped."""
    with ThreadingHTTPServer((host, port), Handler) as httpd:
        httpd.daemon_threads = True
        httpd.serve_forever()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="The national self-exclusion register simulator")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8094)
    a = ap.parse_args(argv)
    serve(a.host, a.port)


if __name__ == "__main__":
    main()
