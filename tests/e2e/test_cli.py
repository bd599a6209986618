"""The `pitboss` command: token minting and the grpcurl-style client."""

from __future__ import annotations

import json
import subprocess
import sys

import jwt
import pytest

from tests.support import ROOT


def run(stack, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", *args], cwd=ROOT, env=stack.env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.e2e
def test_token_vip_prints_only_a_valid_jwt(stack, http):
    r = run(stack, "token", "vip", "--operator", "operator-1")
    assert r.returncode == 0
    token = r.stdout.strip()
    assert r.stdout == token + "\n"
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == "operator-1" and claims["aud"] == "vip-api"
    assert claims["exp"] - claims["iat"] == 3600
    ok = http.post(stack.url("/api/patronsession/accountlookup"), json={"VipAccountNumber": "7210695258"},
                   headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200


@pytest.mark.e2e
def test_token_vip_unknown_operator(stack):
    r = run(stack, "token", "vip", "--operator", "nobody")
    assert r.returncode == 2 and r.stdout == ""


@pytest.mark.e2e
def test_call_prints_json_and_errors(stack):
    token = run(stack, "token", "vip", "--operator", "operator-1").stdout.strip()
    method = "pitboss.vip.v1.VipConnectService/LookupAccount"
    ok = run(stack, "call", method, "--target", stack.grpc, "-d", '{"VipAccountNumber": "7210695258"}',
             "-H", f"authorization: Bearer {token}")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["name"] == "JOHN SMITH"
    bad = run(stack, "call", method, "--target", stack.grpc, "-d", "{}", "-H", f"authorization: Bearer {token}")
    assert bad.returncode == 1
    err = json.loads(bad.stderr[bad.stderr.index("{"):])
    assert err["code"] == "INVALID_ARGUMENT"


def clean_run(cwd, *args) -> subprocess.CompletedProcess:
    """A second terminal: none of the stack's PITBOSS_* variables."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PITBOSS_")}
    return subprocess.run([sys.executable, "-m", "server.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.e2e
def test_a_second_terminal_finds_the_demo_stack_through_its_card(stack, tmp_path):
    import shutil
    from pathlib import Path

    card = json.loads(Path(stack.env["PITBOSS_DEMO_FILE"]).read_text())
    assert card["env"]["PITBOSS_HTTP_PORT"] == stack.env["PITBOSS_HTTP_PORT"]
    assert card["env"]["PITBOSS_PUBLIC_URL"] == stack.http
    # No card in var/ here: the refusal names the fix.
    refused = clean_run(tmp_path, "admin", "--target", stack.grpc, "player", "33003139")
    assert refused.returncode == 2
    assert "PITBOSS_BACKOFFICE_TOKEN" in refused.stderr and "backoffice-demo-token" in refused.stderr
    (tmp_path / "var").mkdir()
    shutil.copy(stack.env["PITBOSS_DEMO_FILE"], tmp_path / "var" / "demo.json")
    found = clean_run(tmp_path, "admin", "player", "33003139")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["player"]["user_name"] == "itamar1"
    # The 2FA switch, audited.
    on = clean_run(tmp_path, "admin", "--as", "erin", "two-factor", "33003139", "on", "--reason", "asked")
    assert on.returncode == 0, on.stderr
    assert json.loads(on.stdout)["two_factor"] is True
    off = clean_run(tmp_path, "admin", "--as", "erin", "two-factor", "33003139", "off", "--reason", "lost phone")
    assert json.loads(off.stdout)["two_factor"] is False
    audit = json.loads(clean_run(tmp_path, "admin", "audit", "--subject-type", "player",
                                 "--subject-id", "33003139").stdout)
    actions = [e["action"] for e in audit["entries"]]
    assert actions.count("player.two_factor") == 2
    # A card whose supervisor is gone is ignored.
    card["pid"] = 2 ** 22 + 12345
    (tmp_path / "var" / "demo.json").write_text(json.dumps(card))
    assert clean_run(tmp_path, "admin", "--target", stack.grpc, "player", "33003139").returncode == 2


@pytest.mark.e2e
def test_mts_report_says_how_many_sessions_it_found_and_sent(stack):
    r = run(stack, "mts", "report", "--player", "nobody-at-all", "--since", "2020-01-01T00:00:00Z",
            "--until", "2020-01-02T00:00:00Z", "--send", stack.url("/mts/v3/casino-sessions-inform"))
    # The token comes from the stack's demo card; nothing found, nothing sent, and it says so.
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert "0 casino session(s) found in 0 report(s), 0 sent" in r.stderr
    r = run(stack, "mts", "report", "--player", "nobody-at-all", "--since", "2020-01-01T00:00:00Z",
            "--until", "2020-01-02T00:00:00Z")
    assert r.returncode == 0 and r.stdout == ""
    assert "0 casino session(s) found in 0 report(s), none sent" in r.stderr
