"""Casino-sessions reports over gRPC: the typed reply, honest status codes,
and the internal query (filters, paging). In process (the generated stubs
over tests/integration/servicer_support.InProcessChannel: the server's own servicers and
pipeline, SQLite, no network): the network adds nothing to these cases."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import struct_pb2, timestamp_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
from tests.support.mts_helpers import TOKEN, envelope, set_path, reports_stub
from tests.integration.servicer_support import InProcessChannel, demo_app


@pytest.fixture(scope="module")
def channel(tmp_path_factory):
    app = demo_app(tmp_path_factory, demo=True)  # demo: the demo MtsReportsService client, as the stack's
    with InProcessChannel(app) as ch:
        yield ch
    app.db.dispose()


def inform(channel, env: dict, token: str | None = TOKEN):
    s = struct_pb2.Struct()
    s.update(env)
    md = [] if token is None else [("authorization", f"Bearer {token}")]
    return mts_pb2_grpc.MtsServiceStub(channel).CasinoSessionsInform(
        mts_pb2.CasinoSessionsInformRequest(envelope=s), metadata=md, timeout=10)


def details(err: grpc.RpcError) -> dict:
    out = {}
    for d in rpc_status.from_call(err).details:
        for cls in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest, mts_pb2.CasinoSessionsInformResponse):
            if d.Is(cls.DESCRIPTOR):
                m = cls()
                d.Unpack(m)
                out[cls.DESCRIPTOR.name] = m
    return out


def ts(ms: int) -> timestamp_pb2.Timestamp:
    return timestamp_pb2.Timestamp(seconds=ms // 1000, nanos=(ms % 1000) * 1_000_000)


def test_typed_reply(channel):
    env = envelope()
    resp = inform(channel, env)
    assert resp.correlation_id == env["correlationId"]
    assert resp.timestamp_utc > 1_700_000_000_000
    assert (resp.operation, resp.version) == ("casino-sessions-inform", "3.0")
    assert (resp.content.type, resp.content.code, resp.content.message) == (
        "casino-sessions-inform-reply", 0, "Transaction processed")


def test_largest_timestamp_is_accepted(channel):
    env = envelope()
    env["timestampUtc"] = 9223372036854775807
    assert inform(channel, env).content.code == 0


def test_rejection_is_invalid_argument_with_every_violation(channel):
    env = envelope()
    set_path(env, "content.sessions.0.stake.0.amount", 10.5)
    set_path(env, "content.context.endCustomer.id", "x" * 40)
    with pytest.raises(grpc.RpcError) as e:
        inform(channel, env)
    assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    d = details(e.value)
    reply = d["CasinoSessionsInformResponse"]
    assert (reply.content.type, reply.content.code) == ("casino-sessions-inform-reply", -101)
    assert reply.correlation_id == env["correlationId"]
    fields = {(v.field, v.reason) for v in d["BadRequest"].field_violations}
    assert fields == {("content.sessions[0].stake[0].amount", "-101"), ("content.context.endCustomer.id", "-106")}


@pytest.mark.parametrize(
    ("token", "change", "status", "code"),
    [
        (None, None, grpc.StatusCode.UNAUTHENTICATED, 100),
        (TOKEN, ("operatorId", 7), grpc.StatusCode.PERMISSION_DENIED, 100),
        (TOKEN, ("version", "2.0"), grpc.StatusCode.INVALID_ARGUMENT, 102),
    ],
)
def test_error_reply_statuses(channel, token, change, status, code):
    env = envelope()
    if change:
        set_path(env, *change)
    with pytest.raises(grpc.RpcError) as e:
        inform(channel, env, token=token)
    assert e.value.code() == status
    reply = details(e.value)["CasinoSessionsInformResponse"]
    assert (reply.content.type, reply.content.code, reply.correlation_id) == ("error-reply", code, env["correlationId"])


def test_size_limit_applies_to_grpc_callers(channel):
    env = envelope()
    env["content"]["padding"] = "x" * (128 * 1024)
    with pytest.raises(grpc.RpcError) as e:
        inform(channel, env)
    assert e.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert details(e.value)["CasinoSessionsInformResponse"].content.code == 104


# ---------------------------------------------------------------- the query

def _session(i: int, start: int) -> dict:
    return {
        "id": f"q-{i}", "game": {"provider": "redtiger", "id": f"g{i}"},
        "stake": [{"type": "cash", "mode": "total", "amount": f"{i}.10", "currency": "EUR"}],
        "spins": [{"type": "ordinary", "count": i, "winningCount": 0}],
        "payout": [], "startUtc": start, "endUtc": start + 60_000,
    }


def test_query_by_end_customer_and_time_range_paged(channel):
    import secrets

    customer = "cust-" + secrets.token_hex(6)
    base = 1_800_000_000_000
    env = envelope()
    env["content"]["sessions"] = [_session(i, base + i * 3_600_000) for i in range(7)]
    env["content"]["context"]["endCustomer"]["id"] = customer
    assert inform(channel, env).content.code == 0
    other = envelope()
    other["content"]["sessions"] = [_session(99, base)]
    assert inform(channel, other).content.code == 0  # another customer

    stub = reports_stub(channel)
    # Sessions overlapping [base + 1h, base + 5h): q-1 .. q-4 (q-0 ends at base + 1 min).
    req = mts_pb2.ListCasinoSessionsRequest(
        operator_id=1, end_customer_id=customer, start_time=ts(base + 3_600_000),
        end_time=ts(base + 5 * 3_600_000), page_size=3)
    first = stub.ListCasinoSessions(req)
    assert [s.session_id for s in first.sessions] == ["q-1", "q-2", "q-3"]
    assert first.next_page_token
    req.page_token = first.next_page_token
    second = stub.ListCasinoSessions(req)
    assert [s.session_id for s in second.sessions] == ["q-4"] and second.next_page_token == ""
    s = first.sessions[0]
    assert (s.end_customer_id, s.correlation_id, s.game.provider, s.game.id) == (
        customer, env["correlationId"], "redtiger", "g1")
    assert [(x.type, x.mode, x.amount, x.currency) for x in s.stakes] == [("cash", "total", "1.10", "EUR")]
    assert s.start_time.ToMilliseconds() == base + 3_600_000

    everything = stub.ListCasinoSessions(mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=customer))
    assert len(everything.sessions) == 7 and everything.next_page_token == ""
    with pytest.raises(grpc.RpcError) as e:  # the client may read operator 1 only
        stub.ListCasinoSessions(mts_pb2.ListCasinoSessionsRequest(operator_id=2))
    assert e.value.code() == grpc.StatusCode.PERMISSION_DENIED

    # A token only fits the filters it was made for.
    with pytest.raises(grpc.RpcError) as e:
        stub.ListCasinoSessions(mts_pb2.ListCasinoSessionsRequest(
            operator_id=1, end_customer_id="someone-else", page_token=first.next_page_token))
    assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    for bad in (mts_pb2.ListCasinoSessionsRequest(operator_id=1, page_token="garbage"),
                mts_pb2.ListCasinoSessionsRequest(operator_id=0),
                mts_pb2.ListCasinoSessionsRequest(operator_id=1, page_size=-1)):
        with pytest.raises(grpc.RpcError) as e:
            stub.ListCasinoSessions(bad)
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
