"""Where balances and last bet / deposit come from.

The PAM wallet (the Valkyrie PAM family) keeps the money of a player. The
gateway asks it through the ``WalletReader`` port (implemented by
``server.storage.repositories.gateway_pam_wallet.PamWalletReader``). A
player the wallet does not know keeps the gateway's own account figures
(``gateway_player``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class WalletSummary:
    real_balance: Decimal
    bonus_balance: Decimal
    last_bet_at: datetime | None = None
    last_bet_amount: Decimal | None = None
    last_deposit_at: datetime | None = None
    last_deposit_amount: Decimal | None = None


@dataclass(frozen=True)
class PeriodActivity:
    """Bets, wins and rounds of a player in a period (for the reality check)."""

    total_bets: Decimal = Decimal("0")
    total_wins: Decimal = Decimal("0")
    rounds: int = 0


@dataclass(frozen=True)
class WalletPlayer:
    """Who the gateway asks about: brand, player id, user name, currency."""

    brand_id: int
    player_id: int
    user_name: str
    currency: str


class WalletReader(Protocol):
    def summary(self, player: WalletPlayer) -> WalletSummary | None:
        """The player's wallet, or None when the wallet does not know the player."""

    def activity(self, player: WalletPlayer, since: datetime, until: datetime) -> PeriodActivity | None:
        """Bets and wins in [since, until), or None when unknown."""


class NoWallet:
    """The default: no wallet; the gateway's own figures are used."""

    def summary(self, player: WalletPlayer) -> WalletSummary | None:
        return None

    def activity(self, player: WalletPlayer, since: datetime, until: datetime) -> PeriodActivity | None:
        return None
