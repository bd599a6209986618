"""Games through the player gateway: Start Game and the in-game status, each
in the caller's gateway unit (the player's session, protections, games and
cashier in one transaction)."""

from __future__ import annotations

from datetime import timedelta

from server.domain import identity, jurisdiction
from server.domain.games import service as games
from server.domain.games.model import Launch, Launcher
from server.domain.gateway import errors as G
from server.domain.gateway import register as reg
from server.domain.gateway import screening, status
from server.domain.gateway.base import Gateway
from server.domain.gateway.model import InGameStatus
from server.domain.outcome import Refusal
from server.domain.protection import service as protection
from server.domain.unit import Units


def start(units: Units[Gateway], registers: reg.Registers, brand_raw: str, token: str | None, game_id: str,
          lang: str, return_url: str | None, lifetime: timedelta) -> Launch:
    """Start Game: the brand's national self-exclusion register is asked
    first (every launch, outside any unit of work), then the launch."""
    answer = screening.at_door(units, registers, brand_raw, token, reg.PLAY)
    return units.write(lambda gw: start_game(gw, brand_raw, token, game_id, lang, return_url, lifetime, answer))


def start_game(gw: Gateway, brand_raw: str, token: str | None, game_id: str, lang: str, return_url: str | None,
               lifetime: timedelta, answer: reg.Answer | None = None) -> Launch | Refusal:
    """A launch; an open round elsewhere is a Refusal: the reopened game's
    session commits, then the 403 open_round_message is answered. A person
    the register lists is refused (403 self_excluded_register)."""
    c = gw.caller(brand_raw, token)
    gw.require_no_actions(c)
    refused = screening.apply(gw, c.brand, c.player, reg.PLAY, answer)
    if refused is not None:
        return refused
    # Player protection: a time-out, exclusion or the day's session time
    # refuses the launch (403, docs/protection.md; nothing is written).
    protection.refuse_launch(gw.uow.protections, str(c.player.id), gw.uow.clock())
    # Licence gates: the brand may require a verified identity for play
    # (403 verification_required; docs/compliance.md).
    identity.refuse_play(c.brand.verification_policy, c.player.verification_status)
    who = Launcher(c.brand.id, c.player.id, c.session.id, c.session.expires_at, c.player.currency,
                   jurisdiction.of(c.player))
    launch = games.start_game(gw.uow.games, who, game_id, lang, return_url, gw.now, lifetime)
    refusal = launch.refusal()
    return Refusal(refusal) if refusal is not None else launch


def in_game(units: Units[Gateway], brand_raw: str, token: str | None, game_session_id: str) -> InGameStatus:
    """The status of a live game session of the caller: a read unit, then the
    due reality check, shown only once recorded."""
    if not game_session_id.strip():
        raise G.InvalidInput("game session id")

    def read(gw: Gateway):
        c = gw.caller(brand_raw, token)
        gw.require_no_actions(c)
        g, f = games.player_session(gw.uow.games, game_session_id, c.player.id, c.brand.id, gw.now)
        view, check, shown = status.status_with_check(gw, c)
        return InGameStatus(view, check, g, f, gw.now), shown

    out, shown = units.read(read)
    check = status.show(units, out.check, shown)
    return InGameStatus(out.view, check, out.game_session, out.figures, out.now)
