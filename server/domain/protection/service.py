"""Player protection operations: read what is in force, set limits, take a
time-out or a self-exclusion (by the player, or by the back office on the
player's behalf with a reason), check and count deposits.

One call per unit of work; writers take ``store.lock`` first, so a change and
the bookings of the same player never interleave.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from server.domain.errors import FieldViolation
from server.domain.protection import errors as protection_errors
from server.domain.protection import model as protection_model
from server.domain.protection import rules
from server.domain.protection.model import Event, Protection, Restriction, StatusView, Usage, UsageChange
from server.domain.protection.ports import ProtectionStore


def status(store: ProtectionStore, player_id: str, now: datetime, currency: str = "") -> StatusView:
    prot = store.load(player_id)
    return view(prot, store.usage(player_id, now) if prot is not None else Usage(), now, currency)


def view(prot: Protection | None, usage: Usage, now: datetime, currency: str = "") -> StatusView:
    r = prot.restriction if prot is not None else Restriction()
    state, until = rules.state_of(r, now)
    return StatusView(state, until, rules.limit_views(prot, usage, now), currency)


def restriction_state(prot: Protection | None, now: datetime) -> tuple[str, datetime | None]:
    return rules.state_of(prot.restriction if prot is not None else Restriction(), now)


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def _snapshot(prot: Protection) -> dict[str, Any]:
    r = prot.restriction
    return {
        "timeout_until": _iso(r.timeout_until), "excluded_until": _iso(r.excluded_until),
        "excluded_permanent": r.excluded_permanent,
        "limits": {f"{k}.{p}": {"amount": str(lim.amount) if lim.amount is not None else None,
                                **({"pending_amount": str(lim.pending_amount) if lim.pending_amount is not None
                                    else None, "pending_remove": lim.pending_remove,
                                    "pending_from": _iso(lim.pending_from)} if lim.pending_from else {})}
                   for (k, p), lim in sorted(prot.limits.items())},
    }


def _change(store: ProtectionStore, player_id: str, brand_id: int | None, now: datetime, actor: str, action: str,
            reason: str, fn: Callable[[Protection], Protection], on_event: Callable[[Event], None] | None = None,
            ) -> Protection:
    """``fn(protection) -> protection`` under the lock; a change is saved and
    recorded in the player's history (and handed to ``on_event``, e.g. the
    back office's audit log). A request that changes nothing records
    nothing."""
    prot = store.lock(player_id, brand_id, now)
    new = fn(prot)
    if new != prot:
        new = replace(new, changed_at=now)
        store.save(new, now)
        event = Event(player_id, brand_id if brand_id is not None else prot.brand_id, now, actor, action,
                      _snapshot(prot), _snapshot(new), reason)
        store.add_event(event)
        if on_event is not None:
            on_event(event)
    return new


def check_reason(reason: str | None, required: bool) -> str:
    r = (reason or "").strip()
    if required and not r:
        raise protection_errors.ProtectionInvalid([FieldViolation("reason", protection_errors.REASON_REQUIRED, "a reason is required")])
    if len(r) > 256:
        raise protection_errors.ProtectionInvalid([FieldViolation("reason", protection_errors.REASON_REQUIRED, "at most 256 characters")])
    return r


def set_limits(store: ProtectionStore, player_id: str, brand_id: int | None, body: dict[str, Any] | None,
               now: datetime, actor: str = "player", reason: str = "", currency: str = "",
               on_event: Callable[[Event], None] | None = None) -> StatusView:
    wanted = rules.parse_limits(body)

    def apply(prot: Protection) -> Protection:
        limits = dict(prot.limits)
        for (kind, period), amount in wanted.items():
            new = rules.change_limit(limits.get((kind, period)), kind, period, amount, now)
            if new is None:
                limits.pop((kind, period), None)
            else:
                limits[(kind, period)] = new
        return replace(prot, limits=limits)

    prot = _change(store, player_id, brand_id, now, actor, "set_limits", reason, apply, on_event)
    return view(prot, store.usage(player_id, now), now, currency)


def take_timeout(store: ProtectionStore, player_id: str, brand_id: int | None, period: str, now: datetime,
                 actor: str = "player", reason: str = "", currency: str = "",
                 on_event: Callable[[Event], None] | None = None) -> StatusView:
    if period not in protection_model.TIMEOUTS:  # checked before anything is locked or written
        rules.take_timeout(Restriction(), period, now)
    prot = _change(store, player_id, brand_id, now, actor, f"timeout:{period}", reason,
                   lambda p: replace(p, restriction=rules.take_timeout(p.restriction, period, now)), on_event)
    return view(prot, store.usage(player_id, now), now, currency)


def self_exclude(store: ProtectionStore, player_id: str, brand_id: int | None, period: str, now: datetime,
                 actor: str = "player", reason: str = "", currency: str = "",
                 on_event: Callable[[Event], None] | None = None) -> StatusView:
    if period not in protection_model.EXCLUSIONS:
        rules.self_exclude(Restriction(), period, now)
    prot = _change(store, player_id, brand_id, now, actor, f"self_exclusion:{period}", reason,
                   lambda p: replace(p, restriction=rules.self_exclude(p.restriction, period, now)), on_event)
    return view(prot, store.usage(player_id, now), now, currency)


# ---------------------------------------------------------------- game launch

# Start Game's 403 {"result": ...} per reason (docs/protection.md).
LAUNCH_RESULTS = {protection_model.TIMED_OUT: "player_timeout", protection_model.SELF_EXCLUDED: "player_self_excluded",
                  protection_model.CLOSED: "account_closed", protection_model.SESSION_LIMIT: "session_limit_reached"}


def launch_refusal(store: ProtectionStore, player_id: str, now: datetime) -> str | None:
    """Why a game may not be launched now: a time-out or exclusion runs, or
    the day's session-time limit is reached (None: it may)."""
    prot = store.load(player_id)
    if prot is None:
        return None
    why = rules.blocked(prot.restriction, now)
    if why is None:
        minutes = rules.in_force(prot.limits, now).get((protection_model.SESSION, "day"))
        if minutes is not None and prot.play.day == protection_model.day_of(now) and prot.play.seconds >= int(minutes) * 60:
            why = protection_model.SESSION_LIMIT
    return why


