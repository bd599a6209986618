"""Start Game (the vendor's page, player-gateway.md) and the game sessions it
opens; the catalogue's rules.

A start checks, in this order: the game (in the brand's catalogue and
enabled, else 400), the player's block flag, the game's restricted countries
(against the player's jurisdiction, ``server.domain.jurisdiction``), an
unfinished round in another game; then opens a PAM game session for the
game's provider (a 40-hex token, the player's currency, jurisdiction and
language, the game id) and answers the brand's launch URL for the provider
with ``token`` and ``game_session_id``. The decisions are in docs/gateway.md.
"""

from __future__ import annotations

import html as _html
import re
import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import quote, urlencode, urlsplit

from server.domain.errors import Violations
from server.domain.games import errors as games_errors
from server.domain.games.model import (
    CatalogueGame,
    GameSessionInfo,
    Launch,
    Launcher,
    NewGameSession,
    SessionFigures,
)
from server.domain.games.ports import GamesStore
from server.security import hash_token

LANGUAGE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2})?$")
GAME_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
PROVIDER = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
# Open game sessions per login session: a start beyond it ends the oldest
# (reason "replaced"), so a logout ends a bounded number (docs/gateway.md).
MAX_OPEN_PER_LOGIN = 20


def new_token() -> str:
    """The PAM token: 40 hexadecimal characters (160 random bits)."""
    return secrets.token_hex(20)


def launch_url(template: str, brand_id: int, provider: str, game_id: str, lang: str, token: str,
               game_session_id: str) -> str:
    base = (template.replace("{game_id}", quote(game_id, safe="")).replace("{lang}", quote(lang, safe=""))
            .replace("{provider}", quote(provider, safe="")).replace("{brand_id}", str(brand_id)))
    sep = "&" if "?" in base else "?"
    return base + sep + urlencode({"token": token, "game_session_id": game_session_id})


def iframe(url: str) -> str:
    return f'<iframe src="{_html.escape(url, quote=True)}" width="100%" height="100%" frameborder="0" allowfullscreen></iframe>'


def check_launch_input(lang: str, return_url: str | None) -> str:
    """The path's language (``xx`` or ``xx-XX``) and, when sent, an absolute
    http(s) return URL; anything else is 400 invalid input."""
    if not LANGUAGE.match(lang or ""):
        raise games_errors.InvalidLaunch("language must be xx or xx-XX")
    if return_url:
        try:
            u = urlsplit(return_url)
            ok = u.scheme in ("http", "https") and bool(u.hostname) and len(return_url) <= 2048
        except ValueError:
            ok = False
        if not ok:
            raise games_errors.InvalidLaunch("return_url must be an absolute http(s) URL")
    return lang


def _open(store: GamesStore, who: Launcher, game: CatalogueGame, lang: str, now: datetime,
          lifetime: timedelta) -> tuple[str, str, str]:
    """A new PAM session for ``game``: (token, game session id, game URL)."""
    template = store.launch_template(who.brand_id, game.provider)
    if template is None:
        raise games_errors.NoLaunchTemplate()
    token, public_id = new_token(), secrets.token_hex(16)
    store.end_surplus_sessions(who.login_session_id, MAX_OPEN_PER_LOGIN - 1, now, "replaced")
    # A game session lives the PAM session lifetime, never past the login.
    expires = min(now + lifetime, who.login_expires_at)
    store.open_session(NewGameSession(
        public_id=public_id, token_hash=hash_token(token), brand_id=who.brand_id, gateway_player_id=who.player_id,
        pam_player_id=who.pam_player_id, login_session_id=who.login_session_id, game_id=game.game_id,
        provider=game.provider, created_at=now, expires_at=expires,
    ))
    return token, public_id, launch_url(template, who.brand_id, game.provider, game.game_id, lang, token, public_id)


def start_game(store: GamesStore, who: Launcher, game_id: str, lang: str, return_url: str | None, now: datetime,
               lifetime: timedelta) -> Launch:
    lang = check_launch_input(lang, return_url)
    game = store.catalogue_game(who.brand_id, game_id) if game_id and len(game_id) <= 40 else None
    if game is None or not game.enabled:
        raise games_errors.UnknownGame("invalid game id")
    wallet = store.wallet(who.pam_player_id, lock=True)
    if wallet is not None and wallet.blocked:
        raise games_errors.PlayerBlocked("the player is blocked")
    if who.jurisdiction.closes(game.restricted_countries):
        raise games_errors.RestrictedCountry("restricted_country")
    if wallet is None:
        # The wallet's country (the aggregator receives it) is the jurisdiction.
        store.open_wallet(who.pam_player_id, who.currency, who.jurisdiction.country, lang, now)
        wallet = store.wallet(who.pam_player_id)
    elif wallet.language != lang:
        store.set_language(who.pam_player_id, lang)
    other = store.open_round_game(who.pam_player_id, game.game_id)
    if other is not None:
        open_game = store.catalogue_game(who.brand_id, other[0])
        if open_game is None:  # no longer in the catalogue: launch it as the round's provider's game
            open_game = CatalogueGame(who.brand_id, other[0], other[1], other[0])
        _, public_id, url = _open(store, who, open_game, lang, now, lifetime)
        # Returned, not raised: the new session of the open game must commit.
        return Launch(open_game.game_id, open_game.provider, public_id, url, iframe(url), requested=game.game_id)
    _, public_id, url = _open(store, who, game, lang, now, lifetime)
    return Launch(game.game_id, game.provider, public_id, url, iframe(url), ggr_game=game.ggr_game,
                  real_balance=wallet.cash if wallet is not None else Decimal("0"))


def player_session(store: GamesStore, public_id: str, player_id: int, brand_id: int,
                   now: datetime) -> tuple[GameSessionInfo, SessionFigures]:
    """A live game session of this player with its figures; anything else
    (unknown, ended, expired, another player's) is one error."""
    g = store.game_session(public_id) if public_id and len(public_id) <= 64 else None
    if g is None or g.gateway_player_id != player_id or g.brand_id != brand_id or not g.open(now):
        raise games_errors.UnknownGameSession("invalid game session id")
    return g, store.figures(g.pam_session_id)


def played(g: GameSessionInfo, now: datetime) -> str:
    minutes = int((min(now, g.ended_at or now, g.expires_at) - g.created_at).total_seconds() // 60)
    h, m = divmod(max(minutes, 0), 60)
    return f"{h} hour{'s' if h != 1 else ''} {m} minute{'s' if m != 1 else ''}"


# ------------------------------------------------------------------ catalogue


def check_game(store: GamesStore, g: CatalogueGame) -> CatalogueGame:
    """A catalogue entry as the back office sends it: every failing field at once."""
    v = Violations()
    if not GAME_ID.match(g.game_id or ""):
        v.add("game_id", "invalid", "game_id: 1-40 of A-Z a-z 0-9 _ . : -, starting with a letter or digit.")
    provider = (g.provider or "").strip().lower()
    if not PROVIDER.match(provider) or not store.provider_exists(provider):
        v.add("provider", "unknown", "provider: not a provider known to the PAM.")
    if len(g.name or "") > 128:
        v.add("name", "long", "name: at most 128 characters.")
    countries = tuple(sorted({c.strip().upper() for c in g.restricted_countries if c.strip()}))
    if any(not COUNTRY.match(c) for c in countries) or len(countries) > 250:
        v.add("restricted_countries", "invalid", "restricted_countries: ISO 3166 alpha-2 codes.")
    v.raise_if_any()
    return CatalogueGame(g.brand_id, g.game_id, provider, g.name or "", countries, g.enabled, g.ggr_game)
