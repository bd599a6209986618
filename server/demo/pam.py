"""PAM demo records (demo.md): the aggregator's API token, the providers and
a few games, and the seed's player with cash 1000 and an Evolution session
valid for 24 hours from the load."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlmodel import Session, select

from server.domain.records.chain import EMPTY
from server.security import Vault, hash_token
from server.storage.chain import link
from server.storage.models import (
    PamAccount,
    PamApiClient,
    PamGame,
    PamLedgerEntry,
    PamPlayer,
    PamProvider,
    PamSession,
)

PAM_DEMO_API_TOKEN = "pam-demo-api-token"
PAM_DEMO_PLAYER = "73619e57b3bc4b4e9014132be3bd12a9"
PAM_DEMO_SESSION_TOKEN = "7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43"
# A second session of the same player, for the README's refresh example
# (seeds/002): a refresh rotates its token for good, and the seed's token
# above stays usable for every other example.
PAM_DEMO_REFRESH_TOKEN = "5eed0002a1b2c3d4e5f60718293a4b5c6d7e8f90"
PAM_DEMO_GAME = "ecf559b11f0"
PAM_DEMO_PROVIDERS = {"evolution": "Evolution", "redtiger": "Red Tiger", "caleta": "Caleta"}
PAM_DEMO_GAMES = {
    "evolution": [(PAM_DEMO_GAME, "Lightning Roulette"), ("blackjack-a", "Blackjack A")],
    "redtiger": [("gonzos-quest-megaways", "Gonzo's Quest Megaways")],
    "caleta": [("caleta-slot-1", "Caleta Slot 1")],
}


GATEWAY_DEMO_PLAYER = "33003139"
GATEWAY_DEMO_SESSION_TOKEN = "33003139a1b2c3d4e5f60718293a4b5c6d7e8f90"


def load_pam(s: Session, vault: Vault) -> None:
    if s.exec(select(PamApiClient).where(PamApiClient.name == "valkyrie")).first() is None:
        s.add(PamApiClient(name="valkyrie", token_hash=hash_token(PAM_DEMO_API_TOKEN)))
    for name, display in PAM_DEMO_PROVIDERS.items():
        if s.get(PamProvider, name) is None:
            s.add(PamProvider(name=name, display_name=display))
    s.flush()
    for provider, games in PAM_DEMO_GAMES.items():
        for game_id, title in games:
            q = select(PamGame).where(PamGame.provider == provider, PamGame.game_id == game_id)
            if s.exec(q).first() is None:
                s.add(PamGame(provider=provider, game_id=game_id, name=title))
    now = datetime.now(timezone.utc)
    if s.get(PamPlayer, PAM_DEMO_PLAYER) is None:
        s.add(PamPlayer(id=PAM_DEMO_PLAYER, currency="USD", country="US", language="en"))
        s.flush()
        cash = Decimal("1000.000000")
        _opening(s, PAM_DEMO_PLAYER, "USD", cash, Decimal("0"), now)
    # The player gateway's demo player itamar1 (ID 33003139) has its wallet
    # here too: the gateway shows these balances (docs/gateway.md).
    if s.get(PamPlayer, GATEWAY_DEMO_PLAYER) is None:
        s.add(PamPlayer(id=GATEWAY_DEMO_PLAYER, currency="EUR", country="AD", language="en"))
        s.flush()
        cash, bonus = Decimal("906.040000"), Decimal("30.000000")
        _opening(s, GATEWAY_DEMO_PLAYER, "EUR", cash, bonus, now)
        s.add(PamSession(token_hash=hash_token(GATEWAY_DEMO_SESSION_TOKEN), player_id=GATEWAY_DEMO_PLAYER,
                         provider="evolution", game_id=PAM_DEMO_GAME, created_at=now,
                         expires_at=now + timedelta(hours=24)))
    # The seed's session, once: a refreshed (rotated) demo token is never revived.
    q = select(PamSession.id).where(PamSession.player_id == PAM_DEMO_PLAYER, PamSession.provider == "evolution")
    if s.exec(q).first() is None:
        for token in (PAM_DEMO_SESSION_TOKEN, PAM_DEMO_REFRESH_TOKEN):
            s.add(PamSession(token_hash=hash_token(token), player_id=PAM_DEMO_PLAYER,
                             provider="evolution", game_id=PAM_DEMO_GAME, created_at=now,
                             expires_at=now + timedelta(hours=24)))


def _opening(s, player_id: str, currency: str, cash: Decimal, bonus: Decimal, now: datetime) -> None:
    """The wallet and its opening balance, the first entry of the player's
    ledger chain (server.storage.chain)."""
    zero = Decimal("0")
    head = link(player_id, EMPTY, "ADJUSTMENT", "", (cash, bonus, zero), (cash, bonus, zero), now)
    s.add(PamAccount(player_id=player_id, currency=currency, cash_amount=cash, bonus_amount=bonus, updated_at=now,
                     chain_seq=head.seq, chain_hash=head.hash))
    s.add(PamLedgerEntry(player_id=player_id, kind="ADJUSTMENT", cash_delta=cash, bonus_delta=bonus,
                         cash_after=cash, bonus_after=bonus, created_at=now, seq=head.seq, chain_hash=head.hash))
