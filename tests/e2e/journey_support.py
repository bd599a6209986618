"""Helpers for the journey tests: a player registered through the gateway, the
VIP Connect cashier (operator-3, whose wallet is this platform's), Start Game,
and the back office over gRPC with the demo credential."""

from __future__ import annotations

import json
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import grpc
from google.rpc import status_pb2
from sqlalchemy import create_engine, text

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from pitboss.backoffice.v1 import backoffice_pb2_grpc
from server.security import Vault
from tests.support import SECRET
from tests.support.tokens import vip_token

V = "1.30.00"
PASSWORD = "Secret123"
CASHIER = "operator-3"
BO_TOKEN = "backoffice-demo-token"
HASH_RE = re.compile(r"hash: ([0-9a-f]{64})")
NIL = "00000000-0000-0000-0000-000000000000"


class Journey:
    def __init__(self, stack, http) -> None:
        self.stack, self.http = stack, http
        self._engine = None

    # ------------------------------------------------------------ HTTP
    def call(self, method: str, path: str, token: str | None = None, body=None, params=None, headers=None):
        h = {"Content-Type": "application/json"}
        if token:
            h["x-auth-token"] = token
        h.update(headers or {})
        r = self.http.request(method, self.stack.url(path), data=json.dumps(body) if body is not None else None,
                              headers=h, params=params)
        for name in r.headers:
            assert not name.lower().startswith(("grpc-", "x-pitboss-")), f"leaked header {name}"
        return r

    def sql(self, statement: str, **params):
        if self._engine is None:
            self._engine = create_engine(self.stack.database_url)
        with self._engine.begin() as c:
            res = c.execute(text(statement), params)
            return res.fetchall() if res.returns_rows else None

    def outbox_hashes(self, player_id: int) -> list[str]:
        vault = Vault(SECRET)
        rows = self.sql("SELECT body_enc FROM gateway_outbox WHERE player_id = :p AND channel = 'email' ORDER BY id",
                        p=player_id)
        return [m.group(1) for r in rows if (m := HASH_RE.search(vault.decrypt(r[0])))]

    def player(self, country: str = "MT", brand: int = 1) -> dict:
        """Register (steps one and two), verify the email from the outbox, sign
        the privacy policy, log in: {"id", "token", "name"}."""
        name = "j" + secrets.token_hex(5)
        r = self.call("POST", f"/gateway/reg-step-one/{V}/{brand}", body={
            "loginName": name, "email": f"{name}@example.com", "password": PASSWORD, "over18": True,
            "signTNC": True, "signPrivacy": True, "language": "en", "btag": "", "bonusCode": "", "currency": "EUR"})
        assert r.status_code == 200, r.text
        reg = r.json()
        r = self.call("POST", f"/gateway/reg-step-two/{V}/{brand}", body={
            "auth_token": reg["auth_token"], "firstName": "Ann", "lastName": "Lee", "birthDate": "02/11/1990",
            "gender": "F", "language": "en", "country": country, "city": "Valletta", "address": "1 Road",
            "zipCode": "VLT1", "mobileNumber": "356-1234567"})
        assert r.status_code == 200, r.text
        pid = reg["player_id"]
        hashes = self.outbox_hashes(pid)
        assert hashes, "no verification mail in the outbox"
        r = self.call("GET", f"/gateway/admission/{V}/verify/email/{brand}", params={"hash": hashes[-1]})
        assert r.status_code == 200, r.text
        r = self.call("POST", f"/gateway/login/{V}/{brand}/player",
                      body={"user_name": name, "password": PASSWORD, "language": "en"})
        assert r.status_code == 200, r.text
        return {"id": pid, "token": r.json()["auth_token"], "name": name, "brand": brand}

    def status(self, p: dict):
        return self.call("GET", f"/gateway/online-player/{V}/player/{p['brand']}/online/status", token=p["token"])

    def in_game(self, p: dict, game_session_id: str):
        return self.call("GET", f"/gateway/online-player/{V}/player/{p['brand']}/online/ingame/status/{game_session_id}",
                         token=p["token"])

    def start(self, p: dict, game: str, lang: str = "en", token: str | None = None, brand: int | None = None):
        return self.call("POST", f"/gateway/games/{V}/start-game/{brand or p['brand']}/{game}/{lang}",
                         body={"auth_token": token or p["token"], "return_url": "https://casino.example/lobby"})

    # ------------------------------------------------------------ VIP Connect
    def vip(self, path: str, body: dict, operator: str = CASHIER, token: bool = True):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {vip_token(operator)}"
        return self.http.post(self.stack.url(path), data=json.dumps(body), headers=headers)

    def vip_session(self, p: dict, kind: str, amount: float, card: str | None = None, dob: str = "03/04/1970",
                    wallet_balance: float = 0, operator: str = CASHIER) -> dict:
        """A patron session for the player: a new VIP patron (enrollment) when no
        card is given, else the card's. Returns the session answer plus the
        transactionId used."""
        txid = "j-" + secrets.token_hex(8)
        common = {"patronId": str(p["id"]), "remainingDailyDeposit": 5000.0, "walletBalance": wallet_balance,
                  "transactionId": txid, "transactionAmount": amount, "transactionType": kind,
                  "returnUrl": "https://casino.example/cashier/ok", "cancelRedirectUrl": "https://casino.example/cashier/cancel",
                  "productType": "preferred", "oneClickDiscountApplied": False}
        if card is None:
            body = dict(common, firstName="Ann", middleInitial="", lastName="Lee", dateOfBirth=dob,
                        email="ann@example.com", mobilePhone="3561234567", streetName="1 Road", city="Valletta",
                        state="NV", zip="89101", country="US", idType="DL", idNumber="D" + secrets.token_hex(4),
                        idState="NV", ssn=f"{secrets.randbelow(10**9):09d}", routingNumber="021000021",
                        accountNumber="000123456789")
            r = self.vip("/api/patronsession/new", body, operator)
        else:
            r = self.vip("/api/patronsession/existing", dict(common, vipCardNumber=card, dateOfBirth=dob), operator)
        assert r.status_code == 200, r.text
        out = r.json()
        out["_txid"] = txid
        return out

    def confirm(self, session_id: str):
        return self.http.post(self.stack.url(f"/api/sdk/sessions/{session_id}/confirm"),
                              data=json.dumps({"bankAccountIndex": 0}), headers={"Content-Type": "application/json"})

    def approve(self, kind: str, txid: str, approved: bool = True, operator: str = CASHIER):
        path = "/api/operator/DepositApproval" if kind == "deposit" else "/api/operator/WithdrawApproval"
        return self.vip(path, {"transactionId": txid, "approved": approved}, operator)

    def deposit(self, p: dict, amount: float) -> dict:
        s = self.vip_session(p, "deposit", amount)
        assert s["sessionId"] != NIL, s
        assert self.confirm(s["sessionId"]).status_code == 200
        r = self.approve("deposit", s["_txid"])
        assert r.status_code == 200 and r.json()["status"] == "settled", r.text
        return s


