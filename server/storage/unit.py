"""The base of every family's unit of work (``server.domain.unit``) over one
ORM session: ``with unit:`` opens the transaction (``write``: on SQLite the
write lock at BEGIN), ``open(session)`` builds the family's stores on it,
``commit()`` commits, and leaving the block rolls back whatever was not
committed. The stores are attributes; the session stays inside storage."""

from __future__ import annotations

from contextlib import ExitStack

from sqlmodel import Session


class SqlUnit:
    def __init__(self, db, write: bool = False) -> None:
        self.db = db
        self.write = write
        self._stack: ExitStack | None = None
        self._session: Session | None = None

    def open(self, session: Session) -> None:
        """Build the family's stores on ``session``."""
        raise NotImplementedError

    def __enter__(self):
        stack = ExitStack()
        self._session = stack.enter_context(self.db.session(write=self.write, commit=False))
        self._stack = stack
        try:
            self.open(self._session)
        except BaseException:
            stack.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        stack, self._stack, self._session = self._stack, None, None
        if stack is not None:
            stack.__exit__(*exc)

    def commit(self) -> None:
        assert self._session is not None, "commit outside the unit of work"
        self._session.commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
