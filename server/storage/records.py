"""Rows in, domain records out: the mapping between SQLModel rows and the
dataclasses a family's ``ports.py`` declares.

A repository hands the domain dataclasses, never rows. Within one unit of
work (one ``Session``) the same row is always the same record (an identity
map, as the ORM's), and a change the domain makes to a record reaches its
row before every query of the repository, at ``flush`` and before the commit
(only the fields that changed, so bulk updates are not overwritten). A new
record given to ``add`` becomes a new row; its generated id is on the record
after ``flush``."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import event
from sqlmodel import Session


class Records:
    def __init__(self, session: Session, mapping: dict[type, type]) -> None:
        """``mapping``: row class -> record class (same field names)."""
        self.s = session
        self._record_of_row = mapping
        self._row_of_record = {v: k for k, v in mapping.items()}
        self._names = {rec: tuple(f.name for f in fields(rec)) for rec in mapping.values()}
        self._by_row: dict[int, tuple[Any, Any, dict]] = {}
        self._by_record: dict[int, tuple[Any, Any, dict]] = {}
        event.listen(session, "before_commit", self._before_commit)

    def _before_commit(self, session) -> None:
        self.sync()

    def out(self, row, refresh: bool = False):
        """The record of ``row`` (None stays None). ``refresh``: the row was
        just read again (a locking read), so its record takes its values."""
        if row is None:
            return None
        entry = self._by_row.get(id(row))
        if entry is not None:
            if refresh:
                _, rec, seen = entry
                for n in self._names[type(rec)]:
                    v = getattr(row, n)
                    setattr(rec, n, v)
                    seen[n] = v
            return entry[1]
        rec_cls = self._record_of_row[type(row)]
        values = {n: getattr(row, n) for n in self._names[rec_cls]}
        rec = rec_cls(**values)
        self._track(row, rec, values)
        return rec

    def out_all(self, rows) -> list:
        return [self.out(r) for r in rows]

    def row(self, rec):
        """The row behind ``rec`` (a new one, added to the session, for a new record)."""
        entry = self._by_record.get(id(rec))
        if entry is not None:
            return entry[0]
        names = self._names[type(rec)]
        values = {n: getattr(rec, n) for n in names}
        row = self._row_of_record[type(rec)](**values)
        self.s.add(row)
        self._track(row, rec, values)
        return row

    def _track(self, row, rec, values: dict) -> None:
        entry = (row, rec, dict(values))
        self._by_row[id(row)] = entry
        self._by_record[id(rec)] = entry

    def add(self, rec) -> None:
        row = self.row(rec)
        self._push(self._by_record[id(rec)])
        self.s.add(row)

    def sync(self) -> None:
        """Every changed field of every record onto its row."""
        for entry in list(self._by_record.values()):
            self._push(entry)

    def _push(self, entry) -> None:
        row, rec, seen = entry
        for n in self._names[type(rec)]:
            v = getattr(rec, n)
            if v is not seen[n] and v != seen[n]:
                setattr(row, n, v)
                seen[n] = v

    def flush(self) -> None:
        """Changes to the database; generated values (ids) back onto the records."""
        self.sync()
        self.s.flush()
        for row, rec, seen in self._by_record.values():
            for n in self._names[type(rec)]:
                v = getattr(row, n)
                if v != seen[n]:
                    setattr(rec, n, v)
                    seen[n] = v


class RecordsRepository:
    """The base of a repository that hands out records: ``add`` and ``flush``
    as the family's port declares them, and ``_one`` for a query of one row."""

    def __init__(self, session: Session, mapping: dict[type, type]) -> None:
        self.s = session
        self.rec = Records(session, mapping)

    def add(self, record) -> None:
        self.rec.add(record)

    def flush(self) -> None:
        self.rec.flush()

    def _one(self, q):
        self.rec.sync()
        return self.rec.out(self.s.exec(q).first())
