"""What the games domain works with: plain dataclasses, no storage types.
Amounts are ``Decimal`` with six places; times are timezone-aware UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from server.domain.jurisdiction import Jurisdiction

if TYPE_CHECKING:
    from server.domain.games.errors import OpenRound


@dataclass(frozen=True)
class CatalogueGame:
    brand_id: int
    game_id: str
    provider: str
    name: str
    restricted_countries: tuple[str, ...] = ()
    enabled: bool = True
    ggr_game: bool = False


@dataclass(frozen=True)
class Launcher:
    """The logged-in player who starts a game (from the gateway's session)."""

    brand_id: int
    player_id: int  # the gateway player ID; the PAM player id is its text
    login_session_id: int
    login_expires_at: datetime
    currency: str
    # Whose rules apply: the jurisdiction (set at registration, moved only by
    # the back office), never the country the player edits in her details.
    jurisdiction: Jurisdiction

    @property
    def pam_player_id(self) -> str:
        return str(self.player_id)


@dataclass(frozen=True)
class Wallet:
    """The PAM side of a player: currency, the block flag and the balances."""

    player_id: str
    currency: str
    country: str
    language: str
    blocked: bool
    cash: Decimal
    bonus: Decimal
    promo: Decimal


@dataclass(frozen=True)
class NewGameSession:
    public_id: str
    token_hash: str
    brand_id: int
    gateway_player_id: int
    pam_player_id: str
    login_session_id: int | None
    game_id: str
    provider: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class GameSessionInfo:
    """A game session opened by Start Game (for in-game status and the back
    office)."""

    public_id: str
    pam_session_id: int
    brand_id: int
    gateway_player_id: int
    pam_player_id: str
    game_id: str
    provider: str
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None
    ended_reason: str

    def open(self, now: datetime) -> bool:
        return self.ended_at is None and self.expires_at > now


@dataclass(frozen=True)
class SessionFigures:
    """The game rounds played in one game session."""

    rounds: int = 0
    total_bets: Decimal = Decimal("0")
    total_wins: Decimal = Decimal("0")
    last_bet_at: datetime | None = None
    last_bet_amount: Decimal | None = None


@dataclass(frozen=True)
class Launch:
    """Start Game's answer: the game URL (with the PAM token) and how the site
    shows it. ``ggr_game``: the game plays from the real balance only (303)."""

    game_id: str
    provider: str
    game_session_id: str
    game_url: str
    html: str
    ggr_game: bool = False
    real_balance: Decimal = Decimal("0")
    # Set when the player has an unfinished round in another game: this is
    # the launch of that game, and ``requested`` the game asked for (answered
    # as open_round_message once the new session is committed).
    requested: str = ""

    def refusal(self) -> OpenRound | None:
        """The open-round answer to raise after the commit, or None."""
        if not self.requested:
            return None
        from server.domain.games.errors import OpenRound

        return OpenRound(self.requested, self.game_id, self.game_url, self.html)
