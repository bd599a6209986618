"""The rules of player protection, as plain functions of the state and the
time (the industry's usual practice; every choice in docs/protection.md).

- A new limit, or a lower one, is in force at once; a higher one or a removal
  only after COOLING_OFF (pending meanwhile). A pending change is replaced by
  a newer request (which starts its own cooling-off) and dropped by a request
  that is not an increase.
- A time-out or self-exclusion never ends earlier than it was set to: a new
  request can only make it last longer. A permanent exclusion closes the
  account.
- While one runs, no bet, game launch or deposit goes through. Wins and
  cancels still land (they are never refused here).
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from server.domain.errors import FieldViolation
from server.domain.protection import errors as protection_errors
from server.domain.protection import model as protection_model
from server.domain.protection.model import Limit, Play, Protection, Restriction, Usage

# ------------------------------------------------------------------ limits


def effective(limit: Limit, now: datetime) -> Limit:
    """The limit as it stands at ``now``: a pending change whose cooling-off
    has passed has taken over."""
    if limit.pending_from is None or limit.pending_from > now:
        return limit
    amount = None if limit.pending_remove else limit.pending_amount
    return Limit(limit.kind, limit.period, amount)


def in_force(limits: dict[tuple[str, str], Limit], now: datetime) -> dict[tuple[str, str], Decimal]:
    out = {}
    for key, lim in limits.items():
        e = effective(lim, now)
        if e.amount is not None:
            out[key] = e.amount
    return out


def change_limit(current: Limit | None, kind: str, period: str, wanted: Decimal | None, now: datetime) -> Limit | None:
    """The limit after the player asks for ``wanted`` (None: remove). None:
    no limit and nothing pending (the row can go)."""
    cur = effective(current, now) if current is not None else None
    amount = cur.amount if cur is not None else None
    if wanted is None:
        if amount is None:
            return None  # nothing to remove
        if current is not None and current.pending_remove and current.pending_from and current.pending_from > now:
            return current  # already pending: the cooling-off keeps running
        return Limit(kind, period, amount, None, True, now + protection_model.COOLING_OFF)
    if amount is None or wanted <= amount:
        return Limit(kind, period, wanted)  # new or lower (or equal): at once
    if (current is not None and not current.pending_remove and current.pending_amount == wanted
            and current.pending_from and current.pending_from > now):
        return current  # the same increase again: its cooling-off keeps running
    return Limit(kind, period, amount, wanted, False, now + protection_model.COOLING_OFF)


def parse_limits(body: dict[str, Any] | None) -> dict[tuple[str, str], Decimal | None]:
    """The PUT body ``{"deposit": {"day": 100}, "loss": {"week": 250},
    "wager": {"month": 1000}, "session_minutes": 120}`` (``null``: remove)
    as {(kind, period): amount or None}; every failing field at once."""
    bad: list[FieldViolation] = []
    out: dict[tuple[str, str], Decimal | None] = {}

    def fail(name: str, code: str, text: str) -> None:
        bad.append(FieldViolation(name, code, text))

    if not isinstance(body, dict):
        raise protection_errors.ProtectionInvalid([FieldViolation("limits", protection_errors.LIMIT_INVALID, "the body must be a JSON object")])
    # The keys a caller sends are capped (docs/protection.md); more is one
    # violation and nothing else is read.
    if len(body) > protection_model.MAX_LIMIT_KEYS:
        raise protection_errors.ProtectionInvalid([FieldViolation("limits", protection_errors.TOO_MANY_KEYS,
                                                  f"at most {protection_model.MAX_LIMIT_KEYS} keys; the keys are deposit, loss, "
                                                  "wager and session_minutes")])
    for key, value in body.items():
        if key in protection_model.MONEY_KINDS:
            if not isinstance(value, dict):
                fail(key, protection_errors.LIMIT_INVALID, f"{key} must be an object of day, week and month")
                continue
            if len(value) > protection_model.MAX_LIMIT_KEYS:
                fail(key, protection_errors.TOO_MANY_KEYS, f"at most {protection_model.MAX_LIMIT_KEYS} keys; the periods are day, week and month")
                continue
            for period, amount in value.items():
                name = f"{key}.{period}"
                if period not in protection_model.PERIODS:
                    fail(name, protection_errors.UNKNOWN_FIELD, "periods are day, week and month")
                    continue
                parsed = _amount(amount)
                if parsed is False:
                    fail(name, protection_errors.LIMIT_INVALID, "an amount from 0 to 999999999.99 with at most 2 decimals, or null")
                else:
                    out[(key, period)] = parsed  # type: ignore[assignment]
        elif key == "session_minutes":
            minutes = _minutes(value)
            if minutes is False:
                fail(key, protection_errors.LIMIT_INVALID, f"whole minutes from 1 to {protection_model.MAX_SESSION_MINUTES}, or null")
            else:
                out[(protection_model.SESSION, "day")] = minutes  # type: ignore[assignment]
        else:
            fail(key, protection_errors.UNKNOWN_FIELD, "keys are deposit, loss, wager and session_minutes")
    if bad:
        raise protection_errors.ProtectionInvalid(bad)
    if not out:
        raise protection_errors.ProtectionInvalid([FieldViolation("limits", protection_errors.LIMIT_INVALID, "no limit given")])
    return out


def _amount(v: object) -> Decimal | None | bool:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return False
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        return False
    if not d.is_finite() or d < 0 or d > protection_model.MAX_LIMIT or d != d.quantize(Decimal("0.01")):
        return False
    return d.quantize(Decimal("0.000001"))


def _minutes(v: object) -> Decimal | None | bool:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    if v != int(v) or not 1 <= int(v) <= protection_model.MAX_SESSION_MINUTES:
        return False
    return Decimal(int(v))


# ------------------------------------------------------- time-out, exclusion


def add_months(t: datetime, months: int) -> datetime:
    y, m = divmod(t.month - 1 + months, 12)
    year, month = t.year + y, m + 1
    day = min(t.day, calendar.monthrange(year, month)[1])
    return t.replace(year=year, month=month, day=day)


def take_timeout(r: Restriction, period: str, now: datetime) -> Restriction:
    if period not in protection_model.TIMEOUTS:
        raise protection_errors.ProtectionInvalid([FieldViolation("period", protection_errors.PERIOD_INVALID, "24h, 7d or 30d")])
    until = now + protection_model.TIMEOUTS[period]
    if r.timeout_until is not None and r.timeout_until > until:
        return r  # never shortened
    return replace(r, timeout_until=until)


def self_exclude(r: Restriction, period: str, now: datetime) -> Restriction:
    if period not in protection_model.EXCLUSIONS:
        raise protection_errors.ProtectionInvalid([FieldViolation("period", protection_errors.PERIOD_INVALID, "6m, 1y, 5y or permanent")])
    if r.excluded_permanent:
        return r
    months = protection_model.EXCLUSIONS[period]
    if months is None:
        return replace(r, excluded_until=None, excluded_permanent=True, closed_at=now)
    until = add_months(now, months)
    if r.excluded_until is not None and r.excluded_until > until:
        return r
    return replace(r, excluded_until=until)


def blocked(r: Restriction, now: datetime) -> str | None:
    """Why nothing may be staked or deposited now (None: nothing runs)."""
    if r.excluded_permanent:
        return protection_model.CLOSED
    if r.excluded_until is not None and r.excluded_until > now:
        return protection_model.SELF_EXCLUDED
    if r.timeout_until is not None and r.timeout_until > now:
        return protection_model.TIMED_OUT
    return None


def state_of(r: Restriction, now: datetime) -> tuple[str, datetime | None]:
    """("active" | "timeout" | "self_excluded" | "closed", until)."""
    why = blocked(r, now)
    if why == protection_model.CLOSED:
        return "closed", None
    if why == protection_model.SELF_EXCLUDED:
        return "self_excluded", r.excluded_until
    if why == protection_model.TIMED_OUT:
        return "timeout", r.timeout_until
    return "active", None


# ---------------------------------------------------------------- play time


def play_step(p: Play, now: datetime, session_id: int | None) -> Play:
    """Play time after a transaction at ``now`` in game session
    ``session_id``. Play time is the player's, not a game's: the gap since her
    previous transaction, in whichever game session, counts when it is at
    most IDLE_GAP (so two games played at once count once, as one game, and
    moving from one game to another is play). The count starts again each UTC
    day (a gap over midnight counts from midnight). A transaction seen after
    a later one (answered out of order) adds nothing and keeps the later
    time. O(1): only the last transaction's time is kept."""
    today = protection_model.day_of(now)
    seconds = p.seconds if p.day == today else 0
    last = p.last_at
    if last is not None and last <= now and now - last <= protection_model.IDLE_GAP:
        midnight = datetime.fromtimestamp(today * 86400, now.tzinfo)
        seconds += int((now - max(last, midnight)).total_seconds())
    if last is not None and last > now:
        return Play(p.day, p.seconds, last, p.last_session)
    return Play(today, seconds, now, session_id)


