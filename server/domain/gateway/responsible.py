"""The player gateway's responsible-gaming calls (docs/protection.md): the
player's limits, time-out and self-exclusion, what is in force for login and
online status, and the marketing opt-outs while a restriction runs. Each runs
in the caller's gateway unit, on its protections and the protection clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from server.domain.gateway import profile
from server.domain.gateway.base import Caller, Gateway
from server.domain.gateway.model import DetailsView
from server.domain.protection import service as protection
from server.domain.protection.model import Event, StatusView
from server.domain.records import events


def in_force(gw: Gateway, player_id: int, currency: str) -> StatusView | None:
    """What is in force for login and online status; None when nothing is
    (the key is left out, so the seed's answers are unchanged)."""
    view = protection.status(gw.uow.protections, str(player_id), gw.uow.clock(), currency)
    if view.state == "active" and not view.limits:
        return None
    return view


def opt_out(gw: Gateway, player_id: int, stored: dict, listed: bool = False) -> dict:
    """While a time-out or exclusion runs, or the national self-exclusion
    register lists the player (``listed``; docs/compliance.md), no marketing
    opt-in counts: every channel answers opted out (the stored choices come
    back when it ends)."""
    state, _ = protection.restriction_state(gw.uow.protections.load(str(player_id)), gw.uow.clock())
    return {k: True for k in stored} if state != "active" or listed else stored


def details(gw: Gateway, c: Caller) -> DetailsView:
    """The personal details, with the opt-outs in force."""
    v = profile.details(gw, c)
    return replace(v, opt_out=opt_out(gw, c.player.id, v.opt_out, c.player.register_listed))


def limits(gw: Gateway, c: Caller) -> StatusView:
    p = c.player
    return protection.status(gw.uow.protections, str(p.id), gw.uow.clock(), p.currency)


def _recorded(gw: Gateway) -> Callable[[Event], None]:
    """A player's own change of protections is a significant event, in the
    change's unit of work (docs/compliance.md)."""
    return lambda e: events.protection_event(gw.uow.events, e.at, e.player_id, e.brand_id, e.action, e.before,
                                             e.after)


def set_limits(gw: Gateway, c: Caller, body: dict | None) -> StatusView:
    p = c.player
    return protection.set_limits(gw.uow.protections, str(p.id), c.brand.id, body, gw.uow.clock(), currency=p.currency,
                                 on_event=_recorded(gw))


def take_timeout(gw: Gateway, c: Caller, period: str) -> StatusView:
    p = c.player
    return protection.take_timeout(gw.uow.protections, str(p.id), c.brand.id, period, gw.uow.clock(),
                                   currency=p.currency, on_event=_recorded(gw))


def self_exclude(gw: Gateway, c: Caller, period: str) -> StatusView:
    p = c.player
    return protection.self_exclude(gw.uow.protections, str(p.id), c.brand.id, period, gw.uow.clock(),
                                   currency=p.currency, on_event=_recorded(gw))
