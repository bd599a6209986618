"""How the domain says what a decline is: ``Refusal`` and ``AnsweredDecline``.

``Refusal(error)``: a decline that must be kept. Some declines record
something first (a failed login or SMS-code attempt, a birth-date mismatch):
the unit of work must commit, and only then does the call answer the error.
A rule returns ``Refusal(error)`` instead of raising; the servicers' unit of
work (``server.domain.unit.Units``) commits, then raises ``error``. Every other
error is raised and rolls the unit back.

``AnsweredDecline``: the one type of a decline that the partner's document
answers as a normal response (VIP's declined session, PAM's ``status:
"ERROR"`` answers, MTS's rejected report, Start Game's open round). Its
family's error table (``answer``) renders that response; the transport
(``server.api.errors.render``) answers it in one way: HTTP callers get the
documented answer, gRPC callers a failed call with the status of the error's
kind and the same response message in its details (docs/architecture.md,
"One answer model")."""

from __future__ import annotations

from dataclasses import dataclass

from server.domain.errors import DomainError


@dataclass(frozen=True)
class Refusal:
    error: DomainError


class AnsweredDecline:
    """Mixed into a ``DomainError`` whose answer is the call's normal
    response (its kind, e.g. ``Declined``, still decides the gRPC status)."""
