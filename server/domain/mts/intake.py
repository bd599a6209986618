"""Receiving one casino-sessions-inform message: the order of the checks,
replay of the first reply, and storing the report whole.

Two steps, each in a unit of work of the caller (the HTTP and WebSocket
bindings, ``server.api.mts.intake``): ``receive`` checks the message and
looks for the reply already given to it (a read unit: a replay takes no
write lock); ``accept`` stores the new report with its reply (a write unit).
"""

from __future__ import annotations

from typing import Any

from server.domain.mts import errors as mts_errors
from server.domain.mts.envelope import Report, check_header, check_routing, correlation_id_of, parse_report
from server.domain.mts.ports import Reply, ReportStore

# The HTTP binding's limit (128 KiB); the WebSocket binding's is the vendor
# SDK's own maximum, 4 x 32,000 bytes (docs/mts.md).
MAX_MESSAGE_BYTES = 128 * 1024
WS_MAX_MESSAGE_BYTES = 128_000


def receive(reports: ReportStore, envelope: Any, operator_id: int | None, size_bytes: int,
            max_bytes: int = MAX_MESSAGE_BYTES) -> Reply | Report:
    """The reply already given to this message (a replay), or the checked
    report to store. ``operator_id``: the operator the bearer token belongs to
    (None: no valid token). ``size_bytes``: the message's size as JSON, at
    most ``max_bytes``."""
    cid = correlation_id_of(envelope)
    if size_bytes > max_bytes:
        raise mts_errors.MtsTooLarge(mts_errors.ERR_TOO_LARGE, f"Message too large: over {max_bytes} bytes", cid)
    if operator_id is None:
        raise mts_errors.MtsUnauthorized(mts_errors.ERR_AUTHORISATION, "Authorisation failed: missing or invalid bearer token", cid)
    check_routing(envelope, cid)
    header = check_header(envelope)
    if header.operator_id != operator_id:
        raise mts_errors.MtsForbidden(mts_errors.ERR_AUTHORISATION, "Authorisation failed: operatorId is not the token's operator", cid)
    prior = reports.reply_for(operator_id, header.correlation_id)
    if prior is not None:
        return prior
    return parse_report(envelope, header)


def accept(reports: ReportStore, report: Report, now_ms: int) -> Reply:
    """Store the report whole and answer it accepted; when a copy of the same
    (operator, correlationId) was stored meanwhile (a concurrent call),
    nothing is stored and the first reply is answered."""
    reply = Reply(report.correlation_id, now_ms, mts_errors.ACCEPTED, mts_errors.ACCEPTED_MESSAGE)
    if reports.add(report, reply):
        return reply
    prior = reports.reply_for(report.operator_id, report.correlation_id)
    if prior is None:  # the constraint named a row that is not there
        raise RuntimeError("a stored report without its reply")
    return prior
