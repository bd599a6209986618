"""PAM operations: sessions, balance, transactions and game rounds.

Every function takes a ``PamRepository`` (one unit of work) and the current
time. Business errors raise ``PamRejected`` (with the balance where the
operation has one); bad sessions raise ``PamUnauthenticated``; unknown
providers and malformed calls raise ``PamBadRequest``.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from server.domain import errors as E
from server.domain.pam import errors as P
from server.security import hash_token

TOKEN_MIN, TOKEN_MAX = 32, 40
ID_MAX = 40
SIX = Decimal("0.000001")
ZERO = Decimal("0.000000")
TYPES = ("DEPOSIT", "WITHDRAW", "CANCEL", "PROMODEPOSIT", "PROMOWITHDRAW", "PROMOCANCEL")
WITHDRAWS = ("WITHDRAW", "PROMOWITHDRAW")
DEPOSITS = ("DEPOSIT", "PROMODEPOSIT")
CANCELS = ("CANCEL", "PROMOCANCEL")
CURRENCY = re.compile(r"^[A-Z]{3}$")


# ------------------------------------------------------------------- views


@dataclass(frozen=True)
class Balance:
    cash: Decimal
    bonus: Decimal
    promo: Decimal


@dataclass(frozen=True)
class SessionView:
    player_id: str
    token: str
    currency: str
    country: str
    language: str
    game_id: str | None


@dataclass(frozen=True)
class RoundView:
    provider_game_id: str
    provider_round_id: str
    start_time: datetime
    end_time: datetime | None


@dataclass
class TxInput:
    """addTransaction's body, decoded (None: key not sent)."""

    currency: str | None = None
    provider: str | None = None
    transaction_type: str | None = None
    cash_amount: Decimal | None = None
    bonus_amount: Decimal | None = None
    promo_amount: Decimal | None = None
    transaction_date_time: str | None = None
    provider_transaction_id: str | None = None
    provider_bet_ref: str | None = None
    provider_game_id: str | None = None
    provider_round_id: str | None = None
    bet_code: str | None = None
    is_game_over: bool | None = None
    # promos, jackpots, tip, roundTransactions as JSON-ready values.
    extras: dict = field(default_factory=dict)
    # Amounts the wire could not express exactly (more than six decimals).
    bad_amounts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TxView:
    currency: str
    provider: str
    transaction_type: str
    cash_amount: Decimal
    bonus_amount: Decimal
    promo_amount: Decimal
    transaction_date_time: datetime
    provider_transaction_id: str
    provider_bet_ref: str | None
    provider_game_id: str | None
    provider_round_id: str | None
    bet_code: str | None
    is_game_over: bool | None
    extras: dict


def to_money(value: float | str | Decimal) -> Decimal | None:
    """A wire amount as an exact six-place decimal, or None when it has more
    than six decimals (or is not a finite number)."""
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    q = d.quantize(SIX)
    return q if q == d else None


# ---------------------------------------------------------------- requests


def resolve_provider(repo, provider: str | None) -> str:
    """The provider's canonical (lower-case) name. Missing or unknown: 400
    PAM_ERR_MISSING_PROVIDER."""
    if not provider or not provider.strip():
        raise P.bad_request(P.MISSING_PROVIDER, "provider", "The query parameter provider is required.")
    row = repo.provider(provider.strip())
    if row is None:
        raise P.bad_request(P.MISSING_PROVIDER, "provider", "The provider is not known to the PAM.")
    return row.name


def find_session(repo, token: str | None, provider: str):
    """The session of X-Player-Token for this provider, expired or not.
    Unknown, malformed, or another provider's: 401 PAM_ERR_SESSION_NOT_FOUND."""
    if not token or not TOKEN_MIN <= len(token) <= TOKEN_MAX:
        raise P.PamUnauthenticated(P.SESSION_NOT_FOUND, "No session for the X-Player-Token.")
    s = repo.session_by_hash(hash_token(token))
    if s is None or s.provider != provider:
        raise P.PamUnauthenticated(P.SESSION_NOT_FOUND, "No session for the X-Player-Token.")
    return s


