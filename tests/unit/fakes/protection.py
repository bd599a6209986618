"""``ProtectionStore`` (server/domain/protection/ports.py) in memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from server.domain.protection import model as protection_model
from server.domain.protection import rules
from server.domain.protection.model import Event, Play, Protection, Restriction, Usage, UsageChange


class FakeProtectionStore:
    def __init__(self) -> None:
        self.players: dict[str, tuple[int | None, str]] = {}
        self.state: dict[str, Protection] = {}
        self.buckets: dict[str, dict[int, UsageChange]] = {}
        self.history: list[Event] = []
        self.saves = 0

    # -- test set-up
    def add_player(self, player_id: str, brand_id: int | None = 1, currency: str = "EUR") -> str:
        self.players[player_id] = (brand_id, currency)
        return player_id

    # -- the port
    def player(self, player_id: str) -> tuple[int | None, str] | None:
        return self.players.get(player_id)

    def load(self, player_id: str) -> Protection | None:
        return self.state.get(player_id)

    def lock(self, player_id: str, brand_id: int | None, now: datetime) -> Protection:
        if player_id not in self.state:
            self.state[player_id] = Protection(player_id, brand_id, Restriction(), {}, Play())
        return self.state[player_id]

    def usage(self, player_id: str, now: datetime) -> Usage:
        starts = rules.window_starts(now)
        out: dict[tuple[str, str], Decimal] = {}
        for kind in protection_model.MONEY_KINDS:
            for period in protection_model.PERIODS:
                out[(kind, period)] = sum(
                    (getattr(c, kind) for h, c in self.buckets.get(player_id, {}).items() if h >= starts[period]),
                    Decimal("0"))
        return Usage(out)

    def save(self, prot: Protection, now: datetime) -> None:
        self.saves += 1
        self.state[prot.player_id] = prot

    def add_usage(self, player_id: str, change: UsageChange) -> None:
        hours = self.buckets.setdefault(player_id, {})
        old = hours.get(change.hour, UsageChange(change.hour))
        hours[change.hour] = replace(old, wager=old.wager + change.wager, loss=old.loss + change.loss,
                                     deposit=old.deposit + change.deposit)

    def add_event(self, event: Event) -> None:
        self.history.append(event)

    def events(self, player_id: str) -> list[Event]:
        return [e for e in self.history if e.player_id == player_id]

    def changed_between(self, start: datetime, end: datetime, brand_id: int | None
                        ) -> list[tuple[str, int | None, datetime]]:
        out = []
        for p in self.state.values():
            if brand_id is not None and p.brand_id != brand_id:
                continue
            moments = [p.changed_at] + [lim.pending_from for lim in p.limits.values()]
            hits = [t for t in moments if t is not None and start <= t < end]
            if hits:
                out.append((p.player_id, p.brand_id, max(hits)))
        return out
