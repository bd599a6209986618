"""addTransaction: bets, wins, cancels and their promo variants.

A call is checked in two steps. ``prepare_transaction`` does what needs no
lock (provider, token format, the body's shape) before the call joins a
write transaction; ``add_transaction`` runs inside it, with the player's
wallet locked, and books the transaction, its round and its ledger entry.
Idempotent per provider, providerTransactionId and type. The rules of each
type are in docs/pam.md.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from server.domain import identity
from server.domain.ledger import CANCELS, MAX_AMOUNT, WITHDRAWS, ZERO, money_text
from server.domain.pam import errors as pam_errors
from server.domain.pam.model import (
    Balance,
    Booking,
    GameSession,
    NewRound,
    NewTransaction,
    Round,
    RoundChange,
    TxInput,
    TxResult,
)
from server.domain.pam.ports import PamReadUnit, PamStore, PamUnit
from server.domain.pam.service import check_owner, check_provider, expired, resolve_provider, token_hash
from server.domain.pam.checks import check_tx
from server.domain.protection import model as protection_model
from server.domain.protection import rules as protection
from server.domain.protection.model import Play, Protection, Usage, UsageChange
from server.domain.protection.ports import ProtectionStore
from server.domain.records import events

Reject = Callable[[str, str], pam_errors.PamRejected]

# PAM_ERR_BET_NOT_ALLOWED messages for a protected player's refused bet.
REFUSALS = {
    protection_model.TIMED_OUT: "The player has taken a time-out; bets are refused until it ends.",
    protection_model.SELF_EXCLUDED: "The player has excluded themselves; bets are refused until the exclusion ends.",
    protection_model.CLOSED: "The player has excluded themselves permanently; the account is closed.",
    protection_model.WAGER_LIMIT: "The stake would pass the player's wager limit.",
    protection_model.LOSS_LIMIT: "The stake would take the player's net loss past their loss limit.",
    protection_model.SESSION_LIMIT: "The player's session-time limit for the day is reached.",
}


@dataclass
class Guard:
    """A protected player's protections, read under the wallet lock, with the
    protection clock's time and the play time including this transaction;
    ``store``: the unit's protection store."""

    store: ProtectionStore
    prot: Protection
    now: datetime
    play: Play

    def check_bet(self, stake: Decimal, reject: Reject) -> None:
        pid = self.prot.player_id
        usage = self.store.usage(pid, self.now) if protection.needs_usage(self.prot, self.now) else Usage()
        why = protection.check_bet(self.prot, usage, stake, self.play, self.now)
        if why is not None:
            raise reject(pam_errors.BET_NOT_ALLOWED, REFUSALS[why])

    def attach(self, b: Booking, wager: Decimal | None = None, loss: Decimal | None = None,
               at: datetime | None = None) -> None:
        """Count the booking in the usage bucket of ``at`` (default now)."""
        if wager is not None or loss is not None:
            b.usage = UsageChange(protection_model.hour_of(at or self.now), wager=wager if wager is not None else ZERO,
                                   loss=loss if loss is not None else ZERO)
        b.play = self.play



def guard_for(protections: ProtectionStore, s: GameSession, now: datetime,
              clock: Callable[[], datetime] | None) -> Guard | None:
    if not s.protected:
        return None
    prot = protections.load(s.player.id)
    if prot is None:
        return None
    pnow = clock() if clock is not None else now
    return Guard(protections, prot, pnow, protection.play_step(prot.play, pnow, s.id))


@dataclass(frozen=True)
class TxCall:
    """An addTransaction checked outside the write transaction."""

    provider: str
    token_hash: str
    player_id: str
    tx: TxInput
    when: datetime | None
    # The body's 400, raised after the session check (as the document orders).
    invalid: pam_errors.PamBadRequest | None
    public_id: str
    extras: str


def prepare_transaction(u: PamReadUnit, token: str | None, provider: str | None, player_id: str,
                        tx: TxInput) -> TxCall:
    prov = resolve_provider(u.wallet, provider)
    hashed = token_hash(token)
    when, invalid = check_tx(tx, prov)
    extras = json.dumps(tx.extras, separators=(",", ":")) if tx.extras else "{}"
    return TxCall(prov, hashed, player_id, tx, when, invalid, public_id(), extras)


