"""Domain errors. Raised by the domain, mapped to gRPC status and to each
partner family's documented HTTP status and body in one table per family
(``server/api/errors/<family>.py``). They carry no HTTP status."""

from __future__ import annotations

from dataclasses import dataclass, field

# One answer names at most MAX_VIOLATIONS failing fields and at most
# VIOLATIONS_TEXT_MAX characters of their field names, codes and messages (the
# first found; at least one), each clipped to FIELD_MAX / CODE_MAX /
# MESSAGE_MAX characters (a field name can be a key the caller chose). Every
# failing field of a request of fixed fields fits (VIP's /new with nothing
# filled in: 26). Every family's validation answer travels in response
# headers through Envoy (the edge's x-pitboss-http-body, grpc-message and the
# typed details), which refuses upstream headers over 60 KiB with a 5xx;
# capped, the largest answer stays under 30 KiB, half of it
# (tests/integration/test_caps.py). Fixing the listed fields shows the next ones.
MAX_VIOLATIONS = 50
VIOLATIONS_TEXT_MAX = 6 * 1024
FIELD_MAX, CODE_MAX, MESSAGE_MAX = 128, 64, 200


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class FieldViolation:
    """One failing field. ``field`` is the partner document's key; ``code`` a
    machine-readable rule name; ``message`` a sentence for people."""

    field: str
    code: str
    message: str

    def __post_init__(self) -> None:
        for name, limit in (("field", FIELD_MAX), ("code", CODE_MAX), ("message", MESSAGE_MAX)):
            value = getattr(self, name)
            if len(value) > limit:
                object.__setattr__(self, name, _clip(value, limit))


def _kept(violations: list[FieldViolation]) -> list[FieldViolation]:
    out: list[FieldViolation] = []
    used = 0
    for v in violations:
        n = len(v.field) + len(v.code) + len(v.message)
        if out and (len(out) >= MAX_VIOLATIONS or used + n > VIOLATIONS_TEXT_MAX):
            break
        out.append(v)
        used += n
    return out


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    reason = "INTERNAL"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(DomainError):
    reason = "VALIDATION_FAILED"

    def __init__(self, violations: list[FieldViolation], message: str = "") -> None:
        kept = _kept(violations)
        super().__init__(_clip(message, MESSAGE_MAX * 2) if message else "; ".join(v.message for v in kept))
        self.violations = kept
        # How many more failing fields were found than are listed.
        self.omitted = len(violations) - len(kept)


class Unauthenticated(DomainError):
    reason = "UNAUTHENTICATED"


class PermissionDenied(DomainError):
    reason = "PERMISSION_DENIED"


class NotFound(DomainError):
    """``message`` is what the caller is told (e.g. "Patron not found.")."""

    reason = "NOT_FOUND"


class Declined(DomainError):
    """A business rule declined an otherwise valid request."""

    reason = "DECLINED"

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or code)
        self.code = code


class Conflict(DomainError):
    reason = "CONFLICT"


class RateLimited(DomainError):
    reason = "RATE_LIMITED"


class Unavailable(DomainError):
    reason = "UNAVAILABLE"


@dataclass
class Violations:
    """Collects every failing field before raising once (all at once, as the
    partner documents ask)."""

    items: list[FieldViolation] = field(default_factory=list)

    def add(self, field_name: str, code: str, message: str) -> None:
        self.items.append(FieldViolation(field_name, code, message))

    def has(self, field_name: str) -> bool:
        return any(v.field == field_name for v in self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationFailed(list(self.items))