def launch(game_url: str) -> tuple[str, str]:
    """(token, game_session_id) from a launch URL."""
    q = parse_qs(urlsplit(game_url).query)
    return q["token"][0], q["game_session_id"][0]


class Backoffice:
    """The back office over gRPC with the demo credential."""

    def __init__(self, stack, actor: str = "alice@support", token: str = BO_TOKEN) -> None:
        self.channel = grpc.insecure_channel(stack.grpc)
        self.stub = backoffice_pb2_grpc.BackofficeServiceStub(self.channel)
        self.md = [("authorization", f"Bearer {token}"), ("x-acting-user", actor)]

    def __getattr__(self, name):
        method = getattr(self.stub, name)
        return lambda request, **kw: method(request, metadata=kw.pop("metadata", self.md), timeout=10, **kw)

    def close(self) -> None:
        self.channel.close()


def new_brand(stack, reauth: bool | None = None, phone_verification: bool | None = None) -> int:
    """A brand of its own (so that its settings touch no other test), with
    the settings given changed through the back office."""
    from server.storage.models import GatewayBrand
    from tests.support.pam_support import db

    brand = 100 + secrets.randbelow(10**8)
    with db(stack.database_url).session(write=True) as s:
        s.add(GatewayBrand(id=brand, name=f"Strict casino {brand}", currency="EUR"))
    set_brand(stack, brand, reauth=reauth, phone_verification=phone_verification)
    return brand


def set_brand(stack, brand: int, reauth: bool | None = None, phone_verification: bool | None = None) -> None:
    changes = {k: x for k, x in (("contact_change_reauth", reauth), ("phone_verification", phone_verification))
               if x is not None}
    if not changes:
        return
    office = Backoffice(stack, actor="erin@security")
    try:
        office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=brand, reason="stricter than the vendor", **changes))
    finally:
        office.close()


def grpc_error(fn) -> tuple[grpc.StatusCode, status_pb2.Status]:
    try:
        fn()
    except grpc.RpcError as e:
        st = status_pb2.Status()
        for k, v in e.trailing_metadata() or ():
            if k == "grpc-status-details-bin":
                st.ParseFromString(v)
        return e.code(), st
    raise AssertionError("expected a gRPC error")


def reason_of(st: status_pb2.Status) -> str:
    from google.rpc import error_details_pb2

    for d in st.details:
        if d.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            d.Unpack(info)
            return info.reason
    return ""


__all__ = ["Backoffice", "Journey", "bo", "grpc_error", "launch", "reason_of"]