def public_id() -> str:
    """A transaction's id for the aggregator: 32 hexadecimal characters, the
    milliseconds since the epoch (12) then 80 random bits (20). Unguessable
    as before, but new ids sort after old ones, so the unique index takes
    each at its right edge instead of a random page of an index that grows
    with the ledger (docs/architecture.md, "Cost that does not grow"). The
    time is a locality hint only, never read back (not the injected clock).
    """
    return f"{time.time_ns() // 1_000_000:012x}{secrets.token_hex(10)}"


class RoundMoved(Exception):
    """The round this call read was closed by another booking before this
    one was written (nothing was written)."""


def _book(repo: PamStore, b: Booking) -> int:
    tx_id = repo.book(b)
    if tx_id is None:
        raise RoundMoved()
    return tx_id


def large_win(repo: PamStore, new: NewTransaction, tx_id: int, now: datetime) -> None:
    """A win over the player's brand's threshold is a significant event,
    one INSERT in the booking's transaction. The common win, at or under the
    smallest threshold of any brand (cached), costs no statement at all."""
    amount = new.total
    if not events.large_win(amount, repo.large_win_floor()):
        return
    brand, threshold = repo.large_win_threshold(new.player_id)
    if events.large_win(amount, threshold):
        repo.record_event(events.NewEvent(
            events.Kind.LARGE_WIN, now, brand, "player", new.player_id[:events.SUBJECT_ID_MAX], client="pam",
            detail=events.detail_of(amount=money_text(amount), currency=new.currency, threshold=money_text(threshold),
                                    provider=new.provider, game_id=new.provider_game_id,
                                    transaction_id=tx_id)))


def add_transaction(u: PamUnit, call: TxCall, now: datetime,
                    clock: Callable[[], datetime] | None = None) -> TxResult:
    """``clock``: the protection clock (docs/protection.md); ``now`` by default.

    With several server processes on PostgreSQL, the round read with the
    session may be older than the wallet lock: the lock was granted after
    another process's booking of the same player committed. A booking writes
    its round only while the round is still open and adds its amounts to the
    stored totals; when the round was closed meanwhile, nothing is written and
    the call is decided again on what it reads now, under the lock."""
    try:
        return _add_transaction(u, call, now, clock)
    except RoundMoved:
        return _add_transaction(u, call, now, clock)


def _add_transaction(u: PamUnit, call: TxCall, now: datetime,
                     clock: Callable[[], datetime] | None) -> TxResult:
    repo, tx = u.wallet, call.tx
    found, existing, rnd = repo.session_for_booking(call.token_hash, call.provider, tx.provider_transaction_id,
                                                    tx.transaction_type, round_key(tx))
    s = check_provider(found, call.provider)
    if call.invalid is not None:
        raise call.invalid
    check_owner(repo, s, call.player_id)
    bal: Balance = s.balance  # type: ignore[assignment]

    def reject(code: str, message: str) -> pam_errors.PamRejected:
        return pam_errors.PamRejected(code, message, bal)

    if existing is not None:
        same = (existing.player_id == s.player.id and existing.provider_game_id == tx.provider_game_id
                and existing.provider_round_id == tx.provider_round_id)
        if not same:
            raise reject(pam_errors.DUPLICATE_TRANS, "providerTransactionId already used for another player, game or round.")
        return TxResult(existing.public_id, bal, replayed=True)  # an idempotent retry: nothing changes

    if tx.currency != s.player.currency:
        raise reject(pam_errors.TRANS_CURRENCY, "currency differs from the session's currency.")
    if min(tx.cash_amount, tx.bonus_amount, tx.promo_amount) < 0:  # type: ignore[type-var, operator]
        raise reject(pam_errors.NEGATIVE_STAKE, "Amounts must not be negative.")

    new = NewTransaction(
        public_id=call.public_id, player_id=s.player.id, provider=call.provider,
        transaction_type=tx.transaction_type, provider_transaction_id=tx.provider_transaction_id,  # type: ignore[arg-type]
        provider_bet_ref=tx.provider_bet_ref, provider_game_id=tx.provider_game_id,
        provider_round_id=tx.provider_round_id, currency=tx.currency,
        cash_amount=tx.cash_amount, bonus_amount=tx.bonus_amount, promo_amount=tx.promo_amount,  # type: ignore[arg-type]
        transaction_date_time=call.when, bet_code=tx.bet_code, is_game_over=tx.is_game_over,  # type: ignore[arg-type]
        extras=call.extras, session_id=s.id, created_at=now,
    )
    kind = tx.transaction_type
    guard = guard_for(u.protections, s, now, clock)
    if kind in WITHDRAWS:
        after = _withdraw(repo, s, bal, new, rnd, now, reject, guard)
    elif kind == "DEPOSIT":
        after = _deposit(repo, s, bal, new, rnd, now, reject, guard)
    elif kind == "PROMODEPOSIT":
        if rnd is not None and rnd.ended_at is not None:
            rnd = None  # a promo payout needs no open round; it is booked on its own
        after = _credit(repo, bal, new, rnd, now, reject, guard)
    else:
        after = _cancel(repo, s, bal, new, now, reject, guard)
    return TxResult(new.public_id, after)


