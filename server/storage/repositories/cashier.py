"""Wallet movements of the cashier and the back office
(``server.domain.cashier.ports.WalletMovements``), on an ORM unit of work.
The wallet row is locked (PostgreSQL ``FOR UPDATE``; SQLite's write lock is
taken at BEGIN IMMEDIATE) as the aggregator's bookings lock it, so the two
never interleave."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from server.domain.cashier.model import Account, CashierFigures, Movement, NewMovement, OwnWallet
from server.domain.players import player_number
from server.storage.holds import deposit_hold, verification_hold
from server.domain.records.chain import Head
from server.storage import chain
from server.storage.models import (
    GatewayPlayer,
    PamAccount,
    PamLedgerEntry,
    PamPlayer,
    VipOperatorWallet,
    VipSession,
    VipTransaction,
    WalletMovement,
)
from server.storage.locks import lock_name
from server.storage.repositories.protection import has_protections, lock_wallet_creation
from server.storage.sql import SessionSql


def movement(r: WalletMovement) -> Movement:
    return Movement(r.id, r.player_id, r.source, r.source_ref, r.idempotency_key, r.kind, r.balance, r.amount,
                    r.reason, r.actor, r.ledger_id, r.created_at)


class CashierRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _locked(self, q):
        return q.with_for_update() if self.s.bind.dialect.name == "postgresql" else q

    def lock_key(self, source: str, source_ref: str, key: str) -> None:
        lock_name(SessionSql(self.s), "movement", source, source_ref, key)

    def balances_after(self, m: Movement) -> Account:
        e = self.s.get(PamLedgerEntry, m.ledger_id)
        a = self.s.get(PamAccount, m.player_id)
        return Account(m.player_id, a.currency, e.cash_after, e.bonus_after, e.promo_after)

    def movement(self, source: str, source_ref: str, key: str) -> Movement | None:
        q = select(WalletMovement).where(WalletMovement.source == source, WalletMovement.source_ref == source_ref,
                                         WalletMovement.idempotency_key == key)
        row = self.s.exec(q).first()
        return movement(row) if row is not None else None

    def _account_row(self, player_id: str, lock: bool = False) -> PamAccount | None:
        q = select(PamAccount).where(PamAccount.player_id == player_id)
        return self.s.exec(self._locked(q) if lock else q).first()

    def account(self, player_id: str, lock: bool = False) -> Account | None:
        a = self._account_row(player_id, lock)
        if a is None:
            return None
        if lock:
            self.s.refresh(a)  # the committed balances, read under the lock
        return Account(a.player_id, a.currency, a.cash_amount, a.bonus_amount, a.promo_amount)

    def book(self, m: NewMovement, before: Account, after: Account) -> Movement:
        a = self._account_row(m.player_id)
        a.cash_amount, a.bonus_amount, a.promo_amount = after.cash, after.bonus, after.promo
        a.updated_at = m.now
        self.s.add(a)
        entry = PamLedgerEntry(
            player_id=m.player_id, kind=m.ledger_kind, cash_delta=after.cash - before.cash,
            bonus_delta=after.bonus - before.bonus, promo_delta=after.promo - before.promo, cash_after=after.cash,
            bonus_after=after.bonus, promo_after=after.promo, created_at=m.now,
        )
        if chain.ENABLED:  # linked after the head on the account row locked above
            head = chain.link(m.player_id, Head(a.chain_seq, a.chain_hash), entry.kind, "",
                              (entry.cash_delta, entry.bonus_delta, entry.promo_delta),
                              (entry.cash_after, entry.bonus_after, entry.promo_after), entry.created_at)
            entry.seq, entry.chain_hash = a.chain_seq, a.chain_hash = head.seq, head.hash
        self.s.add(entry)
        self.s.flush()
        row = WalletMovement(player_id=m.player_id, source=m.source, source_ref=m.source_ref, idempotency_key=m.key,
                             kind=m.kind, balance=m.balance, amount=m.amount, reason=m.reason, actor=m.actor,
                             ledger_id=entry.id, created_at=m.now)
        self.s.add(row)
        self.s.flush()
        return movement(row)

    def own_wallet(self, operator_id: str) -> OwnWallet | None:
        row = self.s.get(VipOperatorWallet, operator_id)
        return OwnWallet(row.operator_id, row.brand_id, row.currency) if row is not None else None

    def gateway_player(self, brand_id: int, player_id: str) -> tuple[str, str] | None:
        n = player_number(player_id)  # the ID's one spelling, nothing else
        if n is None:
            return None
        p = self.s.get(GatewayPlayer, n)
        if p is None or p.brand_id != brand_id:
            return None
        return p.currency, p.jurisdiction  # the wallet's country is the jurisdiction

    def open_wallet(self, player_id: str, currency: str, country: str, now: datetime) -> None:
        lock_wallet_creation(self.s, player_id)
        if self.s.get(PamPlayer, player_id) is None:
            self.s.add(PamPlayer(id=player_id, currency=currency, country=country or "", language="en",
                                 created_at=now, verification_hold=verification_hold(self.s, player_id)))
            self.s.flush()
        if self.s.get(PamAccount, player_id) is None:
            self.s.add(PamAccount(player_id=player_id, currency=currency, updated_at=now,
                                  protected=has_protections(self.s, player_id)))
            self.s.flush()

    def deposit_hold(self, player_id: str) -> bool:
        return deposit_hold(self.s, player_id)

    def figures(self, player_id: str) -> CashierFigures:
        w = WalletMovement
        base = select(func.count(), func.coalesce(func.sum(w.amount), 0)).where(
            w.player_id == player_id, w.source == "vip")
        count, total = self.s.exec(base.where(w.kind == "deposit")).one()
        _, withdrawn = self.s.exec(base.where(w.kind == "withdraw")).one()
        last = self.s.exec(select(w.created_at, w.amount).where(w.player_id == player_id, w.source == "vip",
                                                                w.kind == "deposit").order_by(w.id.desc())).first()
        t = VipTransaction
        pending = self.s.exec(
            select(func.coalesce(func.sum(t.amount), 0))
            .join(VipSession, VipSession.id == t.session_id)
            .join(VipOperatorWallet, VipOperatorWallet.operator_id == t.operator_id)
            .where(VipSession.operator_patron_id == player_id, t.kind == "withdraw", t.status == "pending_approval")
        ).one()
        return CashierFigures(
            deposit_count=int(count), deposits_amount=_money(total), last_deposit_at=last[0] if last else None,
            last_deposit_amount=last[1] if last else Decimal("0"), total_withdrawals=_money(withdrawn),
            pending_withdrawal=_money(pending),
        )


def _money(v) -> Decimal:
    """A SUM over a Money column (typed Money: a Decimal; raw: micro-units)."""
    from server.storage.types import from_micros

    return v if isinstance(v, Decimal) else from_micros(v or 0)
