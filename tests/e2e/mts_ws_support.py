"""Shared code of the MTS WebSocket tests: tokens from the real token
endpoint, sockets opened through the real Envoy with the websockets client
library, and what the database holds."""

from __future__ import annotations

import asyncio
import copy
import json
import secrets
from datetime import datetime, timedelta, timezone

import requests
from sqlalchemy import create_engine, insert, text
from websockets.asyncio.client import ClientConnection, connect

from server.security import hash_token
from server.storage.models import MtsAccessToken
from tests.support.mts_helpers import BASE

TOKEN_PATH = "/mts/v3/oauth/token"
WS_PATH = "/mts/v3/ws"
DEMO_CLIENT = {"client_id": "mts-demo-client", "client_secret": "mts-demo-secret", "audience": "mbs-dp-non-prod-wss"}
REPLY_KEYS = {"content", "correlationId", "timestampUtc", "operation", "version"}


def token_response(stack, **fields) -> requests.Response:
    form = {"grant_type": "client_credentials", **DEMO_CLIENT, **fields}
    form = {k: v for k, v in form.items() if v is not None}
    return requests.post(stack.url(TOKEN_PATH), data=form, timeout=10)


def get_token(stack) -> str:
    r = token_response(stack)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def ws_url(stack) -> str:
    return stack.http.replace("http://", "ws://") + WS_PATH


async def open_ws(stack, token: str | None, **kwargs) -> ClientConnection:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    kwargs.setdefault("compression", None)
    kwargs.setdefault("max_size", 2**21)
    return await connect(ws_url(stack), additional_headers=headers, open_timeout=10, **kwargs)


def run(coro):
    return asyncio.run(coro)


def sdk_envelope(correlation_id: str | None = None, customer: str | None = None) -> dict:
    """An envelope shaped as the vendor's SDKs serialize it: decimals as
    strings ("1.0"), null fields left out (no winningCount, no payout source),
    a 32-hex correlationId."""
    env = copy.deepcopy(BASE)
    env["correlationId"] = correlation_id or secrets.token_hex(16)
    s = env["content"]["sessions"][0]
    s["spins"] = [{"type": "ordinary", "count": 12}, {"type": "free", "count": 5, "winningCount": 1}]
    s["payout"] = [{"type": "cash", "traceId": "p-1", "amount": "7.25", "currency": "USD"}]
    s["stake"] = [{"type": "cash", "mode": "total", "amount": "10.5", "currency": "USD"}]
    ctx = env["content"]["context"]
    ctx.pop("rates")
    ctx["endCustomer"] = {"id": customer or secrets.token_hex(16), "confidence": "1.0"}
    ctx["channel"] = {"type": "retail", "shopId": "shop-1", "lang": "en",
                      "location": {"type": "geo", "latitude": 46.05, "longitude": 14.51}}
    return env


def dumps(env: dict) -> str:
    return json.dumps(env, separators=(",", ":"))


def assert_reply(reply: dict, correlation_id: str, type_: str, code: int) -> None:
    assert set(reply) == REPLY_KEYS, reply
    assert set(reply["content"]) == {"type", "code", "message"}
    assert reply["correlationId"] == correlation_id
    assert (reply["content"]["type"], reply["content"]["code"]) == (type_, code), reply
    assert (reply["operation"], reply["version"]) == ("casino-sessions-inform", "3.0")
    assert type(reply["timestampUtc"]) is int


def stored(stack, prefix: str) -> tuple[int, int, int]:
    """(reports, distinct correlationIds, sessions) whose correlationId starts with ``prefix``."""
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as c:
            reports, distinct = c.execute(text(
                "SELECT COUNT(*), COUNT(DISTINCT correlation_id) FROM mts_report WHERE correlation_id LIKE :p"),
                {"p": prefix + "%"}).one()
            sessions = c.execute(text(
                "SELECT COUNT(*) FROM mts_session s JOIN mts_report r ON r.id = s.report_pk "
                "WHERE r.correlation_id LIKE :p"), {"p": prefix + "%"}).scalar()
        return reports, distinct, sessions
    finally:
        engine.dispose()


def stored_replies(stack, prefix: str) -> dict[str, tuple[int, int]]:
    """correlationId -> (reply code, reply timestampUtc) as stored."""
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as c:
            rows = c.execute(text("SELECT correlation_id, reply_code, reply_timestamp_ms FROM mts_report "
                                  "WHERE correlation_id LIKE :p"), {"p": prefix + "%"}).all()
        return {r[0]: (r[1], r[2]) for r in rows}
    finally:
        engine.dispose()


def add_expired_token(stack, token: str) -> None:
    """An access token of the demo client that expired a minute ago."""
    engine = create_engine(stack.database_url)
    now = datetime.now(timezone.utc)
    try:
        with engine.begin() as c:
            c.execute(insert(MtsAccessToken.__table__).values(
                token_hash=hash_token(token), client_id="mts-demo-client", operator_id=1,
                expires_at=now - timedelta(minutes=1), created_at=now - timedelta(hours=1)))
    finally:
        engine.dispose()
