"""Every list a caller sends is capped, and so is every answer about one
(issue 19): over-cap lists through the real Envoy answer each family's
documented validation error, with counts, and an answer naming failing fields
never outgrows Envoy's header limits (the body and the typed details travel
in response headers from the server to Envoy)."""

from __future__ import annotations

import json

import pytest

from server.domain.errors import MAX_VIOLATIONS
from tests.e2e.gateway_support import V, gw, smtp  # noqa: F401  (fixtures)
from tests.support.mts_helpers import envelope, post
from tests.support.pam_support import API_TOKEN, new_player

pytestmark = pytest.mark.e2e


def test_a_422_lists_at_most_the_cap_of_failing_fields_through_envoy(gw):
    """5,000 unknown limit keys: one 422 naming the cap (before: one entry per
    key; from about 300 keys the answer outgrew Envoy's 60 KiB header limit
    and the caller got 502/503 {"result": "internal server error"})."""
    token = gw.token("itamar1")
    keys = {f"unknown_key_{i:05d}": 1 for i in range(5000)}
    r = gw.call("PUT", f"/gateway/responsible-gaming/{V}/1/limits", token=token, body=keys)
    assert r.status_code == 422, (r.status_code, r.text[:300])
    assert r.json() == {"result": [{"field": "limits", "errorCode": "too_many_keys"}]}
    r = gw.call("PUT", f"/gateway/responsible-gaming/{V}/1/limits", token=token,
                body={"deposit": {f"p{i}": 1 for i in range(17)}})
    assert r.status_code == 422 and r.json() == {"result": [{"field": "deposit", "errorCode": "too_many_keys"}]}


def test_custom_fields_over_the_cap_answer_422_and_change_nothing(gw):
    token = gw.token("itamar1")
    path = f"/gateway/player-personal-details/{V}/custom-fields/1"
    before = gw.call("GET", path, token=token).json()
    many = [{"id": f"f{i}", "name": "n", "value": "v"} for i in range(51)]
    r = gw.call("PUT", path, token=token, body={"strCustomFields": many, "intCustomFields": []})
    assert r.status_code == 422
    assert r.json() == {"result": [{"field": "strCustomFields", "errorCode": "too_many_custom_fields"}]}
    assert gw.call("GET", path, token=token).json() == before
    ok = [{"id": f"f{i}", "name": "n", "value": i} for i in range(50)]
    assert gw.call("PUT", path, token=token, body={"strCustomFields": [], "intCustomFields": ok}).status_code == 200
    assert len(gw.call("GET", path, token=token).json()["intCustomFields"]) >= 50


def test_an_mts_report_with_hundreds_of_violations_answers_its_reply_through_envoy(stack, http):
    """600 sessions, each with a number where a decimal string belongs and a
    lower-case currency: the reply names the first (HTTP 200, code -101);
    the gRPC details behind it list at most the cap (before: 1,200 entries,
    more than Envoy takes in headers, and the caller got a 5xx)."""
    env = envelope()
    stake = {"type": "cash", "mode": "total", "amount": 1, "currency": "usd"}
    env["content"]["sessions"] = [
        {"id": f"s{i}", "game": {"provider": "p", "id": "g"}, "stake": [stake], "spins": [], "payout": [],
         "startUtc": 1703850000000, "endUtc": 1703850000000} for i in range(600)]
    raw = json.dumps(env, separators=(",", ":"))
    assert len(raw) < 128 * 1024
    r = post(stack, http, None, raw=raw)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    body = r.json()
    assert body["content"]["code"] == -101
    assert body["content"]["message"].startswith("Invalid value in field content.sessions[0].stake[0].amount")


def test_an_mts_report_over_the_session_cap_is_refused_whole(stack, http):
    env = envelope()
    one = {"id": "s", "game": {"provider": "p", "id": "g"}, "stake": [], "spins": [], "payout": [],
           "startUtc": 1703850000000, "endUtc": 1703850000000}
    env["content"]["sessions"] = [{**one, "id": f"s{i}"} for i in range(1001)]
    r = post(stack, http, None, raw=json.dumps(env, separators=(",", ":")))
    assert r.status_code == 200
    assert r.json()["content"] == {"type": "casino-sessions-inform-reply", "code": -107, "message":
                                   "Value in field content.sessions is out of allowed range (at most 1000 items)"}


@pytest.mark.parametrize("key,count", [("promos", 51), ("jackpots", 51), ("roundTransactions", 501)])
def test_pam_lists_over_their_cap_answer_400(stack, http, key, count):
    pid, token = new_player(stack.database_url, cash="100")
    item = {"promos": {"promoType": "FREESPIN"}, "jackpots": {"jackpotId": "j"},
            "roundTransactions": {"transactionType": "WITHDRAW"}}[key]
    body = {"currency": "USD", "provider": "evolution", "transactionType": "WITHDRAW", "cashAmount": 1,
            "bonusAmount": 0, "promoAmount": 0, "transactionDateTime": "2026-11-22T20:00:00Z",
            "providerTransactionId": f"cap-{key}", "providerGameId": "ecf559b11f0", "providerRoundId": "r-cap",
            key: [item] * count}
    r = http.post(stack.url(f"/players/{pid}/transactions?provider=evolution"), data=json.dumps(body), headers={
        "Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "cap",
        "Content-Type": "application/json"})
    assert r.status_code == 400, r.text[:300]
    err = r.json()["error"]
    assert err["code"] == "PAM_ERR_UNDEFINED" and key in err["message"]
    body[key] = [item] * (count - 1)
    r = http.post(stack.url(f"/players/{pid}/transactions?provider=evolution"), data=json.dumps(body), headers={
        "Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "cap",
        "Content-Type": "application/json"})
    assert r.status_code == 200 and r.json()["status"] == "OK", r.text[:300]


def test_the_violation_cap_is_what_the_openapi_files_say():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "docs" / "openapi"
    gateway = json.loads((root / "gateway.json").read_text())
    assert gateway["components"]["schemas"]["FieldErrors"]["properties"]["result"]["maxItems"] == MAX_VIOLATIONS
