"""The player gateway's view of the PAM wallet.

A gateway player and a PAM player are the same person when the PAM player's
id is the gateway player's numeric ID (as text). Such a player's balances,
last bet / deposit and the bets and wins of a period come from the PAM wallet;
others keep the gateway's own figures.
"""

from __future__ import annotations

from datetime import datetime
from server.domain.gateway.ports import PeriodActivity, WalletPlayer, WalletSummary
from server.storage.repositories.pam_readers import round_activity, wallet_summary


class PamWalletReader:
    def __init__(self, db) -> None:
        self.db = db

    @staticmethod
    def pam_player_id(player: WalletPlayer) -> str:
        return str(player.player_id)

    def summary(self, player: WalletPlayer) -> WalletSummary | None:
        with self.db.session() as s:
            w = wallet_summary(s, self.pam_player_id(player))
        if w is None:
            return None
        return WalletSummary(
            real_balance=w.cash_amount,
            # Bonus and promo money are both non-withdrawable: the site shows them as bonus.
            bonus_balance=w.bonus_amount + w.promo_amount,
            last_bet_at=w.last_bet_at,
            last_bet_amount=w.last_bet_amount,
            last_deposit_at=w.last_deposit_at,
            last_deposit_amount=w.last_deposit_amount,
        )

    def activity(self, player: WalletPlayer, since: datetime, until: datetime) -> PeriodActivity:
        # A player without a wallet has no rounds: the same zero activity.
        # One aggregate over an index range, however many rounds were played.
        with self.db.session() as s:
            rounds, bets, wins = round_activity(s, self.pam_player_id(player), since, until)
        return PeriodActivity(total_bets=bets, total_wins=wins, rounds=rounds)
