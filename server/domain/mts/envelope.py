"""Validation of a casino-sessions-inform envelope (a JSON object as parsed,
numbers possibly floats) into a ``Report``.

Rules where the documents are silent are ours and listed in docs/mts.md.
Every violation is collected, in document order; the reply names the first.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from server.domain.mts import errors as mts_errors
from server.domain.limits import MTS_END_CUSTOMER_ID as END_CUSTOMER_ID_MAX  # also channel deviceId, shopId, terminalId
from server.domain.limits import MTS_ID as ID_MAX
from server.domain.mts.checks import MAX_LINES, MAX_SESSIONS, MISSING, Checker, ok

TIMESTAMP_MAX = 9223372036854775807  # 2^63 - 1, the document's maximum
OPERATOR_ID_MAX = 2_147_483_647

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
    winning_count: int | None  # None: not reported (optional)


@dataclass(frozen=True)
class PayoutLine:
    type: str
    trace_id: str
    amount: Decimal
    currency: str
    source: str  # "" when not reported (optional)


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


def check_header(envelope: dict[str, Any]) -> Header:
    """operatorId and correlationId (needed before the replay look-up).
    Raises MtsRejected on a violation."""
    c = Checker()
    h = Header()
    cid = c.text(envelope, "correlationId", "correlationId")
    if ok(cid):
        h.correlation_id = cid
    op = c.value(envelope, "operatorId", "operatorId", "integer", True)
    if ok(op):
        if not 1 <= op <= OPERATOR_ID_MAX:
            c.add(mts_errors.OUT_OF_RANGE, "operatorId", "Value in field operatorId is out of allowed range")
        else:
            h.operator_id = op
    if c.violations:
        raise mts_errors.MtsRejected(c.violations, h.correlation_id)
    return h


def check_routing(envelope: Any, correlation_id: str = "") -> None:
    """The error-reply cases: operation, version, content."""
    if not isinstance(envelope, dict):
        raise mts_errors.MtsUnroutable(mts_errors.ERR_MALFORMED, "Malformed message: the envelope must be a JSON object")
    op = envelope.get("operation")
    if op != mts_errors.OPERATION:
        raise mts_errors.MtsUnroutable(mts_errors.ERR_OPERATION, f"Unknown or missing operation, expected \"{mts_errors.OPERATION}\"", correlation_id)
    if envelope.get("version") != mts_errors.VERSION:
        raise mts_errors.MtsUnroutable(mts_errors.ERR_VERSION, f"Unsupported or missing version, expected \"{mts_errors.VERSION}\"", correlation_id)
    if not isinstance(envelope.get("content"), dict):
        raise mts_errors.MtsUnroutable(mts_errors.ERR_CONTENT, "Missing content: content must be a JSON object", correlation_id)


def correlation_id_of(envelope: Any) -> str:
    """The correlationId to echo, when there is a usable one."""
    if isinstance(envelope, dict):
        v = envelope.get("correlationId")
        if isinstance(v, str) and 0 < len(v) <= ID_MAX:
            return v
    return ""


def parse_report(envelope: dict[str, Any], header: Header) -> Report:
    """The whole envelope; raises MtsRejected with every violation."""
    c = Checker()
    ts = c.value(envelope, "timestampUtc", "timestampUtc", "integer", True)
    # JSON numbers arrive as doubles: 2^63-1 reads as 2^63, so that one value
    # is taken as the documented maximum.
    if ok(ts) and ts == TIMESTAMP_MAX + 1:
        ts = TIMESTAMP_MAX
    if ok(ts) and not 1 <= ts <= TIMESTAMP_MAX:
        c.add(mts_errors.OUT_OF_RANGE, "timestampUtc", "Value in field timestampUtc is out of allowed range")
        ts = MISSING
    content = envelope["content"]
    ctype = c.value(content, "type", "content.type", "string", True)
    if ok(ctype) and ctype != mts_errors.OPERATION:
        c.add(mts_errors.OUT_OF_RANGE, "content.type", f"Value in field content.type is out of allowed range [{mts_errors.OPERATION}]")
    report_id = c.text(content, "reportId", "content.reportId", mandatory=False)

    sessions: list[Session] = []
    seen: set[str] = set()
    for i, s in enumerate(c.objects(content, "sessions", "content.sessions", non_empty=True,
                                        max_items=MAX_SESSIONS)):
        if s is MISSING:
            continue
        p = f"content.sessions[{i}]"
        sid = c.text(s, "id", f"{p}.id")
        if ok(sid):
            if sid in seen:
                c.add(mts_errors.OUT_OF_RANGE, f"{p}.id", f"Value in field {p}.id is out of allowed range (duplicate session id)")
            seen.add(sid)
        game = c.value(s, "game", f"{p}.game", "object", True)
        provider = game_id = MISSING
        if ok(game):
            provider = c.text(game, "provider", f"{p}.game.provider")
            game_id = c.text(game, "id", f"{p}.game.id")
        stakes = []
        for j, st in enumerate(c.objects(s, "stake", f"{p}.stake")):
            if st is MISSING:
                continue
            q = f"{p}.stake[{j}]"
            line: tuple[Any, ...] = (
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
            if sp is MISSING:
                continue
            q = f"{p}.spins[{j}]"
            t = c.enum(sp, "type", f"{q}.type", SPIN_TYPES)
            n = c.count(sp, "count", f"{q}.count")
            given = isinstance(sp, dict) and sp.get("winningCount") is not None
            w = c.count(sp, "winningCount", f"{q}.winningCount", mandatory=False)
            if ok(n, w) and w > n:
                c.add(mts_errors.OUT_OF_RANGE, f"{q}.winningCount", f"Value in field {q}.winningCount is out of allowed range (more than count)")
            elif ok(t, n) and (ok(w) or not given):
                spins.append(SpinsLine(t, n, w if ok(w) else None))
        payouts = []
        for j, po in enumerate(c.objects(s, "payout", f"{p}.payout")):
            if po is MISSING:
                continue
            q = f"{p}.payout[{j}]"
            line = (
                c.enum(po, "type", f"{q}.type", PAYOUT_TYPES),
                c.text(po, "traceId", f"{q}.traceId", mandatory=False),
                c.amount(po, "amount", f"{q}.amount"),
                c.currency(po, "currency", f"{q}.currency"),
                c.enum(po, "source", f"{q}.source", PAYOUT_SOURCES, mandatory=False),
            )
            if ok(line[0], *line[2:4]) and (ok(line[4]) or po.get("source") in (None, "")):
                payouts.append(PayoutLine(line[0], line[1] if ok(line[1]) else "", line[2], line[3],
                                          line[4] if ok(line[4]) else ""))
        start = c.date_ms(s, "startUtc", f"{p}.startUtc")
        end = c.date_ms(s, "endUtc", f"{p}.endUtc")
        if ok(start, end) and end < start:
            c.add(mts_errors.INVALID_DATE, f"{p}.endUtc", f"Invalid date for field {p}.endUtc: before startUtc")
        elif ok(sid, provider, game_id, start, end):
            sessions.append(Session(sid, provider, game_id, stakes, spins, payouts, start, end))

    ctx = c.value(content, "context", "content.context", "object", True)
    wallet = channel_type = customer = MISSING
    if ok(ctx):
        wallet = c.text(ctx, "walletId", "content.context.walletId", mandatory=False)
        channel = c.value(ctx, "channel", "content.context.channel", "object", True)
        if ok(channel):
            cp = "content.context.channel"
            channel_type = c.enum(channel, "type", f"{cp}.type", CHANNEL_TYPES, code=mts_errors.INVALID_CHANNEL_OR_ID_LENGTH)
            ip = c.text(channel, "ip", f"{cp}.ip", mandatory=False, max_len=45)
            if ok(ip):
                try:
                    ipaddress.ip_address(ip)
                except ValueError:
                    c.add(mts_errors.OUT_OF_RANGE, f"{cp}.ip", f"Value in field {cp}.ip is out of allowed range (an IP address)")
            c.text(channel, "lang", f"{cp}.lang", mandatory=False, max_len=16)
            for key in ("deviceId", "shopId", "terminalId"):
                c.text(channel, key, f"{cp}.{key}", mandatory=False, max_len=END_CUSTOMER_ID_MAX,
                       length_code=mts_errors.INVALID_CHANNEL_OR_ID_LENGTH)
            c.location(channel, "location", f"{cp}.location")
        ec = c.value(ctx, "endCustomer", "content.context.endCustomer", "object", True)
        if ok(ec):
            ep = "content.context.endCustomer"
            customer = c.text(ec, "id", f"{ep}.id", max_len=END_CUSTOMER_ID_MAX,
                              length_code=mts_errors.INVALID_CHANNEL_OR_ID_LENGTH)
            c.confidence(ec, "confidence", f"{ep}.confidence")
        rates = c.value(ctx, "rates", "content.context.rates", "array", False)
        if ok(rates) and len(rates) > MAX_LINES:
            c.too_many("content.context.rates", MAX_LINES)
        elif ok(rates):
            for j, r in enumerate(rates):
                q = f"content.context.rates[{j}]"
                if not isinstance(r, dict):
                    c.add(mts_errors.OPTIONAL_WRONG_TYPE, q, f"Invalid value in field {q} is not of expected type object")
                    continue
                c.currency(r, "fromCurrency", f"{q}.fromCurrency")
                c.currency(r, "toCurrency", f"{q}.toCurrency")
                c.amount(r, "rate", f"{q}.rate", positive=True)

    if c.violations:
        raise mts_errors.MtsRejected(c.violations, header.correlation_id)
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
