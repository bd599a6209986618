"""The PAM wallet's verification hold of a gateway player at the wallet's
creation (``pam_player.verification_hold``; server.domain.identity): what
the player's brand requires for play and her verification status. Later
changes of the status set it where the status changes
(``GatewayRepository.set_play_hold``, the back office)."""

from __future__ import annotations

from sqlalchemy import text

from server.domain import identity
from server.domain.players import player_number

_GATE = ("SELECT b.verification_policy, g.verification_status FROM gateway_player g"
         " JOIN gateway_brand b ON b.id = g.brand_id WHERE g.id = :n")


def verification_hold(session, player_id: str) -> bool:
    n = player_number(player_id)
    if n is None:
        return False  # not a gateway player: no brand, no policy
    row = session.execute(text(_GATE), {"n": n}).first()
    return row is not None and identity.play_hold(row[0], row[1])


def deposit_hold(session, player_id: str) -> bool:
    """Whether the gateway player's brand requires a verified identity for
    deposits and she has none (VIP Connect's deposits, code 122)."""
    n = player_number(player_id)
    row = session.execute(text(_GATE), {"n": n}).first() if n is not None else None
    return row is not None and not identity.deposit_allowed(row[0], row[1])
