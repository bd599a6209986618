"""The national self-exclusion register (server/domain/gateway/register.py,
screening.py) at registration, login and Start Game, over the gateway's
fakes and ``FakeRegister``: who is refused, when the register is asked, what
an outage does under each policy, what is kept (docs/compliance.md)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from argon2 import PasswordHasher

from server.domain.gateway import errors as G
from server.domain.gateway import login as L
from server.domain.gateway import register as reg
from server.domain.gateway import registration, responsible
from server.domain.gateway.model import RegistrationTwo
from server.domain.gateway.ports import PlayerDetails
from tests.unit.fakes.gateway import FakeGatewayStore, FakeRegister, FakeRegisters, FakeUnits

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PASSWORD = "Correct-horse-9"
ELLEN = reg.Person("Ellen", "Exclusion", date(1980, 2, 29), "excluded@register.test")


@pytest.fixture
def store() -> FakeGatewayStore:
    s = FakeGatewayStore()
    s.add_brand(1)  # no register
    s.add_brand(3, register_vendor="simulator")
    return s


@pytest.fixture
def units(store, clock) -> FakeUnits:
    return FakeUnits(store, clock)


def player(store, brand_id=3, first="Ellen", last="Exclusion", born=date(1980, 2, 29), **kw):
    p = store.add_test_player(brand_id, f"user{len(store.players) + 1}", f"u{len(store.players) + 1}@example.com",
                              CHEAP.hash(PASSWORD), registration_complete=True, **kw)
    store.add(PlayerDetails(player_id=p.id, first_name=first, last_name=last, birthdate=born))
    return p


def login(units, p, registers, brand="3"):
    return L.login(units, brand, p.user_name, PASSWORD, None, registers)


# ------------------------------------------------------------------ rules

def test_names_are_compared_without_accents_case_blanks_or_punctuation():
    assert reg.normalise_name("  Élle-N o'Brien ") == reg.normalise_name("ellen OBRIEN") == "ellenobrien"
    assert reg.normalise_name("Exclusion") != reg.normalise_name("Exclusive")


def test_a_not_listed_answer_stands_in_for_at_most_24_hours(store, clock):
    p = player(store)
    assert not reg.fresh(p, clock())
    p.register_checked_at = clock() - timedelta(hours=23, minutes=59)
    assert reg.fresh(p, clock())
    p.register_checked_at = clock() - timedelta(hours=24)
    assert not reg.fresh(p, clock())
    p.register_checked_at = clock() - timedelta(hours=1)
    assert not reg.fresh(p, clock(), max_age=timedelta(minutes=30))
    assert reg.fresh(p, clock(), max_age=timedelta(days=7))  # never beyond 24 hours
    p.register_listed = True
    assert not reg.fresh(p, clock())  # a listed person is always asked again
    p.register_listed, p.register_checked_at = False, clock() + timedelta(hours=1)
    assert not reg.fresh(p, clock())  # an answer from the future is not trusted


def test_the_outage_policy_is_closed_unless_set_open(store):
    b = store.brand(3)
    assert reg.policy(b, reg.REGISTRATION) == reg.policy(b, reg.LOGIN) == reg.policy(b, reg.PLAY) == reg.CLOSED
    b.register_outage_play = "open"
    assert reg.policy(b, reg.LOGIN) == reg.policy(b, reg.PLAY) == reg.OPEN
    assert reg.policy(b, reg.REGISTRATION) == reg.CLOSED
    b.register_outage_registration = "OPEN"  # anything but "open" is closed
    assert reg.policy(b, reg.REGISTRATION) == reg.CLOSED


def test_an_outage_is_an_answer():
    assert reg.ask(FakeRegister(down=True), ELLEN) is reg.Answer.UNAVAILABLE
    assert reg.ask(FakeRegister(ELLEN), ELLEN) is reg.Answer.LISTED
    assert reg.ask(FakeRegister(), ELLEN) is reg.Answer.NOT_LISTED


# ------------------------------------------------------------------ login

def test_login_refuses_a_listed_person_keeps_the_state_and_the_event(units, store, clock):
    p = player(store)
    register = FakeRegister(ELLEN)
    with pytest.raises(G.SelfExcludedRegister) as e:
        login(units, p, FakeRegisters(register))
    assert e.value.code == "self_excluded_register"
    assert p.register_listed and p.register_checked_at == clock()
    assert not store.sessions  # no session opened
    (event,) = store.register_events
    assert (event.player_id, event.door, event.answer, event.outcome) == (p.id, "login", "listed", "refused")
    (significant,) = store.event_log.events  # the significant events' stream too, without personal data
    assert (significant.kind, significant.severity, significant.subject_id) == (
        "self_exclusion_register", "alert", str(p.id))
    assert json.loads(significant.detail_json) == {"answer": "listed", "door": "login", "outcome": "refused"}
    # the marketing opt-ins stop counting while listed
    gw = units._make(False)
    assert responsible.opt_out(gw, p.id, {"email": False, "sms": False}, p.register_listed) == \
        {"email": True, "sms": True}


def test_login_reuses_a_fresh_not_listed_answer_then_asks_again(units, store, clock):
    p = player(store, first="Someone", last="Else")
    register = FakeRegister(ELLEN)
    registers = FakeRegisters(register)
    assert login(units, p, registers).token
    assert register.asked == 1 and not p.register_listed and p.register_checked_at == clock()
    clock.advance(hours=23)
    assert login(units, p, registers).token
    assert register.asked == 1  # cached
    clock.advance(hours=1)
    assert login(units, p, registers).token
    assert register.asked == 2  # 24 hours on: asked again


def test_a_brand_without_a_register_never_asks(units, store):
    p = player(store, brand_id=1)
    register = FakeRegister(ELLEN)
    assert login(units, p, FakeRegisters(register), brand="1").token
    assert register.asked == 0 and not store.register_events


def test_a_wrong_password_asks_nothing(units, store):
    p = player(store)
    register = FakeRegister(ELLEN)
    with pytest.raises(G.BadCredentials):
        L.login(units, "3", p.user_name, "wrong", None, FakeRegisters(register))
    assert register.asked == 0


def test_login_during_an_outage_follows_the_play_policy(units, store):
    p = player(store, first="Someone", last="Else")
    down = FakeRegisters(FakeRegister(down=True))
    with pytest.raises(G.RegisterUnavailable):
        login(units, p, down)
    assert store.register_events[-1].outcome == "refused" and not store.sessions
    store.brand(3).register_outage_play = "open"
    assert login(units, p, down).token
    assert store.register_events[-1].outcome == "allowed"
    assert [json.loads(e.detail_json)["outcome"] for e in store.event_log.events] == ["refused", "allowed"]
    assert p.register_checked_at is None  # an outage clears nobody: the next login asks again


def test_a_person_taken_off_the_register_gets_in_at_once(units, store):
    p = player(store)
    register = FakeRegister(ELLEN)
    with pytest.raises(G.SelfExcludedRegister):
        login(units, p, FakeRegisters(register))
    register.listed_people.clear()
    assert login(units, p, FakeRegisters(register)).token
    assert not p.register_listed


def test_a_listed_person_loses_the_live_sessions(units, store):
    p = player(store)
    register = FakeRegister()
    assert login(units, p, FakeRegisters(register)).token
    register.listed_people.append(ELLEN)
    p.register_checked_at = None  # the cache ran out
    with pytest.raises(G.SelfExcludedRegister):
        login(units, p, FakeRegisters(register))
    assert all(s.revoked_at is not None for s in store.sessions)


# ------------------------------------------------------------------ registration

def step_two(first="Ellen", last="Exclusion", born="29/02/1980"):
    return RegistrationTwo(first_name=first, last_name=last, birth_date=born, gender="F", language="en",
                           country="GB", city="London", address="1 Street", zip_code="N1", mobile_number="44-1234")


def new_player(units, store, brand="3"):
    from server.domain.gateway.model import Registration

    r = Registration(login_name=f"new{len(store.players)}", email=f"new{len(store.players)}@example.com",
                     password=PASSWORD, over18=True, sign_tnc=True, sign_privacy=True, language="en", btag="",
                     bonus_code="", currency="EUR", password_hash="x")
    token, p = units.write(lambda gw: registration.register_one(gw, gw.brand(brand), r))
    return token, p


def test_registration_refuses_a_listed_person_and_keeps_no_details(units, store):
    token, p = new_player(units, store)
    register = FakeRegister(ELLEN)
    with pytest.raises(G.SelfExcludedRegister):
        registration.complete(units, FakeRegisters(register), "3", token, step_two())
    assert not p.registration_complete and store.details(p.id) is None
    assert p.register_listed and store.register_events[-1].door == "registration"
    assert all(s.revoked_at is not None for s in store.sessions if s.player_id == p.id)


def test_registration_asks_once_the_details_are_valid(units, store):
    token, p = new_player(units, store)
    register = FakeRegister(ELLEN)
    with pytest.raises(Exception) as e:
        registration.complete(units, FakeRegisters(register), "3", token, step_two(born="31/02/1980"))
    assert type(e.value).__name__ == "ValidationFailed" and register.asked == 0
    registration.complete(units, FakeRegisters(register), "3", token, step_two(first="Ellen", last="Other"))
    assert p.registration_complete and register.asked == 1 and p.register_checked_at is not None


def test_registration_during_an_outage_follows_its_own_policy(units, store):
    token, p = new_player(units, store)
    down = FakeRegisters(FakeRegister(down=True))
    store.brand(3).register_outage_play = "open"  # not the registration's
    with pytest.raises(G.RegisterUnavailable):
        registration.complete(units, down, "3", token, step_two(first="Other"))
    assert not p.registration_complete
    store.brand(3).register_outage_registration = "open"
    registration.complete(units, down, "3", token, step_two(first="Other"))
    assert p.registration_complete
