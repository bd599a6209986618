"""Significant events (GLI-19 §2.8.8, AGCO 4.02): one queryable stream of
what a regulator asks to see — bursts of failed logins, lockouts, failed 2FA,
adjustments, large wins, protection changes, personal-data changes,
configuration changes, dead-lettered notifications, service start and stop.

An event is written by the unit of work that makes the change it records (so
it commits with the change and never outlives a rolled-back one), through the
``EventLog`` port. Its ``detail`` holds field names, amounts, flags and ids:
never a personal-data value and never a secret (``detail_of`` refuses them).
"""

from __future__ import annotations

import base64
import enum
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

from server.domain.errors import Violations
from server.domain.unit import UnitOfWork, Units

PAGE_DEFAULT, PAGE_MAX = 50, 200
KINDS_MAX = 16  # kinds a query may name
SUBJECT_TYPE_MAX, SUBJECT_ID_MAX, ACTOR_MAX, CLIENT_MAX = 32, 64, 128, 64
DETAIL_KEYS_MAX = 32  # keys of one event's detail
PRUNE_BATCH = 500  # rows one prune statement deletes


class Kind(enum.StrEnum):
    """The closed list of significant events (the column holds the value)."""

    LOGIN_FAILURES = "login_failures"  # a burst of failed logins on one account or login name
    LOCKOUT = "lockout"  # a gateway account or a VIP card locked
    TWOFA_FAILED = "twofa_failed"  # a wrong or expired SMS code
    ADJUSTMENT = "adjustment"  # a back-office credit or debit
    LARGE_WIN = "large_win"  # a win over the brand's threshold
    PROTECTION_CHANGE = "protection_change"  # limits, time-out, self-exclusion
    PERSONAL_DATA_CHANGE = "personal_data_change"  # which fields, never their values
    CONFIG_CHANGE = "config_change"  # brand settings, catalogue, launch templates, credentials
    ACCOUNT_STATUS = "account_status"  # a player blocked or unblocked, a game session revoked
    DEAD_LETTER = "dead_letter"  # a notification or mail given up
    SERVICE_START = "service_start"
    SERVICE_STOP = "service_stop"
    SELF_EXCLUSION_REGISTER = "self_exclusion_register"  # a national register lists her, or could not be asked


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    ALERT = "alert"


SEVERITY: dict[Kind, Severity] = {
    Kind.LOGIN_FAILURES: Severity.WARNING,
    Kind.LOCKOUT: Severity.ALERT,
    Kind.TWOFA_FAILED: Severity.WARNING,
    Kind.ADJUSTMENT: Severity.WARNING,
    Kind.LARGE_WIN: Severity.WARNING,
    Kind.PROTECTION_CHANGE: Severity.INFO,
    Kind.PERSONAL_DATA_CHANGE: Severity.INFO,
    Kind.CONFIG_CHANGE: Severity.WARNING,
    Kind.ACCOUNT_STATUS: Severity.WARNING,
    Kind.DEAD_LETTER: Severity.ALERT,
    Kind.SERVICE_START: Severity.INFO,
    Kind.SERVICE_STOP: Severity.INFO,
    Kind.SELF_EXCLUSION_REGISTER: Severity.ALERT,
}

# Keys a detail may hold: names, counts, amounts, flags and ids. Anything
# else (a value a person typed, a token, an address) is refused, so a new
# call site cannot leak one by accident.
DETAIL_KEYS = frozenset({
    "action", "amount", "attempts", "audit_id", "balance", "brand_id", "changes", "currency", "direction",
    "failures", "fields", "game_id", "operator", "guard", "ledger_id", "message_kind", "locked_until", "outbox", "pid", "process",
    "provider", "purpose", "reason_code", "settings", "source", "threshold", "transaction_id", "version",
    "window_minutes", "enabled", "door", "answer", "outcome",
})


class DetailRefused(ValueError):
    """A detail key outside ``DETAIL_KEYS`` (a programming error)."""


