"""The chains in the database (the rules: ``server.domain.records.chain``).

Each player's ledger entries form one chain: ``pam_ledger.seq`` (1, 2, ...)
and ``pam_ledger.chain_hash``; its head (last seq and hash) is kept on the
player's ``pam_account`` row, which every booking already locks and updates,
so chaining adds no read and no round trip to a bet. The audit log is one
chain; its head is the one row of ``audit_chain_head``.

``ENABLED`` is a measurement switch only (``PITBOSS_LEDGER_CHAIN=false``: the
bench's comparison of bet throughput with and without the chain). Entries
written while it is off carry no hash, and ``pitboss ledger verify`` reports
them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from server.domain.records.chain import (
    EMPTY,
    AuditFields,
    Head,
    LedgerFields,
    audit_hash,
    instant_text,
    ledger_digest,
    ledger_hash,
    micros_text,
)

ENABLED = True
PAGE = 5_000  # rows a verification reads per statement


def configure(enabled: bool) -> None:
    global ENABLED
    ENABLED = enabled


def link(player_id: str, head: Head, kind: str, ref: str, deltas: tuple[Decimal, Decimal, Decimal],
         after: tuple[Decimal, Decimal, Decimal], at: datetime) -> Head:
    """The new entry's (seq, hash) after ``head``."""
    f = LedgerFields(player_id, head.seq + 1, kind, ref, *deltas, *after, at)
    return Head(f.seq, ledger_hash(f, head.hash))


def micro_link(player_id: str, head: Head, kind: str, ref: str, micros: tuple[int, ...], at: datetime | str) -> Head:
    """``link`` over amounts in micro-units and the instant as a datetime or
    already as ``instant_text`` (the bulk seeder and the migration: no
    Decimal arithmetic)."""
    seq = head.seq + 1
    when = at if isinstance(at, str) else instant_text(at)
    return Head(seq, ledger_digest(player_id, seq, kind, ref, [micros_text(v) for v in micros], when, head.hash))


# ---------------------------------------------------------------- streams
# A ledger row as verification reads it: the entry, its transaction's public
# id, and its player's head (kept on the account).
_LEDGER = (
    "SELECT l.id, l.player_id, l.seq, l.kind, COALESCE(t.public_id, ''), l.cash_delta, l.bonus_delta,"
    " l.promo_delta, l.cash_after, l.bonus_after, l.promo_after, l.created_at, l.chain_hash,"
    " a.chain_seq, a.chain_hash"
    " FROM pam_ledger l LEFT JOIN pam_transaction t ON t.id = l.transaction_id"
    " LEFT JOIN pam_account a ON a.player_id = l.player_id"
)
# What an anchor needs of a ledger row (no join).
_HEADS = "SELECT l.id, l.player_id, l.seq, l.created_at, l.chain_hash FROM pam_ledger l"
_ALL = " WHERE l.seq IS NOT NULL AND (l.player_id, l.seq) > (:p, :s) ORDER BY l.player_id, l.seq LIMIT :n"
_ONE = " WHERE l.seq IS NOT NULL AND l.player_id = :p AND l.seq > :s ORDER BY l.seq LIMIT :n"


def ledger_rows(conn, player: str | None = None, full: bool = True) -> Iterator[tuple]:
    """Every chained ledger row in chain order, (player, seq), one page of
    ``PAGE`` rows at a time (keyset pagination: bounded memory)."""
    sql = (_LEDGER if full else _HEADS) + (_ALL if player is None else _ONE)
    p, s = (player or ""), 0
    while True:
        rows = conn.all(sql, {"p": p, "s": s, "n": PAGE})
        yield from rows
        if len(rows) < PAGE:
            return
        p, s = rows[-1][1], rows[-1][2]


def stored_instant_text(conn, v) -> str:
    """``instant_text`` of a stored instant; SQLite's "YYYY-MM-DD
    HH:MM:SS.ffffff" (UTC) is rewritten without parsing."""
    if isinstance(v, str) and len(v) == 26 and v[10] == " ":
        return f"{v[:10]}T{v[11:]}Z"
    return instant_text(conn.read_time(v))


def row_hash(conn, r: tuple, prev: str) -> str:
    """The hash a ledger row of ``ledger_rows`` should carry after ``prev``
    (amounts straight from their micro-units)."""
    return ledger_digest(r[1], r[2], r[3], r[4], [micros_text(int(v)) for v in r[5:11]],
                         stored_instant_text(conn, r[11]), prev)


def unchained_ledger(conn, player: str | None, limit: int) -> list[tuple]:
    """(player, first id, count) of the ledger rows that carry no chain
    place, per player (at most ``limit`` players)."""
    where = "seq IS NULL" + ("" if player is None else " AND player_id = :p")
    return conn.all(f"SELECT player_id, MIN(id), COUNT(*) FROM pam_ledger WHERE {where} GROUP BY player_id"
                    " ORDER BY player_id LIMIT :n", {"p": player, "n": limit})


def headless_accounts(conn, player: str | None, limit: int) -> list[tuple]:
    """Accounts whose head names entries of which none is left (every entry
    of the chain deleted)."""
    where = "" if player is None else " AND a.player_id = :p"
    return conn.all(
        "SELECT a.player_id, a.chain_seq FROM pam_account a WHERE a.chain_seq > 0" + where
        + " AND NOT EXISTS (SELECT 1 FROM pam_ledger l WHERE l.player_id = a.player_id AND l.seq IS NOT NULL)"
        " ORDER BY a.player_id LIMIT :n", {"p": player, "n": limit})


_AUDIT = ("SELECT id, seq, at, client, actor, action, subject_type, subject_id, reason, before_json, after_json,"
          " chain_hash FROM audit_log WHERE seq IS NOT NULL AND seq > :s ORDER BY seq LIMIT :n")


def audit_rows(conn) -> Iterator[tuple]:
    s = 0
    while True:
        rows = conn.all(_AUDIT, {"s": s, "n": PAGE})
        yield from rows
        if len(rows) < PAGE:
            return
        s = rows[-1][1]


def audit_fields(conn, r: tuple) -> AuditFields:
    return AuditFields(r[1], conn.read_time(r[2]), *r[3:11])


def unchained_audit(conn) -> tuple[int, int | None]:
    """How many audit rows carry no chain place, and the first one's id."""
    row = conn.one("SELECT COUNT(*), MIN(id) FROM audit_log WHERE seq IS NULL")
    return int(row[0]), row[1]


def audit_head(conn, lock: bool = False) -> Head | None:
    sql = "SELECT seq, hash FROM audit_chain_head WHERE id = 1" + (" FOR UPDATE" if lock and conn.postgres else "")
    row = conn.one(sql)
    return Head(int(row[0]), row[1]) if row is not None else None


def next_audit(conn, make) -> tuple[int, str]:
    """Lock the audit chain's head, link the entry ``make(seq)`` gives to it,
    move the head; returns (seq, hash)."""
    head = audit_head(conn, lock=True)
    if head is None:  # a database made without the migration's head row
        conn.run("INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, :h)", {"h": EMPTY.hash})
        head = EMPTY
    fields: AuditFields = make(head.seq + 1)
    h = audit_hash(fields, head.hash)
    conn.run("UPDATE audit_chain_head SET seq = :s, hash = :h WHERE id = 1", {"s": fields.seq, "h": h})
    return fields.seq, h
