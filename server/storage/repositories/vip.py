"""VIP Connect persistence: implements ``server.domain.vip.ports.VipStore`` and
hands the domain its records (dataclasses), never rows (``Records``);
``SqlVipUnit`` is its unit of work (``VipUnit``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from server.domain.clock import SYSTEM, Now
from server.domain.vip import ports as vip_ports
from server.security import Vault, mask
from server.storage.records import RecordsRepository
from server.storage.repositories.cashier import CashierRepository
from server.storage.repositories.events import EventRepository
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import SessionSql
from server.storage.unit import SqlUnit
from server.storage.models import (
    VipBankAccount,
    VipCardGuard,
    VipOperator,
    VipOutbox,
    VipPatron,
    VipSession,
    VipTransaction,
)

SSN = "ssn"
ID_NUMBER = "id-number"
ACCOUNT_NUMBER = "bank-account"


RECORDS = {
    VipOperator: vip_ports.Operator, VipPatron: vip_ports.Patron, VipBankAccount: vip_ports.BankAccount, VipSession: vip_ports.PatronSession,
    VipCardGuard: vip_ports.CardGuard, VipTransaction: vip_ports.Transaction, VipOutbox: vip_ports.Notification,
}


class VipRepository(RecordsRepository):
    def __init__(self, session: Session, vault: Vault) -> None:
        self.vault = vault
        super().__init__(session, RECORDS)

    # operators
    def operator(self, operator_id: str) -> vip_ports.Operator | None:
        self.rec.sync()
        return self.rec.out(self.s.get(VipOperator, operator_id))

    def operator_keys(self, op: vip_ports.Operator) -> list[str]:
        return [self.vault.decrypt(op.key1_enc), self.vault.decrypt(op.key2_enc)]

    # patrons
    def patron_by_card(self, card: str) -> vip_ports.Patron | None:
        return self._one(select(VipPatron).where(VipPatron.vip_card_number == card))

    def patron_by_ssn(self, ssn: str) -> vip_ports.Patron | None:
        h = self.vault.keyed_hash(ssn, SSN)
        return self._one(select(VipPatron).where(VipPatron.ssn_hmac == h))

    def patron_by_id_document(self, id_type: str, number: str, state: str) -> vip_ports.Patron | None:
        h = self.vault.keyed_hash(number, ID_NUMBER)
        q = select(VipPatron).where(
            VipPatron.id_type == id_type, VipPatron.id_number_hmac == h, VipPatron.id_state == state
        )
        return self._one(q)

    def bank_accounts(self, patron_id: int) -> list[vip_ports.BankAccount]:
        q = select(VipBankAccount).where(VipBankAccount.patron_id == patron_id).order_by(
            VipBankAccount.position
        )
        self.rec.sync()
        return self.rec.out_all(self.s.exec(q))

    def add_patron(self, *, card: str, product: str, first: str, middle: str, last: str, dob: date, ssn: str,
                   id_type: str, id_number: str, id_state: str, address: str, city: str, state: str, zip: str,
                   country: str, mobile: str, email: str, limit: Decimal, now: datetime, routing: str,
                   account: str) -> vip_ports.Patron:
        v = self.vault
        p = VipPatron(
            vip_card_number=card, product_type=product, first_name=first, middle_initial=middle, last_name=last,
            date_of_birth=dob, ssn_enc=v.encrypt(ssn), ssn_hmac=v.keyed_hash(ssn, SSN), ssn_last4=ssn[-4:],
            id_type=id_type, id_number_enc=v.encrypt(id_number), id_number_hmac=v.keyed_hash(id_number, ID_NUMBER),
            id_number_last4=id_number[-4:], id_state=id_state, address=address, city=city, state=state, zip=zip,
            country=country, mobile_phone_number=mobile, email=email, member_since=now,
            limit_amount=limit if product == "preferred" else Decimal("0"),
            available_amount=limit if product == "preferred" else Decimal("0"),
        )
        self.rec.sync()
        self.s.add(p)
        self.s.flush()
        self.s.add(VipBankAccount(
            patron_id=p.id, position=0, account_number_enc=v.encrypt(account),
            account_number_hmac=v.keyed_hash(account, ACCOUNT_NUMBER), account_number_mask=mask(account),
            routing_number=routing, bank_name="", available_limit=limit if product == "preferred" else Decimal("0"),
            available_amount=limit if product == "online" else Decimal("0"),
        ))
        return self.rec.out(p)

    def patron(self, patron_id: int, lock: bool = False) -> vip_ports.Patron | None:
        q = select(VipPatron).where(VipPatron.id == patron_id)
        if lock:
            q = q.with_for_update()
        return self._one(q)

    def bank_account(self, account_id: int, lock: bool = False) -> vip_ports.BankAccount | None:
        q = select(VipBankAccount).where(VipBankAccount.id == account_id)
        if lock:
            q = q.with_for_update()
        return self._one(q)

    # birth-date guard
    def card_guard(self, card: str) -> vip_ports.CardGuard:
        """The card's guard row, created when missing and locked for the rest
        of the unit of work (concurrent calls for one card queue here)."""
        dialect = self.s.get_bind().dialect.name
        ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(VipCardGuard)
        self.rec.sync()
        self.s.execute(ins.values(vip_card_number=card, failures=0).on_conflict_do_nothing())
        q = select(VipCardGuard).where(VipCardGuard.vip_card_number == card).with_for_update()
        return self.rec.out(self.s.exec(q.execution_options(populate_existing=True)).one(), refresh=True)

    # sessions
    def session(self, session_id: str, lock: bool = False) -> vip_ports.PatronSession | None:
        q = select(VipSession).where(VipSession.id == session_id)
        if lock:
            q = q.with_for_update()
        return self._one(q)

    # transactions
    def transaction(self, operator_id: str, transaction_id: str, lock: bool = False) -> vip_ports.Transaction | None:
        q = select(VipTransaction).where(
            VipTransaction.operator_id == operator_id, VipTransaction.transaction_id == transaction_id
        )
        if lock:
            q = q.with_for_update()
        return self._one(q)

    def pending_deposits(self, patron_id: int, bank_account_id: int | None = None) -> Decimal:
        """The confirmed deposits still waiting for the operator's approval
        (of one bank account when given): they count against the limit."""
        q = select(func.coalesce(func.sum(VipTransaction.amount), 0)).where(
            VipTransaction.patron_id == patron_id, VipTransaction.kind == "deposit",
            VipTransaction.status == "pending_approval")
        if bank_account_id is not None:
            q = q.where(VipTransaction.bank_account_id == bank_account_id)
        self.rec.sync()
        return Decimal(self.s.exec(q).one())  # the Money column type already made it a Decimal


class SqlVipUnit(SqlUnit):
    """``server.domain.vip.ports.VipUnit``: the patrons, the cashier and the
    players' protections in one transaction, and the protection clock (real
    time by default)."""

    def __init__(self, db, write: bool, vault: Vault, clock: Now | None = None) -> None:
        super().__init__(db, write)
        self.vault = vault
        self.clock = clock or SYSTEM.now

    def open(self, session: Session) -> None:
        self.patrons = VipRepository(session, self.vault)
        self.cashier = CashierRepository(session)
        self._protections = ProtectionRepository(SessionSql(session))
        self.events = EventRepository(session)

    @property
    def protections(self) -> ProtectionRepository:
        # Plain SQL on the unit's connection: the patrons' changed records
        # reach their rows first.
        self.patrons.rec.sync()
        return self._protections