def refuse_launch(store: ProtectionStore, player_id: str, now: datetime) -> None:
    why = launch_refusal(store, player_id, now)
    if why is not None:
        raise protection_errors.Refused(LAUNCH_RESULTS[why], f"game launch refused: {why}")


# ------------------------------------------------------------------ deposits


def deposit_refusal(store: ProtectionStore, player_id: str, amount: Decimal, now: datetime,
                    lock: bool = False) -> str | None:
    """Why a deposit of ``amount`` may not go through (None: it may). With
    ``lock``, the player's protections stay locked for the unit of work (the
    deposit is then counted with ``count_deposit`` in it)."""
    prot = store.load(player_id)
    if prot is None:
        return None
    if lock:
        prot = store.lock(player_id, prot.brand_id, now)
    return rules.check_deposit(prot, store.usage(player_id, now), amount, now)


def settlement_refusal(store: ProtectionStore, player_id: str, now: datetime) -> str | None:
    """Why a deposit confirmed earlier may not be settled now: a time-out or
    self-exclusion runs (it may have started after the confirm). Deposit
    limits are not checked again: the deposit was counted at its confirm.
    Checked with the player's protections locked."""
    prot = store.load(player_id)
    if prot is None:
        return None
    prot = store.lock(player_id, prot.brand_id, now)
    return rules.blocked(prot.restriction, now)


def refuse_bonus(store: ProtectionStore, player_id: str, now: datetime) -> None:
    """No bonus or promo money is given while a time-out or self-exclusion
    runs (an inducement to gamble, as marketing is; docs/protection.md).
    Cash credits are not refused: they are the operator's corrections and
    refunds, which the player can withdraw."""
    prot = store.load(player_id)
    why = rules.blocked(prot.restriction, now) if prot is not None else None
    if why is not None:
        raise protection_errors.Refused(why, "no bonus or promo credit while a time-out or self-exclusion runs")


def count_deposit(store: ProtectionStore, player_id: str, amount: Decimal, at: datetime) -> None:
    """A deposit counts against deposit limits from the moment it is
    confirmed (``at``); a rejected one is taken back from the same hour.
    Players without protections are not counted here: their deposits are
    read from the cashier's history when their first protection is set."""
    if store.load(player_id) is None:
        return
    store.add_usage(player_id, UsageChange(protection_model.hour_of(at), deposit=amount))


def limit_changes(changes: list[tuple[str, str, str, bool]]) -> dict[str, Any]:
    """The back office's (kind, period, amount text, remove) list as the
    player's PUT body (so that one parser checks both)."""
    body: dict[str, Any] = {}
    bad: list[FieldViolation] = []
    if len(changes) > protection_model.MAX_LIMIT_CHANGES:
        raise protection_errors.ProtectionInvalid([FieldViolation("changes", protection_errors.TOO_MANY_KEYS,
                                                  f"at most {protection_model.MAX_LIMIT_CHANGES} changes, each limit once")])
    for i, (kind, period, amount, remove) in enumerate(changes):
        value: object = None
        if not remove:
            try:
                value = int(amount) if kind == protection_model.SESSION else str(Decimal(amount))
            except (ArithmeticError, ValueError):
                bad.append(FieldViolation(f"changes[{i}].amount", protection_errors.LIMIT_INVALID, "a decimal amount, or remove"))
                continue
        if kind == protection_model.SESSION:
            if period not in ("", "day"):
                bad.append(FieldViolation(f"changes[{i}].period", protection_errors.UNKNOWN_FIELD, "session limits are per day"))
            body["session_minutes"] = value
        elif kind in protection_model.MONEY_KINDS:
            body.setdefault(kind, {})[period] = value
        else:
            bad.append(FieldViolation(f"changes[{i}].kind", protection_errors.UNKNOWN_FIELD, "deposit, loss, wager or session"))
    if bad:
        raise protection_errors.ProtectionInvalid(bad)
    return body


__all__ = ["status", "set_limits", "take_timeout", "self_exclude", "deposit_refusal", "count_deposit"]
