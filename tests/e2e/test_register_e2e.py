"""The national self-exclusion register through Envoy, against the register
simulator that `pitboss up` runs as an HTTP server in demo mode, on SQLite
and PostgreSQL: the gate at registration, login (24-hour cache) and Start
Game, and an outage (a register URL nothing listens on) under each policy
(docs/compliance.md)."""

from __future__ import annotations

import pytest

from tests.e2e.journey_support import Journey
from tests.e2e.register_support import (
    ANN, ELLEN, GAME, LISTED, UNAVAILABLE, become, closed_url, events, login, new_brand, ready_player, set_brand,
    step_one, step_two,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, http):
    stack = request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")
    return Journey(stack, http), stack


def test_registration_refuses_a_listed_person(env):
    j, stack = env
    brand = new_brand(stack)
    p = step_one(j, brand)
    r = step_two(j, p, {**ELLEN, "firstName": "  ellen "})
    assert (r.status_code, r.json()) == (403, LISTED), r.text
    assert events(j, p) == [("registration", "listed", "refused")]
    assert j.sql("SELECT COUNT(*) FROM gateway_player_details WHERE player_id = :p", p=p["id"])[0][0] == 0
    assert j.status(p).status_code == 401  # the step-one session ended
    # Brand 3 of the demo asks the same simulator; brands without a register do not ask.
    p3 = step_one(j, 3)
    assert step_two(j, p3, ELLEN).status_code == 403
    p1 = step_one(j, 1)
    assert step_two(j, p1, ELLEN).status_code == 200


def test_login_refuses_a_listed_person_after_the_cache(env):
    j, stack = env
    brand = new_brand(stack)
    p = ready_player(j, brand)
    become(j, p, ELLEN)
    assert login(j, p).status_code == 200  # the registration's answer is younger than 24 hours
    become(j, p, ELLEN, stale=True)
    r = login(j, p)
    assert (r.status_code, r.json()) == (403, LISTED), r.text
    assert events(j, p)[-1] == ("login", "listed", "refused")
    assert j.status(p).status_code == 401  # her live sessions ended
    become(j, p, ANN)  # taken off the register: asked again at once
    assert login(j, p).status_code == 200


def test_start_game_asks_the_register_every_time(env):
    j, stack = env
    brand = new_brand(stack)
    p = ready_player(j, brand)
    assert j.start(p, GAME).status_code == 200
    become(j, p, ELLEN)  # a fresh "not listed" answer does not stand in at Start Game
    r = j.start(p, GAME)
    assert (r.status_code, r.json()) == (403, LISTED), r.text
    assert events(j, p) == [("play", "listed", "refused")]
    # Her open game session ended with her login: no bet on it (its PAM session expired).
    assert j.sql("SELECT ended_reason FROM game_session WHERE gateway_player_id = :p", p=p["id"]) == \
        [("register",)]
    assert j.status(p).status_code == 401


def test_an_unreachable_register_under_each_policy(env):
    j, stack = env
    brand = new_brand(stack)
    p = ready_player(j, brand)
    set_brand(j, brand, register_url=closed_url())
    # registration: closed by default, then open
    q = step_one(j, brand)
    r = step_two(j, q, ANN)
    assert (r.status_code, r.json()) == (503, UNAVAILABLE), r.text
    set_brand(j, brand, register_outage_registration="open")
    assert step_two(j, q, ANN).status_code == 200
    assert events(j, q) == [("registration", "unavailable", "refused"), ("registration", "unavailable", "allowed")]
    # Start Game and login (the play policy): closed by default, then open
    r = j.start(p, GAME)
    assert (r.status_code, r.json()) == (503, UNAVAILABLE), r.text
    become(j, p, ANN, stale=True)
    assert login(j, p).json() == UNAVAILABLE
    set_brand(j, brand, register_outage_play="open")
    r = login(j, p)
    assert r.status_code == 200, r.text
    p = {**p, "token": r.json()["auth_token"]}
    assert j.start(p, GAME).status_code == 200
    # the register back: its answer counts again
    set_brand(j, brand, register_url="")
    become(j, p, ELLEN)
    assert j.start(p, GAME).status_code == 403


def test_the_back_office_sets_the_register_and_never_shows_its_secret(env):
    from pitboss.backoffice.v1 import backoffice_pb2 as bo
    from tests.e2e.journey_support import Backoffice

    j, stack = env
    brand = new_brand(stack, register_vendor="")
    p = ready_player(j, brand, ELLEN)  # no register: Ellen plays
    assert j.start(p, GAME).status_code == 200
    office = Backoffice(stack, actor="erin@compliance")
    try:
        s = office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=brand, reason="GB licence", register_vendor="gamstop", register_url=closed_url(),
            register_secret="bridge-secret", register_outage_play="open", dormancy_months=24)).settings
        assert (s.register_vendor, s.register_secret_set, s.register_outage_play, s.dormancy_months) == \
            ("gamstop", True, "open", 24)
        assert "bridge-secret" not in str(office.GetBrandSettings(bo.GetBrandSettingsRequest(brand_id=brand)))
        assert j.start(p, GAME).status_code == 200  # unreachable, policy open
        assert events(j, p) == [("play", "unavailable", "allowed")]
        office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=brand, reason="the simulator", register_vendor="simulator", register_url=""))
        assert j.start(p, GAME).json() == LISTED
    finally:
        office.close()
    enc = j.sql("SELECT register_secret_enc FROM gateway_brand WHERE id = :b", b=brand)[0][0]
    assert enc and "bridge-secret" not in enc