def round_key(tx: TxInput) -> str | None:
    """The providerRoundId under which a call finds its round: a withdraw
    without one opens a round of its own under its bet reference (else its
    transaction id); a win or promo payout names its round or has none."""
    if tx.transaction_type in WITHDRAWS:
        return tx.provider_round_id or tx.provider_bet_ref or tx.provider_transaction_id
    return tx.provider_round_id or None


def _withdraw(repo: PamStore, s: GameSession, bal: Balance, new: NewTransaction, rnd: Round | None,
              now: datetime, reject: Reject, guard: Guard | None = None) -> Balance:
    if expired(s, now):
        raise reject(pam_errors.SESSION_EXPIRED, "The session has expired; bets are refused.")
    if s.player.blocked:
        raise reject(pam_errors.BET_NOT_ALLOWED, "The player may not bet.")
    if s.player.verification_hold:
        raise reject(pam_errors.BET_NOT_ALLOWED, identity.PAM_MESSAGE)
    if guard is not None:
        guard.check_bet(new.total, reject)
    game_id = new.provider_game_id or s.game_id
    if not game_id or not repo.game_exists(new.provider, game_id):
        raise reject(pam_errors.GAME_NOT_FOUND, "providerGameId is not a game of this provider.")
    if new.cash_amount > bal.cash:
        raise reject(pam_errors.CASH_OVERDRAFT, "Not enough cash.")
    if new.bonus_amount > bal.bonus:
        raise reject(pam_errors.BONUS_OVERDRAFT, "Not enough bonus money.")
    if new.promo_amount > bal.promo:
        raise reject(pam_errors.PROMO_OVERDRAFT, "Not enough promo money.")
    if rnd is not None and rnd.ended_at is not None:
        raise reject(pam_errors.TRANS_ALREADY_SETTLED, "The game round is already finished.")
    ended = now if new.is_game_over else None
    after = Balance(bal.cash - new.cash_amount, bal.bonus - new.bonus_amount, bal.promo - new.promo_amount)
    b = Booking(new, bal, after, now, last_bet=new.total)
    if guard is not None:
        guard.attach(b, wager=new.total, loss=new.total)
    if rnd is None:
        key = new.provider_round_id or new.provider_bet_ref or new.provider_transaction_id
        b.new_round = NewRound(s.player.id, new.provider, key, game_id, now, new.total, ended)
    else:
        b.round_change = RoundChange(rnd.id, new.total, Decimal("0"), ended)
        new.round_id = rnd.id
    _book(repo, b)
    return after


def _deposit(repo: PamStore, s: GameSession, bal: Balance, new: NewTransaction, rnd: Round | None,
             now: datetime, reject: Reject, guard: Guard | None = None) -> Balance:
    """``rnd`` is the round named by providerRoundId (read with the session);
    without one, the round of the bet named by providerBetRef."""
    pid, prov = s.player.id, new.provider
    if not new.provider_round_id and new.provider_bet_ref:
        bets = [t for t in repo.txs_by_bet_ref(pid, prov, new.provider_bet_ref) if t.transaction_type in WITHDRAWS]
        rnd = repo.round_by_id(bets[-1].round_id) if bets and bets[-1].round_id else None
    if rnd is None:
        raise reject(pam_errors.TRANS_NOT_FOUND, "No game round for this deposit.")
    bets = [t for t in repo.txs_of_round(rnd.id) if t.transaction_type in WITHDRAWS]
    if new.provider_bet_ref:
        bets = [t for t in bets if t.provider_bet_ref == new.provider_bet_ref] or bets
    if bets and all(t.cancelled_by is not None for t in bets):
        raise reject(pam_errors.TRANS_ALREADY_CANCELLED, "The bet of this deposit was cancelled.")
    if rnd.ended_at is not None:
        raise reject(pam_errors.TRANS_ALREADY_SETTLED, "The game round is already finished.")
    return _credit(repo, bal, new, rnd, now, reject, guard)


