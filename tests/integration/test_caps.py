"""The caps on what callers send and on what an answer lists (issue 19), as
fast unit and in-process tests: every family's validation answer stays
within a fixed header budget however many fields fail, each capped list
answers its family's validation error with the cap, and nothing is written.
The same answers through the real Envoy: tests/e2e/test_caps_e2e.py."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2

from pitboss.gateway.v1 import gateway_pb2 as gpb
from pitboss.pam.v1 import pam_pb2
from server.api.errors import render
from server.api.gateway import PlayerGatewayServicer
from server.api.pam import decode_tx
from server.domain import errors as domain_errors
from server.domain.mts import errors as mts_errors
from server.domain.mts.envelope import check_header, parse_report
from server.domain.pam import errors as pam_errors
from server.domain.pam.checks import check_tx
from server.domain.protection import errors as protection_errors
from server.domain.protection import rules, service
from tests.support.mts_helpers import envelope
from tests.integration.servicer_support import InProcess, demo_app

# Envoy refuses upstream response headers over 60 KiB (its default): every
# validation answer must stay under half of that, whatever the request.
HEADER_BUDGET = 30 * 1024


def _size(status: grpc.Status) -> int:
    """The answer's bytes on the wire: grpc-message, and the trailers (binary
    ones base64-encoded, as HTTP/2 carries them)."""
    md = status.trailing_metadata
    return len(status.details.encode()) + sum(len(k) + (len(v) * 4 + 2) // 3 if k.endswith("-bin") else len(k) + len(v)
                                              for k, v in md)


def _many(n: int, code: str = "invalid") -> list[domain_errors.FieldViolation]:
    return [domain_errors.FieldViolation("k" * 5000 + str(i), code, "m" * 5000) for i in range(n)]


@pytest.mark.parametrize("method,exc", [
    ("/pitboss.vip.v1.VipConnectService/LookupAccount", lambda vs: domain_errors.ValidationFailed(vs)),
    ("/pitboss.gateway.v1.PlayerGatewayService/SetLimits", lambda vs: protection_errors.ProtectionInvalid(vs)),
    ("/pitboss.gateway.v1.PlayerGatewayService/RegisterStepOne", lambda vs: domain_errors.ValidationFailed(vs)),
    ("/pitboss.pam.v1.PamService/AddTransaction", lambda vs: pam_errors.PamBadRequest(pam_errors.UNDEFINED, vs)),
    ("/pitboss.mts.v1.MtsService/CasinoSessionsInform", lambda vs: mts_errors.MtsRejected(vs, "c")),
    ("/pitboss.backoffice.v1.BackofficeService/PutCatalogueGame", lambda vs: domain_errors.ValidationFailed(vs)),
])
def test_every_family_answers_10000_failing_fields_within_the_header_budget(method, exc):
    """Before the cap such an answer carried every field (here ~100 MB); the
    edge refused anything over 60 KiB with a 5xx."""
    st = render(method, exc(_many(10_000, code="-101")))
    assert _size(st) < HEADER_BUDGET
    from google.rpc import status_pb2

    raw = dict(st.trailing_metadata)["grpc-status-details-bin"]
    listed = [d for d in status_pb2.Status.FromString(raw).details if d.Is(error_details_pb2.BadRequest.DESCRIPTOR)]
    bad = error_details_pb2.BadRequest()
    listed[0].Unpack(bad)
    assert 1 <= len(bad.field_violations) <= domain_errors.MAX_VIOLATIONS
    assert sum(len(v.field) + len(v.reason) + len(v.description) for v in bad.field_violations) <= domain_errors.VIOLATIONS_TEXT_MAX
    assert all(len(v.field) <= domain_errors.FIELD_MAX and len(v.description) <= domain_errors.MESSAGE_MAX for v in bad.field_violations)


@pytest.mark.parametrize("method,exc", [
    ("/pitboss.vip.v1.VipConnectService/LookupAccount", lambda vs: domain_errors.ValidationFailed(vs)),
    ("/pitboss.gateway.v1.PlayerGatewayService/RegisterStepOne", lambda vs: domain_errors.ValidationFailed(vs)),
    ("/pitboss.pam.v1.PamService/AddTransaction", lambda vs: pam_errors.PamBadRequest(pam_errors.UNDEFINED, vs)),
    ("/pitboss.mts.v1.MtsService/CasinoSessionsInform", lambda vs: mts_errors.MtsRejected(vs, "c")),
])
def test_many_short_failing_fields_are_capped_by_count_within_the_budget(method, exc):
    vs = [domain_errors.FieldViolation(f"content.sessions[{i}].stake[0].amount", "-101",
                           f"Invalid value in field content.sessions[{i}].stake[0].amount is not of expected type string")
          for i in range(10_000)]
    st = render(method, exc(vs))
    assert _size(st) < HEADER_BUDGET


def test_the_first_violations_are_kept_in_order_and_the_rest_counted():
    err = domain_errors.ValidationFailed([domain_errors.FieldViolation(f"f{i}", "c", "m") for i in range(60)])
    assert [v.field for v in err.violations] == [f"f{i}" for i in range(domain_errors.MAX_VIOLATIONS)]
    assert err.omitted == 60 - domain_errors.MAX_VIOLATIONS
    big = domain_errors.ValidationFailed([domain_errors.FieldViolation("f" * 200, "c", "m" * 500) for _ in range(60)])
    assert len(big.violations) < domain_errors.MAX_VIOLATIONS and big.omitted == 60 - len(big.violations)
    # a request of fixed fields has every failing field named (VIP's /new with nothing filled in: 26)
    vip = [domain_errors.FieldViolation(f"Field{i}", "required", f"Field{i}: 'Field {i}' must not be empty.") for i in range(30)]
    assert len(domain_errors.ValidationFailed(vip).violations) == 30


# ------------------------------------------------------------ limit keys


def test_limit_keys_are_capped():
    with pytest.raises(protection_errors.ProtectionInvalid) as e:
        rules.parse_limits({f"k{i}": 1 for i in range(10_000)})
    assert [(v.field, v.code) for v in e.value.violations] == [("limits", protection_errors.TOO_MANY_KEYS)]
    with pytest.raises(protection_errors.ProtectionInvalid) as e:
        rules.parse_limits({"wager": {f"p{i}": 1 for i in range(17)}})
    assert [(v.field, v.code) for v in e.value.violations] == [("wager", protection_errors.TOO_MANY_KEYS)]
    # a few mistakes are all named
    with pytest.raises(protection_errors.ProtectionInvalid) as e:
        rules.parse_limits({"wager": {"day": 1, "year": 2}, "colour": "red"})
    assert {(v.field, v.code) for v in e.value.violations} == {("wager.year", protection_errors.UNKNOWN_FIELD),
                                                                ("colour", protection_errors.UNKNOWN_FIELD)}
    # every known key at once is within the caps
    body = {"deposit": {"day": 1, "week": 2, "month": 3}, "loss": {"day": 1}, "wager": {"month": 5},
            "session_minutes": 60}
    assert len(rules.parse_limits(body)) == 6


def test_back_office_limit_changes_are_capped():
    many = [("wager", "day", "1", False)] * 11
    with pytest.raises(protection_errors.ProtectionInvalid) as e:
        service.limit_changes(many)
    assert [(v.field, v.code) for v in e.value.violations] == [("changes", protection_errors.TOO_MANY_KEYS)]
    assert service.limit_changes(many[:10]) == {"wager": {"day": "1"}}


# ------------------------------------------------------------ PAM lists


@pytest.mark.parametrize("key,field,cap", [("promos", "promos", 50), ("jackpots", "jackpots", 50),
                                           ("roundTransactions", "round_transactions", 500)])
def test_pam_lists_over_their_cap_are_a_bad_request(key, field, cap):
    def tx(n):
        m = pam_pb2.Transaction(currency="USD", provider="evolution", transaction_type="WITHDRAW", cash_amount=1,
                                bonus_amount=0, promo_amount=0, transaction_date_time="2026-11-22T20:00:00Z",
                                provider_transaction_id="t")
        for _ in range(n):
            getattr(m, field).add()
        return decode_tx(m)

    _, bad = check_tx(tx(cap + 1), "evolution")
    assert bad is not None and [v.field for v in bad.violations] == [key]
    assert tx(cap + 1).extras == {}  # an over-cap body is not even converted
    _, bad = check_tx(tx(cap), "evolution")
    assert bad is None


def test_pam_jackpot_buckets_are_capped_per_jackpot():
    m = pam_pb2.Transaction(currency="USD", provider="evolution", transaction_type="WITHDRAW", cash_amount=1,
                            bonus_amount=0, promo_amount=0, transaction_date_time="2026-11-22T20:00:00Z",
                            provider_transaction_id="t")
    j = m.jackpots.add()
    for _ in range(51):
        j.jackpot_buckets.add()
    _, bad = check_tx(decode_tx(m), "evolution")
    assert [v.field for v in bad.violations] == ["jackpotBuckets"]


# ------------------------------------------------------------ MTS lists


@pytest.mark.parametrize("path,count,cap", [("sessions", 1001, 1000), ("stake", 101, 100), ("spins", 101, 100),
                                            ("payout", 101, 100), ("rates", 101, 100)])
def test_mts_lists_over_their_cap_are_code_107(path, count, cap):
    env = envelope()
    s0 = env["content"]["sessions"][0]
    if path == "sessions":
        env["content"]["sessions"] = [{**s0, "id": f"s{i}"} for i in range(count)]
        where = "content.sessions"
    elif path == "rates":
        env["content"]["context"]["rates"] = env["content"]["context"]["rates"] * count
        where = "content.context.rates"
    else:
        s0[path] = [s0[path][0]] * count
        where = f"content.sessions[0].{path}"
    with pytest.raises(mts_errors.MtsRejected) as e:
        parse_report(env, check_header(env))
    assert e.value.mts_code == mts_errors.OUT_OF_RANGE
    assert e.value.message == f"Value in field {where} is out of allowed range (at most {cap} items)"


# ------------------------------------------------------------ custom fields

SERVICE = gpb.DESCRIPTOR.services_by_name["PlayerGatewayService"]


@pytest.fixture(scope="module")
def gw(tmp_path_factory):
    app = demo_app(tmp_path_factory)
    s = InProcess(app, PlayerGatewayServicer(app), SERVICE)
    yield s, app
    s.close()
    app.db.dispose()


def _token(s) -> str:
    a = s.call("Login", gpb.LoginRequest(version="1", brand_id="1", user_name="itamar1", password="Secret123"))
    return a.response.auth_token


def _count(app) -> int:
    from sqlalchemy import text

    with app.db.engine.connect() as c:
        return c.execute(text("SELECT COUNT(*) FROM gateway_custom_field")).scalar()


def test_custom_fields_per_request_and_per_player(gw):
    s, app = gw
    md = {"x-auth-token": _token(s)}
    before = _count(app)
    over = gpb.UpdateCustomFieldsRequest(version="1", brand_id="1", int_custom_fields=[
        gpb.IntCustomField(id=f"i{i}", value=i) for i in range(51)])
    a = s.call("UpdateCustomFields", over, md)
    assert a.code == grpc.StatusCode.INVALID_ARGUMENT and a.http_status == 422
    assert a.http_body == {"result": [{"field": "intCustomFields", "errorCode": "too_many_custom_fields"}]}
    assert _count(app) == before
    have = len(s.call("GetCustomFields", gpb.GetCustomFieldsRequest(version="1", brand_id="1"), md)
               .response.str_custom_fields)
    ids = [f"s{i // 50}-{i % 50}" for i in range(100 - have)]  # up to the player's cap of a kind
    for start in range(0, len(ids), 50):
        req = gpb.UpdateCustomFieldsRequest(version="1", brand_id="1", str_custom_fields=[
            gpb.StrCustomField(id=i, name="n", value="v") for i in ids[start:start + 50]])
        assert s.call("UpdateCustomFields", req, md).code == grpc.StatusCode.OK
    one_more = gpb.UpdateCustomFieldsRequest(version="1", brand_id="1", str_custom_fields=[
        gpb.StrCustomField(id="s-new", value="v")])
    a = s.call("UpdateCustomFields", one_more, md)
    assert a.http_status == 422
    assert a.http_body == {"result": [{"field": "strCustomFields", "errorCode": "custom_fields_full"}]}
    # updating the ones the player has is still allowed, and a repeated id is one field (the last wins)
    again = gpb.UpdateCustomFieldsRequest(version="1", brand_id="1", str_custom_fields=[
        gpb.StrCustomField(id="s0-1", value="first"), gpb.StrCustomField(id="s0-1", value="last")])
    assert s.call("UpdateCustomFields", again, md).code == grpc.StatusCode.OK
    got = s.call("GetCustomFields", gpb.GetCustomFieldsRequest(version="1", brand_id="1"), md).response
    assert len(got.str_custom_fields) == 100 and {f.value for f in got.str_custom_fields if f.id == "s0-1"} == {"last"}


# ------------------------------------------------------------ every repeated field of every request

# Every repeated field a caller can send (in an RPC's request message, at any
# depth), with its cap; a new one fails until it is capped and listed here.
REQUEST_LISTS = {
    "pitboss.gateway.v1.UpdateCustomFieldsRequest.str_custom_fields": 50,
    "pitboss.gateway.v1.UpdateCustomFieldsRequest.int_custom_fields": 50,
    "pitboss.pam.v1.Transaction.promos": 50,
    "pitboss.pam.v1.Transaction.jackpots": 50,
    "pitboss.pam.v1.Jackpot.jackpot_buckets": 50,
    "pitboss.pam.v1.Transaction.round_transactions": 500,
    "pitboss.backoffice.v1.SetPlayerLimitsRequest.changes": 10,
    "pitboss.backoffice.v1.CatalogueGame.restricted_countries": 250,
    "pitboss.backoffice.v1.ListSignificantEventsRequest.kinds": 16,
}
# Struct / Value bodies are capped by their parsers (limit keys, MTS lists); a
# google.api.HttpBody is a raw body (the size limit bounds it; its extensions
# are never read).
WELL_KNOWN = ("google.protobuf.", "google.api.")


def _request_lists() -> set[str]:
    import importlib

    found: set[str] = set()
    seen: set[str] = set()

    def walk(msg) -> None:
        if msg.full_name in seen or msg.full_name.startswith(WELL_KNOWN):
            return
        seen.add(msg.full_name)
        for f in msg.fields:
            if f.is_repeated and not (f.message_type and f.message_type.GetOptions().map_entry):
                found.add(f"{msg.full_name}.{f.name}")
            if f.message_type is not None:
                walk(f.message_type)

    for module in ("pitboss.gateway.v1.gateway_pb2", "pitboss.pam.v1.pam_pb2", "pitboss.mts.v1.mts_pb2",
                   "pitboss.vip.v1.vip_pb2", "pitboss.backoffice.v1.backoffice_pb2",
                   "pitboss.backoffice.v1.protection_pb2", "pitboss.backoffice.v1.reports_pb2",
                   "pitboss.ops.v1.ops_pb2"):
        for svc in importlib.import_module(module).DESCRIPTOR.services_by_name.values():
            for method in svc.methods:
                walk(method.input_type)
    return found


def test_every_repeated_field_a_caller_sends_has_a_cap():
    assert _request_lists() == set(REQUEST_LISTS)


def test_the_partner_caps_are_in_the_openapi_files():
    import json as _json

    from tests.support import ROOT

    def max_items(family: str, schema: str, key: str) -> int:
        doc = _json.loads((ROOT / "docs" / "openapi" / f"{family}.json").read_text())
        return doc["components"]["schemas"][schema]["properties"][key]["maxItems"]

    assert max_items("gateway", "UpdateCustomFieldsRequest", "strCustomFields") == 50
    assert max_items("gateway", "UpdateCustomFieldsRequest", "intCustomFields") == 50
    assert max_items("pam", "Transaction", "promos") == 50
    assert max_items("pam", "Transaction", "jackpots") == 50
    assert max_items("pam", "Transaction", "roundTransactions") == 500
    assert max_items("pam", "Jackpot", "jackpotBuckets") == 50
