"""`pitboss mts-ws`: the MTS casino-sessions WebSocket server.

Envoy routes the upgrade on ``/mts/v3/ws`` to this process, which listens on
a loopback port (``PITBOSS_MTS_WS_PORT``); ``pitboss up`` starts and
supervises it beside the gRPC server, so its event loop never competes with
the gRPC server's threads. The protocol is the vendor SDK's (docs/mts.md):

- handshake: ``Authorization: Bearer <token>`` (an access token from
  ``POST /mts/v3/oauth/token``, or the operator's own token) decides the
  operator; a refused token answers HTTP 401, one socket too many for the
  operator 429; ``GET /healthz`` answers 200 (plain HTTP, for the supervisor);
- each text message is one request envelope, answered by one reply envelope
  (``server.api.mts_ws``, on worker threads: the database work never blocks
  the loop); several messages may be in flight on one socket and are
  answered as each finishes;
- budgets (docs/mts.md): a message of at most ``MAX_MESSAGE_BYTES`` (128 KiB,
  the HTTP binding's limit; over the vendor's 128,000 bytes: an error-reply
  104, the socket stays open; over 128 KiB: closed with 1009),
  ``PITBOSS_MTS_WS_QUEUE`` frames read ahead, then per socket at most
  ``PITBOSS_MTS_WS_IN_FLIGHT`` messages and ``PITBOSS_MTS_WS_SOCKET_BYTES``
  bytes read and not yet answered (beyond either the socket is not read
  until a reply goes out: TCP back-pressure), ``PITBOSS_MTS_WS_IDLE_SECONDS``
  without a frame from the client and nothing in flight (closed with 1000
  "idle timeout"; the server sends no pings of its own),
  ``PITBOSS_MTS_WS_MAX_CONNECTIONS`` sockets per operator;
- the intake (``server.process.fair_intake``): ``PITBOSS_MTS_WS_WORKERS``
  database threads taking the operators' messages in turn, at most
  ``PITBOSS_MTS_WS_OPERATOR_QUEUE`` waiting per operator (the handshakes'
  token checks are one more party), so one operator's backlog never delays
  another's messages;
- SIGTERM: stop accepting and reading, let messages already read finish and
  send their replies (up to ``PITBOSS_SHUTDOWN_GRACE`` s), close every socket
  with 1012 (service restart), exit 0.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections import Counter
from http import HTTPStatus
from urllib.parse import urlsplit

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode, Frame

from server.api.mts_ws import MessageHandler, authenticate
from server.config import Settings
from server.domain.mts.intake import MAX_MESSAGE_BYTES
from server.observability import metrics
from server.process.fair_intake import FairIntake
from server.storage.db import Database

log = logging.getLogger("pitboss.mts_ws")

WS_PATH = "/mts/v3/ws"
HEALTH_PATH = "/healthz"
# The handshakes' token checks: one party of the intake, beside the operators.
HANDSHAKES = "handshakes"


class ByteBudget:
    """Bytes of a socket's messages read and not yet answered: ``take``
    waits while another message would not fit (one message always fits)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._freed = asyncio.Condition()

    async def take(self, n: int) -> None:
        async with self._freed:
            await self._freed.wait_for(lambda: self.used == 0 or self.used + n <= self.limit)
            self.used += n

    async def give(self, n: int) -> None:
        async with self._freed:
            self.used -= n
            self._freed.notify_all()


class MtsConnection(ServerConnection):
    """A socket that remembers its operator and when the client was last
    heard (any frame: a message, a ping, or an unsolicited keepalive pong)."""

    operator_id: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.last_heard = self.loop.time()
        self.budget: ByteBudget | None = None

    def process_event(self, event) -> None:
        if isinstance(event, Frame):
            self.last_heard = self.loop.time()
        super().process_event(event)


def _text(conn: ServerConnection, status: HTTPStatus, text: str):
    response = conn.respond(status, text)
    response.headers["Cache-Control"] = "no-store"
    return response


