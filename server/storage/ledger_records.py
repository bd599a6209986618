"""Verification of the chains and the daily anchors (``pitboss ledger
verify``, ``pitboss ledger anchor``, the anchor job of ``pitboss serve``).

Both read one snapshot of the database (PostgreSQL: a REPEATABLE READ
transaction; SQLite: one read transaction) and stream it in chain order,
one page at a time, holding O(1) per chain and O(1) per anchor day: ten
million entries are one pass.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from server.domain.records.chain import (
    ANCHOR_FORM,
    AnchorDigest,
    Break,
    ChainWalk,
    DayHeads,
    Head,
    anchor_message,
    audit_hash,
    day_end,
)
from server.storage import chain
from server.storage.sql import DRIVER_ERRORS, SqlConnection, is_unique_violation

LIST_CAP = 1_000  # chains named per kind of finding that a single query lists
# The job anchors a day only this long after it ended, so a booking begun
# before midnight has committed (a lock wait is at most seconds).
GRACE = timedelta(minutes=5)
CATCH_UP = 7  # days the job anchors at most in one pass (`pitboss ledger anchor` for older ones)


@dataclass(frozen=True)
class Anchor:
    day: date
    anchor: str
    chains: int
    entries: int
    audit_seq: int
    audit_hash: str
    signature: str = ""

    def file_json(self, public_key: str) -> str:
        return json.dumps({"form": ANCHOR_FORM, "day": self.day.isoformat(), "anchor": self.anchor,
                           "chains": self.chains, "entries": self.entries, "audit_seq": self.audit_seq,
                           "audit_hash": self.audit_hash, "signature": self.signature,
                           "public_key": public_key}, indent=2) + "\n"


@dataclass
class Verdict:
    entries: int = 0
    chains: int = 0
    audit_entries: int = 0
    anchors: int = 0
    broken: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        return self.broken == 0


class Signer:
    """The Ed25519 key of the anchors (``PITBOSS_LEDGER_ANCHOR_KEY``: a PEM
    private key), or none."""

    def __init__(self, key_path: str | None) -> None:
        self.key = None
        if key_path:
            from cryptography.hazmat.primitives.serialization import load_pem_private_key

            self.key = load_pem_private_key(Path(key_path).read_bytes(), password=None)

    @property
    def public_hex(self) -> str:
        if self.key is None:
            return ""
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

    def sign(self, message: bytes) -> str:
        return self.key.sign(message).hex() if self.key is not None else ""

    def valid(self, message: bytes, signature: str) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            self.key.public_key().verify(bytes.fromhex(signature), message)
            return True
        except (InvalidSignature, ValueError):
            return False


class LedgerRecords:
    """What ``server.bootstrap`` builds for the ledger commands and the job."""

    def __init__(self, db, now: Callable[[], datetime], anchor_dir: str | None, key_path: str | None) -> None:
        self.db = db
        self.now = now
        self.anchor_dir = Path(anchor_dir) if anchor_dir else None
        self.signer = Signer(key_path)

    @contextmanager
    def _snapshot(self) -> Iterator[SqlConnection]:
        conn = self.db.new_sql_connection()
        try:
            conn.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if conn.postgres else "BEGIN")
            yield conn
        finally:
            conn.rollback()
            conn.close()

    # ------------------------------------------------------------ the walk
    def _walk(self, conn, player: str | None, days: list[date], full: bool,
              out: Callable[[Break], None], v: Verdict) -> list[Anchor]:
        """One pass over the ledger chains, then the audit chain: with
        ``full``, every entry's hash and link is checked; the anchors of
        ``days`` are computed in the same pass."""
        digests = [AnchorDigest(d) for d in days]
        ends = [day_end(d) for d in days]
        walk: ChainWalk | None = None
        pid = ""
        heads = DayHeads(ends)
        kept: Head | None = None

        def close() -> None:
            if walk is None:
                return
            v.chains += 1
            if full and (b := walk.end(kept)) is not None:
                v.broken += 1
                out(b)
            for d, h in zip(digests, heads.finish()):
                d.chain(pid, h)

        for r in chain.ledger_rows(conn, player, full):
            if walk is None or r[1] != pid:
                close()
                pid = r[1]
                walk, heads = ChainWalk(f"ledger of player {pid}"), DayHeads(ends)
                kept = Head(int(r[13]), r[14]) if full and r[13] is not None else None
            seq, stored, at = (r[2], r[12], r[11]) if full else (r[2], r[4], r[3])
            v.entries += 1
            if full:
                walk.add(r[0], seq, stored, chain.row_hash(conn, r, walk.last.hash))
            if ends:  # the instant is read only when an anchor needs it
                heads.add(conn.read_time(at), Head(int(seq), stored or ""))
        close()
        if full:
            self._loose_ledger(conn, player, out, v)
        audit = self._walk_audit(conn, ends, full, out, v) if player is None else [Head()] * len(days)
        return [Anchor(d.day, d.finish(h), d.chains, d.entries, h.seq, h.hash) for d, h in zip(digests, audit)]

    def _loose_ledger(self, conn, player: str | None, out: Callable[[Break], None], v: Verdict) -> None:
        for pid, first, count in chain.unchained_ledger(conn, player, LIST_CAP):
            v.broken += 1
            out(Break(f"ledger of player {pid}", first, None,
                      f"{count} entries carry no chain hash (written outside the chain)"))
        for pid, seq in chain.headless_accounts(conn, player, LIST_CAP):
            v.broken += 1
            out(Break(f"ledger of player {pid}", None, 0, f"the head says seq {seq}: every entry is missing"))

    def _walk_audit(self, conn, ends: list[datetime], full: bool, out: Callable[[Break], None],
                    v: Verdict) -> list[Head]:
        walk, heads = ChainWalk("audit log"), DayHeads(ends)
        for r in chain.audit_rows(conn):
            if full:
                walk.add(r[0], r[1], r[11], audit_hash(chain.audit_fields(conn, r), walk.last.hash))
            if ends:
                heads.add(conn.read_time(r[2]), Head(int(r[1]), r[11] or ""))
            v.audit_entries += 1
        if full:
            count, first = chain.unchained_audit(conn)
            if count and walk.broken is None:
                walk.broken = Break("audit log", first, None, f"{count} entries carry no chain hash")
            if walk.end(chain.audit_head(conn)) is not None:
                v.broken += 1
                out(walk.broken)
        return heads.finish()

    # ------------------------------------------------------------ verify
    def verify(self, say: Callable[[str], None], player: str | None = None,
               anchors_dir: str | None = None) -> Verdict:
        v = Verdict()
        with self._snapshot() as conn:
            table = {} if player is not None else self._table_anchors(conn)
            files = {} if player is not None else self._file_anchors(anchors_dir, say, v)
            days = sorted(set(table) | set(files))
            found = self._walk(conn, player, days, True, lambda b: say(f"BROKEN {b}"), v)
        for f in found:
            for where, a in (("table", table.get(f.day)), ("file", files.get(f.day))):
                if a is not None:
                    v.anchors += 1
                    why = self._anchor_mismatch(a, f)
                    if why:
                        v.broken += 1
                        say(f"BROKEN anchor {f.day.isoformat()} ({where}): {why}")
        if player is not None:
            v.notes.append("anchors and the audit log not checked (--player)")
        elif self.signer.key is None and any(a.signature for a in (*table.values(), *files.values())):
            v.notes.append("anchor signatures not checked: no key configured (PITBOSS_LEDGER_ANCHOR_KEY)")
        return v

    def _anchor_mismatch(self, a: Anchor, found: Anchor) -> str:
        if (a.anchor, a.chains, a.entries, a.audit_seq, a.audit_hash) != (
                found.anchor, found.chains, found.entries, found.audit_seq, found.audit_hash):
            return f"no longer matches the records (recomputed {found.anchor})"
        if a.signature and self.signer.key is not None and not self.signer.valid(
                anchor_message(a.day, a.anchor, a.chains), a.signature):
            return "the signature does not verify with the configured key"
        return ""

    def _table_anchors(self, conn) -> dict[date, Anchor]:
        rows = conn.all("SELECT day, anchor, chains, entries, audit_seq, audit_hash, signature FROM ledger_anchor"
                        " ORDER BY day")
        return {date.fromisoformat(r[0]): Anchor(date.fromisoformat(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]),
                                                 r[5], r[6] or "") for r in rows}

    @staticmethod
    def _file_anchors(directory: str | None, say: Callable[[str], None], v: Verdict) -> dict[date, Anchor]:
        found: dict[date, Anchor] = {}
        if directory is None:
            return found
        for path in sorted(Path(directory).glob("anchor-*.json")):
            try:
                d = json.loads(path.read_text())
                day = date.fromisoformat(d["day"])
                found[day] = Anchor(day, str(d["anchor"]), int(d["chains"]), int(d["entries"]),
                                    int(d["audit_seq"]), str(d["audit_hash"]), str(d.get("signature", "")))
            except (ValueError, KeyError, TypeError, OSError):
                v.broken += 1
                say(f"BROKEN anchor file {path.name}: unreadable")
        return found

    # ------------------------------------------------------------ anchors
    def anchor(self, day: date) -> tuple[Anchor, bool]:
        """The day's anchor: recorded now (and exported, signed when a key is
        configured), or as it was recorded before (exported again). Returns
        it and whether this call recorded it."""
        with self._snapshot() as conn:
            have = self._table_anchors(conn).get(day)
            if have is None:
                found = self._walk(conn, None, [day], False, lambda b: None, Verdict())[0]
        made = False
        if have is None:
            have = Anchor(found.day, found.anchor, found.chains, found.entries, found.audit_seq, found.audit_hash,
                          self.signer.sign(anchor_message(day, found.anchor, found.chains)))
            made = self._record(have)
            if not made:  # another host recorded it meanwhile: theirs stands
                with self._snapshot() as conn:
                    have = self._table_anchors(conn).get(day) or have
        self.export(have)
        return have, made

    def _record(self, a: Anchor) -> bool:
        conn = self.db.new_sql_connection()
        try:
            with self.db.write_lock():
                conn.begin(write=True)
                conn.run("INSERT INTO ledger_anchor (day, anchor, chains, entries, audit_seq, audit_hash, signature,"
                         " created_at) VALUES (:d, :a, :c, :e, :s, :h, :g, :t)",
                         {"d": a.day.isoformat(), "a": a.anchor, "c": a.chains, "e": a.entries, "s": a.audit_seq,
                          "h": a.audit_hash, "g": a.signature, "t": conn.time(self.now())})
                conn.commit()
            return True
        except DRIVER_ERRORS as e:
            conn.rollback()
            if is_unique_violation(e):
                return False
            raise
        finally:
            conn.close()

    def export(self, a: Anchor) -> Path | None:
        if self.anchor_dir is None:
            return None
        self.anchor_dir.mkdir(parents=True, exist_ok=True)
        path = self.anchor_dir / f"anchor-{a.day.isoformat()}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(a.file_json(self.signer.public_hex))
        tmp.replace(path)
        return path

    def due(self, now: datetime) -> list[date]:
        """The days the job should anchor: the last complete ones (after the
        grace), at most CATCH_UP, that have no anchor yet."""
        last = (now - GRACE).date() - timedelta(days=1)
        days = [last - timedelta(days=k) for k in range(CATCH_UP - 1, -1, -1)]
        with self._snapshot() as conn:
            have = set(self._table_anchors(conn))
        first = min(have) if have else last  # nothing before the first anchor is caught up
        return [d for d in days if d not in have and d >= first]
