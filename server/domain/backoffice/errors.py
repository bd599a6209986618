"""Back-office errors; ``server.api.errors.backoffice`` maps them (and the
cashier's and games' errors) to gRPC codes."""

from __future__ import annotations

from server.domain.errors import NotFound


class UnknownPlayer(NotFound):
    reason = "UNKNOWN_PLAYER"


class UnknownGameSession(NotFound):
    reason = "UNKNOWN_GAME_SESSION"


class UnknownBrand(NotFound):
    reason = "UNKNOWN_BRAND"
