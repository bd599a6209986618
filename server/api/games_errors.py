"""Start Game's and in-game status's answers for the games errors
(player-gateway.md; decisions in docs/gateway.md): one table, consulted by
the player gateway's renderer in ``server.api.errors``."""

from __future__ import annotations

import grpc

from server.api.errors import Rendering
from server.domain.games import errors as GE

C = grpc.StatusCode


def render(exc) -> Rendering | None:
    """The rendering of a games error, or None for any other error."""
    if isinstance(exc, (GE.UnknownGame, GE.NoLaunchTemplate)):
        return Rendering(C.INVALID_ARGUMENT, exc.message, 400, {"errMsg": "invalid input - invalid game id"})
    if isinstance(exc, GE.InvalidLaunch):
        return Rendering(C.INVALID_ARGUMENT, exc.message, 400, {"errMsg": "invalid input"})
    if isinstance(exc, GE.UnknownGameSession):
        return Rendering(C.INVALID_ARGUMENT, exc.message, 400, {"errMsg": "invalid input - invalid game session id"})
    if isinstance(exc, GE.RestrictedCountry):
        return Rendering(C.PERMISSION_DENIED, exc.message, 403, {"result": "restricted_country"})
    if isinstance(exc, GE.PlayerBlocked):
        return Rendering(C.PERMISSION_DENIED, exc.message, 403, {"result": "player_blocked"})
    if isinstance(exc, GE.OpenRound):
        from pitboss.gateway.v1 import gateway_pb2 as pb

        body = pb.OpenRoundMessage(game_id=exc.game_id, html=exc.html, html_indicator=False,
                                   open_game_id=exc.open_game_id, result="open_round_message", game_url=exc.game_url)
        return Rendering(C.FAILED_PRECONDITION, exc.message, 403, body)
    return None
