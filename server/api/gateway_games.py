"""The player gateway's game methods: Start Game and in-game status (a live
game session of the caller's, with its figures). Mixed into
``server.api.gateway.PlayerGatewayServicer``; each call is one unit of work:
brand (400), token (401), required actions (401), then the games domain."""

from __future__ import annotations

from datetime import timedelta

from pitboss.gateway.v1 import gateway_pb2 as pb
from server.api import edge
from server.api.codec import money, opt
from server.domain.cashier.status import with_cashier
from server.domain.games import service as games
from server.domain.games.model import Launcher
from server.domain.gateway import errors as G
from server.domain.gateway import status
from server.domain.gateway.core import stamp
from server.domain.protection import service as protection
from server.storage.repositories.cashier import CashierRepository
from server.storage.repositories.games import GamesRepository
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import SessionSql


class GameMethods:
    """Needs ``self.app``, ``self._gw(session)`` and ``self._player(gw, brand_id)``."""

    def StartGame(self, request, context):
        from server.api.gateway import _creds

        token = opt(request, "auth_token") or _creds().auth_token
        lifetime = timedelta(minutes=self.app.settings.pam_session_minutes)
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            brand = gw.brand(request.brand_id)
            c = gw.authenticate(brand, token)
            gw.require_no_actions(c)
            # Player protection: a time-out, exclusion or the day's session
            # time refuses the launch (403, docs/protection.md).
            protection.refuse_launch(ProtectionRepository(SessionSql(s)), str(c.player.id), self.app.clock())
            d = gw.repo.details(c.player.id)
            who = Launcher(brand.id, c.player.id, c.session.id, c.session.expires_at, c.player.currency,
                           (d.country if d is not None else ""))
            launch = games.start_game(GamesRepository(s), who, request.game_id, request.lang,
                                      opt(request, "return_url"), gw.now, lifetime)
        refusal = launch.refusal()
        if refusal is not None:
            raise refusal  # 403 open_round_message, after the open game's session committed
        resp = pb.StartGameResponse(html=launch.html, html_indicator=False, provide_rc=True, is_iframe=True,
                                    game_url=launch.game_url, game_html=launch.html,
                                    game_session_id=launch.game_session_id)
        if launch.ggr_game:
            resp.game_provider = launch.provider
            resp.result = "ggr_game"
            resp.real_balance = money(launch.real_balance)
            edge.answer(context, 303)
        return resp

    def _in_game_status(self, request, context) -> pb.GetInGameStatusResponse:
        from server.api.gateway import encode_reality_check, status_fields

        if not request.game_session_id.strip():
            raise G.InvalidInput("game session id")
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            c = self._player(gw, request.brand_id, lock=True)
            gw.require_no_actions(c)
            g, f = games.player_session(GamesRepository(s), request.game_session_id, c.player.id, c.brand.id,
                                        gw.now)
            view, check = status.online_status(gw, c)
            view = with_cashier(view, CashierRepository(s).figures(str(c.player.id)))
            now = gw.now
        fields = status_fields(view, ingame=True)
        fields["game_session"] = pb.GameSessionFigures(
            game_session_id=g.public_id, game_id=g.game_id, provider=g.provider, rounds=f.rounds,
            total_bets=money(f.total_bets), total_wins=money(f.total_wins), time_played=games.played(g, now),
            started=stamp(g.created_at), expires=stamp(g.expires_at), last_bet=stamp(f.last_bet_at),
            last_bet_amount=money(f.last_bet_amount or 0),
        )
        if check is not None:
            rc = encode_reality_check(check, True)
            edge.answer(context, 303, edge.to_json_dict(rc))
            fields["reality_check"] = rc
        return pb.GetInGameStatusResponse(**fields)
