"""The outboxes' delivery state, shared by VIP Connect's operator
notifications (``vip_outbox``) and the gateway's mail (``gateway_outbox``):
which rows are due, claiming them for one host, recording an attempt, and
the dead letters (``server.domain.backoffice.ports.DeadLetterStore``).

Claims: a worker takes the rows it will send by setting ``claimed_by`` (its
owner id) and ``claimed_until`` (a lease) in a write unit of its own. On
PostgreSQL the rows are locked with ``FOR UPDATE SKIP LOCKED`` first, so two
hosts never claim the same row (a row another host is claiming is skipped,
one it has claimed fails the lease condition); on SQLite the write lock
serialises the claims. Every later write of the row is guarded by
``claimed_by``, and a row is claimed again only after its lease ran out (a
host that died mid-send). Every query here is bounded: a few rows per
operator through ``ix_vip_outbox_operator_due``, a batch of mail through
``ix_gateway_outbox_due``, pages and re-drives of at most ``REDRIVE_MAX``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, and_, or_, select, update
from sqlmodel import Session

from server.domain.backoffice.model import DeadLetter
from server.storage.models import GatewayOutbox, VipOperator, VipOutbox

VIP: Table = VipOutbox.__table__
MAIL: Table = GatewayOutbox.__table__
OUTBOXES = {"vip_callbacks": VIP, "mail": MAIL}
# Dead letters re-driven by one call (the rest: call again).
REDRIVE_MAX = 1000


def _done(t: Table):
    """The column that marks a row delivered."""
    return t.c.delivered_at if t is VIP else t.c.sent_at


def pending(t: Table):
    """Neither delivered nor dead-lettered."""
    return and_(_done(t).is_(None), t.c.dead_at.is_(None))


def _due(t: Table, now: datetime):
    free = or_(t.c.claimed_until.is_(None), t.c.claimed_until < now)
    when = t.c.next_attempt_at <= now if t is VIP else or_(t.c.next_attempt_at.is_(None), t.c.next_attempt_at <= now)
    return and_(pending(t), when, free)


def mask_address(address: str) -> str:
    """An email address as the back office shows it: ``p***@domain.com``."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    @property
    def _postgres(self) -> bool:
        return self.s.bind.dialect.name == "postgresql"

    # ------------------------------------------------------------ due rows
    def operators(self) -> list[str]:
        """Every VIP operator (a pass visits them in turn)."""
        return list(self.s.execute(select(VipOperator.id).order_by(VipOperator.id)).scalars())

    def vip_due(self, operator_id: str, now: datetime, limit: int) -> list[int]:
        """The operator's oldest due notifications (an index range)."""
        q = (select(VIP.c.id).where(VIP.c.operator_id == operator_id, _due(VIP, now))
             .order_by(VIP.c.next_attempt_at, VIP.c.id).limit(limit))
        return list(self.s.execute(q).scalars())

    def mail_due(self, now: datetime, limit: int) -> list[int]:
        q = select(MAIL.c.id).where(MAIL.c.channel == "email", _due(MAIL, now)).order_by(MAIL.c.id).limit(limit)
        return list(self.s.execute(q).scalars())

    def http_due(self, now: datetime, limit: int) -> list[int]:
        """Due requests to vendors (gateway_outbox channel "http": identity
        verification), oldest first, through the same index as mail."""
        q = select(MAIL.c.id).where(MAIL.c.channel == "http", _due(MAIL, now)).order_by(MAIL.c.id).limit(limit)
        return list(self.s.execute(q).scalars())

    # ------------------------------------------------------------ claims
    def claim(self, t: Table, ids: list[int], owner: str, now: datetime, until: datetime) -> list[int]:
        """Claim those of ``ids`` still due and unclaimed; returns the ids
        this owner now holds (call in a write unit)."""
        if not ids:
            return []
        q = select(t.c.id).where(t.c.id.in_(ids), _due(t, now)).order_by(t.c.id)
        if self._postgres:
            q = q.with_for_update(skip_locked=True)
        got = list(self.s.execute(q).scalars())
        if got:
            self.s.execute(update(t).where(t.c.id.in_(got)).values(claimed_by=owner, claimed_until=until))
        return got

    def release(self, t: Table, ids: list[int], owner: str) -> None:
        """Give back rows not attempted (they keep their schedule)."""
        if ids:
            self.s.execute(update(t).where(t.c.id.in_(ids), t.c.claimed_by == owner)
                           .values(claimed_by=None, claimed_until=None))

    def record(self, t: Table, row_id: int, owner: str, **values) -> bool:
        """The outcome of an attempt, and the claim let go; False when this
        owner no longer holds the row (its lease ran out)."""
        done = self.s.execute(update(t).where(t.c.id == row_id, t.c.claimed_by == owner)
                              .values(claimed_by=None, claimed_until=None, **values))
        return done.rowcount == 1

    # ------------------------------------------------------------ dead letters
    def dead_letters(self, outbox: str, operator_id: str | None, brand_id: int | None, before_id: int | None,
                     limit: int) -> list[DeadLetter]:
        """Newest first, a page at a time."""
        t = OUTBOXES[outbox]
        q = select(t).where(_done(t).is_(None), t.c.dead_at.is_not(None))
        q = self._scope(q, t, operator_id, brand_id)
        if before_id is not None:
            q = q.where(t.c.id < before_id)
        rows = self.s.execute(q.order_by(t.c.id.desc()).limit(limit)).mappings()
        out = []
        for r in rows:
            vip = t is VIP
            err = r["last_error"] or (f"HTTP {r['last_status']}" if vip and r["last_status"] else "")
            out.append(DeadLetter(
                outbox=outbox, id=r["id"], operator_id=r["operator_id"] if vip else "",
                brand_id=0 if vip else r["brand_id"], kind=r["event"] if vip else r["kind"],
                destination=r["url"] if vip else mask_address(r["recipient"]), attempts=r["attempts"],
                last_error=err, created_at=r["created_at"], failing_since=r["failing_since"], dead_at=r["dead_at"]))
        return out

    def redrive(self, outbox: str, row_id: int | None, operator_id: str | None, brand_id: int | None,
                now: datetime) -> tuple[int, bool]:
        """Dead letters due again now, with a fresh series of attempts: the
        one ``row_id``, else up to ``REDRIVE_MAX`` in scope. Returns (how
        many, whether more remain)."""
        t = OUTBOXES[outbox]
        q = select(t.c.id).where(_done(t).is_(None), t.c.dead_at.is_not(None))
        q = q.where(t.c.id == row_id) if row_id else self._scope(q, t, operator_id, brand_id)
        ids = list(self.s.execute(q.order_by(t.c.id).limit(REDRIVE_MAX + 1)).scalars())
        more, ids = len(ids) > REDRIVE_MAX, ids[:REDRIVE_MAX]
        if ids:
            self.s.execute(update(t).where(t.c.id.in_(ids)).values(
                dead_at=None, attempts=0, failing_since=None, next_attempt_at=now, claimed_by=None,
                claimed_until=None))
        return len(ids), more

    @staticmethod
    def _scope(q, t: Table, operator_id: str | None, brand_id: int | None):
        if t is VIP and operator_id:
            q = q.where(t.c.operator_id == operator_id)
        if t is MAIL:
            q = q.where(t.c.channel == "email")
            if brand_id:
                q = q.where(t.c.brand_id == brand_id)
        return q
