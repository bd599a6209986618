"""``VipStore`` (server/domain/vip/ports.py) in memory: operators, patrons
with bank accounts, card guards, sessions and transactions; the cashier's
and the protections' ports of the same unit of work are fakes too."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from server.domain.vip.ports import BankAccount, CardGuard, Operator, Patron, PatronSession, Transaction
from tests.unit.fakes import FixedClock
from tests.unit.fakes.cashier import FakeWalletMovements
from tests.unit.fakes.protection import FakeProtectionStore


class FakeVipStore:
    def __init__(self, clock: FixedClock | None = None) -> None:
        self.now = clock or FixedClock()
        self.operators: dict[str, Operator] = {}
        self.keys: dict[str, list[str]] = {}
        self.patrons: dict[int, Patron] = {}
        self.accounts: dict[int, BankAccount] = {}
        self.guards: dict[str, CardGuard] = {}
        self.sessions: dict[str, PatronSession] = {}
        self.transactions: dict[tuple[str, str], Transaction] = {}
        self.added: list = []
        from tests.unit.fakes.records import FakeEventLog

        self.event_log = FakeEventLog()
        self.wallets = FakeWalletMovements()
        self.protection_store = FakeProtectionStore()

    # -- test set-up
    def add_operator(self, operator_id: str = "operator-1", **limits) -> Operator:
        op = Operator(operator_id, operator_id.title(), "", "", **limits)
        self.operators[operator_id] = op
        self.keys[operator_id] = ["key-1", "key-2"]
        return op

    def add_test_patron(self, card: str, dob: date, available: str = "1000", **fields) -> Patron:
        p = Patron(card, fields.pop("product_type", "preferred"), "Pat", "Ron", dob, "", "", "1234", "DL", "", "",
                   "5678", id=len(self.patrons) + 1, available_amount=Decimal(available), **fields)
        self.patrons[p.id] = p
        return p

    # -- the port
    def add(self, record) -> None:
        self.added.append(record)
        if isinstance(record, PatronSession):
            self.sessions[record.id] = record
        elif isinstance(record, CardGuard):
            self.guards[record.vip_card_number] = record
        elif isinstance(record, Transaction):
            self.transactions[(record.operator_id, record.transaction_id)] = record

    def flush(self) -> None:
        pass

    def operator(self, operator_id: str) -> Operator | None:
        return self.operators.get(operator_id)

    def cashier(self) -> FakeWalletMovements:
        return self.wallets

    def operator_keys(self, op: Operator) -> list[str]:
        return self.keys[op.id]

    def protections(self) -> FakeProtectionStore:
        return self.protection_store

    def clock(self) -> datetime:
        return self.now()

    def patron(self, patron_id: int, lock: bool = False) -> Patron | None:
        return self.patrons.get(patron_id)

    def patron_by_card(self, card: str) -> Patron | None:
        return next((p for p in self.patrons.values() if p.vip_card_number == card), None)

    def patron_by_ssn(self, ssn: str) -> Patron | None:
        return next((p for p in self.patrons.values() if p.ssn_hmac == f"hmac:{ssn}"), None)

    def patron_by_id_document(self, id_type: str, number: str, state: str) -> Patron | None:
        return next((p for p in self.patrons.values()
                     if (p.id_type, p.id_number_hmac, p.id_state) == (id_type, f"hmac:{number}", state)), None)

    def add_patron(self, *, card: str, product: str, first: str, middle: str, last: str, dob: date, ssn: str,
                   id_type: str, id_number: str, id_state: str, address: str, city: str, state: str, zip: str,
                   country: str, mobile: str, email: str, limit: Decimal, now: datetime, routing: str,
                   account: str) -> Patron:
        p = Patron(card, product, first, last, dob, f"enc:{ssn}", f"hmac:{ssn}", ssn[-4:], id_type,
                   f"enc:{id_number}", f"hmac:{id_number}", id_number[-4:], id=len(self.patrons) + 1,
                   middle_initial=middle, id_state=id_state, address=address, city=city, state=state, zip=zip,
                   country=country, mobile_phone_number=mobile, email=email, member_since=now,
                   limit_amount=limit, available_amount=limit, max_limit_amount=limit)
        self.patrons[p.id] = p
        acc = BankAccount(p.id, f"enc:{account}", f"hmac:{account}", "*" + account[-4:], routing,
                          id=len(self.accounts) + 1, available_limit=limit, available_amount=limit)
        self.accounts[acc.id] = acc
        return p

    def bank_accounts(self, patron_id: int) -> list[BankAccount]:
        return [a for a in self.accounts.values() if a.patron_id == patron_id]

    def bank_account(self, account_id: int, lock: bool = False) -> BankAccount | None:
        return self.accounts.get(account_id)

    def card_guard(self, card: str) -> CardGuard:
        return self.guards.setdefault(card, CardGuard(card))

    def session(self, session_id: str, lock: bool = False) -> PatronSession | None:
        return self.sessions.get(session_id)

    def transaction(self, operator_id: str, transaction_id: str, lock: bool = False) -> Transaction | None:
        return self.transactions.get((operator_id, transaction_id))

    def pending_deposits(self, patron_id: int, bank_account_id: int | None = None) -> Decimal:
        return sum((t.amount for t in self.transactions.values()
                    if t.patron_id == patron_id and t.kind == "deposit" and t.status == "pending_approval"
                    and (bank_account_id is None or t.bank_account_id == bank_account_id)), Decimal("0"))


class FakeVipUnit:
    """``VipUnit`` over a ``FakeVipStore``: its patrons, its wallet movements
    and protections, and its clock; a "commit" keeps what the fakes hold."""

    def __init__(self, store: FakeVipStore) -> None:
        self.patrons = store
        self.cashier = store.wallets
        self.protections = store.protection_store
        self.events = store.event_log
        self._store = store

    def __enter__(self) -> FakeVipUnit:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        pass

    def clock(self) -> datetime:
        return self._store.clock()