def detail_of(**values: Any) -> dict[str, Any]:
    """An event's detail: only known keys, None values dropped."""
    bad = sorted(k for k in values if k not in DETAIL_KEYS)
    if bad or len(values) > DETAIL_KEYS_MAX:
        raise DetailRefused(f"detail keys not allowed: {bad}")
    return {k: v for k, v in values.items() if v is not None}


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The names of the fields whose value differs (sorted): what a
    personal-data event records, never the values themselves."""
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def burst_reached(failures: int, threshold: int) -> bool:
    """A burst of failed logins is recorded once per count: when the failures
    counted on one guard (without a success between them) reach the
    threshold, not at each failure past it."""
    return threshold > 0 and failures == threshold


def large_win(amount: Any, threshold: Any) -> bool:
    """A win is large when it exceeds the brand's threshold (a threshold of
    zero or less turns the event off)."""
    return bool(threshold > 0 and amount > threshold)


@dataclass(frozen=True)
class NewEvent:
    kind: Kind
    at: datetime
    brand_id: int | None = None
    subject_type: str = ""
    subject_id: str = ""
    actor: str = ""
    client: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.kind]


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    kind: str
    severity: str
    brand_id: int | None
    subject_type: str
    subject_id: str
    actor: str
    client: str
    detail_json: str


@dataclass(frozen=True)
class Query:
    kinds: tuple[Kind, ...] = ()
    brand_id: int | None = None
    subject_type: str | None = None
    subject_id: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    before_id: int | None = None  # keyset: the page continues before this id
    limit: int = PAGE_DEFAULT


class EventLog(Protocol):
    """The significant-event stream (``server.storage.repositories.events``)."""

    def record(self, event: NewEvent) -> int: ...

    def page(self, q: Query) -> list[Event]:
        """Newest first, at most ``q.limit``."""

    def prune(self, older_than: datetime, limit: int) -> int:
        """Delete at most ``limit`` events older than ``older_than`` (oldest
        first); how many were deleted."""


class RecordsUnit(UnitOfWork, Protocol):
    """A unit of work of its own for events no other change carries: the
    service's start and stop, and the retention's prune."""

    events: EventLog


def service_event(log: EventLog, kind: Kind, at: datetime, process: str, pid: int, version: str) -> int:
    """A server process started or stopped (``process``: host and port it
    serves; no stop is recorded for a process killed outright)."""
    if kind not in (Kind.SERVICE_START, Kind.SERVICE_STOP):
        raise DetailRefused(f"not a service event: {kind}")
    return record(log, kind, at, subject_type="process", subject_id=process, client="system", pid=pid,
                  version=version)


def credentials_event(log: EventLog, at: datetime, fingerprints: dict[str, str]) -> int | None:
    """The configured credentials (back-office and reports clients, the
    master secret) change only with a restart: at start, the process that
    runs the workers compares their fingerprints (short keyed hashes, never
    the secrets) with the last ones recorded and records a configuration
    change naming those that differ (on the first start, all of them)."""
    last = log.page(Query(subject_type="settings", subject_id="credentials", limit=1))
    before: dict[str, Any] = json.loads(last[0].detail_json).get("settings", {}) if last else {}
    changed = changed_fields(before, fingerprints)
    if not changed:
        return None
    return record(log, Kind.CONFIG_CHANGE, at, subject_type="settings", subject_id="credentials", client="system",
                  fields=changed, settings=dict(sorted(fingerprints.items())))


def record(log: EventLog, kind: Kind, at: datetime, *, brand_id: int | None = None, subject_type: str = "",
           subject_id: str = "", actor: str = "", client: str = "", **detail: Any) -> int:
    return log.record(NewEvent(kind, at, brand_id, subject_type[:SUBJECT_TYPE_MAX], subject_id[:SUBJECT_ID_MAX],
                               actor[:ACTOR_MAX], client[:CLIENT_MAX], detail_of(**detail)))


def dead_letter(log: EventLog, at: datetime, outbox: str, row_id: int, attempts: int, kind: str = "",
                brand_id: int | None = None, operator: str = "") -> int:
    """A notification or mail given up (recorded with the row's change to a
    dead letter, by the worker that held its claim)."""
    return record(log, Kind.DEAD_LETTER, at, brand_id=brand_id, subject_type="outbox", subject_id=f"{outbox}/{row_id}",
                  client="system", outbox=outbox, attempts=attempts, message_kind=kind or None,
                  operator=operator or None)


def retention_cutoff(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


# ---------------------------------------------------------------- queries
def encode_token(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"ev:{last_id}".encode()).decode().rstrip("=")


def _decode_token(v: Violations, token: str) -> int | None:
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        if raw.startswith("ev:") and raw[3:].isdigit() and len(raw) < 24:
            return int(raw[3:])
    except (ValueError, UnicodeDecodeError):
        pass
    v.add("page_token", "invalid", "page_token: not a token from a previous answer.")
    return None


def _time(v: Violations, name: str, raw: str) -> datetime | None:
    """RFC 3339 with an offset ("" : none), as UTC."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00")) if len(text) <= 40 else None
        if t is not None and t.tzinfo is not None:
            return t.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        pass
    v.add(name, "invalid", f"{name}: an RFC 3339 time with an offset.")
    return None


