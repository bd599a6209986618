"""What the back office needs from storage (implemented in
``server.storage.repositories.backoffice`` and ``.audit``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from server.domain.backoffice.model import AuditRecord, DeadLetter, LedgerLine, PlayerRecord, PlayerSummary


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


class DeadLetterStore(Protocol):
    """The outboxes' dead letters (``server.storage.repositories.outbox``)."""

    def dead_letters(self, outbox: str, operator_id: str | None, brand_id: int | None, before_id: int | None,
                     limit: int) -> list[DeadLetter]: ...

    def redrive(self, outbox: str, row_id: int | None, operator_id: str | None, brand_id: int | None,
                now: datetime) -> tuple[int, bool]:
        """Make dead letters due again (a fresh series of attempts): one by id,
        else a bounded batch in scope; (how many, whether more remain)."""
