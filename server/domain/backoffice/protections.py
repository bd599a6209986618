"""Player protection by the back office on the player's behalf
(ProtectionBackofficeService, docs/protection.md): what is in force and its
history, and changes with a reason, each also appended to the audit log in
the same unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from server.domain.backoffice.service import Backoffice
from server.domain.errors import FieldViolation, NotFound
from server.domain.protection import errors as protection_errors
from server.domain.protection import service as protection
from server.domain.protection.model import Event, StatusView
from server.domain.records.events import audit_event
from server.domain.validation import valid_player_id


@dataclass(frozen=True)
class PlayerProtections:
    player_id: str
    brand_id: int | None
    view: StatusView
    history: list[Event] = field(default_factory=list)


def _player(bo: Backoffice, player_id: str) -> tuple[str, int | None, str]:
    """(player id, brand, currency) of a known player."""
    pid = valid_player_id(player_id)
    if pid is None:
        raise protection_errors.ProtectionInvalid([FieldViolation("player_id", "required", "player_id: 1-40 characters")])
    found = bo.protections.player(pid)
    if found is None:
        raise NotFound("No such player.")
    return pid, found[0], found[1]


def protections(bo: Backoffice, player_id: str) -> PlayerProtections:
    pid, brand, currency = _player(bo, player_id)
    view = protection.status(bo.protections, pid, bo.protection_now, currency)
    return PlayerProtections(pid, brand, view, bo.protections.events(pid))


# fn(store, player id, brand, now, actor, reason, currency, on_event) -> the view
Change = Callable[..., StatusView]


def _change(bo: Backoffice, player_id: str, reason: str, action: str, fn: Change) -> PlayerProtections:
    """A change on the player's behalf (``reason``: checked by
    ``protection.check_reason``); it also goes into the audit log, in the
    same transaction."""
    pid, brand, currency = _player(bo, player_id)
    who = bo.caller

    def record(e: Event) -> None:
        audit_id = bo.audit.append(client=who.client, actor=who.actor, action=f"protection.{action}",
                                   subject_type="player", subject_id=pid, reason=reason, before=e.before,
                                   after=e.after, at=e.at)
        audit_event(bo.uow.events, who, e.at, audit_id, f"protection.{action}", "player", pid, e.before, e.after,
                    brand)

    view = fn(bo.protections, pid, brand, bo.protection_now, f"backoffice:{who.client}:{who.actor}", reason,
              currency, record)
    return PlayerProtections(pid, brand, view)


def set_limits(bo: Backoffice, player_id: str, reason: str, body: dict) -> PlayerProtections:
    return _change(bo, player_id, reason, "set_limits", lambda store, pid, brand, now, actor, why, cur, rec:
                   protection.set_limits(store, pid, brand, body, now, actor, why, cur, rec))


def set_timeout(bo: Backoffice, player_id: str, reason: str, period: str) -> PlayerProtections:
    return _change(bo, player_id, reason, "timeout", lambda store, pid, brand, now, actor, why, cur, rec:
                   protection.take_timeout(store, pid, brand, period, now, actor, why, cur, rec))


def set_exclusion(bo: Backoffice, player_id: str, reason: str, period: str) -> PlayerProtections:
    return _change(bo, player_id, reason, "self_exclusion", lambda store, pid, brand, now, actor, why, cur, rec:
                   protection.self_exclude(store, pid, brand, period, now, actor, why, cur, rec))


def changed_between(bo: Backoffice, start: datetime, end: datetime,
                    brand_id: int | None) -> list[tuple[str, int | None, datetime]]:
    return bo.protections.changed_between(start, end, brand_id)
