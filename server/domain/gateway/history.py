"""The player's statement through the gateway (docs/gateway.md, "Transaction
history"): the rules are the records' (``server.domain.records.statements``);
the player is the session's."""

from __future__ import annotations

from server.domain.gateway.base import Caller, Gateway
from server.domain.records.statements import Statement, statement


def transactions(gw: Gateway, c: Caller, raw_from: str, raw_to: str, limit: int,
                 cursor: str) -> tuple[str, Statement]:
    """(the player's currency, a page of her statement)."""
    p = c.player
    return p.currency, statement(gw.uow.statements, str(p.id), raw_from, raw_to, limit, cursor, gw.now)
