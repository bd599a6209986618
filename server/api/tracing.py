"""W3C trace context at the edge of a call.

A caller's ``traceparent`` (``00-<trace-id>-<parent-id>-<flags>``) is answered
with a child: the same trace-id and flags, and a new span id for this server's
span, in a ``traceparent`` response header; ``tracestate`` is passed back
unchanged. An absent or malformed traceparent is not answered (W3C: a
malformed one is ignored). While tracing is on (server.observability.tracing)
the new span id is the server span's own, so the answer points at the span
the trace backend holds.

Only printable ASCII is echoed: gRPC metadata (the answer's HTTP headers)
cannot carry anything else, so a ``tracestate`` or ``X-Correlation-ID`` with
other characters (tab, control characters, non-ASCII) is not echoed rather
than failing the call. W3C caps tracestate at 512 characters.
"""

from __future__ import annotations

import re
import secrets

from server.observability import tracing as otel

PRINTABLE = re.compile(r"^[\x20-\x7e]*$")
TRACESTATE_MAX = 512
TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$")


def child_traceparent(value: str | None) -> str | None:
    if not value:
        return None
    m = TRACEPARENT.match(value.strip())
    if not m:
        return None
    version, trace_id, parent_id, flags, rest = m.groups()
    if version == "ff" or (version == "00" and rest) or set(trace_id) == {"0"} or set(parent_id) == {"0"}:
        return None
    span_id = otel.span_id_in(trace_id) if otel.TRACER is not None else None
    if span_id is None:  # tracing off: a span id of its own
        span_id = secrets.token_hex(8)
        while span_id == "0" * 16:  # pragma: no cover - 2**-64
            span_id = secrets.token_hex(8)
    return f"00-{trace_id}-{span_id}-{flags}"


def response_headers(md: dict[str, str]) -> list[tuple[str, str]]:
    """Response metadata (HTTP headers at the edge) for a call's request
    metadata: the child traceparent and the tracestate. (X-Correlation-ID is
    echoed by the edge filter, envoy/edge.lua, at no cost to the server.)"""
    child = child_traceparent(md.get("traceparent"))
    if not child:
        return []
    out = [("traceparent", child)]
    state = md.get("tracestate")
    if state and echoable(state, TRACESTATE_MAX):
        out.append(("tracestate", state))
    return out


def echoable(value: str, limit: int) -> bool:
    """Printable ASCII of at most ``limit`` characters (what a header may carry back)."""
    return len(value) <= limit and PRINTABLE.match(value) is not None