class WsServer:
    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        self.settings = settings
        self.db = db or Database(settings.database_url, settings.db_pool_size)
        self.intake = FairIntake(settings.mts_ws_workers, settings.mts_ws_operator_queue)
        self.handler = MessageHandler(self.db)
        self.open: Counter[int] = Counter()
        self.stopping: asyncio.Event | None = None
        self.port: int | None = None
        # The most bytes and messages one socket held unanswered (what the
        # budgets bound).
        self.peak_bytes = self.peak_in_flight = 0

    # ------------------------------------------------------------ handshake

    async def process_request(self, conn: MtsConnection, request):
        path = urlsplit(request.path).path
        if path == HEALTH_PATH:
            return _text(conn, HTTPStatus.OK, "ok\n")
        if path != WS_PATH:
            return _text(conn, HTTPStatus.NOT_FOUND, "Not found: the MTS WebSocket is /mts/v3/ws\n")
        if self.stopping is not None and self.stopping.is_set():
            return _text(conn, HTTPStatus.SERVICE_UNAVAILABLE, "Restarting: connect again\n")
        values = request.headers.get_all("Authorization")
        try:
            operator_id = None if len(values) != 1 else await self.intake.run(
                HANDSHAKES, authenticate, self.db, values[0])
        except Exception as exc:  # noqa: BLE001 - e.g. the database is down
            log.error("ws handshake failed", extra={"fields": {"error": type(exc).__name__}})
            metrics.WS_HANDSHAKES.labels("unavailable").inc()
            return _text(conn, HTTPStatus.SERVICE_UNAVAILABLE, "Service unavailable: try again\n")
        if operator_id is None:
            metrics.WS_HANDSHAKES.labels("unauthorized").inc()
            response = _text(conn, HTTPStatus.UNAUTHORIZED,
                             "Unauthorized: missing, unknown or expired bearer token\n")
            response.headers["WWW-Authenticate"] = 'Bearer realm="pitboss-mts"'
            return response
        if self.open[operator_id] >= self.settings.mts_ws_max_connections:
            metrics.WS_HANDSHAKES.labels("too_many").inc()
            return _text(conn, HTTPStatus.TOO_MANY_REQUESTS,
                         f"Too many connections: at most {self.settings.mts_ws_max_connections} per operator\n")
        conn.operator_id = operator_id
        metrics.WS_HANDSHAKES.labels("accepted").inc()
        return None

    # ------------------------------------------------------------ one socket

    async def handle(self, conn: MtsConnection) -> None:
        op = conn.operator_id
        assert op is not None and self.stopping is not None
        self.open[op] += 1
        metrics.WS_OPEN.inc()
        in_flight: set[asyncio.Task] = set()
        tasks = []
        try:
            if self.open[op] > self.settings.mts_ws_max_connections:  # lost a race with another handshake
                await conn.close(CloseCode.TRY_AGAIN_LATER, "too many connections")
                return
            log.info("ws open", extra={"fields": {"operator_id": op, "open": self.open[op]}})
            tasks = [asyncio.create_task(self._read(conn, op, in_flight)),
                     asyncio.create_task(self._idle(conn, in_flight)),
                     asyncio.create_task(self.stopping.wait())]
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in tasks:
                t.cancel()
            if in_flight:  # messages already read: let them finish and answer
                await asyncio.wait(set(in_flight), timeout=self.settings.shutdown_grace)
            if self.stopping.is_set():
                await conn.close(CloseCode.SERVICE_RESTART, "service restart")
            self.open[op] -= 1
            metrics.WS_OPEN.dec()
            log.info("ws closed", extra={"fields": {"operator_id": op, "code": conn.close_code,
                                                    "open": self.open[op]}})

    async def _read(self, conn: MtsConnection, op: int, in_flight: set[asyncio.Task]) -> None:
        """Read while the socket is within its budgets; past either, wait for
        a reply to go out before reading on (TCP back-pressure)."""
        slots = asyncio.Semaphore(self.settings.mts_ws_in_flight)
        budget = conn.budget = ByteBudget(self.settings.mts_ws_socket_bytes)
        try:
            async for message in conn:
                size = len(message) if isinstance(message, bytes) else len(message.encode("utf-8"))
                await slots.acquire()
                await budget.take(size)
                task = asyncio.create_task(self._reply(conn, op, message, slots, size))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)
                self.peak_bytes = max(self.peak_bytes, budget.used)
                self.peak_in_flight = max(self.peak_in_flight, len(in_flight))
        except ConnectionClosed:
            pass

    async def _reply(self, conn: MtsConnection, op: int, message, slots: asyncio.Semaphore, size: int) -> None:
        try:
            answer = await self.intake.run(op, self.handler.answer, message, op)
            conn.last_heard = conn.loop.time()
            metrics.WS_MESSAGES.inc()
            await conn.send(answer.text)
        except ConnectionClosed:
            pass  # the report is stored; a resend is answered with the first reply
        finally:
            slots.release()
            assert conn.budget is not None
            await conn.budget.give(size)

    async def _idle(self, conn: MtsConnection, in_flight: set[asyncio.Task]) -> None:
        limit = self.settings.mts_ws_idle_seconds
        while True:
            await asyncio.sleep(max(0.05, min(limit / 4, 5.0)))
            if in_flight:
                conn.last_heard = conn.loop.time()
            elif conn.loop.time() - conn.last_heard >= limit:
                await conn.close(CloseCode.NORMAL_CLOSURE, "idle timeout")
                return

    # ------------------------------------------------------------ process

    async def run(self, ready: asyncio.Event | None = None) -> None:
        self.stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        if threading.current_thread() is threading.main_thread():  # (in-process tests run it on another)
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self.stopping.set)
        s = self.settings
        protocol_log = logging.getLogger("pitboss.mts_ws.protocol")
        protocol_log.setLevel(logging.WARNING)
        server = await serve(
            self.handle, "127.0.0.1", s.mts_ws_port, process_request=self.process_request,
            create_connection=MtsConnection, compression=None, max_size=MAX_MESSAGE_BYTES,
            # A few frames are read ahead while the socket waits for its
            # budget, so that the client's pings are still answered; then
            # reading stops (TCP back-pressure).
            max_queue=s.mts_ws_queue,
            # No keepalive pings from the server: clients ping (the SDKs every
            # 10-300 s); the idle timeout closes sockets that went quiet.
            ping_interval=None,
            server_header=None, open_timeout=10, close_timeout=5, logger=protocol_log,
        )
        self.port = next(iter(server.sockets)).getsockname()[1]
        log.info("mts websocket server listening", extra={"fields": {
            "address": f"127.0.0.1:{self.port}", "path": WS_PATH, "pid": os.getpid()}})
        if ready is not None:
            ready.set()
        await self.stopping.wait()
        log.info("mts websocket server stopping: finishing in-flight messages")
        server.close(close_connections=False)
        try:
            await asyncio.wait_for(server.wait_closed(), s.shutdown_grace + 10)
        except TimeoutError:
            pass
        self.intake.shutdown()
        self.db.dispose()
        log.info("mts websocket server stopped")


def serve_ws(settings: Settings) -> int:
    try:
        asyncio.run(WsServer(settings).run())
    finally:
        metrics.flush()
    return 0
