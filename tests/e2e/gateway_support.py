"""Player gateway test support: a stack with a real SMTP server on loopback
(aiosmtpd), direct database access for time travel and flags, and helpers
that speak the documented JSON/HTTP through Envoy."""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes

import pytest
import requests
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text

from server.security import Vault
from tests.e2e.stack import start_stack, stop_stack
from tests.support import SECRET, free_port

V = "1.30.00"
PASSWORD = "Secret123"
INVALID_TOKEN = {"errMsg": "invalid input - invalid token"}
INVALID_BRAND = {"errMsg": "invalid input - invalid brand id"}
INTERNAL = {"result": "internal server error"}
HASH_RE = re.compile(r"hash: ([0-9a-f]{64})")


@dataclass
class Mail:
    to: list[str]
    subject: str
    body: str


@dataclass
class Inbox:
    """What the loopback SMTP server received."""

    messages: list[Mail] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        msg = message_from_bytes(envelope.content)
        body = msg.get_payload(decode=True).decode() if not msg.is_multipart() else ""
        with self.lock:
            self.messages.append(Mail([a.lower() for a in envelope.rcpt_tos], msg["Subject"] or "", body))
        return "250 OK"

    def to(self, address: str) -> list[Mail]:
        with self.lock:
            return [m for m in self.messages if address.lower() in m.to]

    def wait_for(self, address: str, count: int = 1, timeout: float = 15.0) -> list[Mail]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.to(address)
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise AssertionError(f"expected {count} mail(s) to {address}, got {len(self.to(address))}")


# Module scope: each test module that imports these fixtures gets its own
# instance (pytest keys a fixture by the module it is found in), so a session
# scope only kept every module's stack running until the end of the run.
@pytest.fixture(scope="module")
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def gw(tmp_path_factory, smtp):
    """A stack for the gateway tests: SQLite, demo records, a real SMTP server,
    a low lockout threshold and a short resend throttle."""
    inbox, port = smtp
    tmp = tmp_path_factory.mktemp("gwstack")
    stack = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}", {
        "PITBOSS_SMTP_HOST": "127.0.0.1", "PITBOSS_SMTP_PORT": str(port), "PITBOSS_SMTP_POLL_SECONDS": "0.2",
        "PITBOSS_GATEWAY_LOGIN_MAX_FAILURES": "3", "PITBOSS_GATEWAY_2FA_RESEND_SECONDS": "2",
    })
    client = Client(stack, inbox)
    yield client
    client.engine.dispose()
    code = stop_stack(stack)
    assert code == 0, stack.log_text()[-4000:]


class Client:
    def __init__(self, stack, inbox: Inbox) -> None:
        self.stack = stack
        self.inbox = inbox
        self.http = requests.Session()
        self.engine = create_engine(stack.database_url)
        self.vault = Vault(SECRET)

    # ------------------------------------------------------------ HTTP
    def call(self, method: str, path: str, token: str | None = None, body=None, headers: dict | None = None,
             raw: str | None = None, params: dict | None = None) -> requests.Response:
        h = {"Content-Type": "application/json"}
        if token:
            h["x-auth-token"] = token
        h.update(headers or {})
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        r = self.http.request(method, self.stack.url(path), data=data, headers=h, params=params)
        for name in r.headers:
            assert not name.lower().startswith(("grpc-", "x-pitboss-")), f"leaked header {name}"
        return r

    def login(self, user: str, password: str = PASSWORD, brand: int = 1, headers=None) -> requests.Response:
        return self.call("POST", f"/gateway/login/{V}/{brand}/player",
                         body={"user_name": user, "password": password, "language": "en"}, headers=headers)

    def token(self, user: str, password: str = PASSWORD, brand: int = 1) -> str:
        r = self.login(user, password, brand)
        assert r.status_code in (200, 303), r.text
        body = r.json()
        return body.get("auth_token") or body["token"]

    def register(self, brand: int = 1, **over) -> dict:
        name = over.pop("loginName", "gw" + secrets.token_hex(5))
        body = {"loginName": name, "email": f"{name}@example.com", "password": PASSWORD, "over18": True,
                "signTNC": False, "language": "en", "btag": "bt", "bonusCode": "", "currency": "EUR"}
        body.update(over)
        r = self.call("POST", f"/gateway/reg-step-one/{V}/{brand}", body=body)
        assert r.status_code == 200, r.text
        out = r.json()
        return {"token": out["auth_token"], "id": out["player_id"], "name": name, "email": body["email"],
                "brand": brand}

    def step_two(self, p: dict, **over):
        body = {"auth_token": p["token"], "firstName": "Ann", "lastName": "Lee", "birthDate": "02/11/1990",
                "gender": "F", "language": "en", "country": "MT", "city": "Valletta", "address": "1 Road",
                "zipCode": "VLT1", "mobileNumber": "356-1234567"}
        body.update(over)
        return self.call("POST", f"/gateway/reg-step-two/{V}/{p['brand']}", body=body)

    def sign(self, p: dict, kind: str, token: str | None = None, brand_in_body: str | None = None):
        return self.call("POST", f"/gateway/player/multi/{V}/sign/tnc", token=token or p["token"], body={
            "brand_id": brand_in_body or str(p["brand"]), "player_id": str(p["id"]), "language": "en", "type": kind})

    def verify_link(self, address: str, index: int = -1) -> str:
        mails = [m for m in self.inbox.wait_for(address) if HASH_RE.search(m.body)]
        return HASH_RE.search(mails[index].body).group(1)

    def full_player(self, brand: int = 1, **over) -> dict:
        """Registered, step two done, both documents signed, email verified."""
        p = self.register(brand, signTNC=True, **over)
        assert self.step_two(p).status_code == 200
        assert self.sign(p, "privacy").status_code == 201
        h = self.verify_link(p["email"])
        r = self.call("GET", f"/gateway/admission/{V}/verify/email/{brand}", params={"hash": h})
        assert r.status_code == 200, r.text
        return p

    # ------------------------------------------------------------ database
    def sql(self, statement: str, **params):
        with self.engine.begin() as c:
            res = c.execute(text(statement), params)
            return res.fetchall() if res.returns_rows else None

    def outbox(self, player_id: int, channel: str | None = None) -> list[tuple[str, str, str]]:
        rows = self.sql("SELECT channel, recipient, body_enc, kind FROM gateway_outbox WHERE player_id = :p ORDER BY id",
                        p=player_id)
        return [(r[0], r[1], self.vault.decrypt(r[2]), r[3]) for r in rows if channel in (None, r[0])]

    def last_sms_code(self, player_id: int) -> str:
        sms = self.outbox(player_id, "sms")
        return re.search(r"code is (\d{6})", sms[-1][2]).group(1)


