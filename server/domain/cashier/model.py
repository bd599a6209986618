"""Plain dataclasses of the cashier; amounts are ``Decimal`` with six places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

BALANCES = ("cash", "bonus", "promo")
CREDITS = ("deposit", "credit")


@dataclass(frozen=True)
class Account:
    player_id: str
    currency: str
    cash: Decimal
    bonus: Decimal
    promo: Decimal

    def get(self, balance: str) -> Decimal:
        amount: Decimal = getattr(self, balance)
        return amount

    def with_(self, balance: str, value: Decimal) -> "Account":
        return Account(self.player_id, self.currency, **{**{b: self.get(b) for b in BALANCES}, balance: value})


@dataclass(frozen=True)
class NewMovement:
    player_id: str
    source: str  # vip | backoffice
    source_ref: str  # the operator id / the back-office client
    key: str  # the VIP transaction id / the idempotency key
    kind: str  # deposit | withdraw | credit | debit
    balance: str  # cash | bonus | promo
    amount: Decimal  # > 0
    reason: str
    actor: str
    now: datetime

    @property
    def ledger_kind(self) -> str:
        return "CASHIER" if self.source == "vip" else "ADJUSTMENT"

    @property
    def credit(self) -> bool:
        return self.kind in CREDITS


@dataclass(frozen=True)
class Movement:
    id: int
    player_id: str
    source: str
    source_ref: str
    key: str
    kind: str
    balance: str
    amount: Decimal
    reason: str
    actor: str
    ledger_id: int
    created_at: datetime


@dataclass(frozen=True)
class OwnWallet:
    """An operator whose wallet is this platform's: its brand and currency."""

    operator_id: str
    brand_id: int
    currency: str


@dataclass(frozen=True)
class CashierFigures:
    """What the player gateway's online status shows from the cashier."""

    deposit_count: int = 0
    deposits_amount: Decimal = Decimal("0")
    last_deposit_at: datetime | None = None
    last_deposit_amount: Decimal = Decimal("0")
    total_withdrawals: Decimal = Decimal("0")
    pending_withdrawal: Decimal = Decimal("0")
