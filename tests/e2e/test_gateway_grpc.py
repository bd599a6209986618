"""The player gateway over gRPC (direct, no Envoy): every RPC, honest status
codes with typed details; and a smoke run on PostgreSQL through Envoy."""

from __future__ import annotations

import grpc
import pytest
import requests
from google.protobuf import struct_pb2
from google.rpc import error_details_pb2, status_pb2

from pitboss.gateway.v1 import gateway_pb2
from pitboss.gateway.v1 import gateway_pb2_grpc
from tests.e2e.gateway_support import PASSWORD, V, gw, smtp  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stub(gw):
    with grpc.insecure_channel(gw.stack.grpc) as ch:
        yield gateway_pb2_grpc.PlayerGatewayServiceStub(ch)


def md(token=None, two_fa=None):
    out = []
    if token:
        out.append(("x-auth-token", token))
    if two_fa:
        out.append(("2fa-auth-token", two_fa))
    return out


def details_of(err: grpc.RpcError):
    st = next((status_pb2.Status.FromString(v) for k, v in err.trailing_metadata() if k == "grpc-status-details-bin"))
    out = {}
    for d in st.details:
        for cls in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest):
            if d.Is(cls.DESCRIPTOR):
                m = cls()
                d.Unpack(m)
                out[cls.__name__] = m
    return out


def fails(fn, req, code, **kw):
    with pytest.raises(grpc.RpcError) as e:
        fn(req, **kw)
    assert e.value.code() == code, e.value.details()
    return details_of(e.value)


