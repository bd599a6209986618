"""The national self-exclusion register's answers through the gateway
servicer in process (demo brand 3 names a register; here a stand-in decides):
gRPC status, typed details and the HTTP hints the edge applies at
registration, login and Start Game (docs/compliance.md)."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2

from pitboss.gateway.v1 import gateway_pb2
from server.api.gateway import PlayerGatewayServicer
from server.domain.gateway.register import RegisterDown
from tests.integration.servicer_support import InProcess, demo_app

SERVICE = gateway_pb2.DESCRIPTOR.services_by_name["PlayerGatewayService"]
V, PASSWORD = "1.0", "Gx7#kq2Lm"


class StandIn:
    """Every brand with a register gets this one: ``mode`` listed, clear or down."""

    mode = "clear"

    def of(self, brand):
        return self if brand.register_vendor else None

    asked = 0

    def listed(self, person):
        self.asked += 1
        if self.mode == "down":
            raise RegisterDown("down")
        return self.mode == "listed"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    app = demo_app(tmp_path_factory)
    app.registers = StandIn()
    s = InProcess(app, PlayerGatewayServicer(app), SERVICE)
    yield s, app.registers
    s.close()
    app.db.dispose()


def register(gw, name: str):
    a = gw.call("RegisterStepOne", gateway_pb2.RegisterStepOneRequest(
        version=V, brand_id="3", login_name=name, email=f"{name}@example.com", password=PASSWORD, over18=True,
        sign_tnc=True, sign_privacy=True, currency="EUR"))
    assert a.code == grpc.StatusCode.OK, a.details
    return a.response.auth_token


def step_two(gw, token: str):
    return gw.call("RegisterStepTwo", gateway_pb2.RegisterStepTwoRequest(
        version=V, brand_id="3", auth_token=token, first_name="Ellen", last_name="Exclusion", birth_date="29/02/1980",
        gender="F", language="en", country="GB", city="London", address="1 Road", zip_code="N1",
        mobile_number="44-1234567"))


def reason(a) -> str:
    return a.detail(error_details_pb2.ErrorInfo).reason


def test_a_listed_person_is_permission_denied_403(env):
    gw, register_ = env
    register_.mode = "listed"
    a = step_two(gw, register(gw, "listed1"))
    assert (a.code, a.http_status, a.http_body) == (grpc.StatusCode.PERMISSION_DENIED, 403,
                                                    {"result": "self_excluded_register"})
    assert reason(a) == "SELF_EXCLUDED_REGISTER"


def test_an_unreachable_register_is_unavailable_503_and_then_login_and_start_game(env):
    gw, register_ = env
    register_.mode = "down"
    token = register(gw, "outage1")
    a = step_two(gw, token)
    assert (a.code, a.http_status, a.http_body) == (grpc.StatusCode.UNAVAILABLE, 503,
                                                    {"result": "register_unavailable"})
    assert reason(a) == "REGISTER_UNAVAILABLE"
    register_.mode = "clear"
    assert step_two(gw, token).code == grpc.StatusCode.OK
    login = gw.call("Login", gateway_pb2.LoginRequest(version=V, brand_id="3", user_name="outage1", password=PASSWORD))
    assert login.code == grpc.StatusCode.OK, login.details  # the registration's answer is fresh
    register_.mode = "listed"
    asked = register_.asked = 0
    start = gw.call("StartGame", gateway_pb2.StartGameRequest(version=V, brand_id="3", game_id="any", lang="en"),
                    {"x-auth-token": login.response.auth_token})
    # A pending action (the email is not verified) is answered before the register is asked.
    assert start.code == grpc.StatusCode.FAILED_PRECONDITION and start.http_status == 401
    assert register_.asked == asked  # and the register is not asked for it
