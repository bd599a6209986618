"""Producing casino-sessions-inform envelopes from Pitboss's own wallet.

The PAM game rounds of a player (``RoundRecord``) are grouped into casino
sessions: consecutive rounds of one game (provider, game id, currency) belong
to the same session while the pause between two rounds is at most
``session_gap``. Per session: one stake line per stake type (cash / free, mode
"total"), one spins line per spin type (ordinary / free) with the count of
winning rounds, one payout line per source (cash / free).

Rounds come from a ``RoundsSource``: a function (player_id, since, until) ->
iterable of RoundRecord. The PAM wallet is adapted to it in
``server/storage/repositories/mts_pam_rounds.py`` (``pam_rounds_source``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from server.domain.ledger import ZERO, two_to_six_text
from server.domain.mts import errors as mts_errors
from server.domain.mts.intake import MAX_MESSAGE_BYTES, WS_MAX_MESSAGE_BYTES
from server.domain.mts.ports import RoundRecord, RoundsSource

DEFAULT_SESSION_GAP = timedelta(minutes=30)
MAX_SESSIONS_PER_REPORT = 200
# Small enough for both bindings (HTTP 128 KiB, WebSocket 128,000 bytes).
REPORT_MAX_BYTES = min(MAX_MESSAGE_BYTES, WS_MAX_MESSAGE_BYTES)


@dataclass(frozen=True)
class ReportContext:
    """Who reports and about whom: the envelope's context."""

    operator_id: int
    end_customer_id: str  # 1-36 characters (our player id)
    channel_type: str = "internet"
    wallet_id: str = ""


def ms(dt: datetime) -> int:
    if dt.tzinfo is None:
        raise ValueError("naive datetime; use timezone-aware UTC")
    return int(dt.timestamp() * 1000)


def group_sessions(rounds: Iterable[RoundRecord], session_gap: timedelta = DEFAULT_SESSION_GAP) -> list[list[RoundRecord]]:
    """Rounds grouped into casino sessions, each in play order; sessions
    ordered by their first round."""
    by_game: dict[tuple[str, str, str], list[RoundRecord]] = {}
    for r in sorted(rounds, key=lambda r: (r.started_at, r.round_id)):
        by_game.setdefault((r.provider, r.game_id, r.currency), []).append(r)
    sessions: list[list[RoundRecord]] = []
    for game_rounds in by_game.values():
        current: list[RoundRecord] = []
        for r in game_rounds:
            if current and r.started_at - max(x.ended_at for x in current) > session_gap:
                sessions.append(current)
                current = []
            current.append(r)
        if current:
            sessions.append(current)
    sessions.sort(key=lambda s: (s[0].started_at, s[0].round_id))
    return sessions


def session_json(rounds: list[RoundRecord]) -> dict[str, Any]:
    first = rounds[0]
    currency = first.currency
    ordinary = [r for r in rounds if not r.is_free]
    free = [r for r in rounds if r.is_free]
    stake, spins, payout = [], [], []
    if ordinary:
        stake.append({"type": "cash", "mode": "total", "amount": two_to_six_text(sum((r.stake for r in ordinary), ZERO)),
                      "currency": currency})
        spins.append({"type": "ordinary", "count": len(ordinary),
                      "winningCount": sum(1 for r in ordinary if r.payout > 0)})
        won = sum((r.payout for r in ordinary), ZERO)
        if won > 0:
            payout.append({"type": "cash", "amount": two_to_six_text(won), "currency": currency, "source": "cash"})
    if free:
        stake.append({"type": "free", "mode": "total", "amount": two_to_six_text(sum((r.stake for r in free), ZERO)),
                      "currency": currency})
        spins.append({"type": "free", "count": len(free), "winningCount": sum(1 for r in free if r.payout > 0)})
        won = sum((r.payout for r in free), ZERO)
        if won > 0:
            payout.append({"type": "cash", "amount": two_to_six_text(won), "currency": currency, "source": "free"})
    digest = hashlib.sha256(f"{first.provider}\x00{first.game_id}\x00{first.round_id}".encode()).hexdigest()[:16]
    return {
        "id": f"{first.player_id[:40]}-{digest}",
        "game": {"provider": first.provider, "id": first.game_id},
        "stake": stake,
        "spins": spins,
        "payout": payout,
        "startUtc": ms(min(r.started_at for r in rounds)),
        "endUtc": ms(max(r.ended_at for r in rounds)),
    }


def _correlation_id(ctx: ReportContext, sessions: list[dict[str, Any]]) -> str:
    """Deterministic: producing the same sessions again gives the same id, so a
    resent report is answered with the first reply and stored once."""
    key = json.dumps([ctx.operator_id, ctx.end_customer_id, [s["id"] for s in sessions]])
    return "pb-" + hashlib.sha256(key.encode()).hexdigest()[:29]


def envelope(ctx: ReportContext, sessions: list[dict[str, Any]], now_ms: int) -> dict[str, Any]:
    cid = _correlation_id(ctx, sessions)
    context: dict[str, Any] = {"channel": {"type": ctx.channel_type}, "endCustomer": {"id": ctx.end_customer_id}}
    if ctx.wallet_id:
        context["walletId"] = ctx.wallet_id
    return {
        "operatorId": ctx.operator_id,
        "correlationId": cid,
        "timestampUtc": now_ms,
        "operation": mts_errors.OPERATION,
        "version": mts_errors.VERSION,
        "content": {"type": mts_errors.OPERATION, "reportId": cid, "sessions": sessions, "context": context},
    }


def size_of(env: dict[str, Any]) -> int:
    return len(json.dumps(env, separators=(",", ":")).encode())


def produce_reports(
    ctx: ReportContext,
    rounds_source: RoundsSource,
    since: datetime,
    until: datetime,
    now_ms: int,
    session_gap: timedelta = DEFAULT_SESSION_GAP,
    max_sessions: int = MAX_SESSIONS_PER_REPORT,
) -> list[dict[str, Any]]:
    """casino-sessions-inform envelopes for the player's finished sessions
    between ``since`` and ``until``, each within both bindings' message limit."""
    rounds = [r for r in rounds_source(ctx.end_customer_id, since, until) if r.player_id == ctx.end_customer_id]
    sessions = [session_json(s) for s in group_sessions(rounds, session_gap)]
    out: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    for s in sessions:
        if batch and (len(batch) >= max_sessions or size_of(envelope(ctx, [*batch, s], now_ms)) > REPORT_MAX_BYTES):
            out.append(envelope(ctx, batch, now_ms))
            batch = []
        batch.append(s)
    if batch:
        out.append(envelope(ctx, batch, now_ms))
    return out
