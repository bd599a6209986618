"""Player-protection test support: a stack whose protection clock the test
moves (PITBOSS_PROTECTION_CLOCK_FILE, demo mode), players registered through
the gateway with a PAM wallet and game session (written into the database as
the operator's back office would), and helpers that call the
responsible-gaming endpoints and the PAM API through Envoy."""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from server.security import hash_token
from server.storage.models import PamAccount, PamLedgerEntry, PamPlayer, PamSession
from tests.support.pam_support import API_TOKEN, GAME, db, raw_json

V = "1.30.00"
PASSWORD = "Secret123"


class MovableClock:
    """Moves the stack's protection clock: the offset file it reads."""

    def __init__(self, path) -> None:
        self.path = str(path)
        self.offset = 0.0
        self._stamp = 0
        self.set(0)

    def set(self, seconds: float) -> None:
        self.offset = seconds
        tmp = f"{self.path}.tmp"
        with open(tmp, "w") as f:
            f.write(repr(float(seconds)))
        # The clock re-reads the file when its mtime changes: make it change.
        self._stamp = max(time.time_ns(), self._stamp + 1_000_000)
        os.utime(tmp, ns=(self._stamp, self._stamp))
        os.replace(tmp, self.path)

    def to(self, at: datetime) -> None:
        """Make the protection clock read ``at`` now."""
        self.set((at - datetime.now(timezone.utc)).total_seconds())

    def advance(self, hours: float = 0, minutes: float = 0, seconds: float = 0) -> None:
        self.set(self.offset + hours * 3600 + minutes * 60 + seconds)

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + timedelta(seconds=self.offset)


@dataclass
class Player:
    id: int
    brand: int
    token: str  # gateway x-auth-token
    game_token: str  # PAM X-Player-Token
    login: str
    session_id: int = 0

    @property
    def pid(self) -> str:
        return str(self.id)


def register(http, base: str, brand: int = 1, currency: str = "EUR") -> tuple[int, str, str]:
    name = "p" + secrets.token_hex(6)
    r = http.post(f"{base}/gateway/reg-step-one/{V}/{brand}", data=json.dumps({
        "loginName": name, "email": f"{name}@example.com", "password": PASSWORD, "over18": True, "signTNC": True,
        "language": "en", "btag": "", "bonusCode": "", "currency": currency}), timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["player_id"], r.json()["auth_token"], name


def wallet(url: str, player_id: str, cash="1000", currency="EUR", hours=48) -> str:
    """A PAM wallet and an `evolution` game session for the player; returns the game token."""
    token = secrets.token_hex(20)
    now = datetime.now(timezone.utc)
    c = Decimal(cash)
    with db(url).session(write=True) as s:
        if s.get(PamPlayer, player_id) is None:
            s.add(PamPlayer(id=player_id, currency=currency, country="MT", language="en"))
            s.flush()
            s.add(PamAccount(player_id=player_id, currency=currency, cash_amount=c, bonus_amount=Decimal(0),
                             promo_amount=Decimal(0)))
            s.add(PamLedgerEntry(player_id=player_id, kind="ADJUSTMENT", cash_delta=c, bonus_delta=Decimal(0),
                                 promo_delta=Decimal(0), cash_after=c, bonus_after=Decimal(0), promo_after=Decimal(0)))
        s.add(PamSession(token_hash=hash_token(token), player_id=player_id, provider="evolution", game_id=GAME,
                         created_at=now, expires_at=now + timedelta(hours=hours)))
    return token


def new_player(http, stack, brand: int = 1, cash="1000", currency="EUR") -> Player:
    pid, token, name = register(http, stack.http, brand, currency)
    return Player(pid, brand, token, wallet(stack.database_url, str(pid), cash, currency), name)


class Rg:
    """The responsible-gaming endpoints and the PAM API, through Envoy."""

    def __init__(self, http, stack) -> None:
        self.http, self.stack = http, stack

    def call(self, method: str, p: Player, what: str, body=None, token: str | None = None):
        url = f"{self.stack.http}/gateway/responsible-gaming/{V}/{p.brand}/{what}"
        data = None if body is None else (body if isinstance(body, str) else json.dumps(body))
        return self.http.request(method, url, headers={"x-auth-token": token or p.token}, data=data, timeout=30)

    def limits(self, p: Player):
        return self.call("GET", p, "limits")

    def set_limits(self, p: Player, body):
        return self.call("PUT", p, "limits", body)

    def timeout(self, p: Player, period: str):
        return self.call("POST", p, "timeout", {"period": period})

    def exclude(self, p: Player, period: str):
        return self.call("POST", p, "self-exclusion", {"period": period})

    # PAM (the aggregator)
    def tx(self, p: Player, kind: str, amount, round_id: str, over=None, tx_id: str | None = None):
        body = {"currency": "EUR", "provider": "evolution", "transactionType": kind,
                "cashAmount": f"{Decimal(amount):.6f}", "bonusAmount": "0.000000", "promoAmount": "0.000000",
                "transactionDateTime": "2026-11-22T19:40:00Z",
                "providerTransactionId": tx_id or f"{p.id}-{secrets.token_hex(6)}",
                "providerRoundId": round_id, "providerGameId": GAME}
        if over is not None:
            body["isGameOver"] = over
        r = self.http.post(f"{self.stack.http}/players/{p.pid}/transactions", params={"provider": "evolution"},
                           headers={"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": p.game_token,
                                    "X-Correlation-ID": "-", "Content-Type": "application/json"},
                           data=raw_json(body), timeout=30)
        assert r.status_code == 200, r.text
        return r.json()

    def bet(self, p: Player, amount, round_id: str | None = None, **kw):
        return self.tx(p, "WITHDRAW", amount, round_id or "r-" + secrets.token_hex(4), **kw)

    def win(self, p: Player, amount, round_id: str, over=True, **kw):
        return self.tx(p, "DEPOSIT", amount, round_id, over=over, **kw)


def limit_of(body: dict, kind: str, period: str) -> dict | None:
    for lim in body["limits"]:
        if lim["type"] == kind and lim["period"] == period:
            return lim
    return None


def refused(answer: dict) -> bool:
    return answer["status"] == "ERROR" and answer["error"]["code"] == "PAM_ERR_BET_NOT_ALLOWED"
