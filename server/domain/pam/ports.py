"""What the PAM domain needs from storage: the wallet's reads
(``PamReader``) and writes (``PamStore``), and the unit of work that holds the
stores of a call (``PamReadUnit`` for reads, ``PamUnit`` inside a write
transaction). Implemented by ``server.storage.repositories.pam.SqlPamStore``
and ``server.storage.pam_units``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Protocol

from server.domain.pam.model import Balance, Booking, GameSession, Round, Transaction
from server.domain.protection.ports import ProtectionStore
from server.domain.records.events import NewEvent


class PamReader(Protocol):
    def api_client(self, token_hash: str) -> str | None:
        """The name of the API client with this token hash."""

    def provider(self, name: str) -> str | None:
        """The canonical (lower-case) provider name, or None."""

    def game_exists(self, provider: str, game_id: str) -> bool: ...

    def session(self, token_hash: str) -> GameSession | None:
        """The session with its player and balance."""

    def player_exists(self, player_id: str) -> bool: ...

    def balance(self, player_id: str) -> Balance | None: ...

    def txs_by_bet_ref(self, player_id: str, provider: str, bet_ref: str) -> list[Transaction]: ...

    def txs_by_provider_tx_id(self, player_id: str, provider: str, provider_tx_id: str) -> list[Transaction]: ...

    def txs_of_round(self, round_id: int) -> list[Transaction]: ...

    def round(self, player_id: str, provider: str, provider_round_id: str) -> Round | None: ...

    def round_by_id(self, round_id: int) -> Round | None: ...


class PamStore(PamReader, Protocol):
    """Reads plus the writes of one unit of work."""

    def session_for_booking(self, token_hash: str, provider: str, provider_tx_id: str | None,
                            tx_type: str | None, round_key: str | None,
                            ) -> tuple[GameSession | None, Transaction | None, Round | None]:
        """The session with its player and balance, the wallet locked until the
        transaction ends; the transaction already booked under this key
        (provider, providerTransactionId, type), if any; and the player's round
        of this provider under ``round_key``, if any."""

    def rotate_session_token(self, session_id: int, old_hash: str, new_hash: str, now: datetime,
                             expires_at: datetime) -> bool:
        """Replace the token in one guarded statement: of concurrent refreshes
        of one token exactly one matches."""

    def large_win_floor(self) -> Decimal:
        """The smallest large-win threshold of any brand (0: every brand has
        the event off), from the process's reference-data cache: a win at or
        under it costs no statement."""

    def large_win_threshold(self, player_id: str) -> tuple[int | None, Decimal]:
        """The player's brand and its threshold (a player without a gateway
        account: no brand, the floor); read only for a win over the floor."""

    def record_event(self, event: NewEvent) -> int:
        """A significant event, in the booking's transaction."""

    def book(self, booking: Booking) -> int | None:
        """Write the booking (with the protected player's usage and play
        time); returns the new transaction's id. None, and nothing written,
        when the booking changes a round that is no longer open (another
        server process closed it after this call read it)."""


class PamReadUnit(Protocol):
    """A read: the wallet's reads on the calling thread's connection, no lock."""

    @property
    def wallet(self) -> PamReader: ...


class PamUnit(Protocol):
    """A write transaction: the wallet and the player's protections, read and
    written in the same transaction (the protections under the wallet lock
    that ``session_for_booking`` took)."""

    @property
    def wallet(self) -> PamStore: ...

    @property
    def protections(self) -> ProtectionStore: ...
