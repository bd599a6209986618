"""PAM persistence: look-ups, the account lock, ledgered balance changes, and
the unit-of-work helper that turns lock waits into PAM_ERR_TIMEOUT.

Also the read functions other families use (``wallet_summary``,
``player_rounds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from server.domain.pam import errors as P
from server.storage.models import (
    PamAccount,
    PamApiClient,
    PamGame,
    PamLedgerEntry,
    PamPlayer,
    PamProvider,
    PamRound,
    PamSession,
    PamTransaction,
)

WITHDRAW_TYPES = ("WITHDRAW", "PROMOWITHDRAW")


class PamRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # --------------------------------------------------------------- reference
    def api_client_by_hash(self, token_hash: str) -> PamApiClient | None:
        return self.s.exec(select(PamApiClient).where(PamApiClient.token_hash == token_hash)).first()

    def provider(self, name: str) -> PamProvider | None:
        return self.s.get(PamProvider, name.lower())

    def game_exists(self, provider: str, game_id: str) -> bool:
        q = select(PamGame.id).where(PamGame.provider == provider, PamGame.game_id == game_id)
        return self.s.exec(q).first() is not None

    # ---------------------------------------------------------------- sessions
    def session_by_hash(self, token_hash: str) -> PamSession | None:
        return self.s.exec(select(PamSession).where(PamSession.token_hash == token_hash)).first()

    def rotate_session_token(self, session_id: int, old_hash: str, new_hash: str, now: datetime,
                             expires_at: datetime) -> bool:
        """Replace the token in one guarded statement: of concurrent refreshes
        of one token (in any number of processes) exactly one matches."""
        stmt = (
            update(PamSession)
            .where(PamSession.id == session_id, PamSession.token_hash == old_hash)
            .values(token_hash=new_hash, refreshed_at=now, expires_at=expires_at,
                    refresh_count=PamSession.refresh_count + 1)
        )
        return self.s.exec(stmt).rowcount == 1

    # ----------------------------------------------------------------- players
    def player(self, player_id: str) -> PamPlayer | None:
        return self.s.get(PamPlayer, player_id)

    def account(self, player_id: str) -> PamAccount | None:
        return self.s.get(PamAccount, player_id)

    def lock_account(self, player_id: str) -> PamAccount | None:
        """The player's account, locked until the unit of work ends (row lock
        on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)."""
        q = select(PamAccount).where(PamAccount.player_id == player_id).with_for_update()
        return self.s.exec(q.execution_options(populate_existing=True)).first()

    def move(self, acct: PamAccount, cash: Decimal, bonus: Decimal, promo: Decimal, kind: str,
             tx: PamTransaction | None, now: datetime) -> None:
        """Change the balances by the deltas and write the ledger entry."""
        acct.cash_amount += cash
        acct.bonus_amount += bonus
        acct.promo_amount += promo
        if min(acct.cash_amount, acct.bonus_amount, acct.promo_amount) < 0:
            raise AssertionError("a balance would go below zero")  # the domain checks first
        acct.updated_at = now
        self.s.add(acct)
        self.s.add(PamLedgerEntry(
            player_id=acct.player_id, kind=kind, transaction_id=tx.id if tx else None,
            cash_delta=cash, bonus_delta=bonus, promo_delta=promo,
            cash_after=acct.cash_amount, bonus_after=acct.bonus_amount, promo_after=acct.promo_amount,
            created_at=now,
        ))

    # ------------------------------------------------------------ transactions
    def tx_by_key(self, provider: str, provider_tx_id: str, tx_type: str) -> PamTransaction | None:
        q = select(PamTransaction).where(
            PamTransaction.provider == provider,
            PamTransaction.provider_transaction_id == provider_tx_id,
            PamTransaction.transaction_type == tx_type,
        )
        return self.s.exec(q).first()

    def txs_by_bet_ref(self, player_id: str, provider: str, bet_ref: str) -> list[PamTransaction]:
        q = select(PamTransaction).where(
            PamTransaction.player_id == player_id, PamTransaction.provider == provider,
            PamTransaction.provider_bet_ref == bet_ref,
        ).order_by(PamTransaction.id)
        return list(self.s.exec(q))

    def txs_by_provider_tx_id(self, player_id: str, provider: str, provider_tx_id: str) -> list[PamTransaction]:
        q = select(PamTransaction).where(
            PamTransaction.player_id == player_id, PamTransaction.provider == provider,
            PamTransaction.provider_transaction_id == provider_tx_id,
        ).order_by(PamTransaction.id)
        return list(self.s.exec(q))

    def txs_of_round(self, round_id: int) -> list[PamTransaction]:
        q = select(PamTransaction).where(PamTransaction.round_id == round_id).order_by(PamTransaction.id)
        return list(self.s.exec(q))

    def tx(self, tx_id: int) -> PamTransaction | None:
        return self.s.get(PamTransaction, tx_id)

    def add(self, row) -> None:
        self.s.add(row)
        self.s.flush()

    # ------------------------------------------------------------------ rounds
    def round(self, player_id: str, provider: str, provider_round_id: str) -> PamRound | None:
        q = select(PamRound).where(
            PamRound.player_id == player_id, PamRound.provider == provider,
            PamRound.provider_round_id == provider_round_id,
        )
        return self.s.exec(q).first()

    def round_by_id(self, round_id: int) -> PamRound | None:
        return self.s.get(PamRound, round_id)


# ------------------------------------------------------------ unit of work


def set_lock_timeout(session: Session, ms: int) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL lock_timeout = '{int(ms)}ms'"))


def is_lock_timeout(exc: BaseException) -> bool:
    """A lock wait that gave up: PostgreSQL lock_timeout (55P03) or
    statement_timeout (57014), SQLite's busy timeout ("database is locked")."""
    if not isinstance(exc, OperationalError):
        return False
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("55P03", "57014"):
        return True
    return "database is locked" in str(exc.orig)


