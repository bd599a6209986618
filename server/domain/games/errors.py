"""Start Game and in-game status errors. How each is answered (gRPC code,
HTTP status and body) is in the gateway table, ``server.api.errors.gateway``."""

from __future__ import annotations

from server.domain.errors import Declined, DomainError, NotFound, PermissionDenied
from server.domain.outcome import AnsweredDecline


class UnknownGame(NotFound):
    """No such game in the brand's catalogue, or it is disabled."""

    reason = "UNKNOWN_GAME"


class InvalidLaunch(DomainError):
    """A malformed Start Game call (language, return URL)."""

    reason = "INVALID_INPUT"


class RestrictedCountry(PermissionDenied):
    """The game is closed to the player's country."""

    reason = "RESTRICTED_COUNTRY"


class PlayerBlocked(PermissionDenied):
    """The back office blocked the player: no new game sessions."""

    reason = "PLAYER_BLOCKED"


class OpenRound(Declined, AnsweredDecline):
    """The player has an unfinished round in another game; ``launch`` reopens
    that game."""

    reason = "OPEN_ROUND"

    def __init__(self, game_id: str, open_game_id: str, game_url: str, html: str) -> None:
        super().__init__("open_round_message", "An unfinished round in another game.")
        self.game_id = game_id
        self.open_game_id = open_game_id
        self.game_url = game_url
        self.html = html


class NoLaunchTemplate(Declined):
    """The brand has no launch URL for the game's provider."""

    reason = "NO_LAUNCH_TEMPLATE"

    def __init__(self) -> None:
        super().__init__("no_launch_template", "The brand has no launch URL for this provider.")


class UnknownGameSession(NotFound):
    """Unknown, ended, expired or another player's game session (one answer)."""

    reason = "UNKNOWN_GAME_SESSION"
