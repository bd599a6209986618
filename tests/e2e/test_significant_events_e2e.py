"""Significant events through the deployed shape: changes made through
Envoy (a burst of failed logins, a personal-data change, a protection
change) and through the back office (an adjustment, a brand setting) appear
in ListSignificantEvents and `pitboss admin events`, with field names and
never values; the server's start (and, on a stack of its own, its stop) is
recorded."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time

import pytest

from tests.e2e.journey_support import V, Backoffice, Journey, bo, new_brand
from tests.e2e.stack import start_stack, stop_stack
from tests.support import ROOT

DETAILS = f"/gateway/player-personal-details/player/details/{V}/%s"


def _events(office, **query) -> list:
    return list(office.ListSignificantEvents(bo.ListSignificantEventsRequest(**query)).events)


@pytest.fixture
def office(stack):
    o = Backoffice(stack, actor="rita@compliance")
    yield o
    o.close()


@pytest.mark.e2e
def test_the_server_start_is_recorded(office):
    starts = _events(office, kinds=["service_start"])
    assert starts and starts[0].subject_type == "process" and starts[0].client == "system"
    assert json.loads(starts[0].detail_json)["pid"] > 0


@pytest.mark.e2e
def test_player_doors_through_envoy_leave_events(stack, http, office):
    j = Journey(stack, http)
    p = j.player()
    pid = str(p["id"])
    login = f"/gateway/login/{V}/1/player"
    for _ in range(3):
        r = j.call("POST", login, body={"user_name": p["name"], "password": "Wrong-pass-1", "language": "en"})
        assert r.status_code in (401, 403), r.text
    # Her own details: a new city and first name.
    r = j.call("PUT", DETAILS % 1, p["token"], {"city": "Sliema", "firstName": "Annabel"})
    assert r.status_code == 204, r.text
    # Her own deposit limit.
    r = j.call("PUT", f"/gateway/responsible-gaming/{V}/1/limits", p["token"], {"deposit": {"day": 50}})
    assert r.status_code == 200, r.text

    mine = _events(office, subject_type="player", subject_id=pid)
    kinds = [e.kind for e in mine]
    assert kinds[:3] == ["protection_change", "personal_data_change", "login_failures"], kinds
    burst = mine[2]
    assert (burst.brand_id, burst.client) == (1, "player")
    assert json.loads(burst.detail_json)["failures"] == 3
    details = json.loads(mine[1].detail_json)
    assert details == {"fields": ["city", "first_name"], "source": "player_details"}
    assert "Sliema" not in mine[1].detail_json and "Annabel" not in mine[1].detail_json
    assert json.loads(mine[0].detail_json)["action"] == "protection.set_limits"
    assert p["name"] not in json.dumps([e.detail_json for e in mine])


@pytest.mark.e2e
def test_back_office_changes_leave_events_and_the_cli_lists_them(stack, office):
    pid, key = "33003139", f"ev-{secrets.token_hex(6)}"
    moved = office.AdjustBalance(bo.AdjustBalanceRequest(player_id=pid, direction=bo.DIRECTION_CREDIT, amount="25",
                                                         reason="goodwill, ticket 1", idempotency_key=key))
    brand = new_brand(stack)  # a brand of its own: its settings touch no other test
    office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(brand_id=brand, contact_change_reauth=False,
                                                             phone_verification=True, reason="policy review"))
    office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(brand_id=brand, phone_verification=False,
                                                             reason="back to the vendor's behaviour"))
    adj = _events(office, kinds=["adjustment"], subject_type="player", subject_id=pid)[0]
    assert (adj.actor, adj.client, adj.severity, adj.brand_id) == ("rita@compliance", "demo", "warning", 1)
    detail = json.loads(adj.detail_json)
    assert (detail["amount"], detail["ledger_id"], detail["direction"]) == ("25.000000", moved.ledger_id, "credit")
    configs = _events(office, kinds=["config_change"], brand_id=brand)
    assert [(e.subject_type, e.subject_id, json.loads(e.detail_json)["fields"]) for e in configs] == [
        ("brand", str(brand), ["phone_verification"])] * 2  # contact_change_reauth did not change

    env = dict(os.environ, PITBOSS_GRPC_PORT=stack.grpc.rsplit(":", 1)[1], PITBOSS_DEMO="1")
    out = subprocess.run([sys.executable, "-m", "server.cli", "admin", "--as", "rita", "events", "--kind",
                          "adjustment", "--subject-type", "player", "--subject-id", pid, "--since", "1h"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)["events"]
    assert listed and {(e["kind"], e["subject_id"]) for e in listed} == {("adjustment", pid)}
    assert listed[0]["id"] == str(adj.id)
    bad = subprocess.run([sys.executable, "-m", "server.cli", "admin", "events", "--kind", "nope"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "INVALID_ARGUMENT" in bad.stderr


@pytest.mark.e2e
def test_a_stack_records_its_start_its_stop_and_a_change_of_credentials(tmp_path):
    """Two runs of one stack: each start and stop is recorded; the
    configured credentials are a baseline at the first start and a change
    at the second, whose back-office clients differ (named, never shown)."""
    import hashlib

    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'pitboss.db'}"
    assert stop_stack(start_stack(tmp_path, url)) == 0
    digest = hashlib.sha256(b"desk-secret").hexdigest()
    clients = json.dumps([{"name": "support-desk", "token_sha256": digest}])
    assert stop_stack(start_stack(tmp_path, url, {"PITBOSS_BACKOFFICE_CLIENTS": clients})) == 0
    with create_engine(url).connect() as c:
        rows = c.execute(text("SELECT kind, subject_type, detail_json FROM significant_event ORDER BY id")).all()
    assert [(k, t) for k, t, _ in rows] == [
        ("service_start", "process"), ("config_change", "settings"), ("service_stop", "process"),
        ("service_start", "process"), ("config_change", "settings"), ("service_stop", "process")]
    first, second = json.loads(rows[1][2]), json.loads(rows[4][2])
    assert first["fields"] == ["backoffice_clients", "mts_reports_clients", "secret_key"]
    assert second["fields"] == ["backoffice_clients"]
    assert digest not in rows[4][2] and "desk-secret" not in rows[4][2]


@pytest.mark.e2e
@pytest.mark.parametrize("backend", ["stack", "pg_stack"])
def test_a_win_over_the_brands_threshold_is_recorded_once(backend, request, http):
    """A win through Envoy's PAM API over the brand's large-win threshold is
    one `large_win` event; a smaller win and the bets are none."""
    from tests.e2e.protection_support import Rg, new_player

    s = request.getfixturevalue(backend)
    brand = new_brand(s)
    office = Backoffice(s, actor="rita@compliance")
    try:
        got = office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(brand_id=brand, large_win_threshold="50",
                                                                       reason="large wins from 50"))
        assert got.settings.large_win_threshold == "50.000000"
        time.sleep(5.5)  # the processes' cached floor (5 s) sees the new threshold
        rg, p = Rg(http, s), new_player(http, s, brand)
        rg.bet(p, 10, "r-1")
        rg.win(p, "50", "r-1")  # not over the threshold
        rg.bet(p, 10, "r-2")
        answer = rg.win(p, "50.000001", "r-2")
        evs = _events(office, kinds=["large_win"], brand_id=brand)
        assert [(e.subject_type, e.subject_id, e.client) for e in evs] == [("player", p.pid, "pam")]
        detail = json.loads(evs[0].detail_json)
        assert (detail["amount"], detail["threshold"], detail["currency"]) == ("50.000001", "50.000000", "EUR")
        assert answer["status"] == "OK"
    finally:
        office.close()
