"""The OpenAPI files are true: Envoy serves them, and schemathesis, run
against the real stack (Envoy + server + SQLite) with each file as served,
bounded and seeded, finds no failure. The answers Envoy makes itself
(malformed JSON, a body over the limit) match what the files document.

Scoping (each line of SCHEMATHESIS_BASE and FAMILY_CONFIG says why):
- positive_data_acceptance is off: schema-valid requests are refused by rules
  JSON Schema cannot state (known providers, brands and sessions; at least one
  of providerTransactionId / providerBetRef; a birth date in the past; at most
  two or six decimals; endUtc not before startUtc), each answered with its
  documented 4xx.
- unsupported_method is off: the edge answers a method the contract does not
  have like an unknown path (404 in the family's error shape; 400 for a
  method Envoy's HTTP/1 codec does not know, such as QUERY), not 405.
- Every phase runs (examples, coverage, fuzzing, stateful), with the headers
  and extra parameters schemathesis adds (names that are not gRPC metadata
  keys, values gRPC cannot carry; issue 20); tests/e2e/openapi_hooks.py leaves
  out only the edge's leniency with lists inside lists.
- The stack runs on SQLite; PITBOSS_ST_BACKEND=postgresql runs the same on a
  throwaway PostgreSQL database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import requests

from tests.support import pam_support
from tests.e2e.stack import start_stack, stop_stack
from tests.support.tokens import vip_token
from tests.support.openapi_support import FAMILIES, OPENAPI_DIR, ROOT, response_errors, spec

pytestmark = pytest.mark.e2e

SEED = 20261201
# Test cases per operation and phase. With these the four runs took 45 s on
# the shared 2-core machine (README, "OpenAPI").
MAX_EXAMPLES = {"vip": 8, "pam": 8, "mts": 5, "gateway": 6}
# A longer run by hand: PITBOSS_ST_SCALE=10 (examples times ten).
SCALE = int(os.environ.get("PITBOSS_ST_SCALE", "1"))

SCHEMATHESIS_BASE = """
hooks = "tests.e2e.openapi_hooks"
workers = 1
[cache]
enabled = false
[generation]
database = "none"
[checks]
positive_data_acceptance.enabled = false
unsupported_method.enabled = false
"""


def _family_config(family: str, stack, http: requests.Session) -> str:
    if family == "vip":
        return f"""
[headers]
Authorization = "Bearer {vip_token()}"
"""
    if family == "pam":
        player, token = pam_support.new_player(stack.database_url, cash="1000")
        _, refresh_token = pam_support.new_player(stack.database_url)
        return f"""
[checks]
# PAM answers business errors (an unknown player, a wrong currency, ...) with
# HTTP 200 and status ERROR, as the aggregator's document asks.
negative_data_rejection.enabled = false
[parameters]
"query.provider" = "evolution"
"path.playerId" = "{player}"
[headers]
Authorization = "Bearer {pam_support.API_TOKEN}"
"X-Player-Token" = "{token}"
[[operations]]
# A refresh rotates the token: it gets a session of its own.
include-operation-id = "refreshSession"
headers = {{ "X-Player-Token" = "{refresh_token}" }}
"""
    if family == "mts":
        return """
[checks]
# MTS answers a rejected report with HTTP 200 and a negative reply code, as
# the vendor's document does.
negative_data_rejection.enabled = false
[headers]
Authorization = "Bearer mts-demo-token"
"""
    tokens = []
    for _ in range(2):
        r = http.post(stack.url("/gateway/login/1.30.00/1/player"),
                      json={"user_name": "itamar1", "password": "Secret123"})
        assert r.status_code == 200, r.text
        tokens.append(r.json()["auth_token"])
    return f"""
