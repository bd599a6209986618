"""What the cashier needs from storage (implemented by
``server.storage.repositories.cashier.CashierRepository``)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from server.domain.cashier.model import Account, CashierFigures, Movement, NewMovement, OwnWallet


class WalletMovements(Protocol):
    def lock_key(self, source: str, source_ref: str, key: str) -> None:
        """Hold the movement key until the transaction ends: calls with one
        key (retries, or a key reused for another player) take turns, so the
        check of the key and the booking under it are one step."""

    def movement(self, source: str, source_ref: str, key: str) -> Movement | None: ...

    def balances_after(self, m: Movement) -> Account:
        """The wallet's balances right after ``m`` was booked (its ledger
        entry): what the first call under the key answered."""

    def account(self, player_id: str, lock: bool = False) -> Account | None:
        """The wallet; ``lock``: locked until the transaction ends (the same
        lock the aggregator's bookings take)."""

    def book(self, m: NewMovement, before: Account, after: Account) -> Movement:
        """The new balances, the ledger entry and the movement row, in the
        current transaction."""

    def own_wallet(self, operator_id: str) -> OwnWallet | None: ...

    def gateway_player(self, brand_id: int, player_id: str) -> tuple[str, str] | None:
        """(currency, jurisdiction) of a player of the brand, by ID as text (the
        jurisdiction is the country of the wallet it opens)."""

    def open_wallet(self, player_id: str, currency: str, country: str, now: datetime) -> None: ...

    def figures(self, player_id: str) -> CashierFigures: ...

    def deposit_hold(self, player_id: str) -> bool:
        """Whether the player's brand requires a verified identity for
        deposits and she has none (server.domain.identity)."""
