"""The records' reads of the PAM ledger (``server.domain.records.ports``:
``ReportSource``, ``StatementSource``), over one ORM session. Every query is
bounded by the players of a page (their index on ``pam_ledger.player_id``) or
by one player; the same SQL runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from decimal import Decimal

from sqlalchemy import case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from server.domain.players import player_number
from server.domain.records.ports import Account, Amounts, EntryGroup, StatementEntry
from server.storage.models import GatewayPlayer, PamAccount, PamLedgerEntry, PamTransaction, WalletMovement

E, T, M = PamLedgerEntry, PamTransaction, WalletMovement
ZERO = Decimal("0")
# A ledger entry's wallet movement is found through the movement's index on
# (player_id, id): wallet_movement has no index on ledger_id.


def _touched(col):
    return func.sum(case((col != 0, 1), else_=0))


class LedgerRecords:
    def __init__(self, session: Session) -> None:
        self.s = session

    def accounts(self, after: str | None, limit: int) -> list[Account]:
        q = select(PamAccount.player_id, PamAccount.currency)
        if after is not None:
            q = q.where(PamAccount.player_id > after)
        return [Account(p, c) for p, c in self.s.exec(q.order_by(PamAccount.player_id).limit(limit))]

    def brands(self, player_ids: list[str]) -> dict[str, int]:
        numbers = {n: pid for pid in player_ids if (n := player_number(pid)) is not None}
        if not numbers:
            return {}
        q = select(GatewayPlayer.id, GatewayPlayer.brand_id).where(GatewayPlayer.id.in_(list(numbers)))
        return {numbers[n]: b for n, b in self.s.exec(q)}

    def balances(self, player_ids: list[str], start: datetime,
                 end: datetime) -> tuple[dict[str, Amounts], dict[str, Amounts]]:
        """Each player's balances at ``start`` and at ``end``: those after her
        last entry (by id) made before the moment, less any earlier-booked
        entry stamped at or after it (an entry whose time was taken before it
        waited for the wallet's lock): exactly the sum of every delta stamped
        before the moment. Two statements, each a pass over the players'
        entries (their index on player_id)."""
        last = (select(E.player_id, func.max(case((E.created_at < start, E.id))).label("lo"),
                       func.max(E.id).label("lc"))
                .where(E.player_id.in_(player_ids), E.created_at < end).group_by(E.player_id).subquery())
        eo, ec = aliased(E), aliased(E)
        q = (select(last.c.player_id, eo.cash_after, eo.bonus_after, eo.promo_after, ec.cash_after, ec.bonus_after,
                    ec.promo_after)
             .join(ec, ec.id == last.c.lc).join(eo, eo.id == last.c.lo, isouter=True))
        opening: dict[str, Amounts] = {}
        closing: dict[str, Amounts] = {}
        for p, oc, ob, op, cc, cb, cp in self.s.exec(q):
            if oc is not None:
                opening[p] = Amounts(oc, ob, op)
            closing[p] = Amounts(cc, cb, cp)
        before_lo = (E.id < last.c.lo)
        late_sums = [func.sum(case((before_lo, col))) for col in (E.cash_delta, E.bonus_delta, E.promo_delta)]
        late_sums += [func.sum(case((E.created_at >= end, col))) for col in (E.cash_delta, E.bonus_delta,
                                                                             E.promo_delta)]
        late = (select(E.player_id, *late_sums)
                .join(last, (last.c.player_id == E.player_id) & (E.id < last.c.lc))
                .where(E.created_at >= start).group_by(E.player_id))
        for p, *sums in self.s.exec(late):
            o, c = (Amounts(*(x or ZERO for x in sums[k:k + 3])) for k in (0, 3))
            if p in opening:
                opening[p] = opening[p] - o
            closing[p] = closing[p] - c
        return opening, closing

    def groups(self, player_ids: list[str], since: datetime, until: datetime) -> list[EntryGroup]:
        q = (select(E.player_id, E.kind, T.transaction_type, M.kind, func.sum(E.cash_delta),
                    func.sum(E.bonus_delta), func.sum(E.promo_delta), _touched(E.cash_delta),
                    _touched(E.bonus_delta), _touched(E.promo_delta))
             .join(T, T.id == E.transaction_id, isouter=True)
             .join(M, (M.player_id == E.player_id) & (M.ledger_id == E.id), isouter=True)
             .where(E.player_id.in_(player_ids), E.created_at >= since, E.created_at < until)
             .group_by(E.player_id, E.kind, T.transaction_type, M.kind))
        return [EntryGroup(p, k, ty or "", mk or "", Amounts(c, b, pr), (int(nc), int(nb), int(np)))
                for p, k, ty, mk, c, b, pr, nc, nb, np in self.s.exec(q)]

    def sums(self, player_ids: list[str], since: datetime, until: datetime) -> dict[str, Amounts]:
        q = (select(E.player_id, func.sum(E.cash_delta), func.sum(E.bonus_delta), func.sum(E.promo_delta))
             .where(E.player_id.in_(player_ids), E.created_at >= since, E.created_at < until)
             .group_by(E.player_id))
        return {p: Amounts(c, b, pr) for p, c, b, pr in self.s.exec(q)}

    def entries(self, player_id: str, since: datetime, until: datetime, before_id: int | None,
                limit: int) -> list[StatementEntry]:
        q = (select(E, T.transaction_type, T.provider, T.provider_game_id, T.provider_round_id, M.kind)
             .join(T, T.id == E.transaction_id, isouter=True)
             .join(M, (M.player_id == E.player_id) & (M.ledger_id == E.id), isouter=True)
             .where(E.player_id == player_id, E.created_at >= since, E.created_at < until))
        if before_id is not None:
            q = q.where(E.id < before_id)
        out = []
        for x, ty, prov, game, rnd, mk in self.s.exec(q.order_by(E.id.desc()).limit(limit)):
            out.append(StatementEntry(x.id, x.created_at, x.kind, ty or "", mk or "",
                                      Amounts(x.cash_delta, x.bonus_delta, x.promo_delta),
                                      Amounts(x.cash_after, x.bonus_after, x.promo_after), prov or "", game or "",
                                      rnd or ""))
        return out