def _expired(sess, now: datetime) -> bool:
    return sess.expires_at <= now


def _view(repo, sess, token: str) -> SessionView:
    p = repo.player(sess.player_id)
    return SessionView(p.id, token, p.currency, p.country, p.language, sess.game_id)


def get_session(repo, token: str | None, provider: str | None, now: datetime) -> SessionView:
    prov = resolve_provider(repo, provider)
    sess = find_session(repo, token, prov)
    if _expired(sess, now):
        raise P.PamUnauthenticated(P.SESSION_EXPIRED, "The session has expired.")
    return _view(repo, sess, token)  # type: ignore[arg-type]


def new_session_token() -> str:
    """40 hexadecimal characters from 160 random bits."""
    return secrets.token_hex(20)


def refresh_session(repo, token: str | None, provider: str | None, now: datetime,
                    lifetime: timedelta) -> SessionView:
    """A new token for the session; the old one stops working in the same
    statement (so of concurrent refreshes of one token exactly one wins). The
    refreshed session gets a full lifetime from now."""
    prov = resolve_provider(repo, provider)
    sess = find_session(repo, token, prov)
    if _expired(sess, now):
        raise P.PamUnauthenticated(P.SESSION_EXPIRED, "The session has expired.")
    new = new_session_token()
    if not repo.rotate_session_token(sess.id, hash_token(token), hash_token(new), now, now + lifetime):
        # Another refresh of the same token won the race.
        raise P.PamUnauthenticated(P.SESSION_NOT_FOUND, "No session for the X-Player-Token.")
    return _view(repo, sess, new)


@dataclass
class Context:
    """What every player operation resolves first."""

    provider: str
    session: object
    player: object
    account: object


def _player_context(repo, token: str | None, provider: str | None, player_id: str, lock: bool = False,
                    resolved: tuple[str, object] | None = None) -> Context:
    """``resolved``: the (provider, session) pair when the caller has already
    resolved them."""
    prov, sess = resolved if resolved is not None else (None, None)
    if resolved is None:
        prov = resolve_provider(repo, provider)
        sess = find_session(repo, token, prov)
    player = repo.player(player_id) if player_id else None
    if player is None:
        raise P.PamRejected(P.PLAYER_NOT_FOUND, "No player with this playerId.")
    if sess.player_id != player.id:
        raise P.PamUnauthenticated(P.SESSION_NOT_FOUND, "No session for this player and X-Player-Token.")
    acct = repo.lock_account(player.id) if lock else repo.account(player.id)
    if acct is None:
        raise P.PamRejected(P.ACC_NOT_FOUND, "The player has no account.")
    return Context(prov, sess, player, acct)


def balance_of(acct) -> Balance:
    return Balance(acct.cash_amount, acct.bonus_amount, acct.promo_amount)


def get_balance(repo, token, provider, player_id: str) -> Balance:
    return balance_of(_player_context(repo, token, provider, player_id).account)


def _tx_view(t) -> TxView:
    return TxView(
        t.currency, t.provider, t.transaction_type, t.cash_amount, t.bonus_amount, t.promo_amount,
        t.transaction_date_time, t.provider_transaction_id, t.provider_bet_ref, t.provider_game_id,
        t.provider_round_id, t.bet_code, t.is_game_over, json.loads(t.extras or "{}"),
    )


def get_transactions(repo, token, provider, player_id: str, provider_tx_id: str | None,
                     bet_ref: str | None) -> list[TxView]:
    """By providerBetRef when given (it wins), else by providerTransactionId.
    Neither: 400. None found: PAM_ERR_TRANS_NOT_FOUND."""
    ctx = _player_context(repo, token, provider, player_id)
    if not bet_ref and not provider_tx_id:
        raise P.bad_request(P.UNDEFINED, "providerTransactionId",
                            "providerTransactionId or providerBetRef is required.")
    if bet_ref:
        rows = repo.txs_by_bet_ref(ctx.player.id, ctx.provider, bet_ref)
    else:
        rows = repo.txs_by_provider_tx_id(ctx.player.id, ctx.provider, provider_tx_id)
    if not rows:
        raise P.PamRejected(P.TRANS_NOT_FOUND, "No transaction matches.")
    return [_tx_view(t) for t in rows]


