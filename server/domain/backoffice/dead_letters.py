"""Dead letters of the outboxes in the back office: outbox items (VIP Connect
operator notifications, player mail) given up after their attempt or age
limit, listed a page at a time and re-driven (due again now, with a fresh
series of attempts) by an operator who fixed the cause. A re-drive is
audited; a listing is a read. Each call is bounded: a page of at most 200,
a re-drive of at most 1,000 (the store's batch; ``more`` says others remain).
"""

from __future__ import annotations

from server.domain.backoffice.model import OUTBOX_NAMES, Paged
from server.domain.backoffice.service import Backoffice, _reason, decode_token, encode_token, page_size
from server.domain.errors import NotFound, Violations

OPERATOR_MAX = 64


def _scope(v: Violations, outbox: str, operator_id: str, brand_id: int) -> tuple[str | None, int | None]:
    if outbox not in OUTBOX_NAMES:
        v.add("outbox", "required", "outbox: OUTBOX_VIP_NOTIFICATIONS or OUTBOX_MAIL.")
    op = (operator_id or "").strip()
    if len(op) > OPERATOR_MAX or (op and outbox == "mail"):
        v.add("operator_id", "invalid", f"operator_id: a VIP operator id (1-{OPERATOR_MAX}), VIP notifications only.")
    if brand_id < 0 or (brand_id and outbox == "vip_callbacks"):
        v.add("brand_id", "invalid", "brand_id: a brand id (mail only), or 0.")
    return op or None, brand_id or None


def list_dead_letters(bo: Backoffice, outbox: str, operator_id: str, brand_id: int, size: int, token: str) -> Paged:
    v = Violations()
    op, brand = _scope(v, outbox, operator_id, brand_id)
    n = page_size(size, v)
    v.raise_if_any()
    before = decode_token(token)
    rows = bo.outboxes.dead_letters(outbox, op, brand, before, n + 1)
    more = len(rows) > n
    rows = rows[:n]
    return Paged(rows, encode_token(rows[-1].id) if more and rows else "")


def redrive(bo: Backoffice, outbox: str, row_id: int, operator_id: str, brand_id: int,
            reason: str) -> tuple[int, bool]:
    v = Violations()
    op, brand = _scope(v, outbox, operator_id, brand_id)
    if row_id < 0:
        v.add("id", "invalid", "id: a dead letter's id, or 0 for every one in scope.")
    why = _reason(v, reason)
    v.raise_if_any()
    count, more = bo.outboxes.redrive(outbox, row_id or None, op, brand, bo.now)
    if row_id and not count:
        raise NotFound("No such dead letter.")
    scope = {"id": row_id} if row_id else {"operator_id": op or "", "brand_id": brand or 0}
    bo._audit("outbox.redrive", "outbox", f"{outbox}/{row_id}" if row_id else outbox, why, scope,
              {"redriven": count, "more": more})
    return count, more
