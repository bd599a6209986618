"""PAM operations on sessions, balances, transactions and game rounds.

Every operation takes the call's unit of work (``PamReadUnit`` for reads,
``PamUnit`` inside a write transaction; ``server.domain.pam.ports``) and the
current time where it matters; the checks it shares with ``wallet.py`` take
the wallet's store. Business
errors raise ``PamRejected`` (with the balance where the operation has one);
bad sessions raise ``PamUnauthenticated``; unknown providers and malformed
calls raise ``PamBadRequest``. Transactions are in ``wallet.py``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from server.domain.pam import errors as pam_errors
from server.domain.pam.model import (
    TOKEN_MAX,
    TOKEN_MIN,
    Balance,
    GameSession,
    RoundView,
    SessionView,
    Transaction,
    TxView,
)
from server.domain.pam.ports import PamReader, PamReadUnit, PamUnit
from server.security import hash_token


def authenticate(u: PamReadUnit, token: str | None) -> str:
    """The API client of the aggregator's bearer token. Bad or missing: 401
    PAM_ERR_API_TOKEN."""
    name = u.wallet.api_client(hash_token(token)) if token else None
    if name is None:
        raise pam_errors.PamUnauthenticated(pam_errors.API_TOKEN, "The Authorization bearer token is not a PAM API token.")
    return name


def resolve_provider(repo: PamReader, provider: str | None) -> str:
    """The provider's canonical (lower-case) name. Missing or unknown: 400
    PAM_ERR_MISSING_PROVIDER."""
    if not provider or not provider.strip():
        raise pam_errors.bad_request(pam_errors.MISSING_PROVIDER, "provider", "The query parameter provider is required.")
    name = repo.provider(provider.strip())
    if name is None:
        raise pam_errors.bad_request(pam_errors.MISSING_PROVIDER, "provider", "The provider is not known to the PAM.")
    return name


def token_hash(token: str | None) -> str:
    """The stored hash of X-Player-Token. Missing or malformed: 401
    PAM_ERR_SESSION_NOT_FOUND."""
    if not token or not TOKEN_MIN <= len(token) <= TOKEN_MAX:
        raise no_session()
    return hash_token(token)


def no_session() -> pam_errors.PamUnauthenticated:
    return pam_errors.PamUnauthenticated(pam_errors.SESSION_NOT_FOUND, "No session for the X-Player-Token.")


def find_session(repo: PamReader, hashed: str, provider: str) -> GameSession:
    """The session of the token for this provider, expired or not. Unknown or
    another provider's: 401 PAM_ERR_SESSION_NOT_FOUND."""
    return check_provider(repo.session(hashed), provider)


def check_provider(s: GameSession | None, provider: str) -> GameSession:
    if s is None or s.provider != provider:
        raise no_session()
    return s


def expired(s: GameSession, now: datetime) -> bool:
    return s.expires_at <= now


def _view(s: GameSession, token: str) -> SessionView:
    p = s.player
    return SessionView(p.id, token, p.currency, p.country, p.language, s.game_id)


def get_session(u: PamReadUnit, token: str | None, provider: str | None, now: datetime) -> SessionView:
    repo = u.wallet
    prov = resolve_provider(repo, provider)
    s = find_session(repo, token_hash(token), prov)
    if expired(s, now):
        raise pam_errors.PamUnauthenticated(pam_errors.SESSION_EXPIRED, "The session has expired.")
    return _view(s, token)  # type: ignore[arg-type]


def new_session_token() -> str:
    """40 hexadecimal characters from 160 random bits."""
    return secrets.token_hex(20)


@dataclass(frozen=True)
class RefreshCall:
    """A refresh checked outside the write transaction."""

    provider: str
    token_hash: str
    new_token: str


def prepare_refresh(u: PamReadUnit, token: str | None, provider: str | None) -> RefreshCall:
    return RefreshCall(resolve_provider(u.wallet, provider), token_hash(token), new_session_token())


