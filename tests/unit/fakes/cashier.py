"""``WalletMovements`` (server/domain/cashier/ports.py) in memory: wallets,
own-wallet operators, the gateway's players and the movements booked."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from server.domain.cashier.model import Account, CashierFigures, Movement, NewMovement, OwnWallet


class FakeWalletMovements:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.own_wallets: dict[str, OwnWallet] = {}
        self.gateway_players: dict[tuple[int, str], tuple[str, str]] = {}
        self.movements: list[tuple[Movement, Account]] = []
        # Players whose brand requires a verified identity for deposits and
        # who have none.
        self.unverified: set[str] = set()

    # -- test set-up
    def add_wallet(self, player_id: str, currency: str = "EUR", cash: str = "0", brand_id: int | None = None,
                   country: str = "MT") -> Account:
        acc = Account(player_id, currency, Decimal(cash), Decimal("0"), Decimal("0"))
        self.accounts[player_id] = acc
        if brand_id is not None:
            self.gateway_players[(brand_id, player_id)] = (currency, country)
        return acc

    # -- the port
    def lock_key(self, source: str, source_ref: str, key: str) -> None:
        pass

    def movement(self, source: str, source_ref: str, key: str) -> Movement | None:
        return next((m for m, _ in self.movements if (m.source, m.source_ref, m.key) == (source, source_ref, key)),
                    None)

    def balances_after(self, m: Movement) -> Account:
        return next(after for done, after in self.movements if done.id == m.id)

    def account(self, player_id: str, lock: bool = False) -> Account | None:
        return self.accounts.get(player_id)

    def book(self, m: NewMovement, before: Account, after: Account) -> Movement:
        n = len(self.movements) + 1
        done = Movement(n, m.player_id, m.source, m.source_ref, m.key, m.kind, m.balance, m.amount, m.reason,
                        m.actor, n, m.now)
        self.movements.append((done, after))
        self.accounts[m.player_id] = after
        return done

    def own_wallet(self, operator_id: str) -> OwnWallet | None:
        return self.own_wallets.get(operator_id)

    def gateway_player(self, brand_id: int, player_id: str) -> tuple[str, str] | None:
        return self.gateway_players.get((brand_id, player_id))

    def open_wallet(self, player_id: str, currency: str, country: str, now: datetime) -> None:
        self.accounts.setdefault(player_id, Account(player_id, currency, Decimal("0"), Decimal("0"), Decimal("0")))

    def deposit_hold(self, player_id: str) -> bool:
        return player_id in self.unverified

    def figures(self, player_id: str) -> CashierFigures:
        deposits = [m for m, _ in self.movements if m.player_id == player_id and m.kind == "deposit"]
        return replace(CashierFigures(), deposit_count=len(deposits),
                       deposits_amount=sum((m.amount for m in deposits), Decimal("0")))
