"""Load through the real Envoy: 16 sockets at once (an operator's cap), each with many reports
in flight, some invalid and some also sent on a neighbouring socket at the
same time. Every reply is matched to its request by correlationId, and every
report is stored exactly once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import secrets
import time

import pytest

from tests.support.mts_helpers import envelope
from tests.e2e.mts_ws_support import dumps, get_token, open_ws, run, stored

pytestmark = pytest.mark.e2e

SOCKETS = 16  # PITBOSS_MTS_WS_MAX_CONNECTIONS


def _load(stack, per_socket: int) -> float:
    run_id = "load-" + secrets.token_hex(4)
    token = get_token(stack)

    def message(c: int, i: int) -> tuple[str, int]:
        env = envelope(f"{run_id}-{c}-{i}", reportId=f"report-{c}-{i}")
        if i % 7 == 3:  # an invalid one: its reply must be its own
            env["timestampUtc"] = -1
            return dumps(env), -107
        return dumps(env), 0

    own = {c: [message(c, i) for i in range(per_socket)] for c in range(SOCKETS)}
    # Every tenth report of socket c is sent by socket c+1 too, at the same time.
    plan = {c: own[c] + own[(c - 1) % SOCKETS][::10] for c in range(SOCKETS)}

    async def one(c: int) -> dict[str, dict]:
        async with await open_ws(stack, token) as ws:
            async def send():
                for text, _ in plan[c]:
                    await ws.send(text)
            sender = asyncio.create_task(send())
            replies: dict[str, dict] = {}
            while len(replies) < len(plan[c]):
                r = json.loads(await asyncio.wait_for(ws.recv(), 60))
                assert r["correlationId"] not in replies, "one reply per message"
                replies[r["correlationId"]] = r
            await sender
            return replies

    async def all_sockets():
        return await asyncio.gather(*(one(c) for c in range(SOCKETS)))

    start = time.perf_counter()
    results = run(all_sockets())
    elapsed = time.perf_counter() - start
    for c, replies in enumerate(results):
        for text, code in plan[c]:
            cid = json.loads(text)["correlationId"]
            assert replies[cid]["content"]["code"] == code, (cid, replies[cid])
    for c in range(SOCKETS):  # an accepted duplicate got the first reply on both sockets
        for text, code in own[(c - 1) % SOCKETS][::10]:
            cid = json.loads(text)["correlationId"]
            mine, theirs = results[c][cid], results[(c - 1) % SOCKETS][cid]
            # (a rejection is not remembered: each copy is rejected on its own, at its own time)
            assert mine == theirs if code == 0 else mine["content"] == theirs["content"]
    accepted = sum(1 for c in own for _, code in own[c] if code == 0)
    assert stored(stack, run_id) == (accepted, accepted, accepted)
    return elapsed


def test_16_sockets_of_200_reports_sqlite(stack):
    elapsed = _load(stack, 200)
    print(f"16 x 200 reports (+10% duplicates) over WebSocket on SQLite: {elapsed:.1f} s")


def test_16_sockets_of_reports_postgresql(pg_stack):
    # Fewer reports per socket than on SQLite: the same concurrency (16 sockets,
    # cross-socket duplicates racing on the unique constraint) at a third of the time.
    elapsed = _load(pg_stack, 40)
    print(f"16 x 40 reports (+10% duplicates) over WebSocket on PostgreSQL: {elapsed:.1f} s")
