"""Who must prove the current password for an email or phone change
(server/domain/gateway/base.py ``contact_proof``): nobody by default, as the
vendor documents; everyone on a brand with ``contact_change_reauth``; and a
password that is sent is always checked. Whose new phone number waits for
its SMS code (``phone_needs_code``, below)."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from server.domain.errors import Violations
from server.domain.gateway.base import Caller, Gateway, contact_proof, phone_needs_code
from server.domain.gateway.model import DetailsChanges
from server.domain.gateway.ports import Brand, LoginSession, NoWallet, Player, PlayerDetails
from server.domain.gateway.profile import update_details
from tests.unit.fakes.records import FakeEventLog


@pytest.mark.parametrize("reauth, password_ok, codes", [
    (False, None, []),
    (False, True, []),
    (False, False, ["wrong_password"]),
    (True, None, ["password_required"]),
    (True, True, []),
    (True, False, ["wrong_password"]),
])
def test_contact_proof(reauth, password_ok, codes):
    v = Violations()
    contact_proof(v, Brand(1, "One", contact_change_reauth=reauth), password_ok, "changing the email address")
    assert [(x.field, x.code) for x in v.items] == [("password", c) for c in codes]


def test_brands_follow_the_vendor_by_default():
    assert Brand(1, "One").contact_change_reauth is False


# ------------------------------------------------------------------ phone changes
# When a new phone number waits for its SMS code (base.py ``phone_needs_code``,
# profile.py ``update_details``): "while verification is enabled -
# 2fa/verification", i.e. for a player with 2FA or on a brand with
# ``phone_verification``; otherwise it applies at once. The account's address
# is told either way.


@pytest.mark.parametrize("two_fa, brand_setting, waits", [
    (False, False, False),
    (True, False, True),
    (False, True, True),
    (True, True, True),
])
def test_phone_needs_code(two_fa, brand_setting, waits):
    assert phone_needs_code(Brand(1, "One", phone_verification=brand_setting), player(two_fa)) is waits


def test_brands_verify_phones_only_for_2fa_players_by_default():
    assert Brand(1, "One").phone_verification is False


class Store:
    """What update_details touches of the gateway's storage, in memory."""

    def __init__(self, p: Player, d: PlayerDetails) -> None:
        self.p, self.d = p, d
        self.retired: list[str] = []
        self.sent: list[tuple[str, str, str]] = []
        self.added: list[object] = []

    def details(self, player_id):
        return self.d

    def player(self, player_id, lock=False):
        return self.p

    def add(self, record):
        self.added.append(record)

    def retire_challenges(self, player_id, purpose, now):
        self.retired.append(purpose)

    def queue(self, brand_id, player_id, channel, kind, recipient, subject, body):
        self.sent.append((channel, kind, recipient))

    def challenge_activity(self, player_id, since):
        return 0, 0

    def code_hmac(self, token_hash, code):
        return "hmac"


SETTINGS = SimpleNamespace(gateway_2fa_max_sends_per_window=10, gateway_2fa_code_minutes=5,
                           gateway_2fa_window_minutes=60)
NOW = datetime(2026, 12, 9, 12, 0, tzinfo=timezone.utc)


def player(two_fa: bool) -> Player:
    return Player(brand_id=1, user_name="ann", user_name_key="ann", email="ann@example.com",
                  email_key="ann@example.com", password_hash="x", id=7, is_2fa_required=two_fa)


def change_phone(two_fa: bool, brand_setting: bool):
    p = player(two_fa)
    d = PlayerDetails(player_id=7, phone="356-1234567", pending_mobile_number="44-7000000",
                      mobile_verification_status=1, mobile_verification_by="player")
    store = Store(p, d)
    brand = Brand(1, "One", phone_verification=brand_setting)
    caller = Caller(LoginSession(token_hash="t", player_id=7, brand_id=1), p, brand)
    unit = SimpleNamespace(players=store, wallet=NoWallet(), events=FakeEventLog())  # the gateway's unit, players only
    answer = update_details(Gateway(unit, SETTINGS, now=NOW), caller, DetailsChanges(phone="44-7000001"))
    store.events = unit.events
    return answer, d, store


def test_without_verification_the_phone_applies_at_once_and_the_address_is_told():
    answer, d, store = change_phone(two_fa=False, brand_setting=False)
    assert answer is None  # 204
    assert (d.phone, d.pending_mobile_number) == ("44-7000001", "")
    # Not the number the player confirmed; the older pending code is retired.
    assert (d.mobile_verification_status, d.mobile_verification_at, d.mobile_verification_by) == (0, NOW, "player")
    assert store.retired == ["mobile"]
    assert store.sent == [("email", "phone_changed", "ann@example.com")]
    # A significant event names the fields, never the numbers.
    assert store.events.details("personal_data_change") == [{"fields": ["pending_mobile_number", "phone"],
                                                             "source": "player_details"}]
    assert "44-7000001" not in store.events.events[0].detail_json


@pytest.mark.parametrize("two_fa, brand_setting", [(True, False), (False, True)])
def test_with_verification_the_phone_waits_for_its_code(two_fa, brand_setting):
    answer, d, store = change_phone(two_fa, brand_setting)
    assert answer is not None and answer.mobile_number == "44-7000001" and answer.two_fa_token  # 403
    assert (d.phone, d.pending_mobile_number, d.mobile_verification_status) == ("356-1234567", "44-7000001", 1)
    assert store.retired == ["mobile"]
    assert sorted(store.sent) == [("email", "phone_changed", "ann@example.com"), ("sms", "sms_code", "44-7000001")]
    assert store.events.details("personal_data_change") == [{"fields": ["pending_mobile_number"],
                                                             "source": "player_details"}]
