"""The MTS WebSocket binding, one message at a time: the handshake's bearer
token decides the operator; each text message is a request envelope that goes
through the same intake as the HTTP binding (``server.domain.mts.intake``)
and is answered with the reply envelope as a text message.

Plain synchronous functions (they touch the database); ``server.process.mts_ws_server`` runs
them on worker threads, off the event loop.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from server import logs
from server.api.context import bearer
from server.api.mts import intake
from server.api.mts_reply import reply_json
from server.api.unit import Units
from server.domain.clock import SYSTEM, Clock, epoch_ms
from server.domain.mts import errors as mts_errors
from server.domain.mts.envelope import correlation_id_of
from server.domain.mts.intake import WS_MAX_MESSAGE_BYTES
from server.storage.repositories.mts import MtsRepository

log = logging.getLogger("pitboss.mts_ws")

METHOD = "mts.ws/casino-sessions-inform"


def authenticate(db, authorization: str | None, clock: Clock = SYSTEM) -> int | None:
    """The operator of the handshake's ``Authorization: Bearer`` token (an
    access token from the token endpoint, or the operator's own token)."""
    token = bearer({"authorization": authorization or ""})
    if token is None:
        return None
    with db.session() as s:
        op = MtsRepository(s).operator_by_token(token, clock.now())
    return op.id if op is not None else None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


@dataclass(frozen=True)
class Answer:
    """The reply text and what the log line says about it."""

    text: str
    correlation_id: str
    type: str
    code: int


def _render(cid: str, type_: str, code: int, message: str, timestamp_ms: int) -> Answer:
    body = reply_json(cid, timestamp_ms, type_, code, message)
    return Answer(json.dumps(body, ensure_ascii=False, separators=(",", ":")), cid, type_, code)


class MessageHandler:
    def __init__(self, db, clock: Clock = SYSTEM) -> None:
        self.units = Units(db, MtsRepository)
        self.clock = clock

    def answer(self, message: str | bytes, operator_id: int) -> Answer:
        """The reply to one message; never raises."""
        start = time.perf_counter()
        a = self._answer(message, operator_id)
        log.info("ws message", extra={"fields": {
            "method": METHOD, "operator_id": operator_id, "correlation_id": a.correlation_id or "-",
            "reply": a.type, "code": a.code, "duration_ms": round((time.perf_counter() - start) * 1000, 2)}})
        return a

    def _answer(self, message: str | bytes, operator_id: int) -> Answer:
        now = epoch_ms(self.clock)
        if isinstance(message, bytes):
            return _render("", mts_errors.ERROR_REPLY_TYPE, mts_errors.ERR_MALFORMED,
                           "Malformed message: binary messages are not accepted, send the envelope as text", now)
        size = len(message.encode("utf-8"))
        try:
            envelope = json.loads(message, parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            return _render("", mts_errors.ERROR_REPLY_TYPE, mts_errors.ERR_MALFORMED,
                           "Malformed message: the message must be a JSON object", now)
        try:
            r = intake(self.units, envelope, operator_id, now, size, WS_MAX_MESSAGE_BYTES)
            return _render(r.correlation_id, r.type, r.code, r.message, r.timestamp_ms)
        except mts_errors.MtsRejected as e:
            return _render(e.correlation_id, mts_errors.REPLY_TYPE, e.mts_code, e.message, now)
        except mts_errors.MtsErrorReply as e:
            return _render(e.correlation_id, mts_errors.ERROR_REPLY_TYPE, e.mts_code, e.message, now)
        except Exception as exc:  # noqa: BLE001 - answered as an error-reply
            logs.crash(log, "casino-sessions-inform failed", exc, method=METHOD)
            return _render(correlation_id_of(envelope), mts_errors.ERROR_REPLY_TYPE, mts_errors.ERR_INTERNAL, "Internal error", now)
