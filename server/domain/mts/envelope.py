"""Validation of a casino-sessions-inform envelope (a JSON object as parsed,
numbers possibly floats) into a ``Report``.

Rules where the documents are silent are ours and listed in docs/mts.md.
Every violation is collected, in document order; the reply names the first.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from server.domain import errors as E
from server.domain.mts import errors as M

TIMESTAMP_MAX = 9223372036854775807  # 2^63 - 1, the document's maximum
# The latest instant a date field may name: 9999-12-31T23:59:59.999Z.
DATE_MAX_MS = 253402300799999
ID_MAX = 128
END_CUSTOMER_ID_MAX = 36  # also channel deviceId, shopId, terminalId
OPERATOR_ID_MAX = 2_147_483_647
AMOUNT_INT_DIGITS = 12
AMOUNT_PLACES = 6

STAKE_TYPES = ("cash", "bonus", "free", "free-cash", "free-rollover")
STAKE_MODES = ("unit", "total")
SPIN_TYPES = ("ordinary", "free", "bonus")
PAYOUT_TYPES = ("cash", "free", "withheld")
PAYOUT_SOURCES = (
    "ext-settlement", "free-rollover", "cashout", "cash", "manual-cancel", "manual-cashout", "bonus",
    "cancel", "free", "odds-boost", "free-cash",
)
CHANNEL_TYPES = (
    "internet", "mobile", "mobile-app", "retail", "terminal", "sms", "phone", "call-centre", "agent", "tv-app",
)
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class StakeLine:
    type: str
    mode: str
    trace_id: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class SpinsLine:
    type: str
    count: int
    winning_count: int


@dataclass(frozen=True)
class PayoutLine:
    type: str
    trace_id: str
    amount: Decimal
    currency: str
    source: str


@dataclass(frozen=True)
class Session:
    id: str
    provider: str
    game_id: str
    stake: list[StakeLine]
    spins: list[SpinsLine]
    payout: list[PayoutLine]
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Report:
    operator_id: int
    correlation_id: str
    timestamp_ms: int
    report_id: str
    sessions: list[Session]
    wallet_id: str
    channel_type: str
    end_customer_id: str


@dataclass
class Header:
    """What must be known before the content is looked at."""

    correlation_id: str = ""
    operator_id: int | None = None


_MISSING = object()


@dataclass
class _Checker:
    violations: list[E.FieldViolation] = field(default_factory=list)

    def add(self, code: int, path: str, message: str) -> None:
        self.violations.append(E.FieldViolation(path, str(code), message))

    # -- presence and JSON type
    def value(self, obj: dict, key: str, path: str, kind: str, mandatory: bool) -> Any:
        """The value of ``key`` when present and of JSON type ``kind``
        (string, integer, number, object, array); ``_MISSING`` otherwise (the
        violation recorded)."""
        raw = obj.get(key, None) if isinstance(obj, dict) else None
        if raw is None or (kind == "string" and raw == ""):
            if mandatory:
                self.add(M.MISSING, path, f"The following mandatory field is missing: {path}")
            return _MISSING
        ok = {
            "string": isinstance(raw, str),
            "integer": isinstance(raw, (int, float)) and not isinstance(raw, bool),
            "object": isinstance(raw, dict),
            "array": isinstance(raw, list),
        }[kind]
        if not ok:
            code = M.MANDATORY_WRONG_TYPE if mandatory else M.OPTIONAL_WRONG_TYPE
            self.add(code, path, f"Invalid value in field {path} is not of expected type {kind}")
            return _MISSING
        if kind == "integer":
            if isinstance(raw, float) and not raw.is_integer():
                self.add(M.INVALID_NUMBER, path, f"Invalid numeric type for field {path}, expected an integer")
                return _MISSING
            return int(raw)
        return raw

    def text(self, obj, key, path, mandatory=True, max_len=ID_MAX, length_code=M.OUT_OF_RANGE) -> str | Any:
        v = self.value(obj, key, path, "string", mandatory)
        if v is _MISSING:
            return v
        if len(v) > max_len:
            self.add(length_code, path, f"Invalid value in field {path}, length exceeds maximum allowed length {max_len}")
            return _MISSING
        return v

    def enum(self, obj, key, path, allowed: tuple[str, ...], mandatory=True, code=M.OUT_OF_RANGE) -> str | Any:
        v = self.value(obj, key, path, "string", mandatory)
        if v is _MISSING:
            return v
        if v not in allowed:
            self.add(code, path, f"Value in field {path} is out of allowed range [{', '.join(allowed)}]")
            return _MISSING
        return v

    def amount(self, obj, key, path, positive=False) -> Decimal | Any:
        v = self.value(obj, key, path, "string", True)
        if v is _MISSING:
            return v
        if not _DECIMAL.match(v):
            self.add(M.INVALID_NUMBER, path, f"Invalid number in field {path}, expected a decimal string")
            return _MISSING
        try:
            d = Decimal(v)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            self.add(M.INVALID_NUMBER, path, f"Invalid number in field {path}, expected a decimal string")
            return _MISSING
        if int(d.as_tuple().exponent) < -AMOUNT_PLACES:
            self.add(M.INVALID_NUMBER, path, f"Invalid number in field {path}, at most {AMOUNT_PLACES} decimal places")
            return _MISSING
        if d < 0 or (positive and d == 0) or d >= Decimal(10) ** AMOUNT_INT_DIGITS:
            self.add(M.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range")
            return _MISSING
        return d

    def currency(self, obj, key, path) -> str | Any:
        v = self.value(obj, key, path, "string", True)
        if v is _MISSING:
            return v
        if not _CURRENCY.match(v):
            self.add(M.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range (ISO 4217 code)")
            return _MISSING
        return v

    def date_ms(self, obj, key, path) -> int | Any:
        raw = obj.get(key) if isinstance(obj, dict) else None
        if isinstance(raw, float) and not raw.is_integer():
            self.add(M.INVALID_DATE, path, f"Invalid date format for field {path}, expected Unix time in milliseconds")
            return _MISSING
        v = self.value(obj, key, path, "integer", True)
        if v is _MISSING:
            return v
        if not 1 <= v <= DATE_MAX_MS:
            self.add(M.INVALID_DATE, path, f"Invalid date format for field {path}, expected Unix time in milliseconds")
            return _MISSING
        return v

    def count(self, obj, key, path) -> int | Any:
        v = self.value(obj, key, path, "integer", True)
        if v is _MISSING:
            return v
        if v < 0 or v > 2**31 - 1:
            self.add(M.OUT_OF_RANGE, path, f"Value in field {path} is out of allowed range")
            return _MISSING
        return v

    def objects(self, obj, key, path, non_empty=False) -> list:
        v = self.value(obj, key, path, "array", True)
        if v is _MISSING:
            return []
        if non_empty and not v:
            self.add(M.MISSING, path, f"The following mandatory field is missing: {path}")
        out = []
        for i, item in enumerate(v):
            p = f"{path}[{i}]"
            if not isinstance(item, dict):
                self.add(M.MANDATORY_WRONG_TYPE, p, f"Invalid value in field {p} is not of expected type object")
                out.append(_MISSING)
            else:
                out.append(item)
        return out


def ok(*values) -> bool:
    return all(v is not _MISSING for v in values)


def check_header(envelope: dict) -> Header:
    """operatorId and correlationId (needed before the replay look-up).
    Raises MtsRejected on a violation."""
    c = _Checker()
    h = Header()
    cid = c.text(envelope, "correlationId", "correlationId")
    if ok(cid):
        h.correlation_id = cid
    op = c.value(envelope, "operatorId", "operatorId", "integer", True)
    if ok(op):
        if not 1 <= op <= OPERATOR_ID_MAX:
            c.add(M.OUT_OF_RANGE, "operatorId", "Value in field operatorId is out of allowed range")
        else:
            h.operator_id = op
    if c.violations:
        raise M.MtsRejected(c.violations, h.correlation_id)
    return h


def check_routing(envelope: Any, correlation_id: str = "") -> None:
    """The error-reply cases: operation, version, content."""
    if not isinstance(envelope, dict):
        raise M.MtsUnroutable(M.ERR_MALFORMED, "Malformed message: the envelope must be a JSON object")
    op = envelope.get("operation")
    if op != M.OPERATION:
        raise M.MtsUnroutable(M.ERR_OPERATION, f"Unknown or missing operation, expected \"{M.OPERATION}\"", correlation_id)
    if envelope.get("version") != M.VERSION:
        raise M.MtsUnroutable(M.ERR_VERSION, f"Unsupported or missing version, expected \"{M.VERSION}\"", correlation_id)
    if not isinstance(envelope.get("content"), dict):
        raise M.MtsUnroutable(M.ERR_CONTENT, "Missing content: content must be a JSON object", correlation_id)


def correlation_id_of(envelope: Any) -> str:
    """The correlationId to echo, when there is a usable one."""
    if isinstance(envelope, dict):
        v = envelope.get("correlationId")
        if isinstance(v, str) and 0 < len(v) <= ID_MAX:
            return v
    return ""


def parse_report(envelope: dict, header: Header) -> Report:
    """The whole envelope; raises MtsRejected with every violation."""
    c = _Checker()
    ts = c.value(envelope, "timestampUtc", "timestampUtc", "integer", True)
    # JSON numbers arrive as doubles: 2^63-1 reads as 2^63, so that one value
    # is taken as the documented maximum.
    if ok(ts) and ts == TIMESTAMP_MAX + 1:
        ts = TIMESTAMP_MAX
    if ok(ts) and not 1 <= ts <= TIMESTAMP_MAX:
        c.add(M.OUT_OF_RANGE, "timestampUtc", "Value in field timestampUtc is out of allowed range")
        ts = _MISSING
    content = envelope["content"]
    ctype = c.value(content, "type", "content.type", "string", True)
    if ok(ctype) and ctype != M.OPERATION:
        c.add(M.OUT_OF_RANGE, "content.type", f"Value in field content.type is out of allowed range [{M.OPERATION}]")
    report_id = c.text(content, "reportId", "content.reportId", mandatory=False)

    sessions: list[Session] = []
    seen: set[str] = set()
    for i, s in enumerate(c.objects(content, "sessions", "content.sessions", non_empty=True)):
        if s is _MISSING:
            continue
        p = f"content.sessions[{i}]"
        sid = c.text(s, "id", f"{p}.id")
        if ok(sid):
            if sid in seen:
                c.add(M.OUT_OF_RANGE, f"{p}.id", f"Value in field {p}.id is out of allowed range (duplicate session id)")
            seen.add(sid)
        game = c.value(s, "game", f"{p}.game", "object", True)
        provider = game_id = _MISSING
        if ok(game):
            provider = c.text(game, "provider", f"{p}.game.provider")
            game_id = c.text(game, "id", f"{p}.game.id")
        stakes = []
        for j, st in enumerate(c.objects(s, "stake", f"{p}.stake")):
            if st is _MISSING:
                continue
            q = f"{p}.stake[{j}]"
            line = (
                c.enum(st, "type", f"{q}.type", STAKE_TYPES),
                c.enum(st, "mode", f"{q}.mode", STAKE_MODES),
                c.text(st, "traceId", f"{q}.traceId", mandatory=False),
                c.amount(st, "amount", f"{q}.amount"),
                c.currency(st, "currency", f"{q}.currency"),
            )
            if ok(*line[:2], *line[3:]):
                stakes.append(StakeLine(line[0], line[1], line[2] if ok(line[2]) else "", line[3], line[4]))
        spins = []
        for j, sp in enumerate(c.objects(s, "spins", f"{p}.spins")):
            if sp is _MISSING:
                continue
            q = f"{p}.spins[{j}]"
            t = c.enum(sp, "type", f"{q}.type", SPIN_TYPES)
            n = c.count(sp, "count", f"{q}.count")
            w = c.count(sp, "winningCount", f"{q}.winningCount")
            if ok(n, w) and w > n:
                c.add(M.OUT_OF_RANGE, f"{q}.winningCount", f"Value in field {q}.winningCount is out of allowed range (more than count)")
            elif ok(t, n, w):
                spins.append(SpinsLine(t, n, w))
        payouts = []
        for j, po in enumerate(c.objects(s, "payout", f"{p}.payout")):
            if po is _MISSING:
                continue
            q = f"{p}.payout[{j}]"
            line = (
                c.enum(po, "type", f"{q}.type", PAYOUT_TYPES),
                c.text(po, "traceId", f"{q}.traceId", mandatory=False),
                c.amount(po, "amount", f"{q}.amount"),
                c.currency(po, "currency", f"{q}.currency"),
                c.enum(po, "source", f"{q}.source", PAYOUT_SOURCES),
            )
            if ok(line[0], *line[2:]):
                payouts.append(PayoutLine(line[0], line[1] if ok(line[1]) else "", line[2], line[3], line[4]))
        start = c.date_ms(s, "startUtc", f"{p}.startUtc")
        end = c.date_ms(s, "endUtc", f"{p}.endUtc")
        if ok(start, end) and end < start:
            c.add(M.INVALID_DATE, f"{p}.endUtc", f"Invalid date for field {p}.endUtc: before startUtc")
        elif ok(sid, provider, game_id, start, end):
            sessions.append(Session(sid, provider, game_id, stakes, spins, payouts, start, end))

    ctx = c.value(content, "context", "content.context", "object", True)
    wallet = channel_type = customer = _MISSING
    if ok(ctx):
        wallet = c.text(ctx, "walletId", "content.context.walletId", mandatory=False)
        channel = c.value(ctx, "channel", "content.context.channel", "object", True)
        if ok(channel):
            cp = "content.context.channel"
            channel_type = c.enum(channel, "type", f"{cp}.type", CHANNEL_TYPES, code=M.INVALID_CHANNEL_OR_ID_LENGTH)
            ip = c.text(channel, "ip", f"{cp}.ip", mandatory=False, max_len=45)
            if ok(ip):
                try:
                    ipaddress.ip_address(ip)
                except ValueError:
                    c.add(M.OUT_OF_RANGE, f"{cp}.ip", f"Value in field {cp}.ip is out of allowed range (an IP address)")
            c.text(channel, "lang", f"{cp}.lang", mandatory=False, max_len=16)
            for key in ("deviceId", "shopId", "terminalId"):
                c.text(channel, key, f"{cp}.{key}", mandatory=False, max_len=END_CUSTOMER_ID_MAX,
                       length_code=M.INVALID_CHANNEL_OR_ID_LENGTH)
            c.text(channel, "location", f"{cp}.location", mandatory=False)
        ec = c.value(ctx, "endCustomer", "content.context.endCustomer", "object", True)
        if ok(ec):
            ep = "content.context.endCustomer"
            customer = c.text(ec, "id", f"{ep}.id", max_len=END_CUSTOMER_ID_MAX,
                              length_code=M.INVALID_CHANNEL_OR_ID_LENGTH)
            conf = c.value(ec, "confidence", f"{ep}.confidence", "integer", False)
            if ok(conf) and conf < 0:
                c.add(M.OUT_OF_RANGE, f"{ep}.confidence", f"Value in field {ep}.confidence is out of allowed range")
        rates = c.value(ctx, "rates", "content.context.rates", "array", False)
        if ok(rates):
            for j, r in enumerate(rates):
                q = f"content.context.rates[{j}]"
                if not isinstance(r, dict):
                    c.add(M.OPTIONAL_WRONG_TYPE, q, f"Invalid value in field {q} is not of expected type object")
                    continue
                c.currency(r, "fromCurrency", f"{q}.fromCurrency")
                c.currency(r, "toCurrency", f"{q}.toCurrency")
                c.amount(r, "rate", f"{q}.rate", positive=True)

    if c.violations:
        raise M.MtsRejected(c.violations, header.correlation_id)
    return Report(
        operator_id=header.operator_id or 0,
        correlation_id=header.correlation_id,
        timestamp_ms=ts,
        report_id=report_id if ok(report_id) else "",
        sessions=sessions,
        wallet_id=wallet if ok(wallet) else "",
        channel_type=channel_type,
        end_customer_id=customer,
    )