def refresh_session(u: PamUnit, call: RefreshCall, now: datetime, lifetime: timedelta) -> SessionView:
    """A new token for the session; the old one stops working in the same
    statement (so of concurrent refreshes of one token exactly one wins). The
    refreshed session gets a full lifetime from now."""
    repo = u.wallet
    s = find_session(repo, call.token_hash, call.provider)
    if expired(s, now):
        raise pam_errors.PamUnauthenticated(pam_errors.SESSION_EXPIRED, "The session has expired.")
    if not repo.rotate_session_token(s.id, call.token_hash, hash_token(call.new_token), now, now + lifetime):
        raise no_session()  # another refresh of the same token won the race
    return _view(s, call.new_token)


def check_owner(repo: PamReader, s: GameSession, player_id: str) -> GameSession:
    """The session must be the path's player's and have a wallet. Unknown
    player: PAM_ERR_PLAYER_NOT_FOUND; another player's session: 401; no
    wallet: PAM_ERR_ACC_NOT_FOUND."""
    if s.player.id != player_id:
        if not player_id or not repo.player_exists(player_id):
            raise pam_errors.PamRejected(pam_errors.PLAYER_NOT_FOUND, "No player with this playerId.")
        raise pam_errors.PamUnauthenticated(pam_errors.SESSION_NOT_FOUND, "No session for this player and X-Player-Token.")
    if s.balance is None:
        raise pam_errors.PamRejected(pam_errors.ACC_NOT_FOUND, "The player has no account.")
    return s


def player_session(repo: PamReader, hashed: str, provider: str, player_id: str) -> GameSession:
    return check_owner(repo, find_session(repo, hashed, provider), player_id)


def get_balance(u: PamReadUnit, token: str | None, provider: str | None, player_id: str) -> Balance:
    repo = u.wallet
    prov = resolve_provider(repo, provider)
    return player_session(repo, token_hash(token), prov, player_id).balance  # type: ignore[return-value]


def tx_view(t: Transaction) -> TxView:
    return TxView(
        t.currency, t.provider, t.transaction_type, t.cash_amount, t.bonus_amount, t.promo_amount,
        t.transaction_date_time, t.provider_transaction_id, t.provider_bet_ref, t.provider_game_id,
        t.provider_round_id, t.bet_code, t.is_game_over,
        json.loads(t.extras) if t.extras and t.extras != "{}" else {},
    )


def get_transactions(u: PamReadUnit, token: str | None, provider: str | None, player_id: str,
                     provider_tx_id: str | None, bet_ref: str | None) -> list[TxView]:
    """By providerBetRef when given (it wins), else by providerTransactionId.
    Neither: 400. None found: PAM_ERR_TRANS_NOT_FOUND."""
    repo = u.wallet
    prov = resolve_provider(repo, provider)
    s = player_session(repo, token_hash(token), prov, player_id)
    if not bet_ref and not provider_tx_id:
        raise pam_errors.bad_request(pam_errors.UNDEFINED, "providerTransactionId",
                            "providerTransactionId or providerBetRef is required.")
    if bet_ref:
        rows = repo.txs_by_bet_ref(s.player.id, prov, bet_ref)
    else:
        rows = repo.txs_by_provider_tx_id(s.player.id, prov, provider_tx_id)  # type: ignore[arg-type]
    if not rows:
        raise pam_errors.PamRejected(pam_errors.TRANS_NOT_FOUND, "No transaction matches.")
    return [tx_view(t) for t in rows]


def get_game_round(u: PamReadUnit, token: str | None, provider: str | None, player_id: str,
                   round_id: str) -> RoundView:
    repo = u.wallet
    prov = resolve_provider(repo, provider)
    s = player_session(repo, token_hash(token), prov, player_id)
    r = repo.round(s.player.id, prov, round_id) if round_id else None
    if r is None:
        raise pam_errors.PamRejected(pam_errors.ROUND_NOT_FOUND, "No game round with this providerGameRoundId.")
    return RoundView(r.provider_game_id, r.provider_round_id, r.started_at, r.ended_at)
