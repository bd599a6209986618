"""``GatewayStore`` and ``DormancyStore`` (server/domain/gateway/ports.py) in
memory, a national self-exclusion register (``FakeRegister``), settings
with the production defaults, and ``FakeUnits``: the gateway's unit of work
(``server.domain.gateway.login.Unit``) over the fake, on a fixed clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from server.domain.gateway.base import Gateway
from server.domain.gateway.ports import (
    Brand,
    Challenge,
    CustomField,
    Link,
    LoginGuard,
    LoginSession,
    NoWallet,
    Player,
    PlayerDetails,
    RegisterEvent,
)
from server.domain.gateway.register import Person, Register, RegisterDown
from server.domain.unit import Units
from tests.unit.fakes import FixedClock


@dataclass
class GatewaySettings:
    """The gateway's settings a rule reads (defaults as server/config.py's)."""

    gateway_session_minutes: int = 480
    gateway_login_max_failures: int = 5
    gateway_login_lock_minutes: int = 15
    gateway_2fa_code_minutes: int = 5
    gateway_2fa_max_attempts: int = 3
    gateway_2fa_resend_seconds: int = 60
    gateway_2fa_max_sends: int = 5
    gateway_2fa_window_minutes: int = 60
    gateway_2fa_max_sends_per_window: int = 10
    gateway_2fa_max_attempts_per_window: int = 10
    gateway_reset_minutes: int = 60
    gateway_verify_hours: int = 48
    gateway_link_base: str = "http://127.0.0.1:8080"
    events_login_burst: int = 3


class FakeGatewayStore:
    def __init__(self) -> None:
        self.brands_by_id: dict[int, Brand] = {}
        self.players: dict[int, Player] = {}
        self.player_details: dict[int, PlayerDetails] = {}
        self.sessions: list[LoginSession] = []
        self.links: list[Link] = []
        self.challenges: list[Challenge] = []
        self.guards: dict[tuple[int, str], LoginGuard] = {}
        self.fields: list[CustomField] = []
        self.outbox: list[dict] = []
        self.register_events: list[RegisterEvent] = []
        from tests.unit.fakes.records import FakeEventLog

        self.event_log = FakeEventLog()  # the units' significant events
        self.secrets: dict[int, str] = {}
        self.nonces: dict[tuple[int, str], datetime] = {}
        self.holds: dict[int, bool] = {}

    # -- test set-up
    def add_brand(self, brand_id: int = 1, **fields) -> Brand:
        self.brands_by_id[brand_id] = Brand(brand_id, f"Brand {brand_id}", **fields)
        return self.brands_by_id[brand_id]

    def add_test_player(self, brand_id: int, user_name: str, email: str, password_hash: str, **fields) -> Player:
        p = Player(brand_id, user_name, user_name.lower(), email, email.lower(), password_hash,
                   id=len(self.players) + 1, **fields)
        self.players[p.id] = p
        return p

    # -- the port
    def add(self, record) -> None:
        if isinstance(record, LoginSession) and record not in self.sessions:
            record.id = len(self.sessions) + 1
            self.sessions.append(record)
        elif isinstance(record, Challenge) and record not in self.challenges:
            record.id = len(self.challenges) + 1
            self.challenges.append(record)
        elif isinstance(record, Link) and record not in self.links:
            self.links.append(record)
        elif isinstance(record, RegisterEvent):
            record.id = len(self.register_events) + 1
            self.register_events.append(record)
        elif isinstance(record, PlayerDetails):
            self.player_details[record.player_id] = record
        elif isinstance(record, Player) and record.id is None:
            record.id = len(self.players) + 1
            self.players[record.id] = record

    def flush(self) -> None:
        pass

    def brand(self, brand_id: int) -> Brand | None:
        return self.brands_by_id.get(brand_id)

    def player(self, player_id: int, lock: bool = False) -> Player | None:
        return self.players.get(player_id)

    def player_by_login(self, brand_id: int, login: str) -> Player | None:
        key = login.strip().lower()
        return next((p for p in self.players.values()
                     if p.brand_id == brand_id and key in (p.user_name_key, p.email_key)), None)

    def player_by_email(self, brand_id: int, email: str) -> Player | None:
        key = email.strip().lower()
        return next((p for p in self.players.values() if p.brand_id == brand_id and p.email_key == key), None)

    def player_by_user_name(self, brand_id: int, name: str) -> Player | None:
        key = name.strip().lower()
        return next((p for p in self.players.values() if p.brand_id == brand_id and p.user_name_key == key), None)

    def email_taken(self, brand_id: int, email: str, except_player: int | None = None) -> bool:
        p = self.player_by_email(brand_id, email)
        return p is not None and p.id != except_player

    def details(self, player_id: int) -> PlayerDetails | None:
        return self.player_details.get(player_id)

    def session_by_hash(self, token_hash: str, lock: bool = False) -> LoginSession | None:
        return next((s for s in self.sessions if s.token_hash == token_hash), None)

    def revoke_sessions(self, player_id: int, now: datetime, keep_id: int | None = None) -> None:
        for s in self.sessions:
            if s.player_id == player_id and s.id != keep_id and s.revoked_at is None:
                s.revoked_at = now

    def mark_reality_checked(self, session_id: int, seen: datetime, at: datetime) -> bool:
        s = next(s for s in self.sessions if s.id == session_id)
        if s.reality_checked_at != seen:
            return False
        s.reality_checked_at = at
        return True

    def link_by_hash(self, hash_sha256: str, lock: bool = False) -> Link | None:
        return next((x for x in self.links if x.hash_sha256 == hash_sha256), None)

    def expire_links(self, player_id: int, purpose: str, now: datetime) -> None:
        for x in self.links:
            if x.player_id == player_id and x.purpose == purpose and x.used_at is None:
                x.expires_at = min(x.expires_at, now)

    def challenge_by_hash(self, token_hash: str, lock: bool = False) -> Challenge | None:
        return next((c for c in self.challenges if c.token_hash == token_hash), None)

    def challenge_activity(self, player_id: int, since: datetime) -> tuple[int, int]:
        mine = [c for c in self.challenges if c.player_id == player_id and c.last_sent_at >= since]
        return sum(c.sends for c in mine), sum(c.attempts for c in mine)

    def retire_challenges(self, player_id: int, purpose: str, now: datetime) -> None:
        for c in self.challenges:
            if c.player_id == player_id and c.purpose == purpose and c.used_at is None:
                c.used_at = now

    def code_hmac(self, challenge_token_hash: str, code: str) -> str:
        return f"{challenge_token_hash}:{code}"

    def ensure_guard(self, brand_id: int, login: str, now: datetime) -> LoginGuard:
        key = (brand_id, login.strip().lower())
        return self.guards.setdefault(key, LoginGuard(brand_id, key[1], updated_at=now))

    def custom_fields(self, player_id: int) -> list[CustomField]:
        return [f for f in self.fields if f.player_id == player_id]

    def custom_field_counts(self, player_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.custom_fields(player_id):
            counts[f.kind] = counts.get(f.kind, 0) + 1
        return counts

    def custom_fields_named(self, player_id: int, keys: set[tuple[str, str]]) -> list[CustomField]:
        return [f for f in self.custom_fields(player_id) if (f.kind, f.field_id) in keys]

    def save_custom_fields(self, new: list[CustomField], changed: list[CustomField]) -> None:
        for f in new:
            f.id = len(self.fields) + 1
            self.fields.append(f)

    def queue(self, brand_id: int, player_id: int | None, channel: str, kind: str, recipient: str,
              subject: str, body: str) -> None:
        self.outbox.append(dict(brand_id=brand_id, player_id=player_id, channel=channel, kind=kind,
                                recipient=recipient, subject=subject, body=body))

    def vendor_secret(self, brand_id: int) -> str | None:
        return self.secrets.get(brand_id)

    def remember_nonce(self, brand_id: int, nonce: str, now: datetime, forget_before: datetime) -> bool:
        self.nonces = {k: at for k, at in self.nonces.items() if at >= forget_before}
        if (brand_id, nonce) in self.nonces:
            return False
        self.nonces[(brand_id, nonce)] = now
        return True

    def set_play_hold(self, player_id: int, hold: bool) -> None:
        self.holds[player_id] = hold


    # -- DormancyStore
    def brands(self) -> list[Brand]:
        return [self.brands_by_id[k] for k in sorted(self.brands_by_id)]

    def notice_due(self, brand_id: int, inactive_since: datetime, limit: int) -> list[Player]:
        return self._due(lambda p: p.brand_id == brand_id and p.dormancy_notice_at is None
                         and p.last_activity_at is not None and p.last_activity_at <= inactive_since, limit)

    def dormant_due(self, brand_id: int, inactive_since: datetime, noticed_before: datetime,
                    limit: int) -> list[Player]:
        return self._due(lambda p: p.brand_id == brand_id and p.last_activity_at is not None
                         and p.last_activity_at <= inactive_since and p.dormancy_notice_at is not None
                         and p.dormancy_notice_at <= noticed_before, limit)

    def _due(self, match, limit: int) -> list[Player]:
        hits = [p for p in self.players.values() if p.dormant_at is None and match(p)]
        return sorted(hits, key=lambda p: (p.last_activity_at, p.id))[:limit]


class FakeRegister:
    """A register listing ``listed`` (exact names and birth date); ``down``:
    every question is an outage. ``asked`` counts the questions."""

    def __init__(self, *listed: Person, down: bool = False) -> None:
        self.listed_people = list(listed)
        self.down = down
        self.asked = 0

    def listed(self, person: Person) -> bool:
        self.asked += 1
        if self.down:
            raise RegisterDown("down")
        return any((p.first_name, p.last_name, p.birth_date) == (person.first_name, person.last_name,
                                                                   person.birth_date) for p in self.listed_people)


class FakeRegisters:
    """Every brand that names a register gets ``register``."""

    def __init__(self, register: Register) -> None:
        self.register = register

    def of(self, brand: Brand) -> Register | None:
        return self.register if brand.register_vendor else None


class FakeGatewayUnit:
    """``GatewayUnit`` over fakes: the players' store given, the other stores
    empty fakes, the protection clock the test's."""

    def __init__(self, players: FakeGatewayStore, clock: FixedClock) -> None:
        from tests.unit.fakes.cashier import FakeWalletMovements
        from tests.unit.fakes.games import FakeGamesStore
        from tests.unit.fakes.protection import FakeProtectionStore
        from tests.unit.fakes.records import FakeLedger

        self.players = players
        self.games = FakeGamesStore()
        self.cashier = FakeWalletMovements()
        self.protections = FakeProtectionStore()
        self.wallet = NoWallet()
        self.events = players.event_log
        self.statements = FakeLedger()
        self._clock = clock

    def __enter__(self) -> FakeGatewayUnit:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        pass

    def clock(self) -> datetime:
        return self._clock()


class FakeUnits(Units[Gateway]):
    """The gateway's ``Units`` over ``FakeGatewayUnit``: a unit's writes stay
    in the fakes (what a committed unit keeps); ``writes`` counts write units."""

    def __init__(self, store: FakeGatewayStore, clock: FixedClock | None = None,
                 settings: GatewaySettings | None = None) -> None:
        self.store = store
        self.clock = clock or FixedClock()
        self.settings = settings or GatewaySettings()
        self.writes = 0
        super().__init__(self._make)

    def _make(self, write: bool) -> Gateway:
        self.writes += int(write)
        return Gateway(FakeGatewayUnit(self.store, self.clock), self.settings, now=self.clock())