def get_game_round(repo, token, provider, player_id: str, round_id: str) -> RoundView:
    ctx = _player_context(repo, token, provider, player_id)
    r = repo.round(ctx.player.id, ctx.provider, round_id) if round_id else None
    if r is None:
        raise P.PamRejected(P.ROUND_NOT_FOUND, "No game round with this providerGameRoundId.")
    return RoundView(r.provider_game_id, r.provider_round_id, r.started_at, r.ended_at)


# ------------------------------------------------------------ transactions


def parse_time(value: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def validate_tx(tx: TxInput, provider: str) -> datetime:
    """Malformed bodies are 400 PAM_ERR_UNDEFINED, listing every problem."""
    v = E.Violations()
    for name in ("currency", "provider", "transactionType", "cashAmount", "bonusAmount", "promoAmount",
                 "transactionDateTime", "providerTransactionId"):
        attr = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
        if getattr(tx, attr) in (None, ""):
            v.add(name, "required", f"{name} is required.")
    for name in tx.bad_amounts:
        v.add(name, "invalid", f"{name} must be a number with at most six decimals.")
    if tx.transaction_type and tx.transaction_type not in TYPES:
        v.add("transactionType", "invalid", "transactionType must be one of " + ", ".join(TYPES) + ".")
    if tx.currency and not CURRENCY.match(tx.currency):
        v.add("currency", "invalid", "currency must be an ISO 4217 code such as USD.")
    if tx.provider and tx.provider.lower() != provider:
        v.add("provider", "invalid", "provider must be the query's provider.")
    when = parse_time(tx.transaction_date_time) if tx.transaction_date_time else None
    if tx.transaction_date_time and when is None:
        v.add("transactionDateTime", "invalid", "transactionDateTime must be an ISO 8601 date-time.")
    for name in ("provider_transaction_id", "provider_bet_ref", "provider_game_id", "provider_round_id"):
        value = getattr(tx, name)
        if value is not None and not 1 <= len(value) <= ID_MAX:
            key = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)
            v.add(key, "invalid", f"{key} must be 1 to {ID_MAX} characters.")
    if v.items:
        raise P.PamBadRequest(P.UNDEFINED, v.items)
    return when  # type: ignore[return-value]


@dataclass(frozen=True)
class TxResult:
    transaction_id: str
    balance: Balance


def add_transaction(repo, token, provider, player_id: str, tx: TxInput, now: datetime) -> TxResult:
    """Book one transaction (see docs/pam.md for the rules of each type).
    Runs under the player's account lock; idempotent per provider,
    providerTransactionId and type."""
    prov = resolve_provider(repo, provider)
    sess = find_session(repo, token, prov)
    when = validate_tx(tx, prov)
    ctx = _player_context(repo, token, provider, player_id, lock=True, resolved=(prov, sess))
    acct, player, sess = ctx.account, ctx.player, ctx.session
    bal = balance_of(acct)

    def reject(code: str, message: str):
        return P.PamRejected(code, message, balance_of(acct))

    existing = repo.tx_by_key(prov, tx.provider_transaction_id, tx.transaction_type)
    if existing is not None:
        same = (existing.player_id == player.id and existing.provider_game_id == tx.provider_game_id
                and existing.provider_round_id == tx.provider_round_id)
        if not same:
            raise reject(P.DUPLICATE_TRANS, "providerTransactionId already used for another player, game or round.")
        return TxResult(existing.public_id, bal)  # an idempotent retry: nothing changes

    if tx.currency != player.currency:
        raise reject(P.TRANS_CURRENCY, "currency differs from the session's currency.")
    if min(tx.cash_amount, tx.bonus_amount, tx.promo_amount) < 0:
        raise reject(P.NEGATIVE_STAKE, "Amounts must not be negative.")

    row = _new_row(tx, prov, player.id, when, sess.id)
    kind = tx.transaction_type
    if kind in WITHDRAWS:
        _withdraw(repo, row, tx, ctx, now, reject)
    elif kind == "DEPOSIT":
        _deposit(repo, row, tx, ctx, now, reject)
    elif kind == "PROMODEPOSIT":
        _promo_deposit(repo, row, tx, ctx, now)
    else:
        _cancel(repo, row, tx, ctx, now, reject)
    return TxResult(row.public_id, balance_of(acct))


