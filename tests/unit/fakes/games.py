"""``GamesStore`` (server/domain/games/ports.py) in memory: the catalogue,
launch templates, PAM wallets and game sessions with their figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from server.domain.games.model import CatalogueGame, GameSessionInfo, NewGameSession, SessionFigures, Wallet


class FakeGamesStore:
    def __init__(self) -> None:
        self.games: dict[tuple[int, str], CatalogueGame] = {}
        self.providers: set[str] = set()
        self.templates: dict[tuple[int, str], str] = {}
        self.wallets: dict[str, Wallet] = {}
        self.sessions: list[GameSessionInfo] = []
        self.logins: dict[str, int | None] = {}  # game session public id -> login session id
        self.open_rounds: dict[str, tuple[str, str]] = {}  # player -> (game id, provider)
        self.session_figures: dict[int, SessionFigures] = {}

    def catalogue_game(self, brand_id: int, game_id: str) -> CatalogueGame | None:
        return self.games.get((brand_id, game_id))

    def catalogue(self, brand_id: int) -> list[CatalogueGame]:
        return [g for (b, _), g in sorted(self.games.items()) if b == brand_id]

    def save_catalogue_game(self, game: CatalogueGame, now: datetime) -> None:
        self.games[(game.brand_id, game.game_id)] = game
        self.providers.add(game.provider)

    def provider_exists(self, provider: str) -> bool:
        return provider in self.providers

    def launch_template(self, brand_id: int, provider: str) -> str | None:
        return self.templates.get((brand_id, provider))

    def save_launch_template(self, brand_id: int, provider: str, url_template: str) -> None:
        self.templates[(brand_id, provider)] = url_template

    def wallet(self, player_id: str, lock: bool = False) -> Wallet | None:
        return self.wallets.get(player_id)

    def open_wallet(self, player_id: str, currency: str, country: str, language: str, now: datetime) -> None:
        self.wallets.setdefault(player_id, Wallet(player_id, currency, country, language, False, Decimal("0"),
                                                  Decimal("0"), Decimal("0")))

    def set_language(self, player_id: str, language: str) -> None:
        self.wallets[player_id] = replace(self.wallets[player_id], language=language)

    def open_round_game(self, player_id: str, other_than: str) -> tuple[str, str] | None:
        found = self.open_rounds.get(player_id)
        return found if found is not None and found[0] != other_than else None

    def open_session(self, new: NewGameSession) -> None:
        self.sessions.append(GameSessionInfo(
            new.public_id, len(self.sessions) + 1, new.brand_id, new.gateway_player_id, new.pam_player_id,
            new.game_id, new.provider, new.created_at, new.expires_at, None, ""))
        self.logins[new.public_id] = new.login_session_id

    def game_session(self, public_id: str) -> GameSessionInfo | None:
        return next((s for s in self.sessions if s.public_id == public_id), None)

    def game_sessions(self, pam_player_id: str, limit: int) -> list[GameSessionInfo]:
        return [s for s in reversed(self.sessions) if s.pam_player_id == pam_player_id][:limit]

    def figures(self, pam_session_id: int) -> SessionFigures:
        return self.session_figures.get(pam_session_id, SessionFigures())

    def end_session(self, public_id: str, now: datetime, reason: str) -> bool:
        for i, s in enumerate(self.sessions):
            if s.public_id == public_id and s.ended_at is None:
                self.sessions[i] = replace(s, ended_at=now, ended_reason=reason, expires_at=min(s.expires_at, now))
                return True
        return False

    def end_sessions_of_login(self, login_session_id: int, now: datetime, reason: str) -> int:
        return sum(self.end_session(s.public_id, now, reason) for s in list(self.sessions)
                   if self.logins.get(s.public_id) == login_session_id)

    def end_sessions_of_player(self, gateway_player_id: int, now: datetime, reason: str) -> int:
        return sum(self.end_session(s.public_id, now, reason) for s in list(self.sessions)
                   if s.gateway_player_id == gateway_player_id)

    def end_surplus_sessions(self, login_session_id: int, keep: int, now: datetime, reason: str) -> int:
        open_ = [s for s in self.sessions if self.logins.get(s.public_id) == login_session_id and s.ended_at is None]
        surplus = open_[:-keep] if keep else open_
        return sum(self.end_session(s.public_id, now, reason) for s in surplus)
