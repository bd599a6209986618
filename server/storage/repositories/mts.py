"""Casino-sessions report persistence."""

from __future__ import annotations

import json

from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from server.domain.mts.envelope import Report
from server.domain.mts.intake import Reply
from server.domain.mts.query import SessionQuery
from server.security import hash_token
from server.storage.models import MtsOperator, MtsReport, MtsSession


def _plain(d) -> str:
    """A Decimal as plain text (no exponent)."""
    return format(d, "f")


class MtsRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def operator_by_token(self, token: str | None) -> MtsOperator | None:
        if not token:
            return None
        return self.s.exec(select(MtsOperator).where(MtsOperator.token_hash == hash_token(token))).first()

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
