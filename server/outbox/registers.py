"""The national self-exclusion register adapter (``server.domain.gateway.
register.Register``): one small JSON protocol over HTTP, so that an operator
puts a thin bridge to its vendor (GAMSTOP, ROFUS, CRUKS, OASIS) behind it
(docs/compliance.md, "The register protocol").

    POST <register_url>           Authorization: Bearer <secret> (when set)
    {"firstName": "Ellen", "lastName": "Exclusion", "birthDate": "1980-02-29",
     "email": "excluded@register.test"}
    200 {"listed": true | false}

Anything else (another status, a body outside the protocol, a timeout, a
refused connection) is an outage (``RegisterDown``), decided by the brand's
policy. Every question has a short timeout (``PITBOSS_REGISTER_TIMEOUT`` for
the connection and for the answer), goes through no proxy, and is asked
only at registration, login and Start Game, never on the bet path. Personal
data is never logged: an outage logs the brand and the error's type.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from server.domain.gateway.ports import Brand
from server.domain.gateway.register import Person, Register, RegisterDown
from server.security import Vault

log = logging.getLogger("pitboss.register")
SIMULATOR = "simulator"
# The largest answer read (the protocol's is a few bytes).
MAX_ANSWER = 4096
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def body_of(person: Person) -> bytes:
    return json.dumps({"firstName": person.first_name, "lastName": person.last_name,
                       "birthDate": person.birth_date.isoformat(), "email": person.email}).encode()


def parse_answer(raw: bytes) -> bool:
    try:
        data = json.loads(raw)
    except ValueError:
        raise RegisterDown("not JSON") from None
    listed = data.get("listed") if isinstance(data, dict) else None
    if not isinstance(listed, bool):
        raise RegisterDown("no listed flag")
    return listed


class HttpRegister:
    def __init__(self, brand_id: int, url: str, secret: str, timeout: float) -> None:
        self.brand_id, self.url, self.secret, self.timeout = brand_id, url, secret, timeout

    def listed(self, person: Person) -> bool:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.secret:
            headers["Authorization"] = f"Bearer {self.secret}"
        req = urllib.request.Request(self.url, data=body_of(person), headers=headers, method="POST")
        try:
            with _OPENER.open(req, timeout=self.timeout) as r:
                if r.status != 200:
                    raise RegisterDown(f"HTTP {r.status}")
                return parse_answer(r.read(MAX_ANSWER))
        except RegisterDown as exc:
            self._down(str(exc))
            raise
        except (OSError, ValueError, urllib.error.URLError) as exc:
            self._down(type(exc).__name__)
            raise RegisterDown(type(exc).__name__) from None

    def _down(self, error: str) -> None:
        log.warning("register unavailable", extra={"fields": {"brand_id": self.brand_id, "error": error[:64]}})


class Unconfigured:
    """A brand naming a register without a URL: every question is an outage."""

    def listed(self, person: Person) -> bool:
        raise RegisterDown("no register URL")


class HttpRegisters:
    """``server.domain.gateway.register.Registers``: the brand's register, from
    its settings (vendor, URL, secret encrypted at rest). A brand whose
    register is ``simulator`` and has no URL asks the local simulator
    (``PITBOSS_REGISTER_SIMULATOR_PORT``; demo and tests)."""

    def __init__(self, vault: Vault, timeout: float, simulator_port: int) -> None:
        self.vault, self.timeout, self.simulator_port = vault, timeout, simulator_port

    def url_of(self, brand: Brand) -> str:
        if brand.register_url:
            return brand.register_url
        if brand.register_vendor == SIMULATOR:
            return f"http://127.0.0.1:{self.simulator_port}/v1/check"
        return ""

    def of(self, brand: Brand) -> Register | None:
        if not brand.register_vendor:
            return None
        url = self.url_of(brand)
        if not url:
            return Unconfigured()
        try:
            secret = self.vault.decrypt(brand.register_secret_enc) if brand.register_secret_enc else ""
        except Exception:  # noqa: BLE001 - a secret this key cannot read: the register is unusable (an outage)
            log.warning("register secret unreadable", extra={"fields": {"brand_id": brand.id}})
            return Unconfigured()
        return HttpRegister(brand.id, url, secret, self.timeout)
