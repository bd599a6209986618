"""Casino-sessions report persistence: ``MtsRepository`` implements the ports
of ``server.domain.mts.ports`` (report store, OAuth2 client store, the stored
sessions) in the caller's unit of work and returns their records."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, insert, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from server.domain.ledger import plain_text
from server.domain.mts.envelope import Report
from server.domain.mts.ports import Client, Reply, StoredSession
from server.domain.mts.query import SessionQuery
from server.security import hash_token
from server.storage.models import MtsAccessToken, MtsClient, MtsOperator, MtsReport, MtsSession
from server.domain.clock import utcnow


_R = MtsReport.__table__.c
_REPLY_FOR = select(_R.correlation_id, _R.reply_timestamp_ms, _R.reply_code, _R.reply_message).where(
    _R.operator_id == bindparam("op"), _R.correlation_id == bindparam("cid"))
# A second copy of the same (operator, correlationId), also from a concurrent
# call, inserts nothing (no row returned): on SQLite after the first writer
# committed (writers are serialised by BEGIN IMMEDIATE); on PostgreSQL the
# insert waits for the first one's transaction.
_INSERT_REPORT = {
    name: dialect.insert(MtsReport.__table__).on_conflict_do_nothing(
        index_elements=["operator_id", "correlation_id"]).returning(_R.id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}
_INSERT_SESSION = insert(MtsSession.__table__)


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

    def client(self, client_id: str) -> Client | None:
        row = self.s.get(MtsClient, client_id)
        if row is None:
            return None
        return Client(row.client_id, row.operator_id, row.secret_hash, row.audience)

    def save_token(self, client: Client, token_hash: str, expires_at: datetime, now: datetime) -> None:
        """Store a new token's hash; the client's expired tokens are deleted."""
        self.s.exec(delete(MtsAccessToken).where(MtsAccessToken.client_id == client.client_id,
                                                 MtsAccessToken.expires_at <= now))
        self.s.add(MtsAccessToken(token_hash=token_hash, client_id=client.client_id, operator_id=client.operator_id,
                                  expires_at=expires_at, created_at=now))
        self.s.flush()

    # The intake's statements run for every report: prepared SQL expressions
    # (_REPLY_FOR, _INSERT_*), no ORM unit of work, the cheapest way through
    # SQLAlchemy for a report and its sessions.

    def reply_for(self, operator_id: int, correlation_id: str) -> Reply | None:
        row = self.s.connection().execute(_REPLY_FOR, {"op": operator_id, "cid": correlation_id}).first()
        return None if row is None else Reply(row[0], row[1], row[2], row[3])

    def add(self, report: Report, reply: Reply) -> bool:
        """Insert the report and its sessions; False, and nothing inserted,
        for a second copy of the same (operator, correlationId)."""
        conn = self.s.connection()
        pk = conn.execute(_INSERT_REPORT[conn.dialect.name], dict(
            operator_id=report.operator_id, correlation_id=report.correlation_id, report_id=report.report_id,
            request_timestamp_ms=report.timestamp_ms, reply_timestamp_ms=reply.timestamp_ms,
            reply_code=reply.code, reply_message=reply.message, session_count=len(report.sessions),
            received_at=utcnow(),
        )).scalar()
        if pk is None:
            return False
        rows = []
        for pos, x in enumerate(report.sessions):
            lines = {
                "stake": [{"type": a.type, "mode": a.mode, "traceId": a.trace_id, "amount": plain_text(a.amount),
                           "currency": a.currency} for a in x.stake],
                "spins": [{"type": a.type, "count": a.count, "winningCount": a.winning_count} for a in x.spins],
                "payout": [{"type": a.type, "traceId": a.trace_id, "amount": plain_text(a.amount),
                            "currency": a.currency, "source": a.source} for a in x.payout],
            }
            rows.append(dict(
                report_pk=pk, position=pos, operator_id=report.operator_id, session_id=x.id,
                end_customer_id=report.end_customer_id, wallet_id=report.wallet_id,
                channel_type=report.channel_type, provider=x.provider, game_id=x.game_id,
                start_ms=x.start_ms, end_ms=x.end_ms, lines=json.dumps(lines, separators=(",", ":")),
            ))
        conn.execute(_INSERT_SESSION, rows)
        return True

    def sessions(self, q: SessionQuery) -> list[StoredSession]:
        """One page plus one session (to know whether another page follows)."""
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
        return [_stored(sess, rep) for sess, rep in self.s.exec(stmt)]


def _stored(sess: MtsSession, rep: MtsReport) -> StoredSession:
    lines = json.loads(sess.lines)
    return StoredSession(
        id=sess.id, operator_id=sess.operator_id, correlation_id=rep.correlation_id, report_id=rep.report_id,
        session_id=sess.session_id, end_customer_id=sess.end_customer_id, wallet_id=sess.wallet_id,
        channel_type=sess.channel_type, provider=sess.provider, game_id=sess.game_id, stakes=lines["stake"],
        spins=lines["spins"], payouts=lines["payout"], start_ms=sess.start_ms, end_ms=sess.end_ms,
        received_at=rep.received_at,
    )
