"""``PamStore`` (server/domain/pam/ports.py) in memory: players with wallets,
game sessions by token hash, transactions and rounds, and the protections a
booking checks (a ``FakeProtectionStore``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from server.domain.pam.model import Balance, Booking, GameSession, Player, Round, Transaction
from server.domain.protection.model import Protection, Usage
from server.domain.records.events import NewEvent
from server.security import hash_token
from tests.unit.fakes.protection import FakeProtectionStore


class FakePamStore:
    """The wallet's store and, as ``wallet`` and ``protections``, the read and
    write units (``PamReadUnit``, ``PamUnit``) the rules take."""

    @property
    def wallet(self) -> FakePamStore:
        return self

    def __init__(self, protections: FakeProtectionStore | None = None) -> None:
        self.clients: dict[str, str] = {}  # token hash -> client name
        self.providers: dict[str, str] = {}  # lower-case -> canonical
        self.games: set[tuple[str, str]] = set()
        self.players: dict[str, Player] = {}
        self.balances: dict[str, Balance] = {}
        self.sessions: dict[str, GameSession] = {}  # by token hash
        self.txs: list[Transaction] = []
        self.rounds: dict[int, Round] = {}
        self.round_players: dict[int, tuple[str, str]] = {}  # round id -> (player, provider)
        self.protections = protections or FakeProtectionStore()
        self.bookings: list[Booking] = []
        # Large wins: each player's brand and its threshold (none: no brand, the floor).
        self.thresholds: dict[str, tuple[int | None, Decimal]] = {}
        self.floor = Decimal("0")
        self.floor_reads = self.threshold_reads = 0
        self.events: list[NewEvent] = []

    # -- test set-up
    def add_client(self, name: str, token: str) -> None:
        self.clients[hash_token(token)] = name

    def add_game(self, provider: str, game_id: str) -> None:
        self.providers[provider.lower()] = provider.lower()
        self.games.add((provider.lower(), game_id))

    def add_player(self, player_id: str, cash: str = "100", currency: str = "EUR", blocked: bool = False) -> Player:
        p = Player(player_id, currency, "MT", "en", blocked)
        self.players[player_id] = p
        self.balances[player_id] = Balance(Decimal(cash), Decimal("0"), Decimal("0"))
        self.protections.add_player(player_id, None, currency)
        return p

    def open_session(self, player_id: str, token: str, provider: str, game_id: str | None,
                     expires_at: datetime) -> GameSession:
        s = GameSession(len(self.sessions) + 1, hash_token(token), provider.lower(), game_id, expires_at,
                        self.players[player_id], None)
        self.sessions[s.token_hash] = s
        return s

    # -- reads
    def api_client(self, token_hash: str) -> str | None:
        return self.clients.get(token_hash)

    def provider(self, name: str) -> str | None:
        return self.providers.get(name.lower())

    def game_exists(self, provider: str, game_id: str) -> bool:
        return (provider, game_id) in self.games

    def session(self, token_hash: str) -> GameSession | None:
        s = self.sessions.get(token_hash)
        if s is None:
            return None
        pid = s.player.id
        return replace(s, player=self.players[pid], balance=self.balances.get(pid),
                       protected=pid in self.protections.state)

    def player_exists(self, player_id: str) -> bool:
        return player_id in self.players

    def balance(self, player_id: str) -> Balance | None:
        return self.balances.get(player_id)

    def tx_by_key(self, provider: str, provider_tx_id: str, tx_type: str) -> Transaction | None:
        return next((t for t in self.txs if (t.provider, t.provider_transaction_id, t.transaction_type)
                     == (provider, provider_tx_id, tx_type)), None)

    def txs_by_bet_ref(self, player_id: str, provider: str, bet_ref: str) -> list[Transaction]:
        return [t for t in self.txs if (t.player_id, t.provider, t.provider_bet_ref) == (player_id, provider, bet_ref)]

    def txs_by_provider_tx_id(self, player_id: str, provider: str, provider_tx_id: str) -> list[Transaction]:
        return [t for t in self.txs
                if (t.player_id, t.provider, t.provider_transaction_id) == (player_id, provider, provider_tx_id)]

    def txs_of_round(self, round_id: int) -> list[Transaction]:
        return [t for t in self.txs if t.round_id == round_id]

    def round(self, player_id: str, provider: str, provider_round_id: str) -> Round | None:
        return next((r for i, r in self.rounds.items()
                     if self.round_players[i] == (player_id, provider) and r.provider_round_id == provider_round_id),
                    None)

    def round_by_id(self, round_id: int) -> Round | None:
        return self.rounds.get(round_id)

    # -- writes
    def session_for_booking(self, token_hash: str, provider: str, provider_tx_id: str | None, tx_type: str | None,
                            round_key: str | None) -> tuple[GameSession | None, Transaction | None, Round | None]:
        s = self.session(token_hash)
        existing = self.tx_by_key(provider, provider_tx_id, tx_type) if provider_tx_id and tx_type else None
        rnd = self.round(s.player.id, provider, round_key) if s is not None and round_key else None
        return s, existing, rnd

    def rotate_session_token(self, session_id: int, old_hash: str, new_hash: str, now: datetime,
                             expires_at: datetime) -> bool:
        s = self.sessions.get(old_hash)
        if s is None or s.id != session_id:
            return False
        del self.sessions[old_hash]
        self.sessions[new_hash] = replace(s, token_hash=new_hash, expires_at=expires_at)
        return True

    def large_win_floor(self) -> Decimal:
        self.floor_reads += 1
        return self.floor

    def large_win_threshold(self, player_id: str) -> tuple[int | None, Decimal]:
        self.threshold_reads += 1
        return self.thresholds.get(player_id, (None, self.floor))

    def record_event(self, event: NewEvent) -> int:
        self.events.append(event)
        return len(self.events)

    def book(self, booking: Booking) -> int | None:
        b = booking
        if b.round_change is not None:
            r = self.rounds[b.round_change.id]
            if r.ended_at is not None:
                return None  # closed since it was read: nothing written
            self.rounds[r.id] = replace(r, stake=r.stake + b.round_change.stake,
                                        payout=r.payout + b.round_change.payout,
                                        ended_at=b.round_change.ended_at)
        if b.new_round is not None:
            n = b.new_round
            rid = len(self.rounds) + 1
            self.rounds[rid] = Round(rid, n.provider_game_id, n.provider_round_id, n.started_at, n.ended_at,
                                     n.stake, Decimal("0"))
            self.round_players[rid] = (n.player_id, n.provider)
            b.tx.round_id = rid
        t = b.tx
        tid = len(self.txs) + 1
        self.txs.append(Transaction(
            tid, t.public_id, t.player_id, t.provider, t.transaction_type, t.provider_transaction_id,
            t.provider_bet_ref, t.provider_game_id, t.provider_round_id, t.round_id, t.currency, t.cash_amount,
            t.bonus_amount, t.promo_amount, t.transaction_date_time, t.bet_code, t.is_game_over, t.extras, None,
            t.created_at))
        if b.cancels is not None:
            i = next(i for i, x in enumerate(self.txs) if x.id == b.cancels)
            self.txs[i] = replace(self.txs[i], cancelled_by=tid)
        self.balances[t.player_id] = b.after
        if b.usage is not None:
            self.protections.add_usage(t.player_id, b.usage)
        if b.play is not None and t.player_id in self.protections.state:
            prot = self.protections.state[t.player_id]
            self.protections.state[t.player_id] = replace(prot, play=b.play)
        self.bookings.append(b)
        return tid

    def protection(self, player_id: str) -> Protection | None:
        return self.protections.load(player_id)

    def protection_usage(self, player_id: str, now: datetime) -> Usage:
        return self.protections.usage(player_id, now)