# ------------------------------------------------------------------- checks


def check_bet(prot: Protection, usage: Usage, stake: Decimal, play: Play, now: datetime) -> str | None:
    """Why a bet of ``stake`` is refused (None: it may go). ``play`` is the
    play time including this bet's gap."""
    why = blocked(prot.restriction, now)
    if why:
        return why
    limits = in_force(prot.limits, now)
    for period in protection_model.PERIODS:
        cap = limits.get(("wager", period))
        if cap is not None and usage.of("wager", period) + stake > cap:
            return protection_model.WAGER_LIMIT
    for period in protection_model.PERIODS:
        cap = limits.get(("loss", period))
        if cap is not None and usage.of("loss", period) + stake > cap:
            return protection_model.LOSS_LIMIT
    minutes = limits.get((protection_model.SESSION, "day"))
    if minutes is not None and play.day == protection_model.day_of(now) and play.seconds >= int(minutes) * 60:
        return protection_model.SESSION_LIMIT
    return None


def check_deposit(prot: Protection | None, usage: Usage, amount: Decimal, now: datetime) -> str | None:
    if prot is None:
        return None
    why = blocked(prot.restriction, now)
    if why:
        return why
    limits = in_force(prot.limits, now)
    for period in protection_model.PERIODS:
        cap = limits.get(("deposit", period))
        if cap is not None and usage.of("deposit", period) + amount > cap:
            return protection_model.DEPOSIT_LIMIT
    return None


