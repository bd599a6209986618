"""The MTS ports (server/domain/mts/ports.py) in memory: ``ReportStore``
(reports and their replies, once per operator and correlationId),
``ClientStore`` (OAuth2 clients and their tokens) and ``SessionStore``."""

from __future__ import annotations

from datetime import datetime

from server.domain.mts.ports import Client, Reply, StoredSession


class FakeReportStore:
    def __init__(self) -> None:
        self.replies: dict[tuple[int, str], Reply] = {}
        self.reports: list = []

    def reply_for(self, operator_id: int, correlation_id: str) -> Reply | None:
        return self.replies.get((operator_id, correlation_id))

    def add(self, report, reply: Reply) -> bool:
        key = (report.operator_id, reply.correlation_id)
        if key in self.replies:
            return False
        self.reports.append(report)
        self.replies[key] = reply
        return True


class FakeClientStore:
    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        self.tokens: list[tuple[str, str, datetime]] = []  # (client id, token hash, expires at)

    def client(self, client_id: str) -> Client | None:
        return self.clients.get(client_id)

    def save_token(self, client: Client, token_hash: str, expires_at: datetime, now: datetime) -> None:
        self.tokens.append((client.client_id, token_hash, expires_at))


class FakeSessionStore:
    def __init__(self, stored: list[StoredSession] | None = None) -> None:
        self.stored = stored or []

    def sessions(self, q) -> list[StoredSession]:
        return list(self.stored)
