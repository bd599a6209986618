"""The server's two interceptors.

``EdgeInterceptor`` (outermost) times every call, maps any domain error (or
unexpected exception) to a status through ``server.api.errors.render``, and
writes one structured log line per call. ``AuthInterceptor`` runs the
package's authenticator before the servicer.
"""

from __future__ import annotations

import logging
import time
import traceback

import grpc
from grpc_interceptor import ServerInterceptor

from server.api import auth
from server.api.errors import render
from server.domain.errors import DomainError

log = logging.getLogger("pitboss.rpc")

CORRELATION_HEADERS = ("x-correlation-id", "x-request-id")


def metadata_dict(context: grpc.ServicerContext) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in context.invocation_metadata() or ():
        if isinstance(v, str):
            out.setdefault(k.lower(), v)
    return out


class EdgeInterceptor(ServerInterceptor):
    def intercept(self, method, request, context, method_name):
        start = time.perf_counter()
        md = metadata_dict(context)
        cid = next((md[h] for h in CORRELATION_HEADERS if md.get(h)), "-")
        code = "OK"
        extra: dict[str, str] = {}
        try:
            return method(request, context)
        except DomainError as exc:
            status = render(method_name, exc)
            code = status.code.name
            extra["reason"] = exc.reason
            context.abort_with_status(status)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if _aborted(context):
                code = context.code().name if context.code() else "UNKNOWN"
                raise
            status = render(method_name, None)
            code = status.code.name
            # Type and frames only: exception messages may carry values (SQL
            # parameters, request fields) that must not reach the log.
            frames = traceback.extract_tb(exc.__traceback__)
            extra["error"] = type(exc).__name__
            extra["at"] = " <- ".join(f"{f.name}:{f.lineno}" for f in reversed(frames[-4:]))
            context.abort_with_status(status)
        finally:
            ms = (time.perf_counter() - start) * 1000
            fields = {"method": method_name, "status": code, "duration_ms": round(ms, 2), "correlation_id": cid}
            traceparent = md.get("traceparent")
            if traceparent:
                fields["traceparent"] = traceparent
            fields.update(extra)
            log.info("rpc", extra={"fields": fields})


def _aborted(context: grpc.ServicerContext) -> bool:
    try:
        return context.code() is not None and context.code() != grpc.StatusCode.OK
    except Exception:  # noqa: BLE001
        return False


class AuthInterceptor(ServerInterceptor):
    def __init__(self, app) -> None:
        self.app = app

    def intercept(self, method, request, context, method_name):
        service = method_name.lstrip("/").split("/", 1)[0]
        authenticator = auth.AUTHENTICATORS.get(service)
        if authenticator is None:
            return method(request, context)
        who = authenticator(self.app, metadata_dict(context))
        token = auth.set_caller(who)
        try:
            return method(request, context)
        finally:
            auth.reset_caller(token)
