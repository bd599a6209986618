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
