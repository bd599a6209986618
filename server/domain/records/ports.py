"""What the records need from storage (``server.storage.repositories.records``):
reads of the PAM ledger, its transactions and the wallet movements, in pages
whose size the caller fixes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class Amounts:
    """One figure for each balance."""

    cash: Decimal = Decimal("0")
    bonus: Decimal = Decimal("0")
    promo: Decimal = Decimal("0")

    def get(self, balance: str) -> Decimal:
        value: Decimal = getattr(self, balance)
        return value

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.cash + other.cash, self.bonus + other.bonus, self.promo + other.promo)

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(self.cash - other.cash, self.bonus - other.bonus, self.promo - other.promo)

    @property
    def total(self) -> Decimal:
        return self.cash + self.bonus + self.promo


@dataclass(frozen=True)
class EntryGroup:
    """The ledger entries of one player in a period that share what classifies
    them: the entry's kind (TRANSACTION, CASHIER, ADJUSTMENT), the PAM
    transaction type and the wallet movement's kind ("" when none). ``deltas``
    is their sum; ``touched`` counts, per balance, the entries that moved it."""

    player_id: str
    kind: str
    transaction_type: str
    movement_kind: str
    deltas: Amounts
    touched: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class Account:
    player_id: str
    currency: str


@dataclass(frozen=True)
class StatementEntry:
    """One ledger entry as a statement shows it."""

    id: int
    at: datetime
    kind: str
    transaction_type: str
    movement_kind: str
    deltas: Amounts
    after: Amounts
    provider: str = ""
    game_id: str = ""
    round_id: str = ""


class ReportSource(Protocol):
    def accounts(self, after: str | None, limit: int) -> list[Account]:
        """Wallets in player-id order, after ``after`` (None: from the first)."""

    def brands(self, player_ids: list[str]) -> dict[str, int]:
        """The gateway brand of those players that have one."""

    def balances(self, player_ids: list[str], start: datetime,
                 end: datetime) -> tuple[dict[str, Amounts], dict[str, Amounts]]:
        """Each player's balances as the ledger stands with every entry made
        before ``start``, and before ``end`` (a player without one is absent:
        zero)."""

    def groups(self, player_ids: list[str], since: datetime, until: datetime) -> list[EntryGroup]:
        """The players' entries in [since, until), summed per classification."""

    def sums(self, player_ids: list[str], since: datetime, until: datetime) -> dict[str, Amounts]:
        """The ledger's own sums of the deltas in [since, until), per player."""


class StatementSource(Protocol):
    def entries(self, player_id: str, since: datetime, until: datetime, before_id: int | None,
                limit: int) -> list[StatementEntry]:
        """The player's entries in [since, until), newest first, below ``before_id``."""

    def groups(self, player_ids: list[str], since: datetime, until: datetime) -> list[EntryGroup]:
        """As ``ReportSource.groups``."""
