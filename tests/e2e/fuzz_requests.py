"""The valid requests the fuzz test (tests/e2e/test_fuzz.py) starts from: the
README's and the documents' examples, one family at a time.

A ``Base`` is a request template: path parameters (mutated one by one),
query, headers, a JSON body, and which headers are credentials (mutating one
of those makes the request's credentials broken: it must never answer 2xx).
Values that must be fresh per request (correlation ids, transaction ids) are
``FRESH`` and filled in when the request is built.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field

from tests.support.mts_helpers import BASE as MTS_ENVELOPE

FRESH = "<fresh>"
V = "1.30.00"


@dataclass
class Base:
    name: str
    method: str
    path: str  # with {param} placeholders
    params: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    body: object = None
    credentials: tuple[str, ...] = ()  # header names that authenticate the call
    body_credentials: tuple[str, ...] = ()  # body keys that do (a login's password)

    def fresh(self) -> "Base":
        b = copy.deepcopy(self)
        b.body = _fill(b.body)
        b.query = _fill(b.query)
        return b


def _fill(v):
    if v == FRESH:
        return "fz-" + secrets.token_hex(8)
    if isinstance(v, dict):
        return {k: _fill(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_fill(x) for x in v]
    return v


@dataclass
class Creds:
    vip_jwt: str
    pam_player: str
    pam_token: str
    pam_refresh_token: str
    gateway_token: str
    gateway_logout_token: str
    sdk_session: str


def vip(c: Creds) -> list[Base]:
    auth = {"Authorization": f"Bearer {c.vip_jwt}", "Content-Type": "application/json"}
    creds = ("Authorization",)
    session = {
        "patronId": "0ef56720-47b6-46bc-9a3a-b81bd511d10a", "vipCardNumber": "7210536159",
        "dateOfBirth": "01/15/1985", "remainingDailyDeposit": 500, "walletBalance": 250, "transactionId": FRESH,
        "transactionAmount": 10.33, "transactionType": "deposit", "returnUrl": "https://op.example/success",
        "cancelRedirectUrl": "https://op.example/cancel", "productType": "preferred",
        "oneClickDiscountApplied": False,
    }
    new = {
        "patronId": "fz-player", "firstName": "Nina", "middleInitial": "Q", "lastName": "Newman",
        "dateOfBirth": "06/07/1988", "email": "nina@example.com", "mobilePhone": "7025550199",
        "streetName": "5 New Street", "city": "Reno", "state": "NV", "zip": "89501", "country": "US",
        "idType": "DL", "idNumber": "N12345678", "idState": "NV", "ssn": "600119999",
        "routingNumber": "122105278", "accountNumber": "123456789012", "walletBalance": 100,
        "remainingDailyDeposit": 500, "transactionId": FRESH, "transactionAmount": 25, "transactionType": 0,
        "returnUrl": "https://op.example/ok", "cancelRedirectUrl": "https://op.example/cancel",
        "productType": "preferred", "oneClickDiscountApplied": False,
    }
    return [
        Base("lookup", "POST", "/api/patronsession/accountlookup", headers=auth, credentials=creds,
             body={"IdType": "SS", "IdNumber": "543083545", "IdState": "", "ProductType": "preferred"}),
        Base("lookup-card", "POST", "/api/patronsession/accountlookup", headers=auth, credentials=creds,
             body={"VipAccountNumber": "7210695258"}),
        Base("existing", "POST", "/api/patronsession/existing", headers=auth, credentials=creds, body=session),
        Base("new", "POST", "/api/patronsession/new", headers=auth, credentials=creds, body=new),
        Base("simple", "POST", "/api/patronsession/existing/simple", headers=auth, credentials=creds,
             body={"patronId": "p-7", "vipCardNumber": "7210536159", "dateOfBirth": "01/15/1985",
                   "returnUrl": "https://op.example/banks-done"}),
        Base("deposit-approval", "POST", "/api/operator/DepositApproval", headers=auth, credentials=creds,
             body={"transactionId": FRESH}),
        Base("withdraw-approval", "POST", "/api/operator/WithdrawApprovalJson", headers=auth, credentials=creds,
             body={"transactionId": FRESH, "approved": True}),
        Base("sdk-session", "GET", "/api/sdk/sessions/{id}", params={"id": c.sdk_session}),
        Base("sdk-confirm", "POST", "/api/sdk/sessions/{id}/confirm", params={"id": c.sdk_session},
             body={"bankAccountIndex": 0}, headers={"Content-Type": "application/json"}),
        Base("sdk-page", "GET", "/sdk", query={"mode": "deposit"}),
    ]


def pam(c: Creds) -> list[Base]:
    def h(token: str) -> dict:
        return {"Authorization": "Bearer pam-demo-api-token", "X-Player-Token": token, "X-Correlation-ID": "-",
                "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": "a=1",
                "Content-Type": "application/json"}

    creds = ("Authorization", "X-Player-Token")
    q = {"provider": "evolution"}
    pid = {"player": c.pam_player}
    tx = {"currency": "USD", "provider": "evolution", "transactionType": "WITHDRAW", "cashAmount": 0.5,
          "bonusAmount": 0, "promoAmount": 0, "transactionDateTime": "2026-11-22T20:00:00Z",
          "providerTransactionId": FRESH, "providerBetRef": "bet-1", "providerGameId": "ecf559b11f0",
          "providerRoundId": "r-1"}
    return [
        Base("get-session", "GET", "/players/session", query=q, headers=h(c.pam_token), credentials=creds),
        Base("refresh", "PUT", "/players/session", query=q, headers=h(c.pam_refresh_token), credentials=creds,
             body=None),
        Base("balance", "GET", "/players/{player}/balance", params=pid, query=q, headers=h(c.pam_token),
             credentials=creds),
        Base("transactions", "GET", "/players/{player}/transactions", params=pid,
             query={**q, "providerBetRef": "bet-1", "providerTransactionId": "tx-1"}, headers=h(c.pam_token),
             credentials=creds),
        Base("add-withdraw", "POST", "/players/{player}/transactions", params=pid, query=q, headers=h(c.pam_token),
             credentials=creds, body=tx),
        Base("add-deposit", "POST", "/players/{player}/transactions", params=pid, query=q, headers=h(c.pam_token),
             credentials=creds, body={**tx, "transactionType": "DEPOSIT", "cashAmount": 1.25, "isGameOver": True}),
        Base("round", "GET", "/players/{player}/gamerounds/{round}", params={**pid, "round": "r-1"}, query=q,
             headers=h(c.pam_token), credentials=creds),
    ]


def mts(c: Creds) -> list[Base]:
    env = copy.deepcopy(MTS_ENVELOPE)
    env["correlationId"] = FRESH
    headers = {"Authorization": "Bearer mts-demo-token", "Content-Type": "application/json"}
    return [Base("inform", "POST", "/mts/v3/casino-sessions-inform", headers=headers, credentials=("Authorization",),
                 body=env)]


def gateway(c: Creds) -> list[Base]:
    t = {"x-auth-token": c.gateway_token, "Content-Type": "application/json"}
    auth = ("x-auth-token",)
    plain = {"Content-Type": "application/json"}
    b = {"version": V, "brand": "1"}
    details = {"lastName": "last", "firstName": "last", "birthdate": "2000-01-01", "gender": "M", "language": "en",
               "country": "IL", "city": "city", "address": "address", "zipPostalCode": "123123123",
               "phone": "376-111111", "comment": "comment", "operator": "Player", "optOut": "{\"chat\": false}"}
    return [
        Base("details", "GET", "/gateway/player-personal-details/player/details/{version}/{brand}", params=b,
             headers=t, credentials=auth),
        Base("update-details", "PUT", "/gateway/player-personal-details/player/details/{version}/{brand}", params=b,
             headers=t, credentials=auth, body=details),
        Base("custom-fields", "GET", "/gateway/player-personal-details/{version}/custom-fields/{brand}", params=b,
             headers=t, credentials=auth),
        Base("update-custom-fields", "PUT", "/gateway/player-personal-details/{version}/custom-fields/{brand}",
             params=b, headers=t, credentials=auth,
             body={"strCustomFields": [{"id": "1", "name": "favouriteGame", "value": "roulette"}],
                   "intCustomFields": [{"id": "2", "name": "level", "value": 3}]}),
        Base("email-update", "POST", "/gateway/player-personal-details/player/details/emailUpdate/{version}/{brand}",
             params=b, headers=t, credentials=auth, body={"email": "aaa@aaa.com", "comment": "test"}),
        Base("forgot", "POST", "/gateway/admission/{version}/forgot/password/{brand}", params=b, headers=plain,
             body={"mail": "playermael@domain.com"}),
        Base("verify-password", "PUT", "/gateway/admission/{version}/verify/password/{brand}", params=b,
             query={"hash": "0" * 64}, headers=plain, body={"new_password": "Secret456"}),
        Base("change-password", "PUT", "/gateway/admission/{version}/player/{brand}/change/password", params=b,
             headers=t, credentials=auth, body={"old_password": "Wrong0000", "new_password": "Secret456"}),
        Base("resend-activation", "POST", "/gateway/admission/{version}/resend/activation/email/{brand}", params=b,
             headers=t, credentials=auth),
        Base("verify-email", "GET", "/gateway/admission/{version}/verify/email/{brand}", params=b,
             query={"hash": "0" * 64}),
        Base("sign", "POST", "/gateway/player/multi/{version}/sign/tnc", params={"version": V}, headers=t,
             credentials=auth, body={"brand_id": "1", "player_id": "33003139", "language": "en", "type": "tnc"}),
        Base("online-status", "GET", "/gateway/online-player/{version}/player/{brand}/online/status", params=b,
             headers=t, credentials=auth),
        Base("player-info", "GET", "/gateway/online-player/{version}/{brand}/player/info", params=b, headers=t,
             credentials=auth),
        Base("ingame", "GET", "/gateway/online-player/{version}/player/{brand}/online/ingame/status/{game}",
             params={**b, "game": "game-session-1"}, headers=t, credentials=auth),
        # The body's auth_token is the credential (the x-auth-token header is
        # read only when the body has none), so the header is left out.
        Base("start-game", "POST", "/gateway/games/{version}/start-game/{brand}/{game}/{lang}",
             params={**b, "game": "caleta-slot-1", "lang": "en"}, headers=plain,
             body_credentials=("auth_token",),
             body={"auth_token": c.gateway_token, "return_url": "https://casino.example/lobby"}),
        Base("login", "POST", "/gateway/login/{version}/{brand}/player", params={"version": V, "brand": "2"},
             headers=plain, body={"user_name": "brand2player", "password": "Secret123", "language": "en"},
             body_credentials=("password",)),
        Base("logout", "POST", "/gateway/logout/{version}/{brand}/player", params=b,
             headers={"x-auth-token": c.gateway_logout_token}, credentials=auth),
        Base("reg-one", "POST", "/gateway/reg-step-one/{version}/{brand}", params=b, headers=plain,
             body={"loginName": "fz" + secrets.token_hex(4), "email": "fz@example.com", "password": "Secret123",
                   "over18": True, "signTNC": True, "language": "en", "btag": "", "bonusCode": "", "currency": "EUR"}),
        Base("reg-two", "POST", "/gateway/reg-step-two/{version}/{brand}", params=b, headers=plain,
             body_credentials=("auth_token",), body={"auth_token": c.gateway_token, "firstName": "Ann", "lastName": "Lee", "birthDate": "02/11/1990",
                   "gender": "F", "language": "en", "country": "MT", "city": "Valletta", "address": "1 Road",
                   "zipCode": "VLT1", "mobileNumber": "356-1234567"}),
        Base("send-code", "POST", "/gateway/player-data/{version}/send/code/{brand}", params=b,
             headers={"2fa-auth-token": "f" * 48}, credentials=("2fa-auth-token",)),
        Base("validate-code", "PUT", "/gateway/player-data/{version}/validate/code/{brand}", params=b,
             headers={"2fa-auth-token": "f" * 48, "Content-Type": "application/json"},
             credentials=("2fa-auth-token",), body={"sms_code": "123456"}),
        Base("message", "GET", "/gateway/site-management/{version}/content/message/format/{tag}",
             params={"version": V, "tag": "forgot_email_sent"}),
    ]


FAMILIES = {"vip": vip, "pam": pam, "mts": mts, "gateway": gateway}
