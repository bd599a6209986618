"""What player protection needs from storage (implemented by
``server.storage.repositories.protection.ProtectionRepository``)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from server.domain.protection.model import Event, Protection, Usage, UsageChange


class ProtectionStore(Protocol):
    def player(self, player_id: str) -> tuple[int | None, str] | None:
        """(brand, currency) of a gateway or PAM player; None: unknown."""

    def load(self, player_id: str) -> Protection | None:
        """The player's protections (None: never had any)."""

    def lock(self, player_id: str, brand_id: int | None, now: datetime) -> Protection:
        """The player's protections, locked until the unit of work ends (the
        player's wallet first, then the protection row, as a booking does).
        A player without any gets a row now; bets and wins already in the
        wallet's last month are counted into the usage windows, and the
        wallet is flagged so that every later booking is checked and counted
        in its own write."""

    def usage(self, player_id: str, now: datetime) -> Usage:
        """What was deposited, lost and wagered in each window ending now."""

    def save(self, prot: Protection, now: datetime) -> None:
        """Write the time-out, exclusion and limits of ``prot``."""

    def add_usage(self, player_id: str, change: UsageChange) -> None:
        """Count a deposit (or take it back: negative)."""

    def add_event(self, event: Event) -> None: ...

    def events(self, player_id: str) -> list[Event]:
        """The player's history, oldest first."""

    def changed_between(self, start: datetime, end: datetime, brand_id: int | None) -> list[tuple[str, int | None, datetime]]:
        """(player id, brand, last change) of players whose protections
        changed in [start, end): a request, or a pending change taking
        effect."""
