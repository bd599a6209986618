"""Player-protection storage: ``ProtectionRepository`` implements the domain's
port (``server.domain.protection.ports``) in plain SQL on a driver connection
(``SqlConnection``, the PAM booking path) or an ORM unit of work
(``SessionSql``), and returns domain dataclasses.

Lock order, everywhere: the player's wallet (``pam_account``), then the
protection row. A booking takes the wallet lock in its first statement, so a
change of protections and a bet of the same player never interleave.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from server.domain.players import player_number
from server.domain.protection import model as protection_model
from server.domain.protection import rules
from server.domain.protection.model import Event, Limit, Play, Protection, Restriction, Usage, UsageChange
from server.storage.locks import lock_name
from server.storage.models.protection import ProtectionState
from server.storage.sql import SessionSql

_STATE_AND_LIMITS = (
    "SELECT s.player_id, s.brand_id, s.timeout_until, s.excluded_until, s.excluded_permanent, s.closed_at,"
    " s.play_day, s.play_seconds, s.last_play_at, s.last_play_session, s.changed_at, l.kind, l.period, l.amount,"
    " l.pending_amount, l.pending_remove, l.pending_from FROM protection_state s"
    " LEFT JOIN protection_limit l ON l.player_id = s.player_id WHERE s.player_id = :p"
)
_SUMS = ", ".join(f"COALESCE(SUM(CASE WHEN hour >= :{p} THEN {k} ELSE 0 END), 0)"
                  for k in protection_model.MONEY_KINDS for p in protection_model.PERIODS)
USAGE = f"SELECT {_SUMS} FROM protection_usage WHERE player_id = :p AND hour >= :month"
_USAGE_INTO = "INSERT INTO protection_usage (player_id, hour, deposit, wager, loss)"
_USAGE_VALUES = ":p, :u_hour, :u_deposit, :u_wager, :u_loss"
_USAGE_ADD = (" ON CONFLICT (player_id, hour) DO UPDATE SET deposit = protection_usage.deposit"
              " + excluded.deposit, wager = protection_usage.wager + excluded.wager, loss = protection_usage.loss"
              " + excluded.loss")
UPSERT_USAGE = f"{_USAGE_INTO} VALUES ({_USAGE_VALUES}){_USAGE_ADD}"


def upsert_usage(gated: bool = False) -> str:
    """The usage upsert; ``gated``: inside a booking's statement, only when its
    transaction row ``t`` was inserted (server.storage.repositories.pam)."""
    return f"{_USAGE_INTO} SELECT {_USAGE_VALUES} FROM t{_USAGE_ADD}" if gated else UPSERT_USAGE
SET_PLAY = ("UPDATE protection_state SET play_day = :pl_day, play_seconds = :pl_seconds, last_play_at = :pl_at,"
            " last_play_session = :pl_session WHERE player_id = :p")
_BETS = ("WITHDRAW", "PROMOWITHDRAW")
# The lock name of a wallet not yet made (server.storage.locks).
WALLET = "wallet"
_WALLET_ROW = "SELECT protected FROM pam_account WHERE player_id = :p"
_WINS = ("DEPOSIT", "PROMODEPOSIT")


def has_protections(session, player_id: str) -> bool:
    """Whether the player has protections: a wallet opened for such a player
    is flagged at once, so its first booking is already checked. Call it
    after ``lock_wallet_creation``."""
    return session.get(ProtectionState, player_id) is not None


def lock_wallet_creation(session, player_id: str) -> None:
    """Every creator of a wallet takes this lock before it looks for the
    wallet, as a player's first protection does when she has no wallet yet
    (``ProtectionRepository.lock``): so one of the two always sees the
    other's row, and the wallet cannot be left unflagged (PostgreSQL; SQLite
    writers are one at a time anyway)."""
    lock_name(SessionSql(session), WALLET, player_id)


def play_params(c, player_id: str, play: Play) -> dict:
    """The parameters of ``SET_PLAY`` on connection ``c`` (its column codecs)."""
    return {"p": player_id, "pl_day": play.day, "pl_seconds": play.seconds, "pl_at": c.time(play.last_at),
            "pl_session": play.last_session}


def usage_params(c, player_id: str, u: UsageChange) -> dict:
    """The parameters of ``UPSERT_USAGE`` on connection ``c``."""
    m = c.money
    return {"p": player_id, "u_hour": u.hour, "u_deposit": m(u.deposit), "u_wager": m(u.wager),
            "u_loss": m(u.loss)}


class ProtectionRepository:
    def __init__(self, conn) -> None:
        self.c = conn

    # --------------------------------------------------------------- reads
    def player(self, player_id: str) -> tuple[int | None, str] | None:
        n = player_number(player_id)  # a gateway player's ID in its one spelling
        if n is not None:
            row = self.c.one("SELECT brand_id, currency FROM gateway_player WHERE id = :i", {"i": n})
            if row is not None:
                return row[0], row[1]
        row = self.c.one("SELECT currency FROM pam_player WHERE id = :p", {"p": player_id})
        return (None, row[0]) if row is not None else None

    def load(self, player_id: str, for_update: bool = False) -> Protection | None:
        """The protection row and its limits in one statement (one row per
        limit); ``for_update`` locks the protection row (PostgreSQL)."""
        sql = _STATE_AND_LIMITS + (" FOR UPDATE OF s" if for_update and self.c.postgres else "")
        rows = self.c.all(sql, {"p": player_id})
        if not rows:
            return None
        t, m = self.c.read_time, self.c.read_money
        row = rows[0]
        limits = {}
        for r in rows:
            if r[11] is not None:
                k, p = r[11], r[12]
                limits[(k, p)] = Limit(k, p, m(r[13]), m(r[14]), bool(r[15]), t(r[16]))
        restriction = Restriction(t(row[2]), t(row[3]), bool(row[4]), t(row[5]))
        play = Play(int(row[6]), int(row[7]), t(row[8]), row[9])
        return Protection(row[0], row[1], restriction, limits, play, t(row[10]))

    def usage(self, player_id: str, now: datetime) -> Usage:
        params = {"p": player_id, **rules.window_starts(now)}
        row = self.c.one(USAGE, params)
        m = self.c.read_money
        out, i = {}, 0
        for k in protection_model.MONEY_KINDS:
            for p in protection_model.PERIODS:
                out[(k, p)] = m(int(row[i]))
                i += 1
        return Usage(out)

    # -------------------------------------------------------------- writes
    def lock(self, player_id: str, brand_id: int | None, now: datetime) -> Protection:
        row = _WALLET_ROW + (" FOR UPDATE" if self.c.postgres else "")
        wallet = self.c.one(row, {"p": player_id})
        if wallet is None:
            # No wallet to lock: lock its creation instead, then look again
            # (a wallet made meanwhile is now committed, and flagged below).
            lock_name(self.c, WALLET, player_id)
            wallet = self.c.one(row, {"p": player_id})
        prot = self.load(player_id, for_update=True)
        if prot is not None:
            if wallet is not None and not wallet[0]:
                self._flag(player_id)  # a wallet made after the first protection
            return prot
        t = self.c.time
        insert = ("INSERT INTO protection_state (player_id, brand_id, excluded_permanent, play_day, play_seconds,"
                  " changed_at, created_at) VALUES (:p, :b, :f, 0, 0, :now, :now)")
        if self.c.postgres:
            insert += " ON CONFLICT (player_id) DO NOTHING"
        self.c.run(insert, {"p": player_id, "b": brand_id, "f": False, "now": t(now)})
        self._backfill(player_id, now)
        if wallet is not None:
            self._flag(player_id)
        return self.load(player_id, for_update=True)

    def _flag(self, player_id: str) -> None:
        self.c.run("UPDATE pam_account SET protected = :t WHERE player_id = :p", {"t": True, "p": player_id})

    def _backfill(self, player_id: str, now: datetime) -> None:
        """Amounts already deposited, lost and wagered inside the longest
        window count as soon as the first protection is set; so does the play
        time of the day."""
        since = now - timedelta(hours=protection_model.PERIOD_HOURS["month"] + 1)
        t, m, rt = self.c.time, self.c.read_money, self.c.read_time
        buckets: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal("0")] * 3)
        play = Play()
        rows = self.c.all(
            "SELECT transaction_type, cash_amount + bonus_amount + promo_amount, created_at, cancelled_by, session_id"
            " FROM pam_transaction WHERE player_id = :p AND created_at >= :since ORDER BY id",
            {"p": player_id, "since": t(since)})
        today = protection_model.day_of(now)
        for kind, total, at, cancelled_by, session_id in rows:
            at = rt(at)
            if protection_model.day_of(at) == today:
                play = rules.play_step(play, at, session_id)
            b = buckets[protection_model.hour_of(at)]
            if kind in _BETS and cancelled_by is None:
                b[1] += m(total)
                b[2] += m(total)
            elif kind in _WINS:
                b[2] -= m(total)
        # Deposits are hers only through an operator whose wallet is this
        # platform's, of her brand, under her ID exactly (an external
        # operator's patronIds are its own).
        n = player_number(player_id)
        deposits = [] if n is None else self.c.all(
            "SELECT t.amount, t.created_at FROM vip_transaction t JOIN vip_session s ON s.id = t.session_id"
            " JOIN vip_operator_wallet w ON w.operator_id = t.operator_id"
            " JOIN gateway_player g ON g.id = :n AND g.brand_id = w.brand_id"
            " WHERE s.operator_patron_id = :p AND t.kind = 'deposit' AND t.status <> 'rejected'"
            " AND t.created_at >= :since", {"p": player_id, "n": n, "since": t(since)})
        for amount, at in deposits:
            buckets[protection_model.hour_of(rt(at))][0] += m(amount)
        for hour, (dep, wager, loss) in buckets.items():
            self.add_usage(player_id, UsageChange(hour, wager, loss, dep))
        if play.last_at is not None:
            self.c.run(SET_PLAY, play_params(self.c, player_id, play))

    def save(self, prot: Protection, now: datetime) -> None:
        t, m = self.c.time, self.c.money
        r = prot.restriction
        self.c.run("UPDATE protection_state SET timeout_until = :tu, excluded_until = :eu, excluded_permanent = :ep,"
                   " closed_at = :ca, changed_at = :now WHERE player_id = :p",
                   {"tu": t(r.timeout_until), "eu": t(r.excluded_until), "ep": r.excluded_permanent,
                    "ca": t(r.closed_at), "now": t(prot.changed_at or now), "p": prot.player_id})
        self.c.run("DELETE FROM protection_limit WHERE player_id = :p", {"p": prot.player_id})
        for lim in prot.limits.values():
            self.c.run(
                "INSERT INTO protection_limit (player_id, kind, period, amount, pending_amount, pending_remove,"
                " pending_from, updated_at) VALUES (:p, :k, :per, :a, :pa, :pr, :pf, :now)",
                {"p": prot.player_id, "k": lim.kind, "per": lim.period, "a": m(lim.amount),
                 "pa": m(lim.pending_amount), "pr": lim.pending_remove, "pf": t(lim.pending_from), "now": t(now)})

    def prune_usage(self, before_hour: int, limit: int) -> int:
        """Delete at most ``limit`` usage buckets older than ``before_hour``
        (through ``ix_protection_usage_hour``); returns how many. On
        PostgreSQL the rows are taken with ``FOR UPDATE SKIP LOCKED``, so two
        hosts pruning at once take different rows and never wait on each
        other; on SQLite the write lock serialises them."""
        if self.c.postgres:
            sql = ("DELETE FROM protection_usage WHERE ctid IN (SELECT ctid FROM protection_usage"
                   " WHERE hour < :h LIMIT :n FOR UPDATE SKIP LOCKED)")
        else:
            sql = ("DELETE FROM protection_usage WHERE rowid IN (SELECT rowid FROM protection_usage"
                   " WHERE hour < :h LIMIT :n)")
        return self.c.run(sql, {"h": before_hour, "n": limit})

    def add_usage(self, player_id: str, change: UsageChange) -> None:
        self.c.run(UPSERT_USAGE, usage_params(self.c, player_id, change))

    def add_event(self, e: Event) -> None:
        self.c.run(
            "INSERT INTO protection_event (player_id, brand_id, at, actor, action, reason, before_json, after_json)"
            " VALUES (:p, :b, :at, :actor, :action, :reason, :before, :after)",
            {"p": e.player_id, "b": e.brand_id, "at": self.c.time(e.at), "actor": e.actor, "action": e.action,
             "reason": e.reason, "before": json.dumps(e.before, sort_keys=True),
             "after": json.dumps(e.after, sort_keys=True)})

    def events(self, player_id: str) -> list[Event]:
        rows = self.c.all("SELECT player_id, brand_id, at, actor, action, before_json, after_json, reason"
                          " FROM protection_event WHERE player_id = :p ORDER BY id", {"p": player_id})
        return [Event(r[0], r[1], self.c.read_time(r[2]), r[3], r[4], json.loads(r[5]), json.loads(r[6]), r[7])
                for r in rows]

    def changed_between(self, start: datetime, end: datetime, brand_id: int | None) -> list[tuple[str, int | None, datetime]]:
        t = self.c.time
        params = {"s": t(start), "e": t(end)}
        latest: dict[str, tuple[int | None, datetime]] = {}
        for pid, brand, at in self.c.all(
                "SELECT player_id, brand_id, MAX(at) FROM protection_event WHERE at >= :s AND at < :e"
                " GROUP BY player_id, brand_id", params):
            latest[pid] = (brand, self.c.read_time(at))
        for pid, brand, at in self.c.all(
                "SELECT l.player_id, s.brand_id, MAX(l.pending_from) FROM protection_limit l JOIN protection_state s"
                " ON s.player_id = l.player_id WHERE l.pending_from >= :s AND l.pending_from < :e"
                " GROUP BY l.player_id, s.brand_id", params):
            at = self.c.read_time(at)
            if pid not in latest or latest[pid][1] < at:
                latest[pid] = (brand, at)
        out = [(pid, b, at) for pid, (b, at) in latest.items() if brand_id is None or b == brand_id]
        return sorted(out, key=lambda x: (x[2], x[0]))
