"""A player's jurisdiction (issue 20, item 10), through the real Envoy, gRPC
server and database, on SQLite and on PostgreSQL: Start Game's country
restrictions and the PAM wallet's country follow the jurisdiction set at
registration, never the country a player edits in her personal details; a
change of country waits for the back office, whose confirmation (or
rejection) is audited."""

from __future__ import annotations

import json

import grpc
import pytest

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from tests.e2e.journey_support import V, Backoffice, Journey, grpc_error, launch, new_brand, reason_of
from tests.support.pam_support import Pam

pytestmark = [pytest.mark.e2e]
C = grpc.StatusCode
CLOSED_TO_US = "gonzos-quest-megaways"  # the demo catalogue: closed to US
RESTRICTED = {"result": "restricted_country"}


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


def details(j: Journey, p: dict, body: dict | None = None):
    path = f"/gateway/player-personal-details/player/details/{V}/{p['brand']}"
    return j.call("PUT" if body is not None else "GET", path, p["token"], body)


def pam_country(j: Journey, game_url: str, provider: str) -> str:
    token, _ = launch(game_url)
    r = Pam(j.http, j.stack.http, provider=provider).get_session(token)
    assert r.status_code == 200, r.text
    return r.json()["session"]["country"]


def status(office: Backoffice, p: dict) -> bo.PlayerStatus:
    return office.GetPlayer(bo.GetPlayerRequest(player_id=str(p["id"]))).status


def test_an_edited_country_neither_opens_a_game_nor_moves_the_wallet(any_stack, http):
    j = Journey(any_stack, http)
    us = j.player(country="US")
    assert j.start(us, CLOSED_TO_US).json() == RESTRICTED

    # She edits her country to MT: her personal details say so at once ...
    r = details(j, us, {"country": "MT", "city": "Sliema"})
    assert r.status_code == 204, r.text
    assert details(j, us).json()["country"] == "MT"
    # ... but the game closed to the US stays closed (her jurisdiction is US),
    r = j.start(us, CLOSED_TO_US)
    assert (r.status_code, r.json()) == (403, RESTRICTED)
    # and the wallet Start Game opens carries the jurisdiction to the aggregator.
    g = j.start(us, "caleta-slot-1")
    assert g.status_code == 200, g.text
    assert pam_country(j, g.json()["game_url"], "caleta") == "US"


def test_the_back_office_confirms_a_change_of_country_and_it_is_audited(any_stack, http):
    j = Journey(any_stack, http)
    office = Backoffice(any_stack, actor="dora@compliance")
    try:
        us = j.player(country="US")
        pid = str(us["id"])
        st = status(office, us)
        assert (st.jurisdiction, st.pending_jurisdiction, st.jurisdiction_requested_at) == ("US", "", "")

        assert details(j, us, {"country": "MT"}).status_code == 204
        st = status(office, us)
        assert (st.jurisdiction, st.pending_jurisdiction) == ("US", "MT") and st.jurisdiction_requested_at
        assert office.GetPlayer(bo.GetPlayerRequest(player_id=pid)).profile.country == "MT"
        waiting = office.ListJurisdictionChanges(bo.ListJurisdictionChangesRequest(brand_id=1, limit=200)).changes
        mine = [c for c in waiting if c.player_id == pid]
        assert [(c.brand_id, c.jurisdiction, c.requested) for c in mine] == [(1, "US", "MT")]
        assert mine[0].requested_at == st.jurisdiction_requested_at

        # Only the change the player asked for can be confirmed; a reason is required.
        for country, reason, code, why in (("GB", "proof of address", C.FAILED_PRECONDITION, "NO_SUCH_CHANGE"),
                                           ("MT", "", C.INVALID_ARGUMENT, ""),
                                           ("mt!", "proof", C.INVALID_ARGUMENT, "")):
            c, s = grpc_error(lambda: office.ConfirmJurisdictionChange(bo.ConfirmJurisdictionChangeRequest(
                player_id=pid, country=country, reason=reason)))
            assert c == code and (not why or reason_of(s) == why), (country, c, s)
        c, _ = grpc_error(lambda: office.ConfirmJurisdictionChange(bo.ConfirmJurisdictionChangeRequest(
            player_id="404404404", country="MT", reason="x")))
        assert c == C.NOT_FOUND
        assert j.start(us, CLOSED_TO_US).json() == RESTRICTED  # nothing moved

        st = office.ConfirmJurisdictionChange(bo.ConfirmJurisdictionChangeRequest(
            player_id=pid, country="MT", reason="proof of address, ticket 12")).status
        assert (st.jurisdiction, st.pending_jurisdiction, st.jurisdiction_requested_at) == ("MT", "", "")
        g = j.start(us, CLOSED_TO_US)
        assert g.status_code == 200, g.text
        assert pam_country(j, g.json()["game_url"], "redtiger") == "MT"
        waiting = office.ListJurisdictionChanges(bo.ListJurisdictionChangesRequest(brand_id=0)).changes
        assert pid not in [c.player_id for c in waiting]

        entry = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="player", subject_id=pid)).entries[0]
        assert (entry.action, entry.client, entry.actor, entry.reason) == (
            "jurisdiction.confirm", "demo", "dora@compliance", "proof of address, ticket 12")
        assert json.loads(entry.before_json) == {"jurisdiction": "US", "pending_jurisdiction": "MT"}
        assert json.loads(entry.after_json) == {"jurisdiction": "MT", "pending_jurisdiction": ""}
        # Confirming again: nothing is pending any more.
        c, s = grpc_error(lambda: office.ConfirmJurisdictionChange(bo.ConfirmJurisdictionChangeRequest(
            player_id=pid, country="MT", reason="again")))
        assert (c, reason_of(s)) == (C.FAILED_PRECONDITION, "NO_SUCH_CHANGE")
    finally:
        office.close()