def _new_row(tx: TxInput, provider: str, player_id: str, when: datetime, session_id: int):
    from server.storage.models import PamTransaction  # the row type, built here, stored by the repository

    return PamTransaction(
        public_id=secrets.token_hex(16), player_id=player_id, provider=provider,
        transaction_type=tx.transaction_type, provider_transaction_id=tx.provider_transaction_id,
        provider_bet_ref=tx.provider_bet_ref, provider_game_id=tx.provider_game_id,
        provider_round_id=tx.provider_round_id, currency=tx.currency,
        cash_amount=tx.cash_amount, bonus_amount=tx.bonus_amount, promo_amount=tx.promo_amount,
        transaction_date_time=when, bet_code=tx.bet_code, is_game_over=tx.is_game_over,
        extras=json.dumps(tx.extras, separators=(",", ":")), session_id=session_id,
    )


def _total(t) -> Decimal:
    return t.cash_amount + t.bonus_amount + t.promo_amount


def _withdraw(repo, row, tx: TxInput, ctx: Context, now: datetime, reject) -> None:
    from server.storage.models import PamRound

    acct = ctx.account
    if _expired(ctx.session, now):
        raise reject(P.SESSION_EXPIRED, "The session has expired; bets are refused.")
    if ctx.player.blocked:
        raise reject(P.BET_NOT_ALLOWED, "The player may not bet.")
    game_id = tx.provider_game_id or ctx.session.game_id
    if not game_id or not repo.game_exists(ctx.provider, game_id):
        raise reject(P.GAME_NOT_FOUND, "providerGameId is not a game of this provider.")
    if tx.cash_amount > acct.cash_amount:
        raise reject(P.CASH_OVERDRAFT, "Not enough cash.")
    if tx.bonus_amount > acct.bonus_amount:
        raise reject(P.BONUS_OVERDRAFT, "Not enough bonus money.")
    if tx.promo_amount > acct.promo_amount:
        raise reject(P.PROMO_OVERDRAFT, "Not enough promo money.")
    round_key = tx.provider_round_id or tx.provider_bet_ref or tx.provider_transaction_id
    rnd = repo.round(ctx.player.id, ctx.provider, round_key)
    if rnd is not None and rnd.ended_at is not None:
        raise reject(P.TRANS_ALREADY_SETTLED, "The game round is already finished.")
    if rnd is None:
        rnd = PamRound(player_id=ctx.player.id, provider=ctx.provider, provider_round_id=round_key,
                       provider_game_id=game_id, started_at=now, stake=Decimal("0"))
    rnd.stake += _total(row)
    if tx.is_game_over:
        rnd.ended_at = now
    repo.add(rnd)
    row.round_id = rnd.id
    repo.add(row)
    repo.move(acct, -row.cash_amount, -row.bonus_amount, -row.promo_amount, "TRANSACTION", row, now)
    acct.last_bet_at, acct.last_bet_amount = now, _total(row)


def _deposit(repo, row, tx: TxInput, ctx: Context, now: datetime, reject) -> None:
    rnd = None
    if tx.provider_round_id:
        rnd = repo.round(ctx.player.id, ctx.provider, tx.provider_round_id)
    elif tx.provider_bet_ref:
        bets = [t for t in repo.txs_by_bet_ref(ctx.player.id, ctx.provider, tx.provider_bet_ref)
                if t.transaction_type in WITHDRAWS]
        rnd = repo.round_by_id(bets[-1].round_id) if bets else None
    if rnd is None:
        raise reject(P.TRANS_NOT_FOUND, "No game round for this deposit.")
    in_round = repo.txs_of_round(rnd.id)
    bets = [t for t in in_round if t.transaction_type in WITHDRAWS]
    if tx.provider_bet_ref:
        bets = [t for t in bets if t.provider_bet_ref == tx.provider_bet_ref] or bets
    if bets and all(t.cancelled_by is not None for t in bets):
        raise reject(P.TRANS_ALREADY_CANCELLED, "The bet of this deposit was cancelled.")
    if rnd.ended_at is not None:
        raise reject(P.TRANS_ALREADY_SETTLED, "The game round is already finished.")
    _credit(repo, row, tx, ctx, rnd, now)


