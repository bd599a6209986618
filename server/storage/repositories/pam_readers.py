"""Reads of the PAM wallet for the other families (the player gateway's
balances and activity, the casino-sessions producer's rounds) and for
checks: ORM queries, off the hot path. The wallet's own calls use
``server.storage.repositories.pam.SqlPamStore``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, text, type_coerce
from sqlmodel import Session, select

from server.storage.models import PamAccount, PamRound


@dataclass(frozen=True)
class PamWalletTotals:
    player_id: str
    currency: str
    cash_amount: Decimal
    bonus_amount: Decimal
    promo_amount: Decimal
    last_bet_at: datetime | None
    last_bet_amount: Decimal | None
    last_deposit_at: datetime | None
    last_deposit_amount: Decimal | None


def wallet_summary(session: Session, player_id: str) -> PamWalletTotals | None:
    """The player's balances and the time and amount of the last bet
    (WITHDRAW / PROMOWITHDRAW) and last win (DEPOSIT / PROMODEPOSIT); None when
    the player has no wallet. Amounts are totals over cash, bonus and promo."""
    a = session.get(PamAccount, player_id)
    if a is None:
        return None
    return PamWalletTotals(
        a.player_id, a.currency, a.cash_amount, a.bonus_amount, a.promo_amount,
        a.last_bet_at, a.last_bet_amount, a.last_deposit_at, a.last_deposit_amount,
    )


@dataclass(frozen=True)
class RoundSummary:
    provider: str
    provider_game_id: str
    provider_round_id: str
    currency: str
    stake: Decimal
    payout: Decimal
    started_at: datetime
    ended_at: datetime | None

    @property
    def is_free(self) -> bool:
        """Nothing was staked (a free round / free spin)."""
        return self.stake == 0


def player_rounds(session: Session, player_id: str, since: datetime | None = None,
                  until: datetime | None = None, finished_only: bool = False) -> list[RoundSummary]:
    """The player's game rounds, oldest first: stake (withdrawn, net of
    cancels) and payout (deposited) per round, with start and end times."""
    q = select(PamRound, PamAccount.currency).join(PamAccount, PamAccount.player_id == PamRound.player_id).where(
        PamRound.player_id == player_id
    )
    if since is not None:
        q = q.where(PamRound.started_at >= since)
    if until is not None:
        q = q.where(PamRound.started_at < until)
    if finished_only:
        q = q.where(PamRound.ended_at.is_not(None))
    q = q.order_by(PamRound.started_at, PamRound.id)
    return [
        RoundSummary(r.provider, r.provider_game_id, r.provider_round_id, cur, r.stake, r.payout,
                     r.started_at, r.ended_at)
        for r, cur in session.exec(q)
    ]


def round_activity(session: Session, player_id: str, since: datetime, until: datetime) -> tuple[int, Decimal, Decimal]:
    """(rounds, stakes, payouts) of the player's rounds started in [since,
    until): one aggregate over ``ix_pam_round_player_started``, however long
    the player's history (online status and the reality check)."""
    from server.storage.types import Money

    r = PamRound.__table__.c
    row = session.execute(
        select(func.count(), type_coerce(func.coalesce(func.sum(r.stake), 0), Money()),
               type_coerce(func.coalesce(func.sum(r.payout), 0), Money()))
        .where(r.player_id == player_id, r.started_at >= since, r.started_at < until)
    ).one()
    return int(row[0]), row[1], row[2]


def finished_rounds(session: Session, player_id: str, since: datetime, until: datetime) -> list[RoundSummary]:
    """The player's rounds that ended in [since, until), oldest end first (what
    a finished-sessions report reads)."""
    q = select(PamRound, PamAccount.currency).join(PamAccount, PamAccount.player_id == PamRound.player_id).where(
        PamRound.player_id == player_id, PamRound.ended_at.is_not(None), PamRound.ended_at >= since,
        PamRound.ended_at < until,
    ).order_by(PamRound.ended_at, PamRound.id)
    return [
        RoundSummary(r.provider, r.provider_game_id, r.provider_round_id, cur, r.stake, r.payout,
                     r.started_at, r.ended_at)
        for r, cur in session.exec(q)
    ]


def ledger_totals(session: Session, player_id: str) -> tuple[Decimal, Decimal, Decimal]:
    """Sums of the ledger deltas (equal to the balances at all times)."""
    from server.storage.types import from_micros

    row = session.execute(
        text("SELECT COALESCE(SUM(cash_delta),0), COALESCE(SUM(bonus_delta),0), COALESCE(SUM(promo_delta),0)"
             " FROM pam_ledger WHERE player_id = :p"),
        {"p": player_id},
    ).one()
    return tuple(from_micros(v) for v in row)


__all__ = ["PamWalletTotals", "RoundSummary", "wallet_summary", "player_rounds", "round_activity", "finished_rounds",
           "ledger_totals"]
