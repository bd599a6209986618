"""The unit of work: one database transaction holding every store a use case
needs, the one way every family's use case reaches storage.

A family declares its unit as a Protocol in its ``ports.py`` (the stores as
attributes: ``uow.patrons``, ``uow.cashier``, ``uow.protections`` …) on top
of ``UnitOfWork``; storage implements it (``server.storage.unit``). A use
case runs as::

    with units(write=True) as uow:
        ...uow.players..., uow.cashier...
        uow.commit()

Nothing is written unless ``commit`` is called: leaving the block without it,
or with an error, rolls the transaction back. ``write=True`` marks a unit that
changes data (on SQLite it takes the write lock at BEGIN).

``Units`` makes the units of one family and runs a function in one:
``units.read(fn)`` / ``units.write(fn)`` call ``fn(uow)`` and commit. A
``Refusal`` returned by ``fn`` (``server.domain.outcome``) is a first-class
outcome: the unit commits (keeping what the call recorded, e.g. a counted
failed attempt), then its error is raised for the family's error table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, Protocol, Self, TypeVar

from server.domain.clock import Now
from server.domain.outcome import Refusal

T = TypeVar("T")


class UnitOfWork(Protocol):
    def __enter__(self) -> Any: ...

    def __exit__(self, *exc: object) -> None:
        """Rolls back whatever was not committed."""

    def commit(self) -> None: ...


U = TypeVar("U", bound=UnitOfWork)


class Timed(Generic[U]):
    """A unit of work as a family's rules see it, a unit itself: the stores'
    unit (``uow``) and the time the unit began (``now``: the one given, else
    the clock's when the unit is entered, after any lock it takes)."""

    def __init__(self, uow: U, now: datetime | None, clock: Now) -> None:
        self.uow = uow
        self._fixed_now = now
        self._clock = clock  # the composition root's clock
        self.now = now or clock()

    def __enter__(self) -> Self:
        self.uow.__enter__()
        self.now = self._fixed_now or self._clock()
        return self

    def __exit__(self, *exc: object) -> None:
        self.uow.__exit__(*exc)

    def commit(self) -> None:
        self.uow.commit()


class Units(Generic[U]):
    """The units of work of one family: ``units(write)`` is a new one."""

    def __init__(self, make: Callable[[bool], U]) -> None:
        self.make = make

    def __call__(self, write: bool = False) -> U:
        return self.make(write)

    def run(self, write: bool, fn: Callable[[U], T]) -> T:
        with self(write) as uow:
            out = fn(uow)
            uow.commit()
        if isinstance(out, Refusal):
            raise out.error
        return out

    def read(self, fn: Callable[[U], T]) -> T:
        return self.run(False, fn)

    def write(self, fn: Callable[[U], T]) -> T:
        return self.run(True, fn)