def _promo_deposit(repo, row, tx: TxInput, ctx: Context, now: datetime) -> None:
    rnd = repo.round(ctx.player.id, ctx.provider, tx.provider_round_id) if tx.provider_round_id else None
    if rnd is not None and rnd.ended_at is not None:
        rnd = None  # a promo payout needs no open round; it is booked on its own
    _credit(repo, row, tx, ctx, rnd, now)


def _credit(repo, row, tx: TxInput, ctx: Context, rnd, now: datetime) -> None:
    acct = ctx.account
    if rnd is not None:
        rnd.payout += _total(row)
        if tx.is_game_over:
            rnd.ended_at = now
        repo.add(rnd)
        row.round_id = rnd.id
    repo.add(row)
    repo.move(acct, row.cash_amount, row.bonus_amount, row.promo_amount, "TRANSACTION", row, now)
    acct.last_deposit_at, acct.last_deposit_amount = now, _total(row)


def _cancel(repo, row, tx: TxInput, ctx: Context, now: datetime, reject) -> None:
    """A CANCEL (or PROMOCANCEL) reverses a withdraw, found by providerBetRef,
    else by the same providerTransactionId, else as the last withdraw of
    providerRoundId. It takes its amounts from that withdraw."""
    pid, prov = ctx.player.id, ctx.provider
    candidates = []
    if tx.provider_bet_ref:
        candidates = repo.txs_by_bet_ref(pid, prov, tx.provider_bet_ref)
    if not candidates:
        candidates = repo.txs_by_provider_tx_id(pid, prov, tx.provider_transaction_id)
    if not candidates and tx.provider_round_id:
        rnd = repo.round(pid, prov, tx.provider_round_id)
        candidates = repo.txs_of_round(rnd.id) if rnd is not None else []
    candidates = [t for t in candidates if t.transaction_type not in CANCELS]
    bets = [t for t in candidates if t.transaction_type in WITHDRAWS]
    if not bets:
        if candidates:
            raise reject(P.CANCEL_NON_WITHDRAW, "Only a withdraw can be cancelled.")
        raise reject(P.CANCEL_NOT_FOUND, "No withdraw to cancel.")
    open_bets = [t for t in bets if t.cancelled_by is None]
    if not open_bets:
        raise reject(P.TRANS_ALREADY_CANCELLED, "The withdraw is already cancelled.")
    bet = open_bets[-1]
    rnd = repo.round_by_id(bet.round_id) if bet.round_id else None
    settled = rnd is not None and rnd.ended_at is not None
    if rnd is not None and not settled:
        deposits = [t for t in repo.txs_of_round(rnd.id) if t.transaction_type == "DEPOSIT"]
        settled = any(bet.provider_bet_ref is None or t.provider_bet_ref in (None, bet.provider_bet_ref)
                      for t in deposits)
    if settled:
        raise reject(P.TRANS_ALREADY_SETTLED, "The withdraw is already settled.")
    row.cash_amount, row.bonus_amount, row.promo_amount = bet.cash_amount, bet.bonus_amount, bet.promo_amount
    row.cancels = bet.id
    if rnd is not None:
        row.round_id = rnd.id
        rnd.stake -= _total(bet)
        if tx.is_game_over:
            rnd.ended_at = now
        repo.add(rnd)
    repo.add(row)
    bet.cancelled_by = row.id
    repo.add(bet)
    repo.move(ctx.account, bet.cash_amount, bet.bonus_amount, bet.promo_amount, "TRANSACTION", row, now)


def balance_for_error(repo, player_id: str) -> Balance | None:
    """The committed balance (no lock), for answers such as PAM_ERR_TIMEOUT."""
    acct = repo.account(player_id) if player_id else None
    return balance_of(acct) if acct is not None else None
