"""What the games domain needs from storage (implemented by
``server.storage.repositories.games.GamesRepository``)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from server.domain.games.model import CatalogueGame, GameSessionInfo, NewGameSession, SessionFigures, Wallet


class GamesStore(Protocol):
    def catalogue_game(self, brand_id: int, game_id: str) -> CatalogueGame | None: ...

    def catalogue(self, brand_id: int) -> list[CatalogueGame]: ...

    def save_catalogue_game(self, game: CatalogueGame, now: datetime) -> None:
        """Insert or replace (by brand and game id); the PAM learns the game too."""

    def provider_exists(self, provider: str) -> bool: ...

    def launch_template(self, brand_id: int, provider: str) -> str | None: ...

    def save_launch_template(self, brand_id: int, provider: str, url_template: str) -> None: ...

    def wallet(self, player_id: str, lock: bool = False) -> Wallet | None: ...

    def open_wallet(self, player_id: str, currency: str, country: str, language: str, now: datetime) -> None:
        """A PAM player with an empty account (cash, bonus and promo 0)."""

    def set_language(self, player_id: str, language: str) -> None: ...

    def open_round_game(self, player_id: str, other_than: str) -> tuple[str, str] | None:
        """(game id, provider) of an unfinished round (stake not cancelled) of
        the player in another game, or None."""

    def open_session(self, new: NewGameSession) -> None:
        """The PAM session (token hash, provider, game, lifetime) and its link."""

    def game_session(self, public_id: str) -> GameSessionInfo | None: ...

    def game_sessions(self, pam_player_id: str, limit: int) -> list[GameSessionInfo]: ...

    def figures(self, pam_session_id: int) -> SessionFigures: ...

    def end_session(self, public_id: str, now: datetime, reason: str) -> bool:
        """End an open game session now (its PAM token expires); False when it
        had already ended."""

    def end_sessions_of_login(self, login_session_id: int, now: datetime, reason: str) -> int: ...

    def end_sessions_of_player(self, gateway_player_id: int, now: datetime, reason: str) -> int:
        """Every open game session of a gateway player ends (set-based)."""

    def end_surplus_sessions(self, login_session_id: int, keep: int, now: datetime, reason: str) -> int:
        """End the login's oldest open game sessions beyond the newest ``keep``."""
