"""What the back office needs from storage: its unit of work
(``BackofficeUnit``, for the back office and its player protection) and its
stores (implemented in ``server.storage.repositories.backoffice``, ``.audit``
and ``.outbox``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

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
from server.domain.cashier.ports import WalletMovements
from server.domain.games.ports import GamesStore
from server.domain.jurisdiction import Jurisdiction
from server.domain.protection.ports import ProtectionStore
from server.domain.records.events import EventLog
from server.domain.records.ports import ReportSource
from server.domain.unit import UnitOfWork


class AuditLog(Protocol):
    """The append-only audit log. ``before`` / ``after`` are JSON-ready values
    (never secrets or unmasked personal data)."""

    def append(self, *, client: str, actor: str, action: str, subject_type: str, subject_id: str,
               reason: str = "", before: Any = None, after: Any = None, at: datetime | None = None) -> int: ...

    def page(self, subject_type: str | None, subject_id: str | None, before_id: int | None,
             limit: int) -> list[AuditRecord]: ...


class BackofficeStore(Protocol):
    def find_players(self, query: str, brand_id: int | None, limit: int) -> list[PlayerSummary]: ...

    def player(self, player_id: str) -> PlayerRecord | None: ...

    def brand_exists(self, brand_id: int) -> bool: ...

    def ledger(self, player_id: str, before_id: int | None, limit: int) -> list[LedgerLine]: ...

    def set_blocked(self, player_id: str, blocked: bool, now: datetime) -> bool:
        """Set the wallet's block flag (opening an empty wallet for a gateway
        player without one); returns the previous value."""

    def jurisdiction(self, player_id: str) -> Jurisdiction | None:
        """A gateway player's jurisdiction, read under a lock of the player
        (PostgreSQL; SQLite's write transaction holds the database), so that a
        decision and the player's own change of country never interleave;
        None for anyone else."""

    def set_jurisdiction(self, player_id: str, j: Jurisdiction) -> None:
        """Write it; the player's PAM wallet (if any) takes its country."""

    def verification(self, player_id: str) -> str | None:
        """A gateway player's verification status, read under a lock of the
        player (None: no such gateway player)."""

    def set_verification(self, player_id: str, status: str, now: datetime) -> None:
        """Set it, with the PAM wallet's hold that follows from the brand's
        policy (server.domain.identity)."""

    def jurisdiction_changes(self, brand_id: int | None, limit: int) -> list[JurisdictionChange]:
        """Pending changes, oldest request first."""

    def brand_settings(self, brand_id: int) -> BrandSettings | None: ...

    def save_brand_settings(self, settings: BrandSettings) -> None: ...

    def set_register_secret(self, brand_id: int, secret: str) -> None:
        """The brand's register secret, encrypted at rest ("" removes it)."""

    def dormant_accounts(self, brand_id: int | None, before_id: int | None, limit: int) -> list[DormantAccount]:
        """Dormant accounts with player ids below ``before_id``, highest first."""

    def set_vendor_secret(self, brand_id: int, secret: str) -> None:
        """The brand's verification vendor secret, encrypted at rest."""
    def two_factor(self, player_id: str) -> bool | None:
        """Whether a gateway player logs in with an SMS code (is2faRequired);
        None for anyone else."""

    def set_two_factor(self, player_id: str, enabled: bool) -> None: ...


class DeadLetterStore(Protocol):
    """The outboxes' dead letters (``server.storage.repositories.outbox``)."""

    def dead_letters(self, outbox: str, operator_id: str | None, brand_id: int | None, before_id: int | None,
                     limit: int) -> list[DeadLetter]: ...

    def redrive(self, outbox: str, row_id: int | None, operator_id: str | None, brand_id: int | None,
                now: datetime) -> tuple[int, bool]:
        """Make dead letters due again (a fresh series of attempts): one by id,
        else a bounded batch in scope; (how many, whether more remain)."""


class BackofficeUnit(UnitOfWork, Protocol):
    """One back-office use case's unit of work (``server.domain.unit``): a
    change and its audit entry commit together."""

    players: BackofficeStore
    audit: AuditLog
    games: GamesStore
    cashier: WalletMovements
    protections: ProtectionStore
    outboxes: DeadLetterStore
    # The significant-event stream (docs/compliance.md).
    events: EventLog
    # The daily report's reads of the ledger (docs/backoffice.md).
    reports: ReportSource

    def clock(self) -> datetime:
        """Now, on the protection clock."""
