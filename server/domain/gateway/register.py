"""National self-exclusion registers (GAMSTOP, ROFUS, CRUKS, OASIS): who is
asked, when, and what each answer does (docs/compliance.md).

A brand names its register (``Brand.register_vendor``; empty: none). The register
is asked at three doors: registration step two (once the personal details
are known), login and Start Game. A login reuses a "not listed" answer for
at most ``CACHE_MAX`` (24 hours); registration and Start Game always ask
(CRUKS: "each time a player wants to play"). A listed person is asked again
at every door, so a removal from the register counts at once.

The register is asked between units of work, never inside one (it is a
network call; on SQLite a write unit holds the lock every bet needs), and
never on the bet path: a bet reads nothing of this module.

When the register cannot be reached, the brand's policy for the door
decides (``closed``, the default: refuse with ``register_unavailable``;
``open``: let the person in). A login with a fresh "not listed" answer does
not ask at all."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol

from server.domain.errors import DomainError
from server.domain.gateway import errors as G
from server.domain.gateway.ports import Brand, Player, RegisterEvent
from server.domain.outcome import Refusal

CACHE_MAX = timedelta(hours=24)
REGISTRATION, LOGIN, PLAY = "registration", "login", "play"
DOORS = (REGISTRATION, LOGIN, PLAY)
OPEN, CLOSED = "open", "closed"
POLICIES = (OPEN, CLOSED)


class Answer(Enum):
    LISTED = "listed"
    NOT_LISTED = "not_listed"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Person:
    """Who the register is asked about: what the register matches on."""

    first_name: str
    last_name: str
    birth_date: date
    email: str = ""


class RegisterDown(Exception):
    """The register did not answer (timeout, refused connection, an answer
    outside the protocol). Raised by a ``Register``; never carries personal
    data."""


class Register(Protocol):
    def listed(self, person: Person) -> bool:
        """Whether the register lists ``person``; ``RegisterDown`` when it
        cannot tell."""
        ...


class Registers(Protocol):
    def of(self, brand: Brand) -> Register | None:
        """The brand's register, or None when the brand names none."""
        ...


class NoRegisters:
    """No brand has a register (tests and tools that need none)."""

    def of(self, brand: Brand) -> Register | None:
        return None


def normalise_name(name: str) -> str:
    """A name as registers compare it: accents dropped, case folded, only
    letters kept (``"Élle-N  o'Brien"`` → ``"ellenobrien"``)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed.casefold() if ch.isalpha() and not unicodedata.combining(ch))


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def ask(register: Register, person: Person) -> Answer:
    """One question to the register; an outage is an answer too."""
    try:
        return Answer.LISTED if register.listed(person) else Answer.NOT_LISTED
    except RegisterDown:
        return Answer.UNAVAILABLE


def fresh(p: Player, now: datetime, max_age: timedelta = CACHE_MAX) -> bool:
    """Whether the player's last "not listed" answer may stand in for a new
    question (login only): younger than ``max_age`` (at most 24 hours)."""
    at = p.register_checked_at
    if at is None or p.register_listed:
        return False
    return timedelta(0) <= now - at < min(max_age, CACHE_MAX)


def policy(brand: Brand, door: str) -> str:
    """The brand's outage policy for ``door``: registration has its own,
    login and Start Game share the play policy. Anything but ``open`` is
    closed."""
    value = brand.register_outage_registration if door == REGISTRATION else brand.register_outage_play
    return OPEN if value == OPEN else CLOSED


def refusal_of(answer: Answer, brand: Brand, door: str) -> DomainError | None:
    """The answer at ``door``: the error it is refused with, or None."""
    if answer is Answer.LISTED:
        return G.SelfExcludedRegister("listed by the national self-exclusion register")
    if answer is Answer.UNAVAILABLE and policy(brand, door) == CLOSED:
        return G.RegisterUnavailable("the national self-exclusion register cannot be reached")
    return None


class RecordingStore(Protocol):
    def add(self, record: object) -> None: ...
    def revoke_sessions(self, player_id: int, now: datetime, keep_id: int | None = None) -> None: ...


def record(store: RecordingStore, brand: Brand, p: Player, door: str, answer: Answer,
           now: datetime) -> Refusal | None:
    """What an answer does to the player, in a write unit: the state kept
    locally (the marketing opt-ins stop counting while listed; a listed
    player's live sessions end), the event (no personal data) and the
    refusal, answered after the unit commits."""
    refused = refusal_of(answer, brand, door)
    if answer is Answer.LISTED:
        p.register_listed, p.register_checked_at = True, now
        assert p.id is not None
        store.revoke_sessions(p.id, now)
    elif answer is Answer.NOT_LISTED:
        p.register_listed, p.register_checked_at = False, now
    store.add(p)
    if answer is not Answer.NOT_LISTED:
        assert p.id is not None
        outcome = "refused" if refused is not None else "allowed"
        store.add(RegisterEvent(brand_id=brand.id, player_id=p.id, door=door, answer=answer.value,
                                outcome=outcome, created_at=now))
    return Refusal(refused) if refused is not None else None


def marketing_blocked(p: Player) -> bool:
    """While the register lists the player, no marketing opt-in counts."""
    return p.register_listed
