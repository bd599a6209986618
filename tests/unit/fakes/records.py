"""Fakes of the records' ports: ``FakeEventLog`` (``server.domain.records.events.EventLog``: events in a
list) and ``FakeLedger`` (``ReportSource``, ``StatementSource``: entries appended in id order, each with its
time)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from server.domain.records.events import Event, NewEvent, Query
from server.domain.records.ports import Account, Amounts, EntryGroup, StatementEntry


class FakeEventLog:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def record(self, event: NewEvent) -> int:
        e = Event(len(self.events) + 1, event.at, event.kind.value, event.severity.value, event.brand_id,
                  event.subject_type, event.subject_id, event.actor, event.client,
                  json.dumps(event.detail, sort_keys=True, default=str))
        self.events.append(e)
        return e.id

    def page(self, q: Query) -> list[Event]:
        out = [e for e in reversed(self.events)
               if (not q.kinds or e.kind in {k.value for k in q.kinds})
               and (q.brand_id is None or e.brand_id == q.brand_id)
               and (q.subject_type is None or (e.subject_type, e.subject_id) == (q.subject_type, q.subject_id))
               and (q.since is None or e.at >= q.since) and (q.until is None or e.at < q.until)
               and (q.before_id is None or e.id < q.before_id)]
        return out[:q.limit]

    def prune(self, older_than: datetime, limit: int) -> int:
        old = [e for e in self.events if e.at < older_than][:limit]
        self.events = [e for e in self.events if e not in old]
        return len(old)

    # -- test helpers
    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def details(self, kind: str) -> list[dict]:
        return [json.loads(e.detail_json) for e in self.events if e.kind == kind]


@dataclass
class Entry:
    id: int
    player_id: str
    at: datetime
    kind: str
    transaction_type: str
    movement_kind: str
    deltas: Amounts
    after: Amounts


class FakeLedger:
    def __init__(self) -> None:
        self.wallets: dict[str, str] = {}  # player -> currency
        self.brand: dict[str, int] = {}
        self.rows: list[Entry] = []
        self.balance: dict[str, Amounts] = {}

    def wallet(self, player_id: str, currency: str = "EUR", brand: int | None = None) -> None:
        self.wallets[player_id] = currency
        if brand is not None:
            self.brand[player_id] = brand

    def book(self, player_id: str, at: datetime, kind: str, ttype: str = "", mkind: str = "", cash: str = "0",
             bonus: str = "0", promo: str = "0") -> Entry:
        d = Amounts(Decimal(cash), Decimal(bonus), Decimal(promo))
        after = self.balance.get(player_id, Amounts()) + d
        self.balance[player_id] = after
        e = Entry(len(self.rows) + 1, player_id, at, kind, ttype, mkind, d, after)
        self.rows.append(e)
        return e

    # ReportSource
    def accounts(self, after: str | None, limit: int) -> list[Account]:
        ids = sorted(p for p in self.wallets if after is None or p > after)[:limit]
        return [Account(p, self.wallets[p]) for p in ids]

    def brands(self, player_ids: list[str]) -> dict[str, int]:
        return {p: self.brand[p] for p in player_ids if p in self.brand}

    def balances(self, player_ids: list[str], start: datetime,
                 end: datetime) -> tuple[dict[str, Amounts], dict[str, Amounts]]:
        out: tuple[dict[str, Amounts], dict[str, Amounts]] = ({}, {})
        for e in self.rows:
            for i, at in enumerate((start, end)):
                if e.player_id in player_ids and e.at < at:
                    out[i][e.player_id] = out[i].get(e.player_id, Amounts()) + e.deltas
        return out

    def groups(self, player_ids: list[str], since: datetime, until: datetime) -> list[EntryGroup]:
        acc: dict[tuple[str, str, str, str], tuple[Amounts, list[int]]] = {}
        for e in self.rows:
            if e.player_id in player_ids and since <= e.at < until:
                key = (e.player_id, e.kind, e.transaction_type, e.movement_kind)
                sums, n = acc.get(key, (Amounts(), [0, 0, 0]))
                n = [n[i] + (1 if e.deltas.get(b) else 0) for i, b in enumerate(("cash", "bonus", "promo"))]
                acc[key] = (sums + e.deltas, n)
        return [EntryGroup(*k, s, (n[0], n[1], n[2])) for k, (s, n) in acc.items()]

    def sums(self, player_ids: list[str], since: datetime, until: datetime) -> dict[str, Amounts]:
        out: dict[str, Amounts] = {}
        for e in self.rows:
            if e.player_id in player_ids and since <= e.at < until:
                out[e.player_id] = out.get(e.player_id, Amounts()) + e.deltas
        return out

    # StatementSource
    def entries(self, player_id: str, since: datetime, until: datetime, before_id: int | None,
                limit: int) -> list[StatementEntry]:
        found = [e for e in reversed(self.rows) if e.player_id == player_id and since <= e.at < until
                 and (before_id is None or e.id < before_id)]
        return [StatementEntry(e.id, e.at, e.kind, e.transaction_type, e.movement_kind, e.deltas, e.after)
                for e in found[:limit]]
