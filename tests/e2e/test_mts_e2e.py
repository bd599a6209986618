"""Casino-sessions reports through the real Envoy to the real server."""

from __future__ import annotations

import json
import time

import pytest

from tests.support.mts_helpers import DELETE, PATH, envelope, post, set_path, reports_stub

REPLY_KEYS = {"content", "correlationId", "timestampUtc", "operation", "version"}


def assert_clean_headers(r):
    for h in r.headers:
        assert not h.lower().startswith(("grpc-", "x-pitboss-")), f"leaked header {h}"


def assert_envelope(body: dict, correlation_id: str, type_: str, code: int):
    assert set(body) == REPLY_KEYS
    assert body["correlationId"] == correlation_id
    assert type(body["timestampUtc"]) is int and body["timestampUtc"] >= 1
    assert body["operation"] == "casino-sessions-inform" and body["version"] == "3.0"
    assert set(body["content"]) == {"type", "code", "message"}
    assert body["content"]["type"] == type_
    assert type(body["content"]["code"]) is int and body["content"]["code"] == code
    assert 1 <= len(body["content"]["message"]) <= 128


@pytest.mark.e2e
def test_seed_reply_shape(stack, http):
    env = envelope()
    before = int(time.time() * 1000)
    r = post(stack, http, env)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert_clean_headers(r)
    body = r.json()
    assert_envelope(body, env["correlationId"], "casino-sessions-inform-reply", 0)
    assert body["content"]["message"] == "Transaction processed"
    # timestampUtc is a JSON integer (not a quoted string): the reply's time.
    assert f'"timestampUtc":{body["timestampUtc"]}' in r.text
    assert before - 5000 <= body["timestampUtc"] <= int(time.time() * 1000) + 5000


# ---------------------------------------------------------------- validation codes

