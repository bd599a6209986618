"""The MTS WebSocket server's limits and its supervision, on a stack of its
own (3 sockets per operator, a 1.5 s idle timeout): the connection cap, the
idle timeout, and restarts of the WebSocket server while clients are
connected: they reconnect and resend, nothing acknowledged is lost and
nothing is stored twice."""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import signal
import time

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from server.cli.mts_ws_client import MtsWsClient, fixed_token
from tests.e2e.stack import start_stack, stop_stack
from tests.support.mts_helpers import envelope
from tests.e2e.mts_ws_support import dumps, get_token, open_ws, run, stored, stored_replies, ws_url

pytestmark = pytest.mark.e2e

CAP = 3
IDLE = 1.5


@pytest.fixture(scope="module")
def small_stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mtsws")
    s = start_stack(tmp, f"sqlite:///{tmp / 'pitboss.db'}", {
        "PITBOSS_MTS_WS_MAX_CONNECTIONS": str(CAP), "PITBOSS_MTS_WS_IDLE_SECONDS": str(IDLE)})
    yield s
    assert stop_stack(s) == 0, s.log_text()[-3000:]


def ws_pids(stack) -> list[int]:
    """The pid of each MTS WebSocket server the stack started, in order."""
    return [int(m) for m in re.findall(r'"mts websocket server listening".*?"pid": (\d+)', stack.log_text())]


def test_connections_per_operator_are_capped(small_stack):
    async def go():
        token = get_token(small_stack)
        socks = [await open_ws(small_stack, token, ping_interval=None) for _ in range(CAP)]
        with pytest.raises(InvalidStatus) as e:
            await open_ws(small_stack, token)
        await socks[0].close()
        await asyncio.sleep(0.2)
        again = await open_ws(small_stack, token)  # a place is free again
        await again.send(dumps(envelope()))
        reply = json.loads(await again.recv())
        for s in [*socks[1:], again]:
            await s.close()
        return e.value.response.status_code, reply

    status, reply = run(go())
    assert status == 429 and reply["content"]["code"] == 0


def test_idle_sockets_are_closed_and_pinging_ones_kept(small_stack):
    async def go():
        token = get_token(small_stack)
        quiet = await open_ws(small_stack, token, ping_interval=None)
        pinging = await open_ws(small_stack, token, ping_interval=0.3)
        start = time.monotonic()
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(quiet.recv(), 10)
        closed_after = time.monotonic() - start
        await asyncio.sleep(IDLE * 2 - closed_after + 0.5)
        await pinging.send(dumps(envelope()))  # still open, well past the idle timeout
        reply = json.loads(await pinging.recv())
        await pinging.close()
        return quiet.close_code, quiet.close_reason, closed_after, reply

    code, reason, after, reply = run(go())
    assert (code, reason) == (1000, "idle timeout")
    assert IDLE * 0.9 <= after < IDLE + 5
    assert reply["content"]["code"] == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["graceful", "killed"])
def test_restart_while_clients_are_connected(small_stack, sig):
    run_id = f"restart-{sig.name}-" + secrets.token_hex(4)
    token = get_token(small_stack)
    before = ws_pids(small_stack)
    per_client = 150
    plans = {c: [envelope(f"{run_id}-{c}-{i}") for i in range(per_client)] for c in range(CAP)}
    clients = [MtsWsClient(ws_url(small_stack), fixed_token(token), timeout=3, retries=6, in_flight=16,
                           connect_attempts=40) for _ in range(CAP)]

    async def go():
        tasks = [asyncio.create_task(cl.send_all(plans[c])) for c, cl in enumerate(clients)]
        while sum(cl.sent for cl in clients) < per_client:  # mid-stream, with messages in flight
            await asyncio.sleep(0.01)
        os.kill(before[-1], sig)  # the WebSocket server
        results = await asyncio.gather(*tasks)
        for cl in clients:
            await cl.close()
        return results

    results = run(go())
    after = ws_pids(small_stack)
    assert len(after) == len(before) + 1 and after[-1] != before[-1], "restarted by pitboss up"
    assert all(cl.connects >= 2 for cl in clients), "every client reconnected"
    if sig == signal.SIGKILL:
        assert sum(cl.sent for cl in clients) > CAP * per_client, "unanswered messages were sent again"
    acknowledged = {r["correlationId"]: r for replies in results for r in replies if r is not None}
    total = CAP * per_client
    assert len(acknowledged) == total, "every client got every reply after reconnecting"
    assert all(r["content"]["code"] == 0 for r in acknowledged.values())
    assert stored(small_stack, run_id) == (total, total, total)  # nothing twice
    rows = stored_replies(small_stack, run_id)
    assert {cid: (0, r["timestampUtc"]) for cid, r in acknowledged.items()} == rows  # nothing acknowledged lost
    if sig == signal.SIGTERM:
        assert "mts websocket server stopped" in small_stack.log_text()
