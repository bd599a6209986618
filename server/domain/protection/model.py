"""What player protection works with: plain dataclasses, no storage types.

Amounts are ``Decimal`` in the player's currency; times are timezone-aware
UTC, read from the protection clock (``clock.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

# Money limits (deposit, loss = stakes minus wins, wager = stakes) per rolling
# period; the session-time limit is minutes of play per UTC day.
MONEY_KINDS = ("deposit", "loss", "wager")
SESSION = "session"
PERIODS = ("day", "week", "month")
# What one request may hold (docs/protection.md): 16 keys at the top and in
# each kind (4 and 3 are known: a few mistakes are all named, a flood is one
# violation); the back office's change list, every (kind, period) once.
MAX_LIMIT_KEYS = 16
MAX_LIMIT_CHANGES = len(MONEY_KINDS) * len(PERIODS) + 1
# A rolling period in hours (a month is 30 days). Usage is kept in clock-hour
# buckets: a period's window is the current hour and the PERIOD_HOURS before
# it, so an amount counts for at least the whole period and at most one hour
# longer (docs/protection.md).
PERIOD_HOURS = {"day": 24, "week": 168, "month": 720}
COOLING_OFF = timedelta(hours=24)
TIMEOUTS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
# Calendar months; None: permanent (the account is closed).
EXCLUSIONS = {"6m": 6, "1y": 12, "5y": 60, "permanent": None}
# Play time: the time between two consecutive transactions of the player (in
# any of her game sessions), when they are at most this far apart (a longer
# gap: she had left the games).
IDLE_GAP = timedelta(minutes=5)
MAX_LIMIT = Decimal("999999999.99")
MAX_SESSION_MINUTES = 1440

# Why a bet or a deposit is refused.
TIMED_OUT = "timeout"
SELF_EXCLUDED = "self_exclusion"
CLOSED = "closed"
WAGER_LIMIT = "wager_limit"
LOSS_LIMIT = "loss_limit"
DEPOSIT_LIMIT = "deposit_limit"
SESSION_LIMIT = "session_limit"


def hour_of(t: datetime) -> int:
    """The usage bucket of a moment: whole hours since the epoch (UTC)."""
    return int(t.timestamp()) // 3600


def day_of(t: datetime) -> int:
    """Whole UTC days since the epoch (the session-time limit's day)."""
    return int(t.timestamp()) // 86400


@dataclass(frozen=True)
class Limit:
    """One limit (``kind`` deposit / loss / wager with a period, or session
    with period "day", ``amount`` in minutes). ``amount`` is what was in force
    when it was last written; a pending increase or removal takes over at
    ``pending_from`` (see ``rules.effective``)."""

    kind: str
    period: str
    amount: Decimal | None
    pending_amount: Decimal | None = None
    pending_remove: bool = False
    pending_from: datetime | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.period)


@dataclass(frozen=True)
class Restriction:
    """Time-out and self-exclusion of a player."""

    timeout_until: datetime | None = None
    excluded_until: datetime | None = None
    excluded_permanent: bool = False
    closed_at: datetime | None = None


@dataclass(frozen=True)
class Play:
    """Play time of the current UTC day, and the player's last transaction
    seen (its time and game session)."""

    day: int = 0
    seconds: int = 0
    last_at: datetime | None = None
    last_session: int | None = None


@dataclass(frozen=True)
class Usage:
    """Amounts per (kind, period) inside the current windows."""

    amounts: dict[tuple[str, str], Decimal] = field(default_factory=dict)

    def of(self, kind: str, period: str) -> Decimal:
        return self.amounts.get((kind, period), Decimal("0"))


@dataclass(frozen=True)
class Protection:
    """Everything in force for one player."""

    player_id: str
    brand_id: int | None
    restriction: Restriction
    limits: dict[tuple[str, str], Limit]
    play: Play
    changed_at: datetime | None = None


@dataclass(frozen=True)
class UsageChange:
    """What one booking adds to the player's usage (written with it)."""

    hour: int
    wager: Decimal = Decimal("0")
    loss: Decimal = Decimal("0")
    deposit: Decimal = Decimal("0")


@dataclass(frozen=True)
class Event:
    """One change of a player's protections (their history)."""

    player_id: str
    brand_id: int | None
    at: datetime
    actor: str
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str = ""


@dataclass(frozen=True)
class LimitView:
    kind: str
    period: str
    amount: Decimal | None
    used: Decimal
    pending_amount: Decimal | None
    pending_remove: bool
    pending_from: datetime | None


@dataclass(frozen=True)
class StatusView:
    """What is in force, for login, online status and the back office."""

    state: str  # "active", "timeout", "self_excluded" or "closed"
    until: datetime | None
    limits: list[LimitView]
    currency: str = ""
