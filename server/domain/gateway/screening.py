"""The register at the gateway's doors (``register.py`` has the rules): who
is asked about, read in a unit of work; the question itself asked between
units, never under a lock."""

from __future__ import annotations

from datetime import date

from server.domain.gateway import register as reg
from server.domain.records import events
from server.domain.gateway.base import Gateway, required_actions
from server.domain.gateway.ports import Brand, Player, PlayerDetails
from server.domain.outcome import Refusal
from server.domain.unit import Units


def person(first_name: str, last_name: str, born: date | None, email: str) -> reg.Person | None:
    """Who to ask about; None when the details are not all known."""
    if not first_name.strip() or not last_name.strip() or born is None:
        return None
    return reg.Person(first_name.strip(), last_name.strip(), born, email.strip())


def person_of(p: Player, d: PlayerDetails | None) -> reg.Person | None:
    return person(d.first_name, d.last_name, d.birthdate, p.email) if d is not None else None


def ask(registers: reg.Registers, brand: Brand, who: reg.Person | None) -> reg.Answer | None:
    """The brand's register's answer about ``who``; None when the brand has
    no register. Unknown details with a register count as an outage (the
    person cannot be cleared)."""
    register = registers.of(brand)
    if register is None:
        return None
    return reg.ask(register, who) if who is not None else reg.Answer.UNAVAILABLE


def at_door(units: Units[Gateway], registers: reg.Registers, brand_raw: str, token: str | None,
            door: str) -> reg.Answer | None:
    """The answer for the caller of ``token`` (Start Game: always asked, once
    no required action is pending). The caller's errors are left to the
    door's own unit."""
    def read(gw: Gateway) -> tuple[Brand, reg.Person | None, bool]:
        c = gw.caller(brand_raw, token)
        # No question for a call refused anyway (a pending action answers first).
        due = bool(c.brand.register_vendor) and not required_actions(c.player) and c.player.id is not None
        return c.brand, person_of(c.player, gw.repo.details(c.player.id)) if due and c.player.id else None, due

    brand, who, due = units.read(read)
    if not due:
        return None  # no register, or an action pending (registration incomplete, email not verified, ...)
    return ask(registers, brand, who)


def at_login(units: Units[Gateway], registers: reg.Registers, player_id: int) -> reg.Answer | None:
    """The answer for a login that passed its password check: none asked
    while a "not listed" answer is fresh (24 hours) or registration is not
    complete (no personal details to ask about, nothing to play)."""
    def read(gw: Gateway) -> tuple[Brand | None, reg.Person | None, bool]:
        p = gw.repo.player(player_id)
        if p is None or not p.registration_complete or reg.fresh(p, gw.now):
            return None, None, False
        brand = gw.repo.brand(p.brand_id)
        if brand is None or not brand.register_vendor:
            return None, None, False
        return brand, person_of(p, gw.repo.details(player_id)), True

    brand, who, due = units.read(read)
    if not due or brand is None:
        return None
    return ask(registers, brand, who)


def apply(gw: Gateway, brand: Brand, p: Player, door: str, answer: reg.Answer | None) -> Refusal | None:
    """The answer's effects in the door's write unit (``register.record``)."""
    if answer is None:
        return None
    if answer is reg.Answer.LISTED and p.id is not None:
        # Her game sessions end with her login sessions: no bet on an open one.
        gw.uow.games.end_sessions_of_player(p.id, gw.now, "register")
    refusal = reg.record(gw.repo, brand, p, door, answer, gw.now)
    if answer is not reg.Answer.NOT_LISTED and p.id is not None:
        # Also in the significant events (docs/compliance.md): no personal data.
        events.record(gw.uow.events, events.Kind.SELF_EXCLUSION_REGISTER, gw.now, brand_id=brand.id,
                      subject_type="player", subject_id=str(p.id), client="system", door=door,
                      answer=answer.value, outcome="refused" if refusal is not None else "allowed")
    return refusal
