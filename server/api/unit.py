"""MTS's unit-of-work helper (every other family runs on ``server.domain.unit``).

``Units(db, store)`` runs ``fn(store(session))`` in one database transaction
(``write=True``: a unit that changes data; on SQLite it takes the write lock
at BEGIN) and returns what ``fn`` returned. A ``Refusal`` returned by the
domain is a first-class outcome: the unit commits (keeping what the call
recorded, e.g. a failed attempt), then its error is raised for the family's
error table to answer. Any exception rolls the unit back.

A servicer method is then the same few lines in every family::

    def SomeCall(self, request, context):
        query = decode(request)
        view = self.units.read(lambda store: rules.some_call(store, caller(), query))
        return encode(view)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from server.domain.outcome import Refusal

T = TypeVar("T")


class Units:
    def __init__(self, db, store: Callable[[Any], Any]) -> None:
        self.db = db
        self.store = store  # session -> what the domain works on (a repository, or a Gateway)

    def run(self, write: bool, fn: Callable[[Any], T]) -> T:
        with self.db.session(write=write) as s:
            out = fn(self.store(s))
        if isinstance(out, Refusal):
            raise out.error
        return out

    def read(self, fn: Callable[[Any], T]) -> T:
        return self.run(False, fn)

    def write(self, fn: Callable[[Any], T]) -> T:
        return self.run(True, fn)