def _credit(repo: PamStore, bal: Balance, new: NewTransaction, rnd: Round | None, now: datetime,
            reject: Reject, guard: Guard | None = None) -> Balance:
    after = Balance(bal.cash + new.cash_amount, bal.bonus + new.bonus_amount, bal.promo + new.promo_amount)
    if max(after.cash, after.bonus, after.promo) > MAX_AMOUNT:
        raise reject(pam_errors.UNDEFINED, f"The balance would exceed {MAX_AMOUNT}, the largest amount the PAM holds.")
    b = Booking(new, bal, after, now, last_deposit=new.total)
    if guard is not None:
        guard.attach(b, loss=-new.total)  # a win lowers the net loss
    if rnd is not None:
        b.round_change = RoundChange(rnd.id, Decimal("0"), new.total, now if new.is_game_over else None)
        new.round_id = rnd.id
    large_win(repo, new, _book(repo, b), now)
    return after


def _cancel(repo: PamStore, s: GameSession, bal: Balance, new: NewTransaction, now: datetime,
            reject: Reject, guard: Guard | None = None) -> Balance:
    """A CANCEL (or PROMOCANCEL) reverses a withdraw, found by providerBetRef,
    else by the same providerTransactionId, else as the last withdraw of
    providerRoundId. It takes its amounts from that withdraw."""
    pid, prov = s.player.id, new.provider
    candidates = []
    if new.provider_bet_ref:
        candidates = repo.txs_by_bet_ref(pid, prov, new.provider_bet_ref)
    if not candidates:
        candidates = repo.txs_by_provider_tx_id(pid, prov, new.provider_transaction_id)
    if not candidates and new.provider_round_id:
        found = repo.round(pid, prov, new.provider_round_id)
        candidates = repo.txs_of_round(found.id) if found is not None else []
    candidates = [t for t in candidates if t.transaction_type not in CANCELS]
    bets = [t for t in candidates if t.transaction_type in WITHDRAWS]
    if not bets:
        if candidates:
            raise reject(pam_errors.CANCEL_NON_WITHDRAW, "Only a withdraw can be cancelled.")
        raise reject(pam_errors.CANCEL_NOT_FOUND, "No withdraw to cancel.")
    open_bets = [t for t in bets if t.cancelled_by is None]
    if not open_bets:
        raise reject(pam_errors.TRANS_ALREADY_CANCELLED, "The withdraw is already cancelled.")
    bet = open_bets[-1]
    rnd = repo.round_by_id(bet.round_id) if bet.round_id else None
    settled = rnd is not None and rnd.ended_at is not None
    if rnd is not None and not settled:
        deposits = [t for t in repo.txs_of_round(rnd.id) if t.transaction_type == "DEPOSIT"]
        settled = any(bet.provider_bet_ref is None or t.provider_bet_ref in (None, bet.provider_bet_ref)
                      for t in deposits)
    if settled:
        raise reject(pam_errors.TRANS_ALREADY_SETTLED, "The withdraw is already settled.")
    new.cash_amount, new.bonus_amount, new.promo_amount = bet.cash_amount, bet.bonus_amount, bet.promo_amount
    after = Balance(bal.cash + bet.cash_amount, bal.bonus + bet.bonus_amount, bal.promo + bet.promo_amount)
    b = Booking(new, bal, after, now, cancels=bet.id)
    if guard is not None:
        # The cancelled stake leaves the hour it was counted in (the bet's, on
        # the protection clock).
        at = bet.created_at + (guard.now - now) if bet.created_at is not None else None
        guard.attach(b, wager=-bet.total, loss=-bet.total, at=at)
    if rnd is not None:
        new.round_id = rnd.id
        b.round_change = RoundChange(rnd.id, -bet.total, Decimal("0"), now if new.is_game_over else None)
    _book(repo, b)
    return after


def balance_for_error(u: PamReadUnit, player_id: str) -> Balance | None:
    """The committed balance (no lock), for answers such as PAM_ERR_TIMEOUT."""
    return u.wallet.balance(player_id) if player_id else None
