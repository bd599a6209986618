"""The rules behind tests/e2e/test_exact_input.py and tests/e2e/test_column_limits.py
(issue 20), as fast unit tests: times at the ends of the calendar, NUL
characters in decoded requests, lengths measured as stored, and the password
rules a random login name can meet."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from google.protobuf import struct_pb2

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from pitboss.gateway.v1 import gateway_pb2
from pitboss.pam.v1 import pam_pb2
from server.api.decoding import has_nul
from server.api.protection_backoffice import _parse_time
from server.domain.errors import ValidationFailed, Violations
from server.domain.gateway import rules
from server.domain.limits import VIP
from server.domain.pam.checks import parse_time
from server.domain.vip.checks import Checker

UTC = timezone.utc


@pytest.mark.parametrize("raw,expected", [
    ("0001-01-01T00:00:00Z", datetime(1, 1, 1, tzinfo=UTC)),
    ("0001-01-01T00:00:00-01:00", datetime(1, 1, 1, 1, tzinfo=UTC)),
    ("9999-12-31T23:59:59.999999Z", datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ("9999-12-31T23:59:59+01:00", datetime(9999, 12, 31, 22, 59, 59, tzinfo=UTC)),
    ("9999-12-31T23:59:59", datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ("0001-01-01T00:00:00+01:00", None), ("9999-12-31T23:59:59-01:00", None),
    ("0001-01-01T00:59:59.999999+01:00", None), ("9999-12-31T23:00:00-01:00:01", None),
    ("0000-12-31T23:00:00Z", None), ("10000-01-01T00:00:00Z", None), ("yesterday", None),
])
def test_pam_times_hold_only_instants_of_the_calendar(raw, expected):
    assert parse_time(raw) == expected


def test_back_office_times_beyond_the_calendar_are_invalid_not_a_crash():
    bad: list = []
    assert _parse_time("from", "0001-01-01T00:00:00+01:00", bad) is None
    assert _parse_time("to", "9999-12-31T23:59:59-01:00", bad) is None
    assert [b.field for b in bad] == ["from", "to"]
    assert _parse_time("from", "0001-01-01T00:00:00Z", bad) == datetime(1, 1, 1, tzinfo=UTC)


def test_nul_is_found_in_every_string_of_a_request_but_json_values():
    t = pam_pb2.AddTransactionRequest(provider="evolution", player_id="p1")
    t.transaction.cash_amount = 0.5
    assert not has_nul(t)
    t.transaction.bet_code = "a\x00"
    assert has_nul(t)
    t.transaction.ClearField("bet_code")
    t.transaction.promos.add(promo_name="x\x00")  # nested, repeated
    assert has_nul(t)
    assert has_nul(pam_pb2.GetTransactionsRequest(provider="evolution", provider_bet_ref="\x00"))
    assert has_nul(bo.PutLaunchTemplateRequest(url_template="https://x/\x00"))
    m = bo.ListCatalogueResponse(launch_templates={"evolution": "https://x/"})  # a map
    assert not has_nul(m)
    m.launch_templates["a\x00"] = "https://x/"
    assert has_nul(m)
    assert has_nul(bo.ListCatalogueResponse(launch_templates={"evolution": "https://x/\x00"}))
    # google.protobuf.Value / Struct: read and checked by the family (optOut's keys and booleans).
    r = gateway_pb2.UpdatePersonalDetailsRequest(city="Reno")
    r.opt_out.CopyFrom(struct_pb2.Value(string_value="\x00"))
    assert not has_nul(r)
    r.city = "Re\x00no"
    assert has_nul(r)


def test_vip_names_are_measured_in_capitals_as_stored():
    c = Checker()
    assert c.text("firstName", "ß" * 32, upper=True) == "SS" * 32
    assert c.text("lastName", "ß" * 33, upper=True) is None
    assert c.text("middleInitial", "ß", upper=True) is None
    assert c.text("city", "\ufb03" * 21, upper=True) == "FFI" * 21
    assert c.text("city", "\ufb03" * 22, upper=True) is None
    assert [v.field for v in c.v.items] == ["lastName", "middleInitial", "city"]
    assert "You entered 66 characters in capital letters." in c.v.items[0].message
    e = Checker()
    assert e.pattern("email", "a" * 242 + "@example.com", rules._EMAIL_SYNTAX, "x", VIP["email"])
    assert e.pattern("email", "a" * 243 + "@example.com", rules._EMAIL_SYNTAX, "x", VIP["email"]) is None


def test_gateway_texts_longer_than_their_column_are_refused():
    v = Violations()
    rules.too_long(v, "zipCode", "1" * 16)
    rules.too_long(v, "bonusCode", "b" * 65)
    rules.too_long(v, "firstName", None)
    assert [(x.field, x.code) for x in v.items] == [("bonusCode", "bonus_code_long")]


def test_password_rules_are_independent():
    """Issue 20, item 13: a login name with three identical characters in a
    row, upper-cased as the new password, breaks two rules at once. The rule
    is the document's ("not too many repeats"); the e2e test now draws names
    without such runs."""
    v = Violations()
    rules.password_violations(v, "USRAAA1239", "usraaa1239")
    assert [x.code for x in v.items] == ["password_match_user_name", "password_same_letters"]
    v = Violations()
    rules.password_violations(v, "USRA1B2C39", "usra1b2c39")
    assert [x.code for x in v.items] == ["password_match_user_name"]
    with pytest.raises(ValidationFailed):
        v.raise_if_any()
