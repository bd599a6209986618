"""Shared helpers of the MTS tests: a valid envelope and its callers."""

from __future__ import annotations

import copy
import json
import secrets

PATH = "/mts/v3/casino-sessions-inform"
TOKEN = "mts-demo-token"
CUSTOMER = "73619e57b3bc4b4e9014132be3bd12a9"

BASE = {
    "operatorId": 1,
    "correlationId": "kL20vAyh",
    "timestampUtc": 1703852996000,
    "operation": "casino-sessions-inform",
    "version": "3.0",
    "content": {
        "type": "casino-sessions-inform",
        "reportId": "report-1",
        "sessions": [
            {
                "id": "session-1",
                "game": {"provider": "evolution", "id": "ecf559b11f0"},
                "stake": [
                    {"type": "cash", "mode": "total", "traceId": "t-1", "amount": "10.50", "currency": "USD"},
                    {"type": "free", "mode": "unit", "traceId": "t-2", "amount": "0.20", "currency": "USD"},
                ],
                "spins": [{"type": "ordinary", "count": 12, "winningCount": 3},
                          {"type": "free", "count": 5, "winningCount": 1}],
                "payout": [{"type": "cash", "traceId": "p-1", "amount": "7.25", "currency": "USD", "source": "cash"}],
                "startUtc": 1703850000000,
                "endUtc": 1703852000000,
            }
        ],
        "context": {
            "walletId": "wallet-1",
            "channel": {"type": "internet", "ip": "10.0.0.1", "lang": "en"},
            "endCustomer": {"id": CUSTOMER, "confidence": 10000},
            "rates": [{"fromCurrency": "USD", "toCurrency": "EUR", "rate": "0.92"}],
        },
    },
}


def envelope(correlation_id: str | None = None, **content_changes) -> dict:
    env = copy.deepcopy(BASE)
    env["correlationId"] = correlation_id or "c-" + secrets.token_hex(8)
    env["content"].update(content_changes)
    return env


def set_path(env: dict, path: str, value) -> dict:
    """Set (or, with value DELETE, remove) a dotted path like
    'content.sessions.0.stake.1.amount'."""
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    obj = env
    for k in keys[:-1]:
        obj = obj[k]
    if value is DELETE:
        del obj[keys[-1]]
    else:
        obj[keys[-1]] = value
    return env


DELETE = object()


def post(stack, http, body, token: str | None = TOKEN, raw: str | None = None):
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return http.post(stack.url(PATH), data=raw if raw is not None else json.dumps(body), headers=headers)


# The demo reports client (demo mode): may read operator 1.
REPORTS_MD = (("authorization", "Bearer mts-reports-demo-token"),)


class _ReportsStub:
    """MtsReportsService with the demo reports client's credential."""

    def __init__(self, channel) -> None:
        from pitboss.mts.v1 import mts_pb2_grpc

        self._stub = mts_pb2_grpc.MtsReportsServiceStub(channel)

    def ListCasinoSessions(self, request, **kw):
        kw.setdefault("metadata", REPORTS_MD)
        return self._stub.ListCasinoSessions(request, **kw)


def reports_stub(channel) -> _ReportsStub:
    return _ReportsStub(channel)
