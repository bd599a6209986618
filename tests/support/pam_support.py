"""Helpers for the PAM tests: players and sessions written straight into a
stack's database (as the operator's back office would), and a small client
that calls the PAM API through Envoy the way the Valkyrie aggregator does."""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import yaml
from sqlmodel import select

from server.domain.records.chain import EMPTY
from server.security import hash_token
from server.storage.chain import link
from server.storage.db import Database
from server.storage.models import PamAccount, PamLedgerEntry, PamPlayer, PamSession

API_TOKEN = "pam-demo-api-token"
GAME = "ecf559b11f0"
# The aggregator's published OpenAPI file (valkyrie-fnd/valkyrie, MIT), verbatim.
SPEC = Path(__file__).resolve().parents[1] / "data" / "pam_api.yml"

_dbs: dict[str, Database] = {}


def db(url: str) -> Database:
    if url not in _dbs:
        _dbs[url] = Database(url, pool_size=2)
    return _dbs[url]


def new_player(url: str, cash="100", bonus="0", promo="0", currency="USD", blocked=False, account=True,
               expired=False, provider="evolution", game_id: str | None = GAME) -> tuple[str, str]:
    """A player with a wallet and a session; returns (player_id, token)."""
    pid = secrets.token_hex(16)
    token = secrets.token_hex(20)
    now = datetime.now(timezone.utc)
    with db(url).session(write=True) as s:
        s.add(PamPlayer(id=pid, currency=currency, country="US", language="en", blocked=blocked))
        s.flush()
        if account:
            c, b, p = Decimal(cash), Decimal(bonus), Decimal(promo)
            # The opening balance is the first entry of the player's chain.
            head = link(pid, EMPTY, "ADJUSTMENT", "", (c, b, p), (c, b, p), now)
            s.add(PamAccount(player_id=pid, currency=currency, cash_amount=c, bonus_amount=b, promo_amount=p,
                             chain_seq=head.seq, chain_hash=head.hash))
            s.add(PamLedgerEntry(player_id=pid, kind="ADJUSTMENT", cash_delta=c, bonus_delta=b, promo_delta=p,
                                 cash_after=c, bonus_after=b, promo_after=p, created_at=now, seq=head.seq,
                                 chain_hash=head.hash))
        s.add(PamSession(token_hash=hash_token(token), player_id=pid, provider=provider, game_id=game_id,
                         created_at=now, expires_at=now + (timedelta(seconds=-1) if expired else timedelta(hours=1))))
    return pid, token


def expire(url: str, token: str) -> None:
    with db(url).session(write=True) as s:
        sess = s.exec(select(PamSession).where(PamSession.token_hash == hash_token(token))).one()
        sess.expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
        s.add(sess)


def tx(kind: str, tx_id: str, cash="0", bonus="0", promo="0", round_id: str | None = "r1", bet_ref=None,
       game=GAME, over=None, currency="USD", provider="evolution") -> dict:
    """A Transaction body, amounts with six decimals as the aggregator sends them."""
    body = {
        "currency": currency, "provider": provider, "transactionType": kind,
        "cashAmount": f"{Decimal(cash):.6f}", "bonusAmount": f"{Decimal(bonus):.6f}",
        "promoAmount": f"{Decimal(promo):.6f}",
        "transactionDateTime": "2026-11-22T19:40:00Z", "providerTransactionId": tx_id,
    }
    if round_id is not None:
        body["providerRoundId"] = round_id
    if bet_ref is not None:
        body["providerBetRef"] = bet_ref
    if game is not None:
        body["providerGameId"] = game
    if over is not None:
        body["isGameOver"] = over
    return body


def raw_json(body: dict) -> str:
    """JSON with the amounts as bare numbers with six decimals (e.g. 10.500000)."""
    text = json.dumps(body)
    for key in ("cashAmount", "bonusAmount", "promoAmount"):
        if key in body:
            text = text.replace(f'"{key}": "{body[key]}"', f'"{key}": {body[key]}')
    return text


class Pam:
    """The aggregator's side of the PAM API, through Envoy."""

    def __init__(self, http, base: str, provider="evolution", api_token=API_TOKEN) -> None:
        self.http, self.base, self.provider, self.api_token = http, base, provider, api_token

    def headers(self, token, cid="-", **extra) -> dict:
        h = {"Authorization": f"Bearer {self.api_token}", "X-Correlation-ID": cid}
        if token is not None:
            h["X-Player-Token"] = token
        h.update(extra)
        return h

    def params(self, **kw) -> dict:
        p = {"provider": self.provider} if self.provider is not None else {}
        p.update({k: v for k, v in kw.items() if v is not None})
        return p

    def get_session(self, token, **h):
        return self.http.get(self.base + "/players/session", params=self.params(), headers=self.headers(token, **h))

    def refresh(self, token, **h):
        hdrs = self.headers(token, **h)
        hdrs["Content-Type"] = "application/json"
        return self.http.put(self.base + "/players/session", params=self.params(), headers=hdrs, data="null")

    def balance(self, player, token, **h):
        return self.http.get(f"{self.base}/players/{player}/balance", params=self.params(),
                             headers=self.headers(token, **h))

    @staticmethod
    def ns(player: str, tx_id: str | None) -> str | None:
        """providerTransactionId is unique per provider: tests keep each
        player's ids apart by prefixing them with the player's id."""
        return None if tx_id is None else f"{player[:8]}-{tx_id}"

    def add(self, player, token, body: dict, shared_id: bool = False, **h):
        if not shared_id:
            body = dict(body, providerTransactionId=self.ns(player, body["providerTransactionId"]))
        hdrs = self.headers(token, **h)
        hdrs["Content-Type"] = "application/json"
        return self.http.post(f"{self.base}/players/{player}/transactions", params=self.params(),
                              headers=hdrs, data=raw_json(body))

    def transactions(self, player, token, tx_id=None, bet_ref=None, **h):
        return self.http.get(f"{self.base}/players/{player}/transactions",
                             params=self.params(providerTransactionId=self.ns(player, tx_id),
                                                providerBetRef=bet_ref),
                             headers=self.headers(token, **h))

    def round(self, player, token, round_id, **h):
        return self.http.get(f"{self.base}/players/{player}/gamerounds/{round_id}", params=self.params(),
                             headers=self.headers(token, **h))


def load_spec() -> dict:
    return yaml.safe_load(SPEC.read_text())
