"""The pipeline every unary call goes through, in one interceptor.

For each call: read its metadata once, run the service's authenticator
(registered with the service in ``server/bootstrap.py``; a
service registered nowhere is refused) and make the caller and metadata
available to the servicer (``server.api.context``), decode the request (an
undecodable one is the family's 400: ``server.api.decoding``), run the
servicer, map any
domain error (or unexpected exception) to a status through
``server.api.errors.render``, queue one structured log line
(``server.logs.access``) and count the call (``server.observability.metrics``:
calls per method and status code, latency per method). While tracing is on
(``server.observability.tracing``) the call runs inside its span, the child
of the caller's ``traceparent``. The wrapped handler (and its metric
children) is built once per method, not per call.

The server runs on grpc.aio. A servicer method written as a coroutine runs
on the event loop (the PAM wallet, readiness); a plain method runs, with its
authentication, on the server's thread pool (the families whose calls hash
passwords or hold ORM units of work). Both get the same pipeline.

Each family on the thread pool may hold at most PITBOSS_FAMILY_THREADS of its
threads at once; a call beyond that is answered at once with the family's
429 (``Throttled``), so one family's flood cannot take every thread from the
others. There is no server-wide cap on concurrent calls that the wallet
would share (docs/architecture.md, "The wallet's own capacity").
"""

from __future__ import annotations

import inspect
import threading
import time

import grpc

from server import logs
from server.api import context
from server.api.decoding import has_nul, malformed
from server.api.errors import render
from server.api.method import parse
from server.domain.errors import DomainError, Unavailable
from server.domain.hashing import Throttled
from server.observability import metrics
from server.observability import tracing as otel
from server.storage.sql import LockTimeout, is_busy

CORRELATION_HEADERS = ("x-correlation-id", "x-request-id")


def _correlation_id(md: dict[str, str]) -> str:
    for h in CORRELATION_HEADERS:
        v = md.get(h)
        if v:
            return v
    return "-"


class _Call:
    """The bookkeeping of one call: start, status, log fields."""

    __slots__ = ("method", "md", "start", "code", "extra", "stats", "clock")

    def __init__(self, method: str, md: dict[str, str], stats: metrics.RpcStats, clock) -> None:
        self.method = method
        self.clock = clock
        self.md = md
        self.start = time.perf_counter()
        self.code = "OK"
        self.extra: dict[str, str] | None = None
        self.stats = stats

    def failed(self, exc: BaseException | None) -> grpc.Status:
        """The status of a failed call (``exc``: a domain error, or None)."""
        if isinstance(exc, DomainError):
            status = render(self.method, exc, self.md, self.clock)
            self.extra = {"reason": exc.reason}
        else:
            status = render(self.method, None, self.md, self.clock)
        self.code = status.code.name
        return status

    def crashed(self, exc: BaseException) -> grpc.Status:
        if is_busy(exc):  # a lock wait gave up (PITBOSS_PAM_LOCK_TIMEOUT_MS): try again
            if not isinstance(exc, LockTimeout):  # (those are counted where they are raised)
                metrics.LOCK_TIMEOUT_DATABASE.inc()
            return self.failed(Unavailable("The service is busy; try again shortly."))
        status = self.failed(None)
        self.extra = logs.crash_fields(exc)  # type and frames, never the message
        return status

    def log(self) -> None:
        elapsed = time.perf_counter() - self.start
        self.stats.done(self.code, elapsed)
        fields = {"method": self.method, "status": self.code,
                  "duration_ms": round(elapsed * 1000, 2),
                  "correlation_id": _correlation_id(self.md)}
        traceparent = self.md.get("traceparent")
        if traceparent:
            fields["traceparent"] = traceparent
        if self.extra:
            fields.update(self.extra)
        logs.access(fields)


# Streaming methods that pass without the pipeline: the standard reflection and
# health services, which carry no player's, partner's or operator's data.
OPEN_STREAMING = ("/grpc.health.v1.Health/", "/grpc.reflection.v1alpha.ServerReflection/",
                  "/grpc.reflection.v1.ServerReflection/")