def parse_query(kinds: list[str], brand_id: int, subject_type: str, subject_id: str, since_text: str,
                until_text: str, page_size: int, page_token: str) -> Query:
    """A query as a caller sends it, checked all at once (ValidationFailed
    naming every failing field)."""
    v = Violations()
    since, until = _time(v, "from", since_text), _time(v, "to", until_text)
    if len(kinds) > KINDS_MAX:
        v.add("kinds", "too_many", f"kinds: at most {KINDS_MAX}.")
    known: list[Kind] = []
    for k in kinds[:KINDS_MAX]:
        try:
            known.append(Kind((k or "").strip().lower()))
        except ValueError:
            v.add("kinds", "unknown", "kinds: " + ", ".join(x.value for x in Kind) + ".")
            break
    if brand_id < 0:
        v.add("brand_id", "invalid", "brand_id: a brand id, or 0 for every brand.")
    st, sid = (subject_type or "").strip(), (subject_id or "").strip()
    if bool(st) != bool(sid) or len(st) > SUBJECT_TYPE_MAX or len(sid) > SUBJECT_ID_MAX:
        v.add("subject_type", "invalid", "subject_type and subject_id: both or neither.")
    if since is not None and until is not None and until <= since:
        v.add("to", "invalid", "to: after from.")
    if page_size == 0:
        n = PAGE_DEFAULT
    elif 1 <= page_size <= PAGE_MAX:
        n = page_size
    else:
        v.add("page_size", "range", f"page_size: 1-{PAGE_MAX} (0: {PAGE_DEFAULT}).")
        n = PAGE_DEFAULT
    before = _decode_token(v, page_token)
    v.raise_if_any()
    return Query(tuple(dict.fromkeys(known)), brand_id or None, st or None, sid or None, since, until, before, n)


@dataclass
class EventPage:
    events: list[Event]
    next_page_token: str


def list_events(log: EventLog, q: Query) -> EventPage:
    rows = log.page(Query(q.kinds, q.brand_id, q.subject_type, q.subject_id, q.since, q.until, q.before_id,
                          q.limit + 1))
    more = len(rows) > q.limit
    rows = rows[:q.limit]
    return EventPage(rows, encode_token(rows[-1].id) if more and rows else "")


def prune(units: Units[RecordsUnit], now: datetime, days: int, batches: int, batch: int = PRUNE_BATCH) -> int:
    """Events past retention, deleted oldest first in at most ``batches``
    bounded batches, each in a short write unit of its own (so the write
    lock is never held long); stops at the first batch that was not full."""
    cutoff, total = retention_cutoff(now, days), 0
    for _ in range(batches):
        n = units.write(lambda u: u.events.prune(cutoff, batch))
        total += n
        if n < batch:
            break
    return total


