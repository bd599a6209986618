"""MTS reply envelopes, as JSON and as the typed message: what the servicer
answers and what the MTS error table (``server.api.errors.mts``) renders.

The JSON is rendered here and handed to the edge, because the document shows
``timestampUtc`` as a JSON integer and the transcoder prints an int64 as a
quoted string. gRPC callers get the typed ``CasinoSessionsInformResponse``.
"""

from __future__ import annotations

from pitboss.mts.v1 import mts_pb2
from server.domain.mts import errors as mts_errors


def reply_json(correlation_id: str, timestamp_ms: int, type_: str, code: int, message: str) -> dict:
    """The documented reply envelope (seeds/003), timestampUtc a JSON integer."""
    return {
        "content": {"type": type_, "code": code, "message": message},
        "correlationId": correlation_id,
        "timestampUtc": timestamp_ms,
        "operation": mts_errors.OPERATION,
        "version": mts_errors.VERSION,
    }


def reply_message(correlation_id: str, timestamp_ms: int, type_: str, code: int, message: str):
    return mts_pb2.CasinoSessionsInformResponse(
        correlation_id=correlation_id, timestamp_utc=timestamp_ms, operation=mts_errors.OPERATION, version=mts_errors.VERSION,
        content=mts_pb2.ReplyContent(type=type_, code=code, message=message),
    )