[parameters]
"path.brandId" = "1"
[headers]
"x-auth-token" = "{tokens[0]}"
[[operations]]
# Logout revokes the token: it gets a session of its own.
include-operation-id = "logout"
headers = {{ "x-auth-token" = "{tokens[1]}" }}
"""


def _merge(base: str, extra: str) -> str:
    """One TOML text: the family's [checks] lines join the base section."""
    if "[checks]" in extra:
        head, _, rest = extra.partition("[checks]\n")
        checks, _, tail = rest.partition("\n[")
        base = base.replace("[checks]\n", "[checks]\n" + checks + "\n")
        extra = head + ("[" + tail if tail else "")
    return base + extra


@pytest.fixture(scope="module")
def live(request, tmp_path_factory):
    """A stack of its own: the runs write (sessions rotate, players change)."""
    tmp = tmp_path_factory.mktemp("openapi")
    if os.environ.get("PITBOSS_ST_BACKEND") == "postgresql":
        url = request.getfixturevalue("postgres").create()
    else:
        url = f"sqlite:///{tmp / 'pitboss.db'}"
    s = start_stack(tmp, url)
    yield s
    assert stop_stack(s) == 0, s.log_text()[-4000:]


def test_envoy_serves_each_openapi_file(live, http):
    for family in FAMILIES:
        r = http.get(live.url(f"/openapi/{family}.json"))
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/json"
        # The file as committed, but for its servers: the stack's own public URL (PITBOSS_PUBLIC_URL).
        served, committed = r.json(), json.loads((OPENAPI_DIR / f"{family}.json").read_text())
        assert served.pop("servers")[0]["url"] == live.http and "servers" in committed
        committed.pop("servers")
        assert served == committed
    r = http.get(live.url("/openapi/nothing.json"))
    assert r.status_code == 404


@pytest.mark.parametrize("family", FAMILIES)
def test_schemathesis_finds_no_failure(live, http, family, tmp_path):
    config = tmp_path / "schemathesis.toml"
    config.write_text(_merge(SCHEMATHESIS_BASE, _family_config(family, live, http)))
    st = os.path.join(os.path.dirname(sys.executable), "st")
    cmd = [st, "--config-file", str(config), "--no-color", "run", live.url(f"/openapi/{family}.json"),
           "--url", live.http, "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES[family] * SCALE)]
    text = config.read_text()
    env = {**os.environ, "PITBOSS_ST_CHECK_REJECTION": "0" if "negative_data_rejection.enabled = false" in text else "1"}
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240 * SCALE)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-12000:]
    assert "No issues found" in out or " passed" in out, out[-4000:]


# ------------------------------------------------------------ Envoy's own answers

MALFORMED = [
    ("vip", "/api/patronsession/existing", "post", {"Authorization": "Bearer x"}),
    ("pam", "/players/{playerId}/transactions", "post", {}),
    ("mts", "/mts/v3/casino-sessions-inform", "post", {}),
    ("gateway", "/gateway/reg-step-one/{version}/{brandId}", "post", {}),
]


def _concrete(path: str) -> str:
    return (path.replace("{playerId}", "p1").replace("{version}", "1.30.00").replace("{brandId}", "1"))


@pytest.mark.parametrize("family,path,method,headers", MALFORMED)
def test_envoy_answers_are_documented(live, http, family, path, method, headers):
    doc = spec(family)
    url = live.url(_concrete(path)) + ("?provider=evolution" if family == "pam" else "")
    r = http.request(method, url, data=b"{not json", headers={"Content-Type": "application/json", **headers})
    assert r.status_code == 400
    assert response_errors(doc, path, method, r.status_code, r.json()) == []
    big = b'{"x": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    r = http.request(method, url, data=big, headers={"Content-Type": "application/json", **headers})
    assert r.status_code == 413
    assert response_errors(doc, path, method, r.status_code, r.json()) == []


def test_documented_answer_check_can_fail():
    """The validator used above refuses an answer that is not documented."""
    doc = spec("pam")
    path = "/players/{playerId}/transactions"
    assert response_errors(doc, path, "post", 413, {"status": "OK"})
    assert response_errors(doc, path, "post", 418, {})
    assert response_errors(doc, path, "post", 413, json.loads(
        '{"status": "ERROR", "error": {"code": "PAM_ERR_UNDEFINED", "message": "too large"}}')) == []