# ------------------------------------------------- back-office audit actions
# The audit log's actions (docs/backoffice.md) that are significant events.
# ``outbox.redrive`` is not: the dead letter it re-drives was one.
AUDIT_KINDS: dict[str, Kind] = {
    "balance.credit": Kind.ADJUSTMENT,
    "balance.debit": Kind.ADJUSTMENT,
    "protection.set_limits": Kind.PROTECTION_CHANGE,
    "protection.timeout": Kind.PROTECTION_CHANGE,
    "protection.self_exclusion": Kind.PROTECTION_CHANGE,
    "catalogue.put": Kind.CONFIG_CHANGE,
    "launch_template.put": Kind.CONFIG_CHANGE,
    "brand.settings": Kind.CONFIG_CHANGE,
    "jurisdiction.confirm": Kind.PERSONAL_DATA_CHANGE,
    "jurisdiction.reject": Kind.PERSONAL_DATA_CHANGE,
    "player.block": Kind.ACCOUNT_STATUS,
    "player.unblock": Kind.ACCOUNT_STATUS,
    "game_session.revoke": Kind.ACCOUNT_STATUS,
}


class Caller(Protocol):
    @property
    def client(self) -> str: ...

    @property
    def actor(self) -> str: ...


def audit_event(log: EventLog, caller: Caller, at: datetime, audit_id: int, action: str, subject_type: str,
                subject_id: str, before: dict[str, Any] | None, after: dict[str, Any] | None,
                brand_id: int | None = None) -> int | None:
    """The significant event of a back-office change (None: the action is
    not one): the action, the audit record's id (where the before / after
    are, for those allowed to read them) and the names of the fields that
    changed; an adjustment adds its amount, balance, direction and ledger
    entry; a catalogue change, whether the game is enabled."""
    kind = AUDIT_KINDS.get(action)
    if kind is None:
        return None
    b, a = before or {}, after or {}
    extra: dict[str, Any] = {}
    if kind is Kind.ADJUSTMENT:
        extra = {"amount": a.get("amount"), "balance": a.get("balance"), "currency": a.get("currency"),
                 "ledger_id": a.get("ledger_id"), "direction": action.removeprefix("balance.")}
        fields = None
    else:
        fields = changed_fields(b, a)
    if action == "catalogue.put":
        extra["enabled"] = a.get("enabled")
    if brand_id is None and subject_type in ("game", "launch_template", "brand"):
        head = subject_id.split("/", 1)[0]
        brand_id = int(head) if head.isdigit() else None
    return record(log, kind, at, brand_id=brand_id, subject_type=subject_type, subject_id=subject_id,
                  actor=caller.actor, client=caller.client, action=action, audit_id=audit_id, fields=fields, **extra)


def protection_event(log: EventLog, at: datetime, player_id: str, brand_id: int | None, action: str,
                     before: dict[str, Any], after: dict[str, Any], actor: str = "", client: str = "player") -> int:
    """A change of a player's protections made by the player (the back
    office's are recorded through ``audit_event``)."""
    return record(log, Kind.PROTECTION_CHANGE, at, brand_id=brand_id, subject_type="player", subject_id=player_id,
                  actor=actor, client=client, action=f"protection.{action}", fields=changed_fields(before, after))


def personal_data_event(log: EventLog, at: datetime, player_id: str, brand_id: int | None, fields: list[str],
                        source: str, actor: str = "", client: str = "player") -> int | None:
    """A change of personal data: the names of the fields only (None when
    nothing changed)."""
    if not fields:
        return None
    return record(log, Kind.PERSONAL_DATA_CHANGE, at, brand_id=brand_id, subject_type="player",
                  subject_id=player_id, actor=actor, client=client, fields=sorted(set(fields)), source=source)
