"""VIP Connect persistence."""

from __future__ import annotations

from sqlmodel import Session, select

from server.security import Vault
from server.storage.models import VipBankAccount, VipOperator, VipPatron

SSN = "ssn"
ID_NUMBER = "id-number"
ACCOUNT_NUMBER = "bank-account"


class VipRepository:
    def __init__(self, session: Session, vault: Vault) -> None:
        self.s = session
        self.vault = vault

    # operators
    def operator(self, operator_id: str) -> VipOperator | None:
        return self.s.get(VipOperator, operator_id)

    def operator_keys(self, op: VipOperator) -> list[str]:
        return [self.vault.decrypt(op.key1_enc), self.vault.decrypt(op.key2_enc)]

    # patrons
    def patron_by_card(self, card: str) -> VipPatron | None:
        return self.s.exec(select(VipPatron).where(VipPatron.vip_card_number == card)).first()

    def patron_by_ssn(self, ssn: str) -> VipPatron | None:
        h = self.vault.keyed_hash(ssn, SSN)
        return self.s.exec(select(VipPatron).where(VipPatron.ssn_hmac == h)).first()

    def patron_by_id_document(self, id_type: str, number: str, state: str) -> VipPatron | None:
        h = self.vault.keyed_hash(number, ID_NUMBER)
        q = select(VipPatron).where(
            VipPatron.id_type == id_type, VipPatron.id_number_hmac == h, VipPatron.id_state == state
        )
        return self.s.exec(q).first()

    def bank_accounts(self, patron_id: int) -> list[VipBankAccount]:
        q = select(VipBankAccount).where(VipBankAccount.patron_id == patron_id).order_by(
            VipBankAccount.position
        )
        return list(self.s.exec(q))

    def has_any_operator(self) -> bool:
        return self.s.exec(select(VipOperator.id).limit(1)).first() is not None