CASES = [
    # (path, value, code, field named in the message)
    ("correlationId", DELETE, -100, "correlationId"),
    ("timestampUtc", DELETE, -100, "timestampUtc"),
    ("content.sessions.0.stake.1.amount", DELETE, -100, "content.sessions[0].stake[1].amount"),
    ("content.sessions.0.id", "", -100, "content.sessions[0].id"),
    ("content.sessions", [], -100, "content.sessions"),
    ("content.context.endCustomer", DELETE, -100, "content.context.endCustomer"),
    ("content.sessions.0.stake.1.amount", 0.2, -101, "content.sessions[0].stake[1].amount"),
    ("timestampUtc", "1703852996000", -101, "timestampUtc"),
    ("content.sessions.0.game", "evolution", -101, "content.sessions[0].game"),
    ("operatorId", "1", -101, "operatorId"),
    ("content.reportId", 42, -102, "content.reportId"),
    ("content.context.walletId", ["w"], -102, "content.context.walletId"),
    ("content.context.endCustomer.confidence", True, -102, "content.context.endCustomer.confidence"),
    ("content.context.endCustomer.confidence", "high", -103, "content.context.endCustomer.confidence"),
    ("content.sessions.0.spins.0.count", 1.5, -103, "content.sessions[0].spins[0].count"),
    ("content.sessions.0.payout.0.amount", "7,25", -103, "content.sessions[0].payout[0].amount"),
    ("content.sessions.0.stake.0.amount", "1.0000001", -103, "content.sessions[0].stake[0].amount"),
    ("content.sessions.0.startUtc", 0, -104, "content.sessions[0].startUtc"),
    ("content.sessions.0.endUtc", 1703849999999, -104, "content.sessions[0].endUtc"),
    ("content.sessions.0.startUtc", 1703850000000.5, -104, "content.sessions[0].startUtc"),
    ("content.context.endCustomer.id", "x" * 37, -106, "content.context.endCustomer.id"),
    ("content.context.channel.terminalId", "t" * 37, -106, "content.context.channel.terminalId"),
    ("content.context.channel.type", "web", -106, "content.context.channel.type"),
    ("content.sessions.0.stake.0.type", "gift", -107, "content.sessions[0].stake[0].type"),
    ("content.sessions.0.stake.0.amount", "-1.00", -107, "content.sessions[0].stake[0].amount"),
    ("content.sessions.0.spins.0.winningCount", 13, -107, "content.sessions[0].spins[0].winningCount"),
    ("content.sessions.0.payout.0.source", "lottery", -107, "content.sessions[0].payout[0].source"),
    ("content.reportId", "r" * 129, -107, "content.reportId"),
    ("timestampUtc", 0, -107, "timestampUtc"),
    ("content.sessions.0.stake.0.currency", "usd", -107, "content.sessions[0].stake[0].currency"),
    # Fields as the vendor's SDKs type them (docs/mts.md, "The vendor SDK's model").
    ("content.sessions.0.spins.0.winningCount", "3", -102, "content.sessions[0].spins[0].winningCount"),
    ("content.context.endCustomer.confidence", "-1.0", -107, "content.context.endCustomer.confidence"),
    ("content.context.channel.location", 5, -102, "content.context.channel.location"),
    ("content.context.channel.location", {"type": "geo", "longitude": 1}, -100,
     "content.context.channel.location.latitude"),
    ("content.context.channel.location", {"type": "geo", "latitude": "1", "longitude": 1}, -101,
     "content.context.channel.location.latitude"),
    ("content.context.channel.location", {"type": "geo", "latitude": 91, "longitude": 1}, -107,
     "content.context.channel.location.latitude"),
    ("content.context.channel.location", {"type": "postal", "latitude": 1, "longitude": 1}, -107,
     "content.context.channel.location.type"),
    ("content.sessions.0.payout.0.source", 7, -102, "content.sessions[0].payout[0].source"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("path", "value", "code", "field"), CASES, ids=[f"{c[2]}-{c[0]}" for c in CASES])
def test_validation_codes(stack, http, path, value, code, field):
    env = set_path(envelope(), path, value)
    r = post(stack, http, env)
    assert r.status_code == 200, r.text
    assert_clean_headers(r)
    body = r.json()
    expected_cid = "" if path == "correlationId" else env["correlationId"]
    assert_envelope(body, expected_cid, "casino-sessions-inform-reply", code)
    assert field in body["content"]["message"]
    # A rejected report is not stored: once fixed, the same correlationId is accepted.
    if path != "correlationId":
        fixed = envelope(env["correlationId"])
        assert post(stack, http, fixed).json()["content"]["code"] == 0


@pytest.mark.e2e
def test_first_violation_in_document_order_is_answered(stack, http):
    env = envelope()
    set_path(env, "content.sessions.0.stake.0.amount", "abc")  # -103
    set_path(env, "content.context.channel.type", "web")  # -106, later in the document
    body = post(stack, http, env).json()
    assert body["content"]["code"] == -103


# ---------------------------------------------------------------- error-reply

@pytest.mark.e2e
@pytest.mark.parametrize(
    ("token", "change", "status", "code"),
    [
        (None, None, 401, 100),
        ("wrong-token", None, 401, 100),
        ("mts-demo-token", ("operatorId", 2), 403, 100),
        ("mts-demo-token", ("operation", "ticket-placement"), 400, 101),
        ("mts-demo-token", ("operation", DELETE), 400, 101),
        ("mts-demo-token", ("version", "2.4"), 400, 102),
        ("mts-demo-token", ("content", DELETE), 400, 103),
        ("mts-demo-token", ("content", "sessions"), 400, 103),
    ],
    ids=["no-token", "bad-token", "other-operator", "operation", "no-operation", "version", "no-content",
         "content-not-object"],
)
def test_error_reply(stack, http, token, change, status, code):
    env = envelope()
    if change:
        set_path(env, *change)
    r = post(stack, http, env, token=token)
    assert r.status_code == status, r.text
    assert_clean_headers(r)
    assert_envelope(r.json(), env["correlationId"], "error-reply", code)


@pytest.mark.e2e
@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"'])
def test_malformed_body_is_an_error_reply(stack, http, raw):
    r = post(stack, http, None, raw=raw)
    assert r.status_code == 400
    assert_envelope(r.json(), "", "error-reply", 105)


@pytest.mark.e2e
def test_unknown_mts_path_is_an_error_reply(stack, http):
    r = http.post(stack.url("/mts/v3/ticket-placement"), data="{}", headers={"Authorization": "Bearer mts-demo-token"})
    assert r.status_code == 404
    assert_envelope(r.json(), "", "error-reply", 101)


@pytest.mark.e2e
def test_internal_query_service_is_not_served_at_the_edge(stack):
    import grpc

    from pitboss.mts.v1 import mts_pb2

    request = mts_pb2.ListCasinoSessionsRequest(operator_id=1)
    with grpc.insecure_channel(stack.grpc) as ch:  # served on the gRPC port
        reports_stub(ch).ListCasinoSessions(request, timeout=10)
    with grpc.insecure_channel(stack.http.removeprefix("http://")) as ch:  # not through Envoy
        with pytest.raises(grpc.RpcError):
            reports_stub(ch).ListCasinoSessions(request, timeout=10)


# ---------------------------------------------------------------- size limit

def padded(size: int) -> str:
    """A valid envelope serialised to exactly ``size`` bytes (padding is an
    unknown key, which the intake ignores)."""
    env = envelope()
    env["content"]["padding"] = ""
    base = len(json.dumps(env, separators=(",", ":")))
    env["content"]["padding"] = "x" * (size - base)
    text = json.dumps(env, separators=(",", ":"))
    assert len(text) == size
    return text


@pytest.mark.e2e
def test_message_of_exactly_128_kib_is_accepted(stack, http):
    r = post(stack, http, None, raw=padded(128 * 1024))
    assert r.status_code == 200 and r.json()["content"]["code"] == 0


@pytest.mark.e2e
def test_message_over_128_kib_is_refused(stack, http):
    raw = padded(128 * 1024 + 1)
    r = post(stack, http, None, raw=raw)
    assert r.status_code == 413
    assert_clean_headers(r)
    assert_envelope(r.json(), "", "error-reply", 104)
    # Not stored: the same correlationId is still new.
    cid = json.loads(raw)["correlationId"]
    assert post(stack, http, envelope(cid)).json()["content"]["code"] == 0


# ---------------------------------------------------------------- replay

@pytest.mark.e2e
def test_replay_answers_the_first_reply(stack, http):
    env = envelope()
    first = post(stack, http, env).json()
    time.sleep(0.01)
    again = post(stack, http, env).json()
    assert again == first  # the same timestampUtc too: the first reply, replayed
    changed = envelope(env["correlationId"], reportId="other")
    assert post(stack, http, changed).json() == first


@pytest.mark.e2e
def test_http_path_is_exact(stack, http):
    assert PATH == "/mts/v3/casino-sessions-inform"


@pytest.mark.e2e
def test_report_as_the_vendor_sdk_serializes_it(stack, http):
    """Decimals as strings ("1.0", "10.5", trailing zeros past six places), no
    winningCount, a cash payout without source, a geo location object."""
    import grpc

    from pitboss.mts.v1 import mts_pb2
    from tests.e2e.mts_ws_support import sdk_envelope

    env = sdk_envelope()
    env["content"]["sessions"][0]["stake"][0]["amount"] = "10.50000000"
    r = post(stack, http, env)
    assert r.status_code == 200 and r.json()["content"]["code"] == 0, r.text
    for confidence in (10000, 0.75, "0.12345678"):  # numbers too, as the HTTP binding always took
        e = sdk_envelope()
        e["content"]["context"]["endCustomer"]["confidence"] = confidence
        assert post(stack, http, e).json()["content"]["code"] == 0
    customer = env["content"]["context"]["endCustomer"]["id"]
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=customer))
    s = got.sessions[0]
    assert [(x.count, x.winning_count, x.has_winning_count) for x in s.spins] == [(12, 0, False), (5, 1, True)]
    assert (s.payouts[0].source, s.stakes[0].amount, s.channel_type) == ("", "10.500000", "retail")
