"""The pipeline every unary call goes through, in one interceptor.

For each call: read its metadata once, run the service's authenticator
(``server.api.auth.AUTHENTICATORS``) and make the caller and metadata
available to the servicer (``server.api.context``), run the servicer, map any
domain error (or unexpected exception) to a status through
``server.api.errors.render``, and queue one structured log line
(``server.logs.access``). The wrapped handler is built once per method, not
per call.
"""

from __future__ import annotations

import time
import traceback

import grpc

from server import logs
from server.api import auth, context
from server.api.errors import render
from server.domain.errors import DomainError

CORRELATION_HEADERS = ("x-correlation-id", "x-request-id")


def _correlation_id(md: dict[str, str]) -> str:
    for h in CORRELATION_HEADERS:
        v = md.get(h)
        if v:
            return v
    return "-"


class EdgeInterceptor(grpc.ServerInterceptor):
    def __init__(self, app) -> None:
        self.app = app
        self._handlers: dict[str, grpc.RpcMethodHandler] = {}

    def intercept_service(self, continuation, handler_call_details):
        method = handler_call_details.method
        wrapped = self._handlers.get(method)
        if wrapped is not None:
            return wrapped
        handler = continuation(handler_call_details)
        if handler is None or handler.unary_unary is None:
            return handler  # streaming calls (reflection, health watch) pass as they are
        wrapped = self._handlers[method] = self._wrap(method, handler)
        return wrapped

    def _wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        inner = handler.unary_unary
        authenticate = auth.AUTHENTICATORS.get(method.lstrip("/").split("/", 1)[0])
        app = self.app

        def call(request, ctx: grpc.ServicerContext):
            start = time.perf_counter()
            md = context.metadata_of(ctx.invocation_metadata())
            code = "OK"
            extra: dict[str, str] = {}
            tokens = None
            try:
                who = authenticate(app, md) if authenticate is not None else None
                tokens = context.enter(md, who)
                return inner(request, ctx)
            except DomainError as exc:
                status = render(method, exc)
                code = status.code.name
                extra["reason"] = exc.reason
                ctx.abort_with_status(status)
            except Exception as exc:  # noqa: BLE001 - the last line of defence
                if _aborted(ctx):
                    code = ctx.code().name if ctx.code() else "UNKNOWN"
                    raise
                status = render(method, None)
                code = status.code.name
                # Type and frames only: exception messages may carry values (SQL
                # parameters, request fields) that must not reach the log.
                frames = traceback.extract_tb(exc.__traceback__)
                extra["error"] = type(exc).__name__
                extra["at"] = " <- ".join(f"{f.name}:{f.lineno}" for f in reversed(frames[-4:]))
                ctx.abort_with_status(status)
            finally:
                if tokens is not None:
                    context.leave(tokens)
                fields = {"method": method, "status": code,
                          "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                          "correlation_id": _correlation_id(md)}
                traceparent = md.get("traceparent")
                if traceparent:
                    fields["traceparent"] = traceparent
                if extra:
                    fields.update(extra)
                logs.access(fields)

        return grpc.unary_unary_rpc_method_handler(
            call, request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


def _aborted(ctx: grpc.ServicerContext) -> bool:
    try:
        return ctx.code() is not None and ctx.code() != grpc.StatusCode.OK
    except Exception:  # noqa: BLE001
        return False