def write_unit(db, lock_timeout_ms: int, fn, retries: int = 2):
    """Run ``fn(PamRepository)`` in one write transaction.

    A lock wait longer than ``lock_timeout_ms`` becomes PAM_ERR_TIMEOUT; a
    unique-key race with a concurrent transaction of another player is retried
    (the retry then sees the committed row)."""
    for attempt in range(retries + 1):
        try:
            with db.session(write=True) as s:
                set_lock_timeout(s, lock_timeout_ms)
                return fn(PamRepository(s))
        except IntegrityError:
            if attempt == retries:
                raise
        except OperationalError as exc:
            if is_lock_timeout(exc):
                raise P.PamRejected(P.TIMEOUT, "Timed out waiting for the player's account.") from None
            raise
    raise AssertionError("unreachable")


# ------------------------------------------------------- for other families


@dataclass(frozen=True)
class WalletSummary:
    player_id: str
    currency: str
    cash_amount: Decimal
    bonus_amount: Decimal
    promo_amount: Decimal
    last_bet_at: datetime | None
    last_bet_amount: Decimal | None
    last_deposit_at: datetime | None
    last_deposit_amount: Decimal | None


def wallet_summary(session: Session, player_id: str) -> WalletSummary | None:
    """The player's balances and the time and amount of the last bet
    (WITHDRAW / PROMOWITHDRAW) and last win (DEPOSIT / PROMODEPOSIT); None when
    the player has no wallet. Amounts are totals over cash, bonus and promo."""
    a = session.get(PamAccount, player_id)
    if a is None:
        return None
    return WalletSummary(
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
    return tuple(from_micros(v) for v in row)  # type: ignore[return-value]


__all__ = ["PamRepository", "WalletSummary", "RoundSummary", "wallet_summary", "player_rounds", "finished_rounds",
           "ledger_totals", "write_unit", "WITHDRAW_TYPES"]