def needs_usage(prot: Protection, now: datetime) -> bool:
    """Whether a bet's check needs the amounts of the windows."""
    return any(k[0] in ("wager", "loss") for k in in_force(prot.limits, now))


def window_starts(now: datetime) -> dict[str, int]:
    h = protection_model.hour_of(now)
    return {p: h - n for p, n in protection_model.PERIOD_HOURS.items()}


# Retention of the usage buckets: the longest window that reads them (a
# month), and a day more, so a bucket is never pruned while a host whose clock
# is behind, or a call that began before the hour turned, could still count
# it (docs/architecture.md, "Retention").
USAGE_MARGIN_HOURS = 24


def usage_kept_from(now: datetime) -> int:
    """The oldest usage bucket (hour) retention keeps; older ones no window
    reads."""
    longest = max(protection_model.PERIOD_HOURS.values())
    return protection_model.hour_of(now) - longest - USAGE_MARGIN_HOURS


def limit_views(prot: Protection | None, usage: Usage, now: datetime) -> list[protection_model.LimitView]:
    out: list[protection_model.LimitView] = []
    if prot is None:
        return out
    for key in sorted(prot.limits, key=_order):
        lim = prot.limits[key]
        e = effective(lim, now)
        pending = lim.pending_from is not None and lim.pending_from > now
        if e.amount is None and not pending:
            continue
        used = Decimal(prot.play.seconds // 60) if key[0] == protection_model.SESSION and prot.play.day == protection_model.day_of(now) else (
            Decimal("0") if key[0] == protection_model.SESSION else usage.of(*key))
        out.append(protection_model.LimitView(key[0], key[1], e.amount, used, lim.pending_amount if pending else None,
                               lim.pending_remove if pending else False, lim.pending_from if pending else None))
    return out


def _order(key: tuple[str, str]) -> tuple[int, int]:
    kinds = (*protection_model.MONEY_KINDS, protection_model.SESSION)
    return kinds.index(key[0]), protection_model.PERIODS.index(key[1])
