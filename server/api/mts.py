"""Casino-sessions report servicers: decode, call the domain, encode.

A message goes through the intake in two units of work (``intake``, shared
with the WebSocket binding): checked and looked up in a read unit (a replay
answers the first reply), stored in a write unit. The reply envelope is
rendered by ``server.api.mts_reply`` (JSON for the edge, the typed
``CasinoSessionsInformResponse`` for gRPC callers).
"""

from __future__ import annotations

import json
import logging

from google.protobuf import json_format, timestamp_pb2

from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
from server import logs
from server.api import edge
from server.api.context import caller
from server.api.mts_reply import reply_json, reply_message
from server.api.unit import Units
from server.domain.clock import epoch_ms
from server.domain.errors import DomainError
from server.domain.mts import errors as mts_errors
from server.domain.mts.envelope import correlation_id_of
from server.domain.mts.intake import MAX_MESSAGE_BYTES, Reply, accept, receive
from server.domain.mts.query import SessionsPage, build_query, list_sessions

log = logging.getLogger("pitboss.mts")


def plain_json(value):
    """A Struct as the JSON the caller sent: Struct numbers are doubles, so
    integral ones become ints again (1703852996000.0 -> 1703852996000)."""
    if isinstance(value, dict):
        return {k: plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_json(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def message_size(envelope: dict) -> int:
    """The message's size as compact JSON (whitespace does not count)."""
    return len(json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode())


def intake(units: Units, envelope, operator_id: int | None, now: int, size_bytes: int,
           max_bytes: int = MAX_MESSAGE_BYTES) -> Reply:
    """One message through the intake: ``receive`` in a read unit, then, for a
    new report, ``accept`` in a write unit; ``now``: the reply's time (ms)."""
    got = units.read(lambda reports: receive(reports, envelope, operator_id, size_bytes, max_bytes))
    if isinstance(got, Reply):
        return got
    return units.write(lambda reports: accept(reports, got, now))


class MtsServicer(mts_pb2_grpc.MtsServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.mts

    def CasinoSessionsInform(self, request, context):
        envelope = plain_json(json_format.MessageToDict(request.envelope))
        try:
            reply = intake(self.units, envelope, caller(), epoch_ms(self.app.clock), message_size(envelope))
        except DomainError:
            raise
        except Exception as exc:  # noqa: BLE001 - answered as an error-reply
            logs.crash(log, "casino-sessions-inform failed", exc)
            raise mts_errors.MtsInternal(mts_errors.ERR_INTERNAL, "Internal error", correlation_id_of(envelope)) from None
        args = (reply.correlation_id, reply.timestamp_ms, reply.type, reply.code, reply.message)
        edge.answer(context, 200, reply_json(*args))
        return reply_message(*args)


def _ms(ts: timestamp_pb2.Timestamp) -> int:
    return ts.seconds * 1000 + ts.nanos // 1_000_000


def _ts(ms: int) -> timestamp_pb2.Timestamp:
    return timestamp_pb2.Timestamp(seconds=ms // 1000, nanos=(ms % 1000) * 1_000_000)


class MtsReportsServicer(mts_pb2_grpc.MtsReportsServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.mts

    def ListCasinoSessions(self, request, context):
        q = build_query(
            request.operator_id, request.end_customer_id,
            _ms(request.start_time) if request.HasField("start_time") else None,
            _ms(request.end_time) if request.HasField("end_time") else None,
            request.page_size, request.page_token,
        )
        allowed = caller().operators
        page = self.units.read(lambda repo: list_sessions(repo, allowed, q))
        return encode_sessions(page)


def encode_sessions(page: SessionsPage) -> mts_pb2.ListCasinoSessionsResponse:
    resp = mts_pb2.ListCasinoSessionsResponse(next_page_token=page.next_page_token)
    for sess in page.sessions:
        resp.sessions.add(
            operator_id=sess.operator_id, correlation_id=sess.correlation_id, report_id=sess.report_id,
            session_id=sess.session_id, end_customer_id=sess.end_customer_id, wallet_id=sess.wallet_id,
            channel_type=sess.channel_type, game=mts_pb2.Game(provider=sess.provider, id=sess.game_id),
            stakes=[mts_pb2.Stake(type=a["type"], mode=a["mode"], trace_id=a["traceId"], amount=a["amount"],
                                  currency=a["currency"]) for a in sess.stakes],
            spins=[mts_pb2.Spins(type=a["type"], count=a["count"], winning_count=a.get("winningCount") or 0,
                                 has_winning_count=a.get("winningCount") is not None) for a in sess.spins],
            payouts=[mts_pb2.Payout(type=a["type"], trace_id=a["traceId"], amount=a["amount"],
                                    currency=a["currency"], source=a["source"]) for a in sess.payouts],
            start_time=_ts(sess.start_ms), end_time=_ts(sess.end_ms),
            receive_time=timestamp_pb2.Timestamp(seconds=int(sess.received_at.timestamp())),
        )
    return resp