def test_a_declared_move_into_a_restricted_country_closes_its_games_at_once(any_stack, http):
    """While a change is pending, the games closed to either country stay
    closed; a rejection keeps the jurisdiction and is audited."""
    j = Journey(any_stack, http)
    office = Backoffice(any_stack)
    try:
        mt = j.player(country="MT")
        pid = str(mt["id"])
        assert j.start(mt, CLOSED_TO_US).status_code == 200
        assert details(j, mt, {"country": "US"}).status_code == 204
        assert j.start(mt, CLOSED_TO_US).json() == RESTRICTED
        st = office.RejectJurisdictionChange(bo.RejectJurisdictionChangeRequest(
            player_id=pid, country="US", reason="travelling, not resident")).status
        assert (st.jurisdiction, st.pending_jurisdiction) == ("MT", "")
        assert j.start(mt, CLOSED_TO_US).status_code == 200
        entry = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="player", subject_id=pid)).entries[0]
        assert entry.action == "jurisdiction.reject" and entry.reason == "travelling, not resident"
        assert json.loads(entry.after_json) == {"jurisdiction": "MT", "pending_jurisdiction": ""}

        # Her address stays US: the same country sent again (a whole form) is not queued again.
        assert details(j, mt, {"country": "US", "city": "Boston"}).status_code == 204
        assert status(office, mt).pending_jurisdiction == ""
        # Back to her jurisdiction's country withdraws nothing (none waits); away again asks again.
        assert details(j, mt, {"country": "MT"}).status_code == 204
        assert details(j, mt, {"country": "US"}).status_code == 204
        assert status(office, mt).pending_jurisdiction == "US"
        assert details(j, mt, {"country": "MT"}).status_code == 204  # back home: withdrawn
        assert status(office, mt).pending_jurisdiction == ""
    finally:
        office.close()


def test_registration_step_two_is_not_a_second_door_to_the_country_or_the_phone(any_stack, http):
    """Once registration is complete, step two changes nothing (400): the
    country and the phone change through the details update and its rules."""
    j = Journey(any_stack, http)
    office = Backoffice(any_stack)
    try:
        us = j.player(country="US")
        r = j.call("POST", f"/gateway/reg-step-two/{V}/1", body={
            "auth_token": us["token"], "firstName": "Eve", "lastName": "Lee", "birthDate": "02/11/1990",
            "gender": "F", "language": "en", "country": "MT", "city": "Valletta", "address": "1 Road",
            "zipCode": "VLT1", "mobileNumber": "44-7000009"})
        assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})
        d = details(j, us).json()
        assert (d["firstName"], d["country"], d["phone"]) == ("Ann", "US", "356-1234567")
        assert j.start(us, CLOSED_TO_US).json() == RESTRICTED
        st = status(office, us)
        assert (st.jurisdiction, st.pending_jurisdiction) == ("US", "")
    finally:
        office.close()


def test_pitboss_admin_lists_and_confirms(stack, http):
    import os
    import subprocess
    import sys

    from tests.support import ROOT

    def admin(*argv):
        env = dict(os.environ, PITBOSS_GRPC_PORT=stack.grpc.rsplit(":", 1)[1], PITBOSS_DEMO="1",
                   PITBOSS_ACTING_USER="carol@ops", PITBOSS_DATABASE_URL=stack.database_url)
        return subprocess.run([sys.executable, "-m", "server.cli", "admin", *argv], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)

    j = Journey(stack, http)
    us = j.player(country="US")
    pid = str(us["id"])
    assert details(j, us, {"country": "MT"}).status_code == 204
    out = admin("jurisdictions", "--brand", "1", "--limit", "200")
    assert out.returncode == 0, out.stderr
    assert {"player_id": pid, "brand_id": 1, "jurisdiction": "US", "requested": "MT"}.items() <= [
        c for c in json.loads(out.stdout)["changes"] if c["player_id"] == pid][0].items()
    out = admin("confirm-jurisdiction", pid, "GB", "--reason", "proof of address")
    assert out.returncode == 1 and "FAILED_PRECONDITION" in out.stderr
    out = admin("confirm-jurisdiction", pid, "MT", "--reason", "proof of address")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["status"]["jurisdiction"] == "MT"
    out = admin("brand", "1")
    assert out.returncode == 0 and json.loads(out.stdout)["settings"] == {
        "brand_id": 1, "contact_change_reauth": False, "phone_verification": False,
        "register_vendor": "", "register_url": "", "register_secret_set": False,
        "register_outage_registration": "closed", "register_outage_play": "closed", "dormancy_months": 12,
        "large_win_threshold": "10000.000000", "min_age": 18, "verification_policy": "nothing",
        "verification_url": "", "verification_secret_set": False}
    brand = new_brand(stack)
    out = admin("brand", str(brand), "--phone-verification", "on", "--reason", "no number taken unproven")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["settings"] == {"brand_id": brand, "contact_change_reauth": False,
                                                  "phone_verification": True, "large_win_threshold": "10000.000000",
                                                  "register_vendor": "", "register_url": "", "register_secret_set": False,
                                                  "register_outage_registration": "closed",
                                                  "register_outage_play": "closed", "dormancy_months": 12,
                                                  "min_age": 18, "verification_policy": "nothing",
                                                  "verification_url": "", "verification_secret_set": False}
