"""The player gateway's login (server/domain/gateway/login.py) over
``FakeGatewayStore`` and ``FakeUnits``: the count of attempts per account,
the lock and its end, unknown logins, 2FA, and the production password
hashing parameters.

The players' hashes here are argon2id with the smallest parameters, so that
a check costs microseconds: verifying reads the parameters from the hash.
``test_passwords_are_hashed_with_the_production_parameters`` proves what a
real password gets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from server.domain.gateway import errors as G
from server.domain.gateway import login as L
from server.domain.gateway import passwords
from server.security import hash_token
from tests.unit.fakes.gateway import FakeGatewayStore, FakeUnits

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PASSWORD = "Correct-horse-9"


@pytest.fixture
def store() -> FakeGatewayStore:
    s = FakeGatewayStore()
    s.add_brand(1)
    s.add_test_player(1, "alice", "Alice@Example.com", CHEAP.hash(PASSWORD), registration_complete=True)
    return s


@pytest.fixture
def units(store, clock) -> FakeUnits:
    return FakeUnits(store, clock)


def login(units, name="alice", password=PASSWORD, brand="1", two_fa=None):
    return L.login(units, brand, name, password, two_fa)


def test_a_right_password_opens_a_session_and_names_the_required_actions(units, store, clock):
    out = login(units)
    (session,) = store.sessions
    assert session.token_hash == hash_token(out.token) and out.player_id == 1
    assert session.expires_at == clock() + timedelta(minutes=units.settings.gateway_session_minutes)
    assert G.TNC_APPROVAL_REQUIRED in out.actions and G.EMAIL_NOT_VERIFIED in out.actions


def test_the_email_address_logs_in_too_in_any_case(units):
    assert login(units, name="  alice@example.COM ").player_id == 1


def test_wrong_passwords_are_counted_and_lock_the_account_even_for_the_right_one(units, store, clock):
    for _ in range(units.settings.gateway_login_max_failures):
        with pytest.raises(G.BadCredentials):
            login(units, password="wrong")
    with pytest.raises(G.AccountLocked):
        login(units)
    assert store.sessions == []
    clock.advance(minutes=units.settings.gateway_login_lock_minutes, seconds=1)
    assert login(units).token  # the lock ran out: a fresh count


def test_the_user_name_and_the_email_share_one_count(units, store):
    for i in range(units.settings.gateway_login_max_failures):
        with pytest.raises(G.BadCredentials):
            login(units, name="alice" if i % 2 else "alice@example.com", password="wrong")
    with pytest.raises(G.AccountLocked):
        login(units, name="ALICE@example.com")
    assert list(store.guards) == [(1, L.account_guard(1))]


def test_a_right_password_resets_the_count(units, store):
    for _ in range(units.settings.gateway_login_max_failures - 1):
        with pytest.raises(G.BadCredentials):
            login(units, password="wrong")
    login(units)
    assert store.guards[(1, L.account_guard(1))].failures == 0


def test_an_unknown_login_is_refused_like_a_wrong_password_and_locks_alone(units, store):
    for _ in range(units.settings.gateway_login_max_failures):
        with pytest.raises(G.BadCredentials):
            login(units, name="nobody")
    with pytest.raises(G.AccountLocked):
        login(units, name="nobody")
    assert login(units).token  # alice's account is not affected


def test_missing_credentials_and_an_unknown_brand_count_nothing(units, store):
    with pytest.raises(G.BadCredentials):
        login(units, password="")
    with pytest.raises(G.InvalidBrand):
        login(units, brand="2")
    with pytest.raises(G.InvalidBrand):
        login(units, brand="1 ")
    assert store.guards == {} and units.writes == 0


def test_a_password_changed_during_the_check_does_not_log_in(units, store):
    def subj_of(gw):
        return L.subject(gw, gw.brand("1"), "alice")

    subj, ok = L.check(units, subj_of, PASSWORD)
    store.players[1].password_hash = CHEAP.hash("changed-Meanwhile-1")
    assert ok and L.settle(units._make(False), subj, ok) is None


def test_with_2fa_a_login_asks_for_the_sms_code_then_the_verified_challenge_logs_in(units, store, clock):
    store.players[1].is_2fa_required = True
    first = login(units)
    assert first.token == "" and first.two_fa_token
    (sms,) = store.outbox
    assert sms["channel"] == "sms" and sms["kind"] == "sms_code"
    (challenge,) = store.challenges
    challenge.verified_at = clock()
    done = login(units, two_fa=first.two_fa_token)
    assert done.token and challenge.used_at == clock()
    again = login(units, two_fa=first.two_fa_token)  # a used challenge: a new code
    assert again.two_fa_token and not again.token


def test_2fa_sends_stop_at_the_accounts_budget(units, store):
    store.players[1].is_2fa_required = True
    for _ in range(units.settings.gateway_2fa_max_sends_per_window):
        assert login(units).two_fa_token
    with pytest.raises(G.ResendThrottled):
        login(units)


def test_passwords_are_hashed_with_the_production_parameters():
    h = passwords.PASSWORDS
    assert (h.time_cost, h.memory_cost, h.parallelism) == (3, 65536, 4)
    stored = passwords.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.check_password(stored, PASSWORD)
