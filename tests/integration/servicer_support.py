"""In-process servicer tests: the real servicers, interceptor pipeline,
domain and a real SQLite database, no network (``grpc_testing``).

``grpc_testing`` runs a servicer method on a thread of its own and knows no
interceptors, so each method is wrapped in the server's own pipeline
(``EdgeInterceptor._wrap``: authentication, the caller, errors -> status and
the family's HTTP hints, the log line) before it is registered.

The PAM servicer and readiness (ops) are grpc.aio coroutines, which
``grpc_testing`` cannot await. Their pipeline coroutine is driven on one event
loop of the test's own (a thread running ``loop.run_forever``), as the aio
server would drive it; the group-commit writer completes their writes on that
loop. The aio server on a unix socket would also work but puts the transport
back in; this keeps the call a function call.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass

import grpc
import grpc_testing
from google.protobuf import any_pb2
from google.rpc import status_pb2

from server.api.edge import HTTP_BODY, HTTP_STATUS
from server.api.interceptors import EdgeInterceptor


class _SyncContext:
    """grpc_testing's context with the pipeline's abort(code, details,
    trailing). grpc_testing's own abort drops the trailing metadata, so the
    status is set and the call ends without a response instead (what a
    grpc server sends for an abort)."""

    def __init__(self, ctx) -> None:
        self._ctx = ctx

    def __getattr__(self, name):
        return getattr(self._ctx, name)

    def abort(self, code, details, trailing_metadata=()):
        self._ctx.set_trailing_metadata(tuple(trailing_metadata))
        self._ctx.set_code(code)
        self._ctx.set_details(details)


class _AsyncContext(_SyncContext):
    """The same for coroutine methods (grpc.aio's awaitable context calls)."""

    async def send_initial_metadata(self, md):
        self._ctx.send_initial_metadata(md)

    async def abort(self, code, details, trailing_metadata=()):
        _SyncContext.abort(self, code, details, trailing_metadata)


class _Loop:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="aio-servicer", daemon=True)
        self.thread.start()

    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(60)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@dataclass
class Answer:
    response: object
    code: grpc.StatusCode
    details: str
    initial: dict
    trailing: dict

    @property
    def http_status(self) -> int | None:
        raw = self.trailing.get(HTTP_STATUS) or self.initial.get(HTTP_STATUS)
        return int(raw) if raw else None

    @property
    def http_body(self):
        raw = self.trailing.get(HTTP_BODY, self.initial.get(HTTP_BODY))
        return json.loads(raw) if raw else None

    def detail(self, message_type):
        """The typed detail of ``message_type`` in grpc-status-details-bin, or None."""
        raw = self.trailing.get("grpc-status-details-bin")
        if raw is None:
            return None
        for a in status_pb2.Status.FromString(raw).details:
            if a.Is(message_type.DESCRIPTOR):
                out = message_type()
                a.Unpack(out)
                return out
        return None


class InProcess:
    """One service of one servicer, called in process."""

    def __init__(self, app, servicer, service_descriptor) -> None:
        self.desc = service_descriptor
        self._loop = None
        interceptor = EdgeInterceptor(app)
        methods = {}
        for m in service_descriptor.methods:
            fn = getattr(servicer, m.name)
            path = f"/{service_descriptor.full_name}/{m.name}"
            handler = interceptor._wrap(path, grpc.unary_unary_rpc_method_handler(fn)).unary_unary
            if asyncio.iscoroutinefunction(handler):
                self._loop = self._loop or _Loop()
                methods[m.name] = self._async(handler)
            else:
                methods[m.name] = self._sync(handler)
        adapter = type("Adapter", (), {name: staticmethod(f) for name, f in methods.items()})()
        self.server = grpc_testing.server_from_dictionary({service_descriptor: adapter},
                                                          grpc_testing.strict_real_time())

    @staticmethod
    def _sync(handler):
        return lambda request, ctx: handler(request, _SyncContext(ctx))

    def _async(self, handler):
        return lambda request, ctx: self._loop.run(handler(request, _AsyncContext(ctx)))

    def call(self, method: str, request, metadata: dict | None = None) -> Answer:
        rpc = self.server.invoke_unary_unary(self.desc.methods_by_name[method], tuple((metadata or {}).items()),
                                             request, None)
        response, trailing, code, details = rpc.termination()
        try:
            initial = dict(rpc.initial_metadata())
        except ValueError:  # an aborted call sent none
            initial = {}
        return Answer(response, code, details, initial, dict(trailing))

    def close(self) -> None:
        if self._loop is not None:
            self._loop.close()


def unpack(any_msg: any_pb2.Any, cls):
    out = cls()
    any_msg.Unpack(out)
    return out


def demo_app(tmp_path_factory, **settings):
    """An App on a fresh SQLite database, migrated, with the demo records."""
    from server.config import Settings
    from server.demo import load
    from server.process.app import App
    from server.storage import migrate
    from tests.support import SECRET

    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'pitboss.db'}"
    app = App.create(Settings(database_url=url, secret_key=SECRET, **settings))
    migrate.upgrade(app.db.engine)
    load(app.db, app.vault)
    return app


class InProcessError(grpc.RpcError, grpc.Call):
    """A failed in-process call, as a grpc stub raises it (code, details,
    metadata; ``grpc_status.rpc_status.from_call`` reads it)."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.details)
        self._a = answer

    def code(self):
        return self._a.code

    def details(self):
        return self._a.details

    def initial_metadata(self):
        return tuple(self._a.initial.items())

    def trailing_metadata(self):
        return tuple(self._a.trailing.items())

    # grpc.Call's remaining methods (not used by the tests)
    def is_active(self):
        return False

    def time_remaining(self):
        return None

    def cancel(self):
        return False

    def add_callback(self, callback):
        return False


class _Method:
    def __init__(self, service: InProcess, name: str) -> None:
        self.service, self.name = service, name

    def with_call(self, request, timeout=None, metadata=None, **_):
        a = self.service.call(self.name, request, dict(metadata or ()))
        if a.code != grpc.StatusCode.OK:
            raise InProcessError(a)
        return a.response, InProcessError(a)

    def __call__(self, request, timeout=None, metadata=None, **_):
        return self.with_call(request, timeout, metadata)[0]


class InProcessChannel:
    """A grpc.Channel stand-in for the generated stubs: every call runs in
    process on the server's servicers (``server.bootstrap.SERVICES``)."""

    def __init__(self, app) -> None:
        from google.protobuf import descriptor_pool

        from server.bootstrap import SERVICES

        pool = descriptor_pool.Default()
        self.services = {s.name: InProcess(app, s.servicer(app), pool.FindServiceByName(s.name)) for s in SERVICES}

    def unary_unary(self, path, request_serializer=None, response_deserializer=None, **_):
        service, method = path.lstrip("/").split("/", 1)
        return _Method(self.services[service], method)

    def close(self) -> None:
        for s in self.services.values():
            s.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
