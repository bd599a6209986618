"""The MTS WebSocket server's budgets and its fair intake (issue 19), with
counts, not timings: the real server (``WsServer``) on loopback and a real
WebSocket client, with a message handler that records the order it was
called in and holds its work until the test lets it go, so that what is
queued where is known exactly. (Oversized messages through Envoy and the
real intake: tests/e2e/test_mts_ws_e2e.py.)"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import server.process.mts_ws_server as ws_server
from server.api.mts_ws import Answer
from server.config import Settings
from server.domain.mts.intake import MAX_MESSAGE_BYTES
from server.process.fair_intake import FairIntake
from server.process.mts_ws_server import WsServer
from tests.support import SECRET

TOKENS = {"Bearer token-a": 1, "Bearer token-b": 2}


class Held:
    """The message handler: records (operator, correlationId) in call order
    and blocks each call until ``release`` (all at once)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []
        self.lock = threading.Lock()
        self.gate = threading.Event()

    def answer(self, message, operator_id: int) -> Answer:
        cid = json.loads(message)["correlationId"]
        with self.lock:
            self.calls.append((operator_id, cid))
        self.gate.wait(30)
        body = {"correlationId": cid, "content": {"type": "casino-sessions-inform-reply", "code": 0, "message": "ok"}}
        return Answer(json.dumps(body), cid, "casino-sessions-inform-reply", 0)


class Running:
    """A WsServer on its own event loop thread."""

    def __init__(self, monkeypatch, **settings) -> None:
        monkeypatch.setattr(ws_server, "authenticate", lambda db, auth: TOKENS.get(auth))
        s = Settings(database_url="sqlite://", secret_key=SECRET, **settings)
        self.server = WsServer(s, db=_NoDb())
        self.held = self.server.handler = Held()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def main():
            started = asyncio.Event()
            task = asyncio.create_task(self.server.run(started))
            await started.wait()
            ready.set()
            await task

        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(main(),), daemon=True)
        self.thread.start()
        assert ready.wait(10)
        self.url = f"ws://127.0.0.1:{self.server.port}/mts/v3/ws"

    def stop(self) -> None:
        self.held.gate.set()
        self.loop.call_soon_threadsafe(self.server.stopping.set)
        self.thread.join(30)


class _NoDb:
    def dispose(self) -> None:
        pass


def message(cid: str, size: int = 0) -> str:
    env = {"correlationId": cid, "padding": ""}
    if size:
        env["padding"] = "x" * (size - len(json.dumps(env, separators=(",", ":"))))
    return json.dumps(env, separators=(",", ":"))


def until(check, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


@pytest.fixture
def running(monkeypatch):
    made = []

    def start(**settings):
        r = Running(monkeypatch, **settings)
        made.append(r)
        return r

    yield start
    for r in made:
        r.stop()


# ------------------------------------------------------------ the intake alone


def test_the_intake_takes_operators_in_turn_and_never_queues_in_the_pool():
    """One thread; operator 1 queues 20 jobs, then operator 2 one: operator
    2's job starts second (before: a shared executor's FIFO started it 21st)."""
    gate, order = threading.Event(), []

    def job(name):
        order.append(name)
        gate.wait(10)
        return name

    async def go():
        intake = FairIntake(workers=1, per_party=64)
        a = [asyncio.create_task(intake.run(1, job, f"a{i}")) for i in range(20)]
        await asyncio.sleep(0.05)
        b = asyncio.create_task(intake.run(2, job, "b0"))
        await asyncio.sleep(0.05)
        assert intake.queued(1) == 19 and intake.queued(2) == 1 and intake.running == 1
        assert intake.pool._work_queue.qsize() == 0  # nothing waits inside the pool
        gate.set()
        await asyncio.gather(*a, b)
        intake.shutdown()

    asyncio.run(go())
    assert order[:3] == ["a0", "b0", "a1"]


def test_a_party_over_its_queue_waits_outside_it():
    gate = threading.Event()

    async def go():
        intake = FairIntake(workers=1, per_party=3)
        tasks = [asyncio.create_task(intake.run(1, gate.wait, 10)) for _ in range(10)]
        await asyncio.sleep(0.05)
        assert intake.running == 1 and intake.queued(1) == 2  # 1 running + 2 queued = 3 admitted
        gate.set()
        await asyncio.gather(*tasks)
        intake.shutdown()

    asyncio.run(go())


# ------------------------------------------------------------ the server


def test_a_socket_over_its_budgets_is_not_read_further(running):
    """20 messages of 100,000 bytes sent at once while nothing is answered:
    the server holds at most the socket's byte budget (3 messages here) and
    its in-flight cap; the rest waits in TCP. Once replies go out, every
    message is answered. (Before: 64 in flight and 256 read ahead per socket,
    no byte budget: all 20, 2 MB, held at once.)"""
    r = running(mts_ws_in_flight=8, mts_ws_socket_bytes=300_000, mts_ws_queue=2, mts_ws_workers=8)

    async def go():
        async with connect(r.url, additional_headers={"Authorization": "Bearer token-a"}, max_size=2**20,
                           compression=None) as ws:
            async def send_all():
                for i in range(20):
                    await ws.send(message(f"m{i}", 100_000))

            sender = asyncio.create_task(send_all())
            await asyncio.sleep(1.0)  # everything the server will take without a reply has been taken
            taken = len(r.held.calls)
            r.held.gate.set()
            got = [json.loads(await asyncio.wait_for(ws.recv(), 30))["correlationId"] for _ in range(20)]
            await sender
            return taken, got

    taken, got = asyncio.run(go())
    assert taken == 3  # 3 x 100,000 bytes fit the 300,000-byte budget, a 4th does not
    assert sorted(got) == sorted(f"m{i}" for i in range(20))
    assert r.server.peak_bytes <= 300_000 and r.server.peak_in_flight <= 8


def test_a_message_over_128_kib_closes_the_socket_with_1009(running):
    r = running()

    async def go():
        async with connect(r.url, additional_headers={"Authorization": "Bearer token-a"}, max_size=2**20,
                           compression=None) as ws:
            await ws.send(message("big", MAX_MESSAGE_BYTES + 1))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 20)
            return ws.close_code

    assert asyncio.run(go()) == 1009
    assert r.held.calls == []  # never handed to the intake


def test_one_operators_backlog_never_delays_another(running):
    """One database thread; operator 1 has 30 messages waiting on two
    sockets, operator 2 sends one: it is the next message taken."""
    r = running(mts_ws_workers=1, mts_ws_in_flight=16, mts_ws_operator_queue=64)

    async def go():
        a1 = await connect(r.url, additional_headers={"Authorization": "Bearer token-a"}, compression=None)
        a2 = await connect(r.url, additional_headers={"Authorization": "Bearer token-a"}, compression=None)
        b = await connect(r.url, additional_headers={"Authorization": "Bearer token-b"}, compression=None)
        for i in range(15):
            await a1.send(message(f"a1-{i}"))
            await a2.send(message(f"a2-{i}"))
        await asyncio.to_thread(until, lambda: r.server.intake.queued(1) == 29)
        await b.send(message("b-0"))
        await asyncio.to_thread(until, lambda: r.server.intake.queued(2) == 1)
        r.held.gate.set()
        for ws, n in ((a1, 15), (a2, 15), (b, 1)):
            for _ in range(n):
                await asyncio.wait_for(ws.recv(), 30)
        for ws in (a1, a2, b):
            await ws.close()

    asyncio.run(go())
    ops = [op for op, _ in r.held.calls]
    assert len(ops) == 31 and ops.index(2) == 1  # right after the one operator 1 was running
