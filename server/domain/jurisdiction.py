"""A player's jurisdiction: whose rules apply to her (Start Game's country
restrictions, the country of her PAM wallet, which the aggregator receives).
Shared by the gateway (registration, the details update), Start Game and the
back office.

It is set from the country of registration step two. A later change of
country in the personal details changes her address at once, but for the
jurisdiction it is only a request: pending until the back office confirms
it (or rejects it), and that decision is audited. Plain values, no storage:
the gateway applies the player's requests, the back office its decisions
(docs/gateway.md, "Jurisdiction")."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.domain.errors import Declined

# ISO 3166-1 alpha-2, upper case (as registration and the details update check).
COUNTRY = re.compile(r"^[A-Z]{2}$")


class NoSuchChange(Declined):
    """The back office decided on a change of jurisdiction that is not the
    one pending (or none is)."""

    reason = "NO_SUCH_CHANGE"

    def __init__(self, country: str) -> None:
        super().__init__(self.reason, f"No change of jurisdiction to {country!r} is pending.")


@dataclass(frozen=True)
class Jurisdiction:
    # In force; "" until registration step two.
    country: str = ""
    # The country the player asked to move to; "" when none waits.
    pending: str = ""
    requested_at: datetime | None = None

    def registered(self, country: str, now: datetime) -> Jurisdiction:
        """Registration step two: the first country is the jurisdiction."""
        if not self.country:
            return Jurisdiction(country)
        return self.requested(country, now)

    def requested(self, country: str, now: datetime) -> Jurisdiction:
        """The player's country changed to ``country``: back to the
        jurisdiction's own country withdraws a pending change; the country
        already pending keeps its place (and time) in the back office's
        queue; any other replaces it."""
        if country == self.country:
            return Jurisdiction(self.country)
        if country == self.pending:
            return self
        return Jurisdiction(self.country, country, now)

    def confirmed(self, country: str) -> Jurisdiction:
        """The back office confirms the pending change to ``country``."""
        self._pending_is(country)
        return Jurisdiction(country)

    def rejected(self, country: str) -> Jurisdiction:
        """The back office rejects the pending change to ``country``: the
        jurisdiction stays (the address the player typed stays too)."""
        self._pending_is(country)
        return Jurisdiction(self.country)

    def _pending_is(self, country: str) -> None:
        # Naming the country guards against deciding on a change the player
        # has replaced meanwhile.
        if not self.pending or country != self.pending:
            raise NoSuchChange(country)

    def closes(self, restricted: Collection[str]) -> bool:
        """Whether a game closed to the countries ``restricted`` is closed to
        the player: closed to her jurisdiction or, while a change waits, to
        the country she declared (a declared move can close games at once,
        never open them). A player without a jurisdiction meets every
        restriction (fail closed)."""
        if not restricted:
            return False
        if not self.country:
            return True
        return self.country in restricted or (bool(self.pending) and self.pending in restricted)

    def as_json(self) -> dict[str, Any]:
        """What the audit log records (before / after)."""
        return {"jurisdiction": self.country, "pending_jurisdiction": self.pending}


def of(p: Any) -> Jurisdiction:
    """The jurisdiction held on a player record (``ports.Player``)."""
    return Jurisdiction(p.jurisdiction, p.pending_jurisdiction, p.jurisdiction_requested_at)


def put(p: Any, j: Jurisdiction) -> None:
    p.jurisdiction, p.pending_jurisdiction, p.jurisdiction_requested_at = j.country, j.pending, j.requested_at
