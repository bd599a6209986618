"""Streaming calls: the interceptor authenticates unary calls only, so every
streaming method but the standard health and reflection services is refused
before its servicer runs (deny by default)."""

import asyncio
from types import SimpleNamespace

import grpc
import pytest

from server.api.interceptors import EdgeInterceptor


class _Aborted(Exception):
    pass


class _Context:
    async def abort(self, code, message):
        raise _Aborted(code, message)


def _intercept(method: str, handler):
    async def continuation(details):
        return handler

    return asyncio.run(EdgeInterceptor(app=None).intercept_service(continuation, SimpleNamespace(method=method)))


def test_a_streaming_method_of_a_family_is_refused_before_its_servicer_runs():
    ran = []

    async def servicer(request, context):
        ran.append(request)
        yield b"data"

    stream = grpc.unary_stream_rpc_method_handler(servicer)
    handler = _intercept("/pitboss.pam.v1.PamService/Watch", stream)
    assert handler is not stream and handler.unary_stream is not None
    with pytest.raises(_Aborted) as e:
        asyncio.run(handler.unary_stream(b"", _Context()))
    assert e.value.args[0] == grpc.StatusCode.UNIMPLEMENTED and ran == []


def test_the_health_watch_and_reflection_pass_as_they_are():
    stream = grpc.unary_stream_rpc_method_handler(lambda request, context: iter(()))
    both = grpc.stream_stream_rpc_method_handler(lambda requests, context: iter(()))
    assert _intercept("/grpc.health.v1.Health/Watch", stream) is stream
    assert _intercept("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", both) is both
