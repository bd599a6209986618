"""Concurrent duplicates of one report through Envoy, on SQLite and PostgreSQL:
every caller gets the first reply, one report is stored."""

from __future__ import annotations

import json
import threading

import grpc
import pytest
import requests

from pitboss.mts.v1 import mts_pb2
from tests.support.mts_helpers import PATH, TOKEN, envelope, reports_stub


def _storm(stack, env: dict, n: int = 10) -> list[dict]:
    barrier = threading.Barrier(n)
    out: list = []

    def worker():
        with requests.Session() as s:
            barrier.wait()
            r = s.post(stack.url(PATH), data=json.dumps(env),
                       headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
            out.append((r.status_code, r.json()))

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _check(stack):
    import secrets

    customer = "dup-" + secrets.token_hex(6)
    env = envelope()
    env["content"]["context"]["endCustomer"]["id"] = customer
    env["content"]["sessions"] = [dict(env["content"]["sessions"][0], id=f"s-{i}") for i in range(4)]
    results = _storm(stack, env)
    assert {status for status, _ in results} == {200}
    bodies = [json.dumps(b, sort_keys=True) for _, b in results]
    assert len(set(bodies)) == 1, bodies
    assert results[0][1]["content"]["code"] == 0
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=customer))
    assert sorted(s.session_id for s in got.sessions) == ["s-0", "s-1", "s-2", "s-3"]


@pytest.mark.e2e
def test_concurrent_duplicates_sqlite(stack):
    _check(stack)


@pytest.mark.e2e
def test_concurrent_duplicates_postgresql(pg_stack):
    _check(pg_stack)