def _refused_stream(method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    """A streaming method outside ``OPEN_STREAMING``: answered UNIMPLEMENTED
    before its servicer runs (a streaming RPC added to a family must first get
    an authenticated path through this interceptor)."""

    async def refuse(request, context):
        await context.abort(grpc.StatusCode.UNIMPLEMENTED, f"{method}: streaming calls are not served")

    make = (grpc.unary_stream_rpc_method_handler if handler.unary_stream is not None
            else grpc.stream_unary_rpc_method_handler if handler.stream_unary is not None
            else grpc.stream_stream_rpc_method_handler)
    return make(refuse, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)


class EdgeInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, app) -> None:
        self.app = app
        self._handlers: dict[str, grpc.RpcMethodHandler] = {}
        self._threads: dict[str, threading.BoundedSemaphore] = {}  # per family (gRPC package)

    async def intercept_service(self, continuation, handler_call_details):
        method = handler_call_details.method
        wrapped = self._handlers.get(method)
        if wrapped is not None:
            return wrapped
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        if handler.unary_unary is None:
            # Streaming: only the platform's own open services pass (reflection,
            # the health watch); any other is refused, since no family has one
            # and the pipeline above authenticates unary calls only (deny by default).
            if method.startswith(OPEN_STREAMING):
                return handler
            wrapped = self._handlers[method] = _refused_stream(method, handler)
            return wrapped
        wrapped = self._handlers[method] = self._wrap(method, handler)
        return wrapped

    def _wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        inner = handler.unary_unary
        parts = parse(method)
        authenticate = self.app.authenticator(parts.service)
        decoder = handler.request_deserializer
        app = self.app
        stats = metrics.RpcStats(method)
        tracer = otel.TRACER  # tracing is set up before the first call
        clock = app.clock
        threads = self._threads.setdefault(parts.package, threading.BoundedSemaphore(app.settings.family_threads))

        def decode(raw: bytes):
            if decoder is None:
                return raw
            try:
                message = decoder(raw)
            except Exception:  # noqa: BLE001 - any undecodable message is the caller's
                raise malformed(method) from None
            # No zero byte in the wire message: no NUL in any of its strings.
            if b"\x00" in raw and has_nul(message):
                raise malformed(method)
            return message

        async def call_async(raw, ctx):
            c = _Call(method, context.metadata_of(ctx.invocation_metadata()), stats, clock)
            tokens = span = None
            if tracer is not None:
                span, span_token = otel.start_rpc(tracer, method, c.md)
            try:
                who = authenticate(app, c.md) if authenticate is not None else None
                tokens = context.enter(c.md, who)
                return await inner(decode(raw), ctx)
            except grpc.aio.AbortError:
                c.code = "ABORTED_BY_SERVICER"
                raise
            except DomainError as exc:
                status = c.failed(exc)
            except Exception as exc:  # noqa: BLE001 - the last line of defence
                status = c.crashed(exc)
            finally:
                if tokens is not None:
                    context.leave(tokens)
                c.log()
                if span is not None:
                    otel.end_rpc(span, span_token, c.code)
            await ctx.abort(status.code, status.details, status.trailing_metadata)

        def call_sync(raw, ctx):
            c = _Call(method, context.metadata_of(ctx.invocation_metadata()), stats, clock)
            tokens = span = None
            if tracer is not None:
                span, span_token = otel.start_rpc(tracer, method, c.md)
            held = False
            try:
                held = threads.acquire(blocking=False)
                if not held:
                    raise Throttled("Too many calls of this family in progress; try again shortly.")
                who = authenticate(app, c.md) if authenticate is not None else None
                tokens = context.enter(c.md, who)
                return inner(decode(raw), ctx)
            except DomainError as exc:
                status = c.failed(exc)
            except Exception as exc:  # noqa: BLE001 - the last line of defence
                status = c.crashed(exc)
            finally:
                if held:
                    threads.release()
                if tokens is not None:
                    context.leave(tokens)
                c.log()
                if span is not None:
                    otel.end_rpc(span, span_token, c.code)
            ctx.abort(status.code, status.details, status.trailing_metadata)

        return grpc.unary_unary_rpc_method_handler(
            call_async if inspect.iscoroutinefunction(inner) else call_sync,
            response_serializer=handler.response_serializer,
        )
