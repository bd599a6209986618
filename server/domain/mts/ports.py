"""What MTS needs from storage and the records it exchanges with it: the
report store of the intake, the OAuth2 client store, the wallet's rounds (for
producing reports) and the stored sessions (for the internal query). The
Protocols are implemented in ``server/storage/repositories/mts.py`` and
``mts_pam_rounds.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from server.domain.mts import errors as mts_errors
from server.domain.mts.envelope import Report

TOKEN_TYPE = "Bearer"


# ------------------------------------------------------------------ intake

@dataclass(frozen=True)
class Reply:
    correlation_id: str
    timestamp_ms: int
    code: int
    message: str
    type: str = mts_errors.REPLY_TYPE


class ReportStore(Protocol):
    def reply_for(self, operator_id: int, correlation_id: str) -> Reply | None:
        """The reply given to the report of this (operator, correlationId), if stored."""

    def add(self, report: Report, reply: Reply) -> bool:
        """Store the report, its sessions and its reply. False, and nothing
        written, when a report of the same (operator, correlationId) is
        already stored (also by a concurrent call, which this one waits for)."""


# ------------------------------------------------------------------ OAuth2

@dataclass(frozen=True)
class Client:
    client_id: str
    operator_id: int
    secret_hash: str
    audience: str


@dataclass(frozen=True)
class Grant:
    access_token: str
    expires_in: int
    token_type: str = TOKEN_TYPE


class ClientStore(Protocol):
    def client(self, client_id: str) -> Client | None: ...

    def save_token(self, client: Client, token_hash: str, expires_at: datetime, now: datetime) -> None:
        """Store the token's hash; the client's expired tokens are deleted."""


# ------------------------------------------------------------------ producing reports

@dataclass(frozen=True)
class RoundRecord:
    """One finished PAM game round (the wallet's view)."""

    player_id: str
    provider: str
    game_id: str
    round_id: str
    currency: str
    stake: Decimal
    payout: Decimal
    started_at: datetime  # tz-aware
    ended_at: datetime  # tz-aware
    is_free: bool = False  # a free round (free spin) paid by the operator or provider
    wallet_id: str = ""


RoundsSource = Callable[[str, datetime, datetime], Iterable[RoundRecord]]


# ------------------------------------------------------------------ the internal query

@dataclass(frozen=True)
class StoredSession:
    """One stored casino session with the report it came in."""

    id: int
    operator_id: int
    correlation_id: str
    report_id: str
    session_id: str
    end_customer_id: str
    wallet_id: str
    channel_type: str
    provider: str
    game_id: str
    stakes: list[dict[str, Any]]
    spins: list[dict[str, Any]]
    payouts: list[dict[str, Any]]
    start_ms: int
    end_ms: int
    received_at: datetime


class SessionStore(Protocol):
    def sessions(self, q: Any) -> list[StoredSession]:
        """One page of ``q`` (a ``query.SessionQuery``) plus one more session
        (to know whether another page follows)."""
        ...
