"""An MTS client over WebSocket, behaving as the vendor's SDKs do, so that
Pitboss can exercise both ends of the protocol (``pitboss mts report --send
ws://…``):

- a token from the OAuth2 token endpoint (client credentials), cached for
  ``expires_in - 1`` seconds; or a fixed bearer token;
- one socket, ``Authorization: Bearer <token>``, no extension, no Origin;
- many messages in flight, replies matched by ``correlationId`` alone;
- after ``timeout`` seconds without a reply the byte-identical message is sent
  again (``retries`` times); when the socket closes, it is opened again (with
  a fresh token after a 401) and every unanswered message is sent again.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

CHUNK = 32_000  # the SDKs send larger messages as a text frame plus continuation frames


class TokenError(Exception):
    pass


class TokenSource:
    """Client-credentials tokens from ``auth_url`` (cached), as the SDKs get them."""

    def __init__(self, auth_url: str, client_id: str, client_secret: str, audience: str) -> None:
        self.form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client_id,
                                            "client_secret": client_secret, "audience": audience}).encode()
        self.auth_url = auth_url
        self._token = ""
        self._until = 0.0

    def __call__(self, refresh: bool = False) -> str:
        if self._token and not refresh and time.monotonic() < self._until:
            return self._token
        req = urllib.request.Request(self.auth_url, data=self.form, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                body = json.loads(r.read())
        except urllib.error.HTTPError as e:
            body = json.loads(e.read() or b"{}")
        except (OSError, ValueError) as e:
            raise TokenError(f"token request failed: {type(e).__name__}") from None
        if not body.get("access_token"):
            raise TokenError(f"Auth error: {body.get('error', '?')}: {body.get('error_description', '')}")
        self._token = body["access_token"]
        self._until = time.monotonic() + max(0, int(body.get("expires_in") or 0) - 1)
        return self._token


def fixed_token(token: str) -> Callable[..., str]:
    return lambda refresh=False: token


class _Link:
    """One open socket and the task reading it."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.closed = asyncio.Event()
        self.reader: asyncio.Task | None = None


class MtsWsClient:
    def __init__(self, url: str, token: Callable[..., str], timeout: float = 20.0, retries: int = 3,
                 in_flight: int = 64, connect_attempts: int = 8) -> None:
        self.url = url
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.connect_attempts = connect_attempts
        self.slots = asyncio.Semaphore(in_flight)
        self.waiters: dict[str, asyncio.Future] = {}
        self.link: _Link | None = None
        self.lock = asyncio.Lock()
        self.sent = 0  # messages written, resends included
        self.connects = 0  # sockets opened

    async def __aenter__(self) -> "MtsWsClient":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        if self.link is not None:
            await self.link.ws.close()
            if self.link.reader is not None:
                await asyncio.gather(self.link.reader, return_exceptions=True)

    async def _socket(self) -> _Link:
        async with self.lock:
            if self.link is not None and not self.link.closed.is_set():
                return self.link
            delay, refresh, last = 0.1, False, None
            for _ in range(self.connect_attempts):
                try:
                    token = await asyncio.to_thread(self.token, refresh)
                    ws = await connect(self.url, additional_headers={"Authorization": f"Bearer {token}"},
                                       compression=None, open_timeout=10, max_size=2**20)
                    break
                except InvalidStatus as e:
                    last, refresh = e, e.response.status_code == 401
                except (OSError, InvalidHandshake, TimeoutError) as e:
                    last = e
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            else:
                raise ConnectionError(f"cannot open {self.url}: {last}")
            self.connects += 1
            link = _Link(ws)
            link.reader = asyncio.create_task(self._read(link))
            self.link = link
            return link

    async def _read(self, link: _Link) -> None:
        try:
            async for message in link.ws:
                try:
                    reply = json.loads(message)
                    fut = self.waiters.get(reply.get("correlationId"))
                except (ValueError, AttributeError):
                    continue
                if fut is not None and not fut.done():
                    fut.set_result(reply)
        except ConnectionClosed:
            pass
        finally:
            link.closed.set()

    async def _send(self, link: _Link, text: str) -> None:
        if len(text) > CHUNK:
            await link.ws.send([text[i:i + CHUNK] for i in range(0, len(text), CHUNK)])
        else:
            await link.ws.send(text)
        self.sent += 1

    async def request(self, text: str) -> dict | None:
        """The reply to one serialized envelope (None: no reply after every retry)."""
        cid = json.loads(text).get("correlationId")
        fut = self.waiters.setdefault(cid, asyncio.get_running_loop().create_future())
        async with self.slots:
            for _ in range(1 + self.retries):
                if fut.done():
                    break
                link = await self._socket()
                try:
                    await self._send(link, text)
                except ConnectionClosed:
                    continue
                closed = asyncio.create_task(link.closed.wait())
                await asyncio.wait({fut, closed}, timeout=self.timeout, return_when=asyncio.FIRST_COMPLETED)
                closed.cancel()
        if self.waiters.get(cid) is fut:
            del self.waiters[cid]
        return fut.result() if fut.done() else None

    async def send_all(self, envelopes: list[dict]) -> list[dict | None]:
        texts = [json.dumps(e, separators=(",", ":"), ensure_ascii=False) for e in envelopes]
        return list(await asyncio.gather(*(self.request(t) for t in texts)))
