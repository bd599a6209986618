"""The back office's ports (server/domain/backoffice/ports.py) in memory:
``AuditLog``, ``BackofficeStore`` and ``DeadLetterStore``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from server.domain.backoffice.model import (
    AuditRecord,
    BrandSettings,
    DeadLetter,
    DormantAccount,
    JurisdictionChange,
    LedgerLine,
    PlayerRecord,
    PlayerSummary,
)
from server.domain.jurisdiction import Jurisdiction


class FakeAuditLog:
    def __init__(self) -> None:
        self.records: list[AuditRecord] = []

    def append(self, *, client: str, actor: str, action: str, subject_type: str, subject_id: str,
               reason: str = "", before: Any = None, after: Any = None, at: datetime | None = None) -> int:
        n = len(self.records) + 1
        self.records.append(AuditRecord(n, at, client, actor, action, subject_type, subject_id, reason,
                                        json.dumps(before), json.dumps(after)))
        return n

    def page(self, subject_type: str | None, subject_id: str | None, before_id: int | None,
             limit: int) -> list[AuditRecord]:
        hits = [r for r in reversed(self.records)
                if (subject_type is None or r.subject_type == subject_type)
                and (subject_id is None or r.subject_id == subject_id)
                and (before_id is None or r.id < before_id)]
        return hits[:limit]


class FakeBackofficeStore:
    def __init__(self) -> None:
        self.players: dict[str, PlayerRecord] = {}
        self.brands: dict[int, BrandSettings] = {}
        self.lines: dict[str, list[LedgerLine]] = {}
        self.jurisdictions: dict[str, Jurisdiction] = {}
        self.dormant: list[DormantAccount] = []
        self.verifications: dict[str, str] = {}
        self.secrets: dict[int, str] = {}
        self.two_factors: dict[str, bool] = {}

    def find_players(self, query: str, brand_id: int | None, limit: int) -> list[PlayerSummary]:
        q = query.lower()
        return [p.summary for p in self.players.values()
                if (brand_id is None or p.summary.brand_id == brand_id)
                and q in (p.summary.player_id, p.summary.user_name.lower(), p.summary.email.lower())][:limit]

    def player(self, player_id: str) -> PlayerRecord | None:
        return self.players.get(player_id)

    def brand_exists(self, brand_id: int) -> bool:
        return brand_id in self.brands

    def ledger(self, player_id: str, before_id: int | None, limit: int) -> list[LedgerLine]:
        lines = [x for x in reversed(self.lines.get(player_id, [])) if before_id is None or x.id < before_id]
        return lines[:limit]

    def set_blocked(self, player_id: str, blocked: bool, now: datetime) -> bool:
        rec = self.players[player_id]
        self.players[player_id] = replace(rec, summary=replace(rec.summary, blocked=blocked))
        return rec.summary.blocked

    def jurisdiction(self, player_id: str) -> Jurisdiction | None:
        return self.jurisdictions.get(player_id)

    def set_jurisdiction(self, player_id: str, j: Jurisdiction) -> None:
        self.jurisdictions[player_id] = j

    def verification(self, player_id: str) -> str | None:
        return self.verifications.get(player_id) if player_id in self.jurisdictions else None

    def set_verification(self, player_id: str, status: str, now: datetime) -> None:
        self.verifications[player_id] = status

    def jurisdiction_changes(self, brand_id: int | None, limit: int) -> list[JurisdictionChange]:
        out = [JurisdictionChange(pid, self.players[pid].summary.brand_id, j)
               for pid, j in self.jurisdictions.items() if j.pending and pid in self.players
               and (brand_id is None or self.players[pid].summary.brand_id == brand_id)]
        return sorted(out, key=lambda c: c.jurisdiction.requested_at)[:limit]

    def brand_settings(self, brand_id: int) -> BrandSettings | None:
        return self.brands.get(brand_id)

    def set_vendor_secret(self, brand_id: int, secret: str) -> None:
        self.secrets[brand_id] = secret

    def save_brand_settings(self, settings: BrandSettings) -> None:
        self.brands[settings.brand_id] = settings

    def set_register_secret(self, brand_id: int, secret: str) -> None:
        self.secrets[brand_id] = secret

    def dormant_accounts(self, brand_id: int | None, before_id: int | None, limit: int) -> list[DormantAccount]:
        hits = [a for a in sorted(self.dormant, key=lambda a: -a.player_id)
                if (brand_id is None or a.brand_id == brand_id) and (before_id is None or a.player_id < before_id)]
        return hits[:limit]
    def two_factor(self, player_id: str) -> bool | None:
        return self.two_factors.get(player_id, False) if player_id in self.jurisdictions else None

    def set_two_factor(self, player_id: str, enabled: bool) -> None:
        self.two_factors[player_id] = enabled


class FakeDeadLetterStore:
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []
        self.due: list[tuple[str, int]] = []

    def dead_letters(self, outbox: str, operator_id: str | None, brand_id: int | None, before_id: int | None,
                     limit: int) -> list[DeadLetter]:
        return [d for d in self.letters if d.outbox == outbox and (operator_id is None or d.operator_id == operator_id)
                and (brand_id is None or d.brand_id == brand_id)
                and (before_id is None or d.id < before_id)][:limit]

    def redrive(self, outbox: str, row_id: int | None, operator_id: str | None, brand_id: int | None,
                now: datetime) -> tuple[int, bool]:
        hits = [d for d in self.dead_letters(outbox, operator_id, brand_id, None, 1000)
                if row_id is None or d.id == row_id]
        self.letters = [d for d in self.letters if d not in hits]
        self.due += [(d.outbox, d.id) for d in hits]
        return len(hits), False
