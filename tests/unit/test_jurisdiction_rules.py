"""A player's jurisdiction as plain rules (server/domain/jurisdiction.py):
set at registration, moved only by the back office's confirmation, and which
games it closes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from server.domain.jurisdiction import Jurisdiction, NoSuchChange

T0 = datetime(2027, 1, 1, tzinfo=timezone.utc)
T1 = T0 + timedelta(hours=1)


def test_registration_sets_it_and_a_later_country_is_only_a_request():
    j = Jurisdiction().registered("US", T0)
    assert j == Jurisdiction("US")
    # Registration again (not possible through the gateway) would not move it.
    assert j.registered("MT", T0) == Jurisdiction("US", "MT", T0)
    assert j.requested("MT", T0) == Jurisdiction("US", "MT", T0)


def test_requests_replace_keep_or_withdraw_the_pending_change():
    j = Jurisdiction("US").requested("MT", T0)
    assert j.requested("MT", T1) == Jurisdiction("US", "MT", T0)  # keeps its place in the queue
    assert j.requested("GB", T1) == Jurisdiction("US", "GB", T1)  # replaced
    assert j.requested("US", T1) == Jurisdiction("US")  # back home: withdrawn


def test_only_the_pending_change_can_be_confirmed_or_rejected():
    j = Jurisdiction("US", "MT", T0)
    assert j.confirmed("MT") == Jurisdiction("MT")
    assert j.rejected("MT") == Jurisdiction("US")
    for bad in ("GB", "US", ""):
        with pytest.raises(NoSuchChange):
            j.confirmed(bad)
        with pytest.raises(NoSuchChange):
            j.rejected(bad)
    with pytest.raises(NoSuchChange):
        Jurisdiction("US").confirmed("US")  # nothing pending


def test_which_games_it_closes():
    assert not Jurisdiction("MT").closes(("US",))
    assert Jurisdiction("US").closes(("GB", "US"))
    assert not Jurisdiction("US").closes(())
    # A declared move closes the new country's games at once, never opens the old one's.
    assert Jurisdiction("MT", "US", T0).closes(("US",))
    assert Jurisdiction("US", "MT", T0).closes(("US",))
    # No jurisdiction yet: every restricted game is closed (fail closed).
    assert Jurisdiction().closes(("US",)) and not Jurisdiction().closes(())


def test_audit_shape():
    assert Jurisdiction("US", "MT", T0).as_json() == {"jurisdiction": "US", "pending_jurisdiction": "MT"}