def ago(minutes: float = 0, seconds: float = 0) -> str:
    """A naive-UTC timestamp as stored on SQLite, ``minutes`` ago."""
    from datetime import datetime, timedelta, timezone

    t = datetime.now(timezone.utc) - timedelta(minutes=minutes, seconds=seconds)
    return t.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


# Every endpoint with a brand id: (name, method, path with {b} for the brand,
# body). sign/tnc carries the brand in its body ({b} there too).
ENDPOINTS = [
    ("details", "GET", "/gateway/player-personal-details/player/details/%s/{b}" % V, None),
    ("update details", "PUT", "/gateway/player-personal-details/player/details/%s/{b}" % V, {"city": "X"}),
    ("custom fields", "GET", "/gateway/player-personal-details/%s/custom-fields/{b}" % V, None),
    ("update custom fields", "PUT", "/gateway/player-personal-details/%s/custom-fields/{b}" % V,
     {"strCustomFields": [{"id": "9", "name": "n", "value": "v"}], "intCustomFields": []}),
    ("email update", "POST", "/gateway/player-personal-details/player/details/emailUpdate/%s/{b}" % V,
     {"email": "someone-new@example.com", "comment": "test"}),
    ("change password", "PUT", "/gateway/admission/%s/player/{b}/change/password" % V,
     {"old_password": PASSWORD, "new_password": "Other1234"}),
    ("resend activation", "POST", "/gateway/admission/%s/resend/activation/email/{b}" % V, {}),
    ("sign tnc", "POST", "/gateway/player/multi/%s/sign/tnc" % V,
     {"brand_id": "{b}", "player_id": "{p}", "language": "en", "type": "tnc"}),
    ("online status", "GET", "/gateway/online-player/%s/player/{b}/online/status" % V, None),
    ("player info", "GET", "/gateway/online-player/%s/{b}/player/info" % V, None),
    ("in-game status", "GET", "/gateway/online-player/%s/player/{b}/online/ingame/status/gs-1" % V, None),
    ("logout", "POST", "/gateway/logout/%s/{b}/player" % V, {}),
]
# Endpoints without a login token (the brand is still checked first).
OPEN_ENDPOINTS = [
    ("login", "POST", "/gateway/login/%s/{b}/player" % V, {"user_name": "itamar1", "password": PASSWORD}),
    ("forgot password", "POST", "/gateway/admission/%s/forgot/password/{b}" % V, {"mail": "x@example.com"}),
    ("verify password", "PUT", "/gateway/admission/%s/verify/password/{b}?hash=abc" % V, {"new_password": "Abcd1234"}),
    ("verify email", "GET", "/gateway/admission/%s/verify/email/{b}?hash=abc" % V, None),
    ("reg step one", "POST", "/gateway/reg-step-one/%s/{b}" % V, {"loginName": "someone"}),
    ("reg step two", "POST", "/gateway/reg-step-two/%s/{b}" % V, {"auth_token": "x"}),
    ("send code", "POST", "/gateway/player-data/%s/send/code/{b}" % V, {}),
    ("validate code", "PUT", "/gateway/player-data/%s/validate/code/{b}" % V, {"sms_code": "123456"}),
]


def fill(path: str, body, brand, player_id=0):
    path = path.replace("{b}", str(brand))
    if body is not None:
        body = json.loads(json.dumps(body).replace("{b}", str(brand)).replace("{p}", str(player_id)))
    return path, body
