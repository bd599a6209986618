"""Casino-sessions report persistence."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, delete, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from server.domain.mts.envelope import Report
from server.domain.mts.intake import Reply
from server.domain.mts.oauth import Client
from server.domain.mts.query import SessionQuery
from server.security import hash_token
from server.storage.models import MtsAccessToken, MtsClient, MtsOperator, MtsReport, MtsSession
from server.storage.types import utcnow


def _plain(d) -> str:
    """A Decimal as plain text (no exponent)."""
    return format(d, "f")


class MtsRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def operator_by_token(self, token: str | None, now: datetime | None = None) -> MtsOperator | None:
        """The operator of a bearer token: its long-lived operator token, or an
        access token from the token endpoint that has not expired at ``now``."""
        if not token:
            return None
        digest = hash_token(token)
        op = self.s.exec(select(MtsOperator).where(MtsOperator.token_hash == digest)).first()
        if op is not None:
            return op
        return self.s.exec(
            select(MtsOperator).join(MtsAccessToken, MtsAccessToken.operator_id == MtsOperator.id).where(
                MtsAccessToken.token_hash == digest, MtsAccessToken.expires_at > (now or utcnow()))
        ).first()

    def client(self, client_id: str) -> MtsClient | None:
        return self.s.get(MtsClient, client_id)

    def add_access_token(self, client_id: str, operator_id: int, token_hash: str, expires_at: datetime,
                         now: datetime) -> None:
        """Store a new token's hash; the client's expired tokens are deleted."""
        self.s.exec(delete(MtsAccessToken).where(MtsAccessToken.client_id == client_id,
                                                 MtsAccessToken.expires_at <= now))
        self.s.add(MtsAccessToken(token_hash=token_hash, client_id=client_id, operator_id=operator_id,
                                  expires_at=expires_at, created_at=now))
        self.s.flush()

    def reply_for(self, operator_id: int, correlation_id: str) -> Reply | None:
        row = self.s.exec(
            select(MtsReport).where(MtsReport.operator_id == operator_id, MtsReport.correlation_id == correlation_id)
        ).first()
        if row is None:
            return None
        return Reply(row.correlation_id, row.reply_timestamp_ms, row.reply_code, row.reply_message)

    def add(self, report: Report, reply: Reply) -> None:
        row = MtsReport(
            operator_id=report.operator_id, correlation_id=report.correlation_id, report_id=report.report_id,
            request_timestamp_ms=report.timestamp_ms, reply_timestamp_ms=reply.timestamp_ms,
            reply_code=reply.code, reply_message=reply.message, session_count=len(report.sessions),
        )
        self.s.add(row)
        self.s.flush()  # the unique (operator, correlationId) constraint answers here
        for pos, x in enumerate(report.sessions):
            lines = {
                "stake": [{"type": a.type, "mode": a.mode, "traceId": a.trace_id, "amount": _plain(a.amount),
                           "currency": a.currency} for a in x.stake],
                "spins": [{"type": a.type, "count": a.count, "winningCount": a.winning_count} for a in x.spins],
                "payout": [{"type": a.type, "traceId": a.trace_id, "amount": _plain(a.amount),
                            "currency": a.currency, "source": a.source} for a in x.payout],
            }
            self.s.add(MtsSession(
                report_pk=row.id, position=pos, operator_id=report.operator_id, session_id=x.id,
                end_customer_id=report.end_customer_id, wallet_id=report.wallet_id,
                channel_type=report.channel_type, provider=x.provider, game_id=x.game_id,
                start_ms=x.start_ms, end_ms=x.end_ms, lines=json.dumps(lines, separators=(",", ":")),
            ))
        self.s.flush()

    def sessions(self, q: SessionQuery) -> list[tuple[MtsSession, MtsReport]]:
        """One page plus one row (to know whether another page follows)."""
        stmt = select(MtsSession, MtsReport).join(MtsReport, MtsReport.id == MtsSession.report_pk).where(
            MtsSession.operator_id == q.operator_id
        )
        if q.end_customer_id:
            stmt = stmt.where(MtsSession.end_customer_id == q.end_customer_id)
        if q.since_ms is not None:
            stmt = stmt.where(MtsSession.end_ms >= q.since_ms)
        if q.until_ms is not None:
            stmt = stmt.where(MtsSession.start_ms < q.until_ms)
        if q.after is not None:
            s, i = q.after
            stmt = stmt.where(or_(MtsSession.start_ms > s, and_(MtsSession.start_ms == s, MtsSession.id > i)))
        stmt = stmt.order_by(MtsSession.start_ms, MtsSession.id).limit(q.page_size + 1)
        return list(self.s.exec(stmt))


class SqlReportStore:
    """The intake's ReportStore on the service database."""

    def __init__(self, db) -> None:
        self.db = db

    def find_reply(self, operator_id: int, correlation_id: str) -> Reply | None:
        with self.db.session() as s:
            return MtsRepository(s).reply_for(operator_id, correlation_id)

    def save(self, report: Report, reply: Reply) -> Reply:
        # SQLite: BEGIN IMMEDIATE serialises writers, so the look-up below sees
        # any report committed before. PostgreSQL: a concurrent insert of the
        # same (operator, correlationId) waits on the unique index and then
        # fails; the loser answers the winner's reply.
        try:
            with self.db.session(write=True) as s:
                repo = MtsRepository(s)
                prior = repo.reply_for(report.operator_id, report.correlation_id)
                if prior is not None:
                    return prior
                repo.add(report, reply)
            return reply
        except IntegrityError:
            prior = self.find_reply(report.operator_id, report.correlation_id)
            if prior is None:
                raise
            return prior


class SqlClientStore:
    """The token endpoint's ClientStore on the service database."""

    def __init__(self, db) -> None:
        self.db = db

    def client(self, client_id: str) -> Client | None:
        with self.db.session() as s:
            row = MtsRepository(s).client(client_id)
            if row is None:
                return None
            return Client(row.client_id, row.operator_id, row.secret_hash, row.audience)

    def save_token(self, client: Client, token_hash: str, expires_at: datetime, now: datetime) -> None:
        with self.db.session(write=True) as s:
            MtsRepository(s).add_access_token(client.client_id, client.operator_id, token_hash, expires_at, now)
