"""Licence gates, identity and age (server/domain/identity.py and
server/domain/gateway/verification.py): the brand's policy at each door, the
minimum age, the status transitions, and the vendor's signed callback
(signature, freshness, nonce, unknown player) over the gateway's fakes."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from argon2 import PasswordHasher

from server.domain import identity as I
from server.domain.errors import ValidationFailed
from server.domain.gateway import login as L
from server.domain.gateway import registration, verification
from server.domain.gateway.model import RegistrationTwo
from server.domain.gateway.ports import PlayerDetails
from server.security import new_token
from tests.unit.fakes.gateway import FakeGatewayStore, FakeUnits

SECRET = "vendor-secret"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PASSWORD = "Correct-horse-9"


# ------------------------------------------------------------------ policy


@pytest.mark.parametrize("policy, status, deposit, play", [
    ("nothing", "none", True, True),
    ("nothing", "failed", True, True),
    ("deposits", "none", False, True),
    ("deposits", "pending", False, True),
    ("deposits", "verified", True, True),
    ("deposits_and_play", "none", False, False),
    ("deposits_and_play", "failed", False, False),
    ("deposits_and_play", "verified", True, True),
])
def test_what_the_policy_requires(policy, status, deposit, play):
    assert I.deposit_allowed(policy, status) is deposit
    assert I.play_allowed(policy, status) is play
    assert I.play_hold(policy, status) is (not play)
    assert I.login_actions(policy, status) == ([] if deposit and play else [I.VERIFICATION_REQUIRED])
    # Funds held are always paid out.
    assert I.withdrawal_allowed(policy, status) is True


def test_refuse_play_raises_the_start_game_refusal():
    with pytest.raises(I.VerificationRequired) as e:
        I.refuse_play("deposits_and_play", "pending")
    assert e.value.code == "verification_required"
    I.refuse_play("deposits", "none")  # play is not gated by a deposits-only policy


# ------------------------------------------------------------------ age


@pytest.mark.parametrize("born, today, n, ok", [
    (date(2008, 5, 5), date(2026, 5, 4), 18, False),
    (date(2008, 5, 5), date(2026, 5, 5), 18, True),
    (date(2008, 2, 29), date(2026, 2, 28), 18, False),
    (date(2008, 2, 29), date(2026, 3, 1), 18, True),
    (date(2005, 1, 1), date(2026, 1, 1), 21, True),
    (date(2005, 1, 2), date(2026, 1, 1), 21, False),
])
def test_minimum_age(born, today, n, ok):
    assert I.old_enough(born, today, n) is ok


def test_minimum_age_range():
    assert I.valid_min_age(18) and I.valid_min_age(21) and not I.valid_min_age(17) and not I.valid_min_age(26)


# ------------------------------------------------------------------ status


def test_the_vendor_sets_pending_verified_failed_only_the_back_office_any():
    assert I.changed("none", "verified", by_vendor=True)
    assert not I.changed("verified", "verified", by_vendor=True)
    with pytest.raises(I.BadCallback):
        I.changed("verified", "none", by_vendor=True)
    assert I.changed("verified", "none", by_vendor=False)
    with pytest.raises(I.BadCallback):
        I.changed("none", "approved", by_vendor=False)
    assert I.requested("none") == "pending" and I.requested("failed") == "pending"
    assert I.requested("verified") == "verified"


# ------------------------------------------------------------------ signature


def test_signature_is_checked_whole_and_never_without_a_secret():
    body = b'{"a":1}'
    sig = I.sign(SECRET, body)
    assert I.signature_ok(SECRET, body, sig)
    assert I.signature_ok(SECRET, body, "sha256=" + sig.upper())
    assert not I.signature_ok(SECRET, body + b" ", sig)
    assert not I.signature_ok("other", body, sig)
    assert not I.signature_ok(SECRET, body, sig[:-1])
    assert not I.signature_ok(None, body, sig) and not I.signature_ok("", body, I.sign("", body))
    assert not I.signature_ok(SECRET, body, None) and not I.signature_ok(SECRET, body, "")


@pytest.mark.parametrize("body", [
    b"not json", b"[]", b"\xff", b'{"brandId": 3}',
    b'{"brandId": "3", "playerId": 1, "status": "verified", "timestamp": 1, "nonce": "abcdefgh"}',
    b'{"brandId": 3, "playerId": true, "status": "verified", "timestamp": 1, "nonce": "abcdefgh"}',
    b'{"brandId": 3, "playerId": 1, "status": "none", "timestamp": 1, "nonce": "abcdefgh"}',
    b'{"brandId": 3, "playerId": 1, "status": "verified", "timestamp": 1, "nonce": "short"}',
    b'{"brandId": 3, "playerId": 1, "status": "verified", "timestamp": 1, "nonce": "abcdefgh", "reference": 5}',
    b"{" + b" " * 5000 + b"}",
])
def test_a_malformed_callback_is_refused(body):
    with pytest.raises(I.BadCallback):
        I.parse_callback(body)


# ------------------------------------------------------------------ the callback over fakes


@pytest.fixture
def store() -> FakeGatewayStore:
    s = FakeGatewayStore()
    s.add_brand(1)
    s.add_brand(3, verification_policy="deposits_and_play", verification_url="http://vendor.test/verify")
    s.secrets[3] = SECRET
    s.add_test_player(1, "one", "one@example.com", CHEAP.hash(PASSWORD), registration_complete=True)
    s.add_test_player(3, "three", "three@example.com", CHEAP.hash(PASSWORD), registration_complete=True)
    return s


@pytest.fixture
def units(store, clock) -> FakeUnits:
    return FakeUnits(store, clock)


def signed(clock, player_id=2, brand_id=3, status="verified", nonce=None, at=None, secret=SECRET):
    body = json.dumps({"brandId": brand_id, "playerId": player_id, "status": status,
                       "timestamp": int((at or clock()).timestamp()), "nonce": nonce or new_token(8)}).encode()
    return body, I.sign(secret, body)


def call(units, body, sig):
    return units.write(lambda gw: verification.callback(gw, body, sig))


def test_a_signed_callback_sets_the_status_and_the_wallet_hold(units, store, clock):
    assert call(units, *signed(clock, status="failed")) == "failed"
    assert store.players[2].verification_status == "failed" and store.holds[2] is True
    assert call(units, *signed(clock)) == "verified"
    assert store.players[2].verification_status == "verified" and store.holds[2] is False
    assert store.players[2].verification_updated_at == clock()


def test_a_wrong_or_missing_signature_changes_nothing(units, store, clock):
    body, _ = signed(clock)
    for sig in (None, "", I.sign("other", body), I.sign(SECRET, body + b" ")):
        with pytest.raises(I.BadSignature):
            call(units, body, sig)
    # Brand 1 has no secret: nothing signed for it is taken.
    with pytest.raises(I.BadSignature):
        call(units, *signed(clock, player_id=1, brand_id=1, secret=""))
    # An unknown brand: the same answer.
    with pytest.raises(I.BadSignature):
        call(units, *signed(clock, brand_id=9))
    assert store.players[2].verification_status == "none" and store.holds == {} and store.nonces == {}


def test_a_replayed_or_stale_callback_is_refused(units, store, clock):
    body, sig = signed(clock, status="failed")
    call(units, body, sig)
    store.players[2].verification_status = "verified"
    with pytest.raises(I.Replayed):
        call(units, body, sig)  # the same nonce again
    assert store.players[2].verification_status == "verified"
    with pytest.raises(I.Replayed):
        call(units, *signed(clock, at=clock() - I.REPLAY_WINDOW - timedelta(seconds=1)))
    with pytest.raises(I.Replayed):
        call(units, *signed(clock, at=clock() + I.REPLAY_WINDOW + timedelta(seconds=1)))
    # Within the window either way it is taken.
    assert call(units, *signed(clock, status="failed", at=clock() - I.REPLAY_WINDOW)) == "failed"


def test_nonces_are_forgotten_after_two_windows(units, store, clock):
    body, sig = signed(clock)
    call(units, body, sig)
    clock.advance(seconds=2 * I.REPLAY_WINDOW.total_seconds() + 1)
    call(units, *signed(clock))
    assert len(store.nonces) == 1  # the first one was dropped


def test_a_callback_for_an_unknown_player_or_another_brands_player(units, store, clock):
    with pytest.raises(I.UnknownPlayer):
        call(units, *signed(clock, player_id=99))
    with pytest.raises(I.UnknownPlayer):
        call(units, *signed(clock, player_id=1))  # brand 1's player, brand 3's signature
    assert store.players[1].verification_status == "none"


# ------------------------------------------------------------------ registration and login


def step_two(units, store, brand, born="05/05/1990", last="Smith"):
    p = next(p for p in store.players.values() if p.brand_id == brand)
    p.registration_complete = False
    token = units.write(lambda gw: gw.open_session(p))
    r = RegistrationTwo(first_name="Ann", last_name=last, birth_date=born, gender="F", country="GB",
                        city="London", address="1 Street", zip_code="E1", mobile_number="44-77009000", language="")
    units.write(lambda gw: registration.register_two(gw, gw.brand(str(brand)), token, r))
    return p


def test_step_two_on_a_gated_brand_queues_the_request_and_sets_pending(units, store):
    p = step_two(units, store, 3, last="Unverifiable")
    (row,) = [m for m in store.outbox if m["channel"] == verification.CHANNEL]
    assert row["kind"] == "verification" and row["recipient"] == "http://vendor.test/verify"
    body = json.loads(row["body"])
    assert body["brandId"] == 3 and body["playerId"] == p.id and body["lastName"] == "Unverifiable"
    assert body["birthDate"] == "1990-05-05" and body["country"] == "GB"
    assert p.verification_status == "pending" and store.holds[p.id] is True


def test_step_two_on_a_brand_without_a_vendor_asks_nobody(units, store):
    p = step_two(units, store, 1)
    assert not [m for m in store.outbox if m["channel"] == verification.CHANNEL]
    assert p.verification_status == "none"


def test_the_brands_minimum_age(units, store, clock):
    store.brands_by_id[3].min_age = 21
    year = clock().year - 20
    with pytest.raises(ValidationFailed) as e:
        step_two(units, store, 3, born=f"01/01/{year}")
    assert [(v.field, v.code) for v in e.value.violations] == [("birthDate", "underage")]
    step_two(units, store, 1, born=f"01/01/{year}")  # brand 1: 18


def test_login_tells_the_site_through_actions(units, store):
    for p in store.players.values():
        p.tnc_signed_at = p.privacy_signed_at = units.clock()
        p.email_verified = True
    out = L.login(units, "3", "three", PASSWORD, None)
    assert out.actions == [I.VERIFICATION_REQUIRED]
    assert L.login(units, "1", "one", PASSWORD, None).actions == []
    store.players[2].verification_status = "verified"
    assert L.login(units, "3", "three", PASSWORD, None).actions == []


def test_a_verified_player_is_not_asked_again(units, store):
    store.players[2].verification_status = "verified"
    d = PlayerDetails(player_id=2)
    units.write(lambda gw: verification.request(gw, store.brands_by_id[3], store.players[2], d))
    assert store.outbox == []


# ------------------------------------------------------------------ the back office


def test_the_back_office_sets_any_status_audited_and_checks_its_input():
    from types import SimpleNamespace

    from tests.unit.fakes.records import FakeEventLog

    from server.domain.backoffice import errors as bo_errors
    from server.domain.backoffice import players as bo_players
    from server.domain.backoffice.model import BackofficeCaller, PlayerRecord, PlayerSummary
    from server.domain.backoffice.service import Backoffice
    from server.domain.jurisdiction import Jurisdiction
    from tests.unit.fakes import T0
    from tests.unit.fakes.backoffice import FakeAuditLog, FakeBackofficeStore

    store, audit = FakeBackofficeStore(), FakeAuditLog()
    store.players["7"] = PlayerRecord(PlayerSummary("7", 3, "seven", "s@example.com", "EUR", False))
    store.jurisdictions["7"] = Jurisdiction("GB")
    store.verifications["7"] = "none"
    uow = SimpleNamespace(players=store, audit=audit, events=FakeEventLog(), clock=lambda: T0, commit=lambda: None)
    bo = Backoffice(uow, BackofficeCaller("demo", "alice"), now=T0)
    bo_players.set_verification(bo, "7", "verified", "passport checked")
    assert store.verifications["7"] == "verified"
    (rec,) = audit.records
    assert (rec.action, rec.subject_id, rec.reason, rec.actor) == ("verification.set", "7", "passport checked", "alice")
    assert json.loads(rec.before_json) == {"verification_status": "none"}
    bo_players.set_verification(bo, "7", "verified", "again")  # no change, no audit entry
    assert len(audit.records) == 1
    with pytest.raises(ValidationFailed):
        bo_players.set_verification(bo, "7", "approved", "x")
    with pytest.raises(ValidationFailed):
        bo_players.set_verification(bo, "7", "failed", "")
    with pytest.raises((bo_errors.UnknownPlayer, Exception)):
        bo_players.set_verification(bo, "8", "failed", "no such player")
    assert store.verifications == {"7": "verified"}


def test_the_back_office_changes_a_brands_licence_gates_audited_the_secret_never_shown():
    from types import SimpleNamespace

    from tests.unit.fakes.records import FakeEventLog

    from server.domain.backoffice import players as bo_players
    from server.domain.backoffice.model import BackofficeCaller, BrandSettings
    from server.domain.backoffice.service import Backoffice
    from tests.unit.fakes import T0
    from tests.unit.fakes.backoffice import FakeAuditLog, FakeBackofficeStore

    store, audit = FakeBackofficeStore(), FakeAuditLog()
    store.brands[3] = BrandSettings(3)
    uow = SimpleNamespace(players=store, audit=audit, events=FakeEventLog(), clock=lambda: T0, commit=lambda: None)
    bo = Backoffice(uow, BackofficeCaller("demo", "alice"), now=T0)
    gates = bo_players.LicenceGates(min_age=21, verification_policy="deposits",
                                    verification_url="https://bridge.example/verify",
                                    verification_secret="s" * 32)
    after = bo_players.update_brand_settings(bo, 3, None, "new licence", gates=gates)
    assert (after.min_age, after.verification_policy, after.verification_secret_set) == (21, "deposits", True)
    assert store.secrets[3] == "s" * 32
    (rec,) = audit.records
    before = json.loads(rec.before_json)
    assert {k: before[k] for k in ("min_age", "verification_policy", "verification_url", "verification_secret_set")} == {
        "min_age": 18, "verification_policy": "nothing", "verification_url": "", "verification_secret_set": False}
    assert json.loads(rec.after_json)["verification_secret"] == "changed" and "s" * 32 not in rec.after_json
    for bad in (bo_players.LicenceGates(min_age=17), bo_players.LicenceGates(verification_policy="all"),
                bo_players.LicenceGates(verification_url="ftp://x"), bo_players.LicenceGates(verification_secret="short")):
        with pytest.raises(ValidationFailed):
            bo_players.update_brand_settings(bo, 3, None, "bad", gates=bad)
    assert len(audit.records) == 1
