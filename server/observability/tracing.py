"""OpenTelemetry traces: a span for every RPC and for its database work.

Off by default. ``setup()`` (called by ``pitboss serve``) turns it on when
the standard variables ask for an exporter:

- ``OTEL_TRACES_EXPORTER``: ``otlp`` (OTLP over HTTP/protobuf,
  opentelemetry-exporter-otlp-proto-http) and/or ``console``; unset or
  ``none``: no tracing (unlike the SDK's own default, ``otlp``: Pitboss sends
  nothing anywhere unless told to). ``OTEL_SDK_DISABLED=true`` wins.
- ``OTEL_EXPORTER_OTLP_ENDPOINT`` / ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``,
  ``OTEL_EXPORTER_OTLP_HEADERS``, ``OTEL_EXPORTER_OTLP_TIMEOUT``,
  ``OTEL_SERVICE_NAME`` (default ``pitboss``), ``OTEL_RESOURCE_ATTRIBUTES``,
  ``OTEL_TRACES_SAMPLER`` / ``_ARG``, ``OTEL_BSP_*``: read by the SDK itself.

``install(provider)`` is the hook for a provider built elsewhere (a test's
in-memory exporter; docs/observability.md). While ``TRACER`` is None every
hook in the code is one attribute check and nothing else.

The spans: ``<full gRPC method>`` (kind SERVER) from the interceptor, the
child of the ``traceparent`` the call carried (Envoy passes it through);
``db.session`` for an ORM unit of work; ``db.read`` for a PAM wallet read;
``db.group_commit`` for a group-commit transaction, the child of its first
operation's call and linked to the other calls it carries.
"""

from __future__ import annotations

import logging
import os

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Link, NonRecordingSpan, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

log = logging.getLogger("pitboss.tracing")

TRACER: trace.Tracer | None = None
PROPAGATOR = TraceContextTextMapPropagator()
SERVER = SpanKind.SERVER
INTERNAL = SpanKind.INTERNAL
ERROR = Status(StatusCode.ERROR)
_provider = None


def setup(environ=os.environ) -> bool:
    """Tracing from the ``OTEL_*`` variables; True when it is on."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    names = [n.strip().lower() for n in environ.get("OTEL_TRACES_EXPORTER", "").split(",")]
    names = [n for n in names if n and n != "none"]
    if not names:
        return False
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

    attrs = {} if environ.get("OTEL_SERVICE_NAME") else {"service.name": "pitboss"}
    provider = TracerProvider(resource=Resource.create(attrs))
    for name in names:
        if name == "otlp":
            protocol = environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or environ.get("OTEL_EXPORTER_OTLP_PROTOCOL")
            if protocol and protocol != "http/protobuf":
                log.warning("OTLP protocol not supported here; using http/protobuf",
                            extra={"fields": {"protocol": protocol}})
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        elif name == "console":
            provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
        else:
            log.warning("unknown OTEL_TRACES_EXPORTER entry ignored", extra={"fields": {"exporter": name}})
    install(provider)
    log.info("tracing on", extra={"fields": {"exporters": ",".join(names)}})
    return True


def install(provider) -> None:
    """Trace with ``provider`` (an SDK TracerProvider) from now on."""
    global TRACER, _provider
    _provider = provider
    TRACER = provider.get_tracer("pitboss")


def shutdown() -> None:
    """Flush and stop the exporters (at the end of ``pitboss serve``)."""
    global TRACER, _provider
    provider, _provider, TRACER = _provider, None, None
    if provider is not None:
        provider.shutdown()


# ------------------------------------------------------------------ RPC spans
def start_rpc(tracer, method: str, md: dict[str, str]):
    """The call's span (child of its traceparent, if any), made current;
    returns (span, token for ``end_rpc``)."""
    parent = PROPAGATOR.extract(md) if "traceparent" in md else None
    span = tracer.start_span(method, context=parent, kind=SERVER)
    return span, otel_context.attach(trace.set_span_in_context(span, parent))


def end_rpc(span, token, code: str) -> None:
    if span.is_recording():
        span.set_attribute("rpc.grpc.status_code", code)
        if code != "OK":
            span.set_status(ERROR)
    span.end()
    otel_context.detach(token)


def span_id_in(trace_id: str) -> str | None:
    """The current span's id (16 hex digits) when it belongs to ``trace_id``:
    the id a PAM answer's child traceparent carries while tracing is on."""
    ctx = trace.get_current_span().get_span_context()
    if ctx.is_valid and format(ctx.trace_id, "032x") == trace_id:
        return format(ctx.span_id, "016x")
    return None


# ------------------------------------------------------------------ database spans
def current_context():
    """The caller's span context, kept with a group-commit operation."""
    return trace.get_current_span().get_span_context()


def db_span(name: str, **attributes):
    """A span for a piece of database work, child of the current span."""
    return TRACER.start_as_current_span(name, kind=INTERNAL, attributes=attributes)


def batch_span(contexts: list, size: int):
    """A group-commit transaction's span: the child of its first operation's
    call, linked to the others."""
    valid = [c for c in contexts if c is not None and c.is_valid]
    parent = trace.set_span_in_context(NonRecordingSpan(valid[0])) if valid else None
    return TRACER.start_as_current_span("db.group_commit", context=parent, kind=INTERNAL,
                                        links=[Link(c) for c in valid[1:]],
                                        attributes={"pitboss.batch_size": size})
