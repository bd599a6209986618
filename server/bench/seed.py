"""Bulk data for `pitboss bench`: players with wallets and game sessions, and
optionally a history of rounds, transactions and ledger entries.

Player ``i`` is ``bench<i>`` with game token ``token(i)``, so the benchmark
can address any of them without reading tokens back. Rows go in with the
driver's bulk path (``executemany`` in large transactions on SQLite, ``COPY``
on PostgreSQL): a million players and ten million ledger entries take
minutes. This is benchmark data, loaded into a throwaway database.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from server.domain.records.chain import EMPTY, instant_text
from server.security import hash_token
from server.storage.chain import micro_link
from server.storage.sql import SqlConnection, connect

GAME = "ecf559b11f0"
PROVIDER = "evolution"
CASH = 1_000_000 * 10**6  # micro-units
BET, WIN = 1 * 10**6, 5 * 10**5
ROUNDS = 5  # per player with history: 4 settled rounds and an open one
CHUNK = 50_000


def player_id(i: int) -> str:
    return f"bench{i:011d}"


def token(i: int) -> str:
    return hashlib.sha256(f"pitboss-bench-{i}".encode()).hexdigest()[:40]


def _times(conn: SqlConnection, now: datetime):
    return conn.time(now), conn.time(now + timedelta(days=1))


def _players(conn, n: int, now: datetime) -> Iterator[tuple]:
    t, _ = _times(conn, now)
    for i in range(n):
        yield (player_id(i), "USD", "US", "en", False, t)


def _sessions(conn, n: int, now: datetime) -> Iterator[tuple]:
    t, exp = _times(conn, now)
    for i in range(n):
        yield (hash_token(token(i)), player_id(i), PROVIDER, GAME, t, exp, None, 0)


def _wallets(conn, n: int, now: datetime, history: bool, first_round: int, first_tx: int):
    """Chunks of (accounts, rounds, transactions, ledger) rows: per player a
    wallet and an opening balance; with ``history`` also ROUNDS rounds of a
    bet and (but the last) a win: 2 * ROUNDS ledger entries. Every entry is
    linked into its player's chain and the account keeps the head, as the
    service writes them (``pitboss ledger verify`` holds on a bench database)."""
    accounts, rounds, txs, ledger = [], [], [], []
    start = now - timedelta(days=30)
    opening = CASH + ROUNDS * BET - (ROUNDS - 1) * WIN if history else CASH
    rid, tid = first_round, first_tx
    t_now = conn.time(now)

    def entry(pid, head, kind, tx, ref, d_cash, cash, at, when):
        new = micro_link(pid, head, kind, ref, (d_cash, 0, 0, cash, 0, 0), at)
        ledger.append((pid, kind, tx, d_cash, 0, 0, cash, 0, 0, when, new.seq, new.hash))
        return new

    for i in range(n):
        pid = player_id(i)
        cash = opening
        at = start + timedelta(seconds=i % 2_592_000) if history else now
        when = conn.time(at)
        at = instant_text(at)  # once per player, for every entry's hash
        head = entry(pid, EMPTY, "ADJUSTMENT", None, "", cash, cash, at, when)
        for k in range(ROUNDS if history else 0):
            last = k == ROUNDS - 1
            rkey = f"{pid}-r{k}"
            rounds.append((rid, pid, PROVIDER, rkey, GAME, when, None if last else when, BET, 0 if last else WIN))
            cash -= BET
            txs.append((tid, f"{pid}t{k}w", pid, PROVIDER, "WITHDRAW", f"{rkey}w", None, GAME, rkey, rid, "USD",
                        BET, 0, 0, when, None, None, "{}", None, None, None, when))
            head = entry(pid, head, "TRANSACTION", tid, f"{pid}t{k}w", -BET, cash, at, when)
            tid += 1
            if not last:
                cash += WIN
                txs.append((tid, f"{pid}t{k}d", pid, PROVIDER, "DEPOSIT", f"{rkey}d", None, GAME, rkey, rid, "USD",
                            WIN, 0, 0, when, None, True, "{}", None, None, None, when))
                head = entry(pid, head, "TRANSACTION", tid, f"{pid}t{k}d", WIN, cash, at, when)
                tid += 1
            rid += 1
        if history:
            accounts.append((pid, "USD", cash, 0, 0, t_now, BET, t_now, WIN, t_now, head.seq, head.hash))
        else:
            accounts.append((pid, "USD", cash, 0, 0, None, None, None, None, t_now, head.seq, head.hash))
        if len(ledger) >= CHUNK:
            yield accounts, rounds, txs, ledger
            accounts, rounds, txs, ledger = [], [], [], []
    if accounts:
        yield accounts, rounds, txs, ledger


TABLES = {
    "pam_player": "id, currency, country, language, blocked, created_at",
    "pam_account": ("player_id, currency, cash_amount, bonus_amount, promo_amount, last_bet_at, last_bet_amount,"
                    " last_deposit_at, last_deposit_amount, updated_at, chain_seq, chain_hash"),
    "pam_session": "token_hash, player_id, provider, game_id, created_at, expires_at, refreshed_at, refresh_count",
    "pam_round": "id, player_id, provider, provider_round_id, provider_game_id, started_at, ended_at, stake, payout",
    "pam_transaction": ("id, public_id, player_id, provider, transaction_type, provider_transaction_id,"
                        " provider_bet_ref, provider_game_id, provider_round_id, round_id, currency, cash_amount,"
                        " bonus_amount, promo_amount, transaction_date_time, bet_code, is_game_over, extras,"
                        " cancelled_by, cancels, session_id, created_at"),
    "pam_ledger": ("player_id, kind, transaction_id, cash_delta, bonus_delta, promo_delta, cash_after, bonus_after,"
                   " promo_after, created_at, seq, chain_hash"),
}


class _Writer:
    def __init__(self, conn: SqlConnection) -> None:
        self.c = conn

    def rows(self, table: str, rows) -> None:
        cols = TABLES[table]
        if self.c.postgres:
            with self.c.raw.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
        else:
            marks = ", ".join("?" for _ in cols.split(","))
            self.c.raw.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)


def _max_id(conn: SqlConnection, table: str) -> int:
    return conn.one(f"SELECT COALESCE(MAX(id), 0) FROM {table}")[0]


def protect(conn: SqlConnection, now: datetime) -> None:
    """Every bench player gets protections: a wager limit per month and a loss
    limit per day, high enough never to be reached, so that every bet is
    checked against them and counted in its own write (issue 14's measure)."""
    t, big = conn.time(now), 999_999_999 * 10**6
    yes = "true" if conn.postgres else "1"
    no = "false" if conn.postgres else "0"
    conn.raw.execute(conn._text(
        "INSERT INTO protection_state (player_id, brand_id, excluded_permanent, play_day, play_seconds, changed_at,"
        f" created_at) SELECT id, NULL, {no}, 0, 0, :t, :t FROM pam_player WHERE id LIKE 'bench%'"), {"t": t})
    for kind, period in (("wager", "month"), ("loss", "day")):
        conn.raw.execute(conn._text(
            "INSERT INTO protection_limit (player_id, kind, period, amount, pending_remove, updated_at)"
            f" SELECT id, '{kind}', '{period}', :big, {no}, :t FROM pam_player WHERE id LIKE 'bench%'"),
            {"big": big, "t": t})
    conn.raw.execute(f"UPDATE pam_account SET protected = {yes} WHERE player_id LIKE 'bench%'")


def seed(url: str, players: int, history: bool, log=print, protected: bool = False) -> None:
    """Add ``players`` bench players (wallet, session; with ``history`` also
    rounds, transactions and ledger entries) to a migrated database that
    holds the demo's API token, providers and games; with ``protected``,
    limits on every one of them."""
    conn = SqlConnection(connect(url, 60_000), "postgresql" if url.startswith("postgresql") else "sqlite")
    if not conn.postgres:
        conn.raw.execute("PRAGMA synchronous=OFF")  # bulk load of a throwaway database
    w = _Writer(conn)
    now = datetime.now(timezone.utc)
    began = time.monotonic()
    conn.begin(write=True)
    w.rows("pam_player", _players(conn, players, now))
    w.rows("pam_session", _sessions(conn, players, now))
    conn.commit()
    first_round, first_tx = _max_id(conn, "pam_round") + 1, _max_id(conn, "pam_transaction") + 1
    done = 0
    for accounts, rounds, txs, ledger in _wallets(conn, players, now, history, first_round, first_tx):
        conn.begin(write=True)
        w.rows("pam_account", accounts)
        w.rows("pam_round", rounds)
        w.rows("pam_transaction", txs)
        w.rows("pam_ledger", ledger)
        conn.commit()
        done += len(ledger)
        if done % 1_000_000 < CHUNK:
            log(f"  seeded {done:,} ledger entries ({time.monotonic() - began:.0f} s)")
    if history and conn.postgres:
        for table in ("pam_round", "pam_transaction", "pam_ledger"):
            conn.one(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    if protected:
        conn.begin(write=True)
        protect(conn, now)
        conn.commit()
        log("  every bench player has a wager and a loss limit")
    if conn.postgres:
        conn.raw.execute("ANALYZE")
        conn.raw.execute("CHECKPOINT")  # the load's dirty pages written now, not during the phases
    else:
        conn.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.raw.execute("ANALYZE")
    conn.close()
    os.sync()  # likewise for the file system's write-back of a bulk load
    log(f"  seeded {players:,} players in {time.monotonic() - began:.0f} s")
