"""The player gateway's error table (player-gateway.md): {"errMsg": ...} for
input and token errors, {"result": ...} for required actions, 422 lists and 500."""

from __future__ import annotations

from server.api.errors.core import C, Answer, Call, Rendering, Row, bad_request, find, from_row, retry_after
from server.domain import errors as domain_errors
from server.domain import identity
from server.domain.hashing import Throttled
from server.domain.games import errors as games_errors
from server.domain.gateway import errors as G
from server.domain.protection import errors as protection_errors
from server.domain.records.statements import StatementInvalid

INTERNAL = "internal server error"
INVALID_INPUT = "invalid input"
# A throttled call (the edge's rate limits, the server's hash budget): 429 with Retry-After.
TOO_MANY = "too many requests - try again later"


def _violations(exc: domain_errors.ValidationFailed) -> dict:
    return {"result": [{"field": v.field, "errorCode": v.code} for v in exc.violations]}


def _open_round(e: games_errors.OpenRound):
    from pitboss.gateway.v1 import gateway_pb2

    return gateway_pb2.OpenRoundMessage(game_id=e.game_id, html=e.html, html_indicator=False, open_game_id=e.open_game_id,
                               result="open_round_message", game_url=e.game_url)


TABLE: list[Row] = [
    # Start Game and in-game status (server/domain/games; decisions in docs/gateway.md).
    Row(games_errors.UnknownGame, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input - invalid game id"}),
    Row(games_errors.NoLaunchTemplate, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input - invalid game id"}),
    Row(games_errors.InvalidLaunch, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input"}),
    Row(games_errors.UnknownGameSession, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input - invalid game session id"}),
    Row(games_errors.RestrictedCountry, C.PERMISSION_DENIED, 403, lambda e: {"result": "restricted_country"}),
    Row(games_errors.PlayerBlocked, C.PERMISSION_DENIED, 403, lambda e: {"result": "player_blocked"}),
    # Start Game refused by the player's protection (docs/protection.md).
    Row(protection_errors.Refused, C.PERMISSION_DENIED, 403, lambda e: {"result": e.code}),
    # The national self-exclusion register at registration, login and Start
    # Game (docs/compliance.md): listed, or unreachable under a closed policy.
    Row(G.SelfExcludedRegister, C.PERMISSION_DENIED, 403, lambda e: {"result": "self_excluded_register"}),
    Row(G.RegisterUnavailable, C.UNAVAILABLE, 503, lambda e: {"result": "register_unavailable"}),
    # Licence gates (docs/compliance.md): Start Game, the vendor's callback.
    Row(identity.VerificationRequired, C.PERMISSION_DENIED, 403, lambda e: {"result": identity.START_GAME_RESULT}),
    Row(identity.BadCallback, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": INVALID_INPUT}),
    Row(identity.BadSignature, C.UNAUTHENTICATED, 401, lambda e: {"errMsg": "invalid signature"}),
    Row(identity.Replayed, C.UNAUTHENTICATED, 401, lambda e: {"errMsg": "replayed"}),
    Row(identity.UnknownPlayer, C.NOT_FOUND, 404, lambda e: {"errMsg": "unknown player"}),
    Row(G.InvalidBrand, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": "invalid input - invalid brand id"}),
    Row(G.InvalidInput, C.INVALID_ARGUMENT, 400, lambda e: {"errMsg": INVALID_INPUT}),
    Row(G.UnknownMessage, C.NOT_FOUND, 400, lambda e: {"errMsg": "Message Not Found according to your search"}),
    Row(G.MessageFailure, C.FAILED_PRECONDITION, 400, lambda e: {"message_format": e.tag}),
    Row(G.ActionRequired, C.FAILED_PRECONDITION, 401, lambda e: {"result": e.code}),
    Row(G.BadCredentials, C.UNAUTHENTICATED, 401, lambda e: {"errMsg": "invalid input - invalid credentials"}),
    Row(domain_errors.Unauthenticated, C.UNAUTHENTICATED, 401, lambda e: {"errMsg": "invalid input - invalid token"}),
    # The statement's query (docs/gateway.md, "Transaction history"): date_invalid, date_in_future,
    # range_reversed, range_over_3_months, limit_invalid, cursor_invalid.
    Row(StatementInvalid, C.INVALID_ARGUMENT, 422, _violations, bad_request),
    Row(domain_errors.ValidationFailed, C.INVALID_ARGUMENT, 422, _violations, bad_request),
    Row(G.TooManyAttempts, C.RESOURCE_EXHAUSTED, 422, lambda e: {"result": "Authentication attempts limit exceeded"}),
    Row(Throttled, C.RESOURCE_EXHAUSTED, 429, lambda e: {"errMsg": TOO_MANY}, headers=retry_after),
    Row(G.AccountLocked, C.RESOURCE_EXHAUSTED, 429, lambda e: {"errMsg": "too many failed logins - try again later"}),
    Row(domain_errors.RateLimited, C.RESOURCE_EXHAUSTED, 429, lambda e: {"errMsg": "code already sent - try again later"}),
    Row(domain_errors.NotFound, C.NOT_FOUND, 404, lambda e: {"errMsg": e.message}),
    Row(domain_errors.DomainError, None, 400, lambda e: {"errMsg": INVALID_INPUT}),
]


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        return Rendering(C.INTERNAL, INTERNAL, 500, {"result": INTERNAL})
    return from_row(find(TABLE, exc), exc)


def answer(exc: domain_errors.DomainError, call: Call) -> Answer | None:
    """Start Game's open round elsewhere: 403 open_round_message, the
    reopened game (committed first)."""
    if not isinstance(exc, games_errors.OpenRound):
        return None
    return Answer(exc.message, 403, _open_round(exc))


# Envoy's own answers on gateway paths (envoy/envoy.yaml.tmpl): bad JSON or a
# wrong field type, an unknown path, a body too large, anything else.
def envoy_replies() -> dict[str, object]:
    return {
        "GATEWAY_400": {"errMsg": INVALID_INPUT},
        "GATEWAY_404": {"errMsg": f"{INVALID_INPUT} - unknown path"},
        "GATEWAY_413": {"errMsg": f"{INVALID_INPUT} - body too large"},
        "GATEWAY_429": {"errMsg": TOO_MANY},
        "GATEWAY_OTHER": {"result": INTERNAL},
    }
