"""The MTS token endpoint (OAuth2 client credentials) through the real Envoy
to the real server: the exact keys the vendor's SDK parsers accept, RFC 6749
errors, never a 5xx."""

from __future__ import annotations

import base64

import grpc
import pytest
import requests
from google.protobuf import json_format
from grpc_status import rpc_status

from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
from tests.support.mts_helpers import PATH, envelope
from tests.e2e.mts_ws_support import DEMO_CLIENT, TOKEN_PATH, token_response

pytestmark = pytest.mark.e2e

# The keys the SDKs' token parsers know; any other key makes them fail.
SDK_KEYS = {"access_token", "token_type", "expires_in", "refresh_token", "scope", "error", "error_description"}


def assert_oauth_error(r: requests.Response, status: int, error: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error", "error_description"} <= SDK_KEYS
    assert body["error"] == error and body["error_description"]
    for h in r.headers:
        assert not h.lower().startswith(("grpc-", "x-pitboss-")), h


def test_token_has_exactly_the_sdk_keys_and_works_on_the_http_binding(stack, http):
    r = token_response(stack)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600 and type(body["expires_in"]) is int
    assert len(body["access_token"]) == 64
    assert token_response(stack).json()["access_token"] != body["access_token"]  # a new one each time
    reply = http.post(stack.url(PATH), json=envelope(),
                      headers={"Authorization": f"Bearer {body['access_token']}"}).json()
    assert reply["content"]["code"] == 0


def test_http_basic_client_authentication(stack):
    basic = base64.b64encode(b"mts-demo-client:mts-demo-secret").decode()
    r = requests.post(stack.url(TOKEN_PATH), data={"grant_type": "client_credentials"},
                      headers={"Authorization": f"Basic {basic}"}, timeout=10)
    assert r.status_code == 200 and set(r.json()) == {"access_token", "token_type", "expires_in"}
    both = requests.post(stack.url(TOKEN_PATH), data={"grant_type": "client_credentials", **DEMO_CLIENT},
                         headers={"Authorization": f"Basic {basic}"}, timeout=10)
    assert_oauth_error(both, 400, "invalid_request")
    wrong = base64.b64encode(b"mts-demo-client:nope").decode()
    r = requests.post(stack.url(TOKEN_PATH), data={"grant_type": "client_credentials"},
                      headers={"Authorization": f"Basic {wrong}"}, timeout=10)
    assert_oauth_error(r, 401, "invalid_client")
    assert r.headers["www-authenticate"].startswith("Basic")


@pytest.mark.parametrize(("fields", "status", "error"), [
    ({"client_secret": "wrong"}, 401, "invalid_client"),
    ({"client_id": "no-such-client"}, 401, "invalid_client"),
    ({"client_secret": None}, 401, "invalid_client"),
    ({"client_id": None, "client_secret": None}, 401, "invalid_client"),
    ({"client_secret": ""}, 401, "invalid_client"),
    ({"grant_type": None}, 400, "invalid_request"),
    ({"grant_type": "password"}, 400, "unsupported_grant_type"),
    ({"audience": "some-other-api"}, 400, "invalid_target"),
], ids=["wrong-secret", "unknown-client", "no-secret", "no-credentials", "empty-secret", "no-grant-type",
        "password-grant", "other-audience"])
def test_refusals_are_oauth_errors(stack, fields, status, error):
    assert_oauth_error(token_response(stack, **fields), status, error)


def test_audience_may_be_left_out(stack):
    assert token_response(stack, audience=None).status_code == 200


@pytest.mark.parametrize(("body", "content_type"), [
    ('{"grant_type": "client_credentials"}', "application/json"),
    ("grant_type=client_credentials&grant_type=client_credentials&client_id=mts-demo-client", None),
    ("grant_type=client_credentials&client_id=%FF%FE", None),
    (b"grant_type=client_credentials&client_id=\xff", None),
    ("&".join(f"k{i}=v" for i in range(40)), None),
    ("grant_type=client_credentials&client_id=" + "x" * 2000, None),
], ids=["json", "repeated-parameter", "bad-percent-utf8", "raw-bad-utf8", "too-many-fields", "long-value"])
def test_malformed_requests_are_invalid_request(stack, body, content_type):
    r = requests.post(stack.url(TOKEN_PATH), data=body, timeout=10,
                      headers={"Content-Type": content_type or "application/x-www-form-urlencoded"})
    assert_oauth_error(r, 400, "invalid_request")


def test_envoy_refusals_on_the_token_path_are_oauth_errors(stack):
    assert_oauth_error(requests.get(stack.url(TOKEN_PATH), timeout=10), 404, "invalid_request")
    big = "grant_type=client_credentials&x=" + "y" * 200_000
    r = requests.post(stack.url(TOKEN_PATH), data=big, timeout=10,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_oauth_error(r, 413, "invalid_request")


def test_secrets_and_tokens_are_stored_hashed(stack):
    from sqlalchemy import create_engine, text

    from server.security import hash_token

    token = token_response(stack).json()["access_token"]
    engine = create_engine(stack.database_url)
    with engine.connect() as c:
        secret_hash = c.execute(text("SELECT secret_hash FROM mts_client WHERE client_id = 'mts-demo-client'")).scalar()
        hashes = [r[0] for r in c.execute(text("SELECT token_hash FROM mts_access_token"))]
    engine.dispose()
    assert secret_hash.startswith("$argon2id$") and "mts-demo-secret" not in secret_hash
    assert hash_token(token) in hashes and token not in hashes


def test_grpc_callers_get_an_honest_status_with_the_oauth_error(stack):
    from google.api import httpbody_pb2

    req = mts_pb2.IssueTokenRequest(form=httpbody_pb2.HttpBody(
        content_type="application/x-www-form-urlencoded",
        data=b"grant_type=client_credentials&client_id=mts-demo-client&client_secret=nope"))
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = mts_pb2_grpc.MtsAuthServiceStub(ch)
        with pytest.raises(grpc.RpcError) as e:
            stub.IssueToken(req, timeout=10)
        assert e.value.code() == grpc.StatusCode.UNAUTHENTICATED
        details = rpc_status.from_call(e.value).details
        err = mts_pb2.OAuthError()
        assert any(d.Unpack(err) for d in details if d.Is(mts_pb2.OAuthError.DESCRIPTOR))
        assert err.error == "invalid_client"
        ok = stub.IssueToken(mts_pb2.IssueTokenRequest(form=httpbody_pb2.HttpBody(
            content_type="application/x-www-form-urlencoded",
            data=b"grant_type=client_credentials&client_id=mts-demo-client&client_secret=mts-demo-secret")), timeout=10)
    assert json_format.MessageToDict(ok)["token_type"] == "Bearer" and ok.expires_in == 3600
