"""The identity verification vendor's simulator (docs/compliance.md,
"Licence gates"): a real HTTP server speaking the documented protocol.

``POST /verify`` takes a verification request (JSON, signed with the shared
secret in ``x-verification-signature``; 401 when the signature is wrong, 400
when the body is not a request) and answers 202 at once. After ``delay``
seconds it calls back ``callback_url`` with a signed callback: ``failed``
for a player whose last name is ``Unverifiable``, ``verified`` for anyone
else. At most ``PENDING_MAX`` answers wait at a time (503 beyond). The
secret comes from ``PITBOSS_VERIFICATION_SIMULATOR_SECRET`` (the demo's by
default); the callback URL from ``--callback-url``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from server.config import DEMO_VERIFICATION_SECRET
from server.domain import identity

log = logging.getLogger("pitboss.simulators.verification")
PENDING_MAX = 100
UNVERIFIABLE = "Unverifiable"


def outcome(request: dict) -> str:
    return identity.FAILED if str(request.get("lastName", "")).strip() == UNVERIFIABLE else identity.VERIFIED


def callback_body(request: dict, status: str, now: float) -> bytes:
    return json.dumps({"brandId": request["brandId"], "playerId": request["playerId"], "status": status,
                       "timestamp": int(now), "nonce": secrets.token_hex(16),
                       "reference": f"sim-{secrets.token_hex(6)}"}, separators=(",", ":")).encode()


class Vendor:
    def __init__(self, secret: str, callback_url: str, delay: float) -> None:
        self.secret, self.callback_url, self.delay = secret, callback_url, delay
        self.pending = threading.BoundedSemaphore(PENDING_MAX)

    def answer_later(self, request: dict) -> bool:
        if not self.pending.acquire(blocking=False):
            return False
        threading.Thread(target=self._answer, args=(request,), daemon=True).start()
        return True

    def _answer(self, request: dict) -> None:
        try:
            time.sleep(self.delay)
            body = callback_body(request, outcome(request), time.time())
            req = urllib.request.Request(self.callback_url, data=body, method="POST", headers={
                "content-type": "application/json", identity.SIGNATURE_HEADER: identity.sign(self.secret, body)})
            with urllib.request.urlopen(req, timeout=10) as r:
                log.info("called back", extra={"fields": {"status": r.status}})
        except Exception as exc:  # noqa: BLE001 - a simulator: one failed callback is logged, never fatal
            log.warning("callback failed", extra={"fields": {"error": type(exc).__name__}})
        finally:
            self.pending.release()


def handler_for(vendor: Vendor) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._reply(200, {"status": "ok"}) if self.path == "/healthz" else self._reply(404, {"error": "not found"})

        def do_POST(self) -> None:
            if self.path != "/verify":
                return self._reply(404, {"error": "not found"})
            n = int(self.headers.get("content-length") or 0)
            if n > identity.CALLBACK_BODY_MAX:
                return self._reply(413, {"error": "too large"})
            body = self.rfile.read(n)
            if not identity.signature_ok(vendor.secret, body, self.headers.get(identity.SIGNATURE_HEADER)):
                return self._reply(401, {"error": "bad signature"})
            try:
                request = json.loads(body)
                int(request["brandId"]), int(request["playerId"])
            except (ValueError, KeyError, TypeError):
                return self._reply(400, {"error": "bad request"})
            if not vendor.answer_later(request):
                return self._reply(503, {"error": "busy"})
            return self._reply(202, {"status": identity.PENDING})

        def log_message(self, format: str, *args) -> None:  # personal data never logged
            pass

    return Handler


def server(host: str, port: int, secret: str, callback_url: str, delay: float) -> ThreadingHTTPServer:
    """The server, bound (port 0: a free one), not yet serving."""
    httpd = ThreadingHTTPServer((host, port), handler_for(Vendor(secret, callback_url, delay)))
    httpd.daemon_threads = True
    return httpd


def serve(host: str, port: int, settings) -> None:
    """Serve until stopped; calls back the public listener of ``settings``."""
    secret = os.environ.get("PITBOSS_VERIFICATION_SIMULATOR_SECRET", DEMO_VERIFICATION_SECRET)
    url = settings.http_url + "/gateway/verification/v1/callback"
    server(host, port, secret, url, settings.verification_simulator_delay).serve_forever()


def main(argv: list[str] | None = None) -> int:
    from server.config import get_settings

    p = argparse.ArgumentParser(prog="python -m server.simulators.verification")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args(argv)
    try:
        serve(args.host, args.port, get_settings())
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
