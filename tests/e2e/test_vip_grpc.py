"""VIP Connect on the real gRPC port: health, reflection, and native gRPC
refused on the public listener. The status codes and typed details of each
case are checked in process (tests/integration/test_servicers_vip.py), where the network
adds nothing."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from tests.support.tokens import vip_token


def details(err: grpc.RpcError) -> dict:
    st = rpc_status.from_call(err)
    out = {}
    for d in st.details:
        for cls in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest, vip_pb2.VipError):
            if d.Is(cls.DESCRIPTOR):
                m = cls()
                d.Unpack(m)
                out[cls.DESCRIPTOR.name] = m
    return out


@pytest.mark.e2e
def test_health_and_reflection(stack):
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    with grpc.insecure_channel(stack.grpc) as ch:
        h = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service=""))
        assert h.status == health_pb2.HealthCheckResponse.SERVING
        stub = reflection_pb2_grpc.ServerReflectionStub(ch)
        resp = next(stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")])))
        names = {s.name for s in resp.list_services_response.service}
        assert "pitboss.vip.v1.VipConnectService" in names and "grpc.health.v1.Health" in names


@pytest.mark.e2e
def test_native_grpc_through_envoy_is_refused(stack):
    """The public listener serves JSON only: a gRPC caller there gets UNIMPLEMENTED
    (tests/e2e/test_hostile_input.py covers every service), on the gRPC port its answers."""
    with grpc.insecure_channel(stack.http.removeprefix("http://")) as ch:
        with pytest.raises(grpc.RpcError) as e:
            vip_pb2_grpc.VipConnectServiceStub(ch).LookupAccount(
                vip_pb2.LookupAccountRequest(vip_account_number="7210695258"),
                metadata=[("authorization", f"Bearer {vip_token()}")])
        assert e.value.code() == grpc.StatusCode.UNIMPLEMENTED
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = vip_pb2_grpc.VipConnectServiceStub(ch)
        ok = stub.LookupAccount(vip_pb2.LookupAccountRequest(vip_account_number="7210695258"),
                                metadata=[("authorization", f"Bearer {vip_token()}")])
        assert ok.name == "JOHN SMITH"
        with pytest.raises(grpc.RpcError) as e:
            stub.LookupAccount(vip_pb2.LookupAccountRequest(vip_account_number="7210695299"),
                               metadata=[("authorization", f"Bearer {vip_token()}")])
        assert e.value.code() == grpc.StatusCode.NOT_FOUND
        assert details(e.value)["VipError"].error_code == "404"
