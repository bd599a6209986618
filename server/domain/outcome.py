"""A decline that must be kept: ``Refusal``.

Some declines record something first (a failed login or SMS-code attempt, a
birth-date mismatch): the unit of work must commit, and only then does the
call answer the error. A rule returns ``Refusal(error)`` instead of raising;
the unit of work (``server.domain.unit.Units``) commits, then raises
``error``. Every other error is raised and rolls the unit back."""

from __future__ import annotations

from dataclasses import dataclass

from server.domain.errors import DomainError


@dataclass(frozen=True)
class Refusal:
    error: DomainError