def test_every_rpc_over_grpc(gw, stub):
    r = stub.Login(gateway_pb2.LoginRequest(version=V, brand_id="1", user_name="itamar1", password=PASSWORD))
    assert r.result == "OK" and len(r.auth_token) == 64 and not r.HasField("two_fa_auth_token")
    t = md(r.auth_token)
    d = stub.GetPersonalDetails(gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"), metadata=t)
    assert (d.first_name, d.e_mail.e_mail_adress, d.opt_out.email) == ("playerName", "playermael@domain.com", True)
    cf = stub.GetCustomFields(gateway_pb2.GetCustomFieldsRequest(version=V, brand_id="1"), metadata=t)
    assert [f.name for f in cf.str_custom_fields] == ["favouriteGame"]
    s = stub.GetOnlineStatus(gateway_pb2.GetOnlineStatusRequest(version=V, brand_id="1"), metadata=t)
    assert (s.real_balance, s.bonus_balance, s.ut, s.HasField("reality_check")) == (906.04, 30.0, 1, False)
    started = stub.StartGame(gateway_pb2.StartGameRequest(version=V, brand_id="1", game_id="caleta-slot-1", lang="en"),
                             metadata=t)
    assert "token=" in started.game_url and started.game_session_id
    g = stub.GetInGameStatus(gateway_pb2.GetInGameStatusRequest(version=V, brand_id="1",
                                                       game_session_id=started.game_session_id), metadata=t)
    assert g.total_balance == 936.04 and g.game_session.game_id == "caleta-slot-1"
    i = stub.GetPlayerInfo(gateway_pb2.GetPlayerInfoRequest(version=V, brand_id="1"), metadata=t)
    assert (i.player_id.id, i.player_id.username, i.currency_symbol) == (33003139, "itamar1", "€")
    m = stub.GetMessageFormat(gateway_pb2.GetMessageFormatRequest(version=V, message_string="password_replaced"))
    assert m.type == "info"
    f = stub.ForgotPassword(gateway_pb2.ForgotPasswordRequest(version=V, brand_id="1", mail="nobody@example.com"))
    assert f.message_format == "forgot_email_sent"

    # A fresh player through registration, consents and updates.
    import secrets

    name = "grpc" + secrets.token_hex(4)
    reg = stub.RegisterStepOne(gateway_pb2.RegisterStepOneRequest(
        version=V, brand_id="1", login_name=name, email=f"{name}@example.com", password=PASSWORD, over18=True,
        sign_tnc=True))
    assert reg.result == "OK" and reg.player_id > 0
    pt = md(reg.auth_token)
    info = fails(stub.GetPlayerInfo, gateway_pb2.GetPlayerInfoRequest(version=V, brand_id="1"),
                 grpc.StatusCode.FAILED_PRECONDITION, metadata=pt)
    assert info["ErrorInfo"].reason == "ACTION_REQUIRED" and info["ErrorInfo"].domain == "pitboss.gateway"
    assert stub.RegisterStepTwo(gateway_pb2.RegisterStepTwoRequest(
        version=V, brand_id="1", auth_token=reg.auth_token, first_name="G", last_name="R", birth_date="01/01/1990",
        gender="M", country="MT", city="C", address="A", zip_code="Z", mobile_number="356-1234567")).result == "OK"
    assert list(stub.SignTnc(gateway_pb2.SignTncRequest(version=V, brand_id="1", player_id=str(reg.player_id),
                                               language="en", type="privacy"), metadata=pt).sign) == []
    assert stub.ResendActivationEmail(gateway_pb2.ResendActivationEmailRequest(version=V, brand_id="1"),
                                      metadata=pt).msg == "Activation Email was sent."
    opt = struct_pb2.Value(string_value='{"chat": true}')
    u = stub.UpdatePersonalDetails(gateway_pb2.UpdatePersonalDetailsRequest(version=V, brand_id="1", city="Mdina", opt_out=opt),
                                   metadata=pt)
    assert not u.HasField("mobile_verification")
    d = stub.GetPersonalDetails(gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"), metadata=pt)
    assert (d.city, d.opt_out.chat) == ("Mdina", True)
    stub.UpdateCustomFields(gateway_pb2.UpdateCustomFieldsRequest(
        version=V, brand_id="1", int_custom_fields=[gateway_pb2.IntCustomField(id="a", name="n", value=3)]), metadata=pt)
    stub.UpdateEmail(gateway_pb2.UpdateEmailRequest(version=V, brand_id="1", email=f"new.{name}@example.com",
                                         password=PASSWORD), metadata=pt)
    c = stub.ChangePassword(gateway_pb2.ChangePasswordRequest(version=V, brand_id="1", old_password=PASSWORD,
                                                     new_password="Grpc12345"), metadata=pt)
    assert c.message_format == "password_replaced"
    bad = fails(stub.ChangePassword, gateway_pb2.ChangePasswordRequest(version=V, brand_id="1", old_password="x",
                                                              new_password="y"),
                grpc.StatusCode.INVALID_ARGUMENT, metadata=pt)
    assert "wrong_old_password" in [v.reason for v in bad["BadRequest"].field_violations]
    assert stub.Logout(gateway_pb2.LogoutRequest(version=V, brand_id="1"), metadata=pt).result == "successful logout"
    fails(stub.GetPersonalDetails, gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"),
          grpc.StatusCode.UNAUTHENTICATED, metadata=pt)


def test_grpc_error_codes(gw, stub):
    e = fails(stub.GetPersonalDetails, gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="77"),
              grpc.StatusCode.INVALID_ARGUMENT)
    assert e["ErrorInfo"].reason == "INVALID_BRAND"
    fails(stub.GetPersonalDetails, gateway_pb2.GetPersonalDetailsRequest(version=V, brand_id="1"),
          grpc.StatusCode.UNAUTHENTICATED)
    e = fails(stub.Login, gateway_pb2.LoginRequest(version=V, brand_id="2", user_name="itamar1", password=PASSWORD),
              grpc.StatusCode.UNAUTHENTICATED)
    assert e["ErrorInfo"].reason == "BAD_CREDENTIALS"
    fails(stub.GetMessageFormat, gateway_pb2.GetMessageFormatRequest(version=V, message_string="nope"),
          grpc.StatusCode.NOT_FOUND)
    fails(stub.VerifyPassword, gateway_pb2.VerifyPasswordRequest(version=V, brand_id="1", hash="x",
                                                        body=gateway_pb2.NewPassword(new_password="Abcd1234")),
          grpc.StatusCode.FAILED_PRECONDITION)
    fails(stub.VerifyEmail, gateway_pb2.VerifyEmailRequest(version=V, brand_id="1", hash="x"),
          grpc.StatusCode.FAILED_PRECONDITION)
    fails(stub.SendCode, gateway_pb2.SendCodeRequest(version=V, brand_id="1"), grpc.StatusCode.UNAUTHENTICATED)
    fails(stub.ValidateCode, gateway_pb2.ValidateCodeRequest(version=V, brand_id="1", sms_code="1"),
          grpc.StatusCode.UNAUTHENTICATED, metadata=md(two_fa="nope"))
    e = fails(stub.RegisterStepOne, gateway_pb2.RegisterStepOneRequest(version=V, brand_id="1"),
              grpc.StatusCode.INVALID_ARGUMENT)
    assert [v.field for v in e["BadRequest"].field_violations][:2] == ["loginName", "email"]


def test_grpc_reality_check_and_mobile_verification(gw, stub):
    p = gw.full_player()
    gw.sql("UPDATE gateway_player SET is_2fa_required = :t, reality_check_period = '30_min' WHERE id = :p",
           t=True, p=p["id"])
    from tests.e2e.gateway_support import ago

    gw.sql("UPDATE gateway_session SET reality_checked_at = :r WHERE player_id = :p", r=ago(31), p=p["id"])
    s = stub.GetOnlineStatus(gateway_pb2.GetOnlineStatusRequest(version=V, brand_id="1"), metadata=md(p["token"]))
    assert s.HasField("reality_check") and s.reality_check.restart_period == "30_min"
    u = stub.UpdatePersonalDetails(gateway_pb2.UpdatePersonalDetailsRequest(version=V, brand_id="1", phone="44-1234567",
                                                                   password=PASSWORD),
                                   metadata=md(p["token"]))
    assert u.mobile_verification.status == "mobile_verification_required"
    assert u.mobile_verification.data.mobile_number == "44-1234567" and u.mobile_verification.data.two_fa_auth_token


def test_envoy_transcodes_the_gateway():
    from server.process.envoy import transcoded_services

    assert "pitboss.gateway.v1.PlayerGatewayService" in transcoded_services()


@pytest.mark.storage
def test_gateway_on_postgresql(pg_stack):
    """Login, details, update and online status through Envoy on PostgreSQL."""
    http = requests.Session()
    r = http.post(pg_stack.url(f"/gateway/login/{V}/1/player"), json={"user_name": "itamar1", "password": PASSWORD})
    assert r.status_code == 200, r.text
    h = {"x-auth-token": r.json()["auth_token"]}
    path = pg_stack.url(f"/gateway/player-personal-details/player/details/{V}/1")
    assert http.get(path, headers=h).json()["eMail"]["eMailAdress"] == "playermael@domain.com"
    assert http.put(path, headers=h, json={"city": "Andorra la Vella", "optOut": "{\"sms\": true}"}).status_code == 204
    d = http.get(path, headers=h).json()
    assert (d["city"], d["optOut"]["sms"]) == ("Andorra la Vella", True)
    assert http.get(pg_stack.url(f"/gateway/online-player/{V}/player/1/online/status"), headers=h).json()[
        "total_balance"] == 936.04
    r = http.post(pg_stack.url(f"/gateway/reg-step-one/{V}/2"), json={
        "loginName": "pgplayer", "email": "pg@example.com", "password": PASSWORD, "over18": True})
    assert r.status_code == 200 and r.json()["result"] == "OK"
    r = http.post(pg_stack.url(f"/gateway/login/{V}/2/player"), json={"user_name": "brand2player", "password": "x"})
    assert r.status_code == 401


def test_grpc_reset_verify_email_and_2fa(gw, stub):
    import time

    from tests.e2e.gateway_support import HASH_RE

    p = gw.full_player()
    stub.ForgotPassword(gateway_pb2.ForgotPasswordRequest(version=V, brand_id="1", mail=p["email"]))
    h = HASH_RE.search([m for m in gw.inbox.wait_for(p["email"], 2) if "Reset" in m.subject][-1].body).group(1)
    r = stub.VerifyPassword(gateway_pb2.VerifyPasswordRequest(version=V, brand_id="1", hash=h,
                                                     body=gateway_pb2.NewPassword(new_password="Grpc54321")))
    assert r.HasField("token") and r.message_format == "password_successfully_changed"
    t = md(r.token)
    new = "grpc-" + p["email"]
    stub.UpdateEmail(gateway_pb2.UpdateEmailRequest(version=V, brand_id="1", email=new, password="Grpc54321"), metadata=t)
    v = stub.VerifyEmail(gateway_pb2.VerifyEmailRequest(version=V, brand_id="1", hash=gw.verify_link(new)))
    assert v.message_format == "email_verified"
    assert stub.GetPlayerInfo(gateway_pb2.GetPlayerInfoRequest(version=V, brand_id="1"), metadata=t).email == new

    gw.sql("UPDATE gateway_player SET is_2fa_required = :t WHERE id = :p", t=True, p=p["id"])
    login = gateway_pb2.LoginRequest(version=V, brand_id="1", user_name=p["name"], password="Grpc54321")
    r = stub.Login(login)
    assert r.result == "2FA_REQUIRED" and r.two_fa_auth_token and not r.auth_token
    ch = md(two_fa=r.two_fa_auth_token)
    time.sleep(2.1)
    assert stub.SendCode(gateway_pb2.SendCodeRequest(version=V, brand_id="1"), metadata=ch).result == "code_sent"
    assert stub.ValidateCode(gateway_pb2.ValidateCodeRequest(version=V, brand_id="1", sms_code=gw.last_sms_code(p["id"])),
                             metadata=ch).result == "OK"
    r = stub.Login(login, metadata=ch)
    assert r.result == "OK" and len(r.auth_token) == 64
