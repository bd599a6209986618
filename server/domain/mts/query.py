"""Reading stored sessions back: filters and opaque page tokens (AIP-158)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass

from server.domain import errors as domain_errors
from server.domain.mts.ports import SessionStore, StoredSession

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class SessionQuery:
    operator_id: int
    end_customer_id: str = ""
    # Unix ms; sessions ending at or after ``since`` and starting before ``until``.
    since_ms: int | None = None
    until_ms: int | None = None
    page_size: int = DEFAULT_PAGE_SIZE
    # Keyset position: after (start_ms, id).
    after: tuple[int, int] | None = None

    def fingerprint(self) -> str:
        key = json.dumps([self.operator_id, self.end_customer_id, self.since_ms, self.until_ms])
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def build_query(operator_id: int, end_customer_id: str, since_ms: int | None, until_ms: int | None,
                page_size: int, page_token: str) -> SessionQuery:
    v = domain_errors.Violations()
    if operator_id <= 0:
        v.add("operator_id", "REQUIRED", "operator_id is required (a positive integer).")
    if page_size < 0:
        v.add("page_size", "INVALID", "page_size must not be negative.")
    if since_ms is not None and until_ms is not None and until_ms <= since_ms:
        v.add("end_time", "INVALID", "end_time must be after start_time.")
    v.raise_if_any()
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    q = SessionQuery(operator_id, end_customer_id, since_ms, until_ms, size)
    if page_token:
        try:
            data = json.loads(base64.urlsafe_b64decode(page_token.encode() + b"=" * (-len(page_token) % 4)))
            fp, start, pk = data["f"], int(data["s"]), int(data["i"])
        except Exception:  # noqa: BLE001 - any malformed token is the caller's error
            raise domain_errors.ValidationFailed([domain_errors.FieldViolation("page_token", "INVALID", "page_token is not valid.")]) from None
        if fp != q.fingerprint():
            raise domain_errors.ValidationFailed([domain_errors.FieldViolation(
                "page_token", "INVALID", "page_token belongs to a query with other filters.")])
        q = SessionQuery(operator_id, end_customer_id, since_ms, until_ms, size, (start, pk))
    return q


def next_page_token(q: SessionQuery, last_start_ms: int, last_id: int) -> str:
    raw = json.dumps({"f": q.fingerprint(), "s": last_start_ms, "i": last_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@dataclass(frozen=True)
class SessionsPage:
    sessions: list[StoredSession]
    next_page_token: str = ""


def list_sessions(store: SessionStore, allowed_operators: Collection[int], q: SessionQuery) -> SessionsPage:
    """One page of an internal client's query (``allowed_operators``: the
    operators the client may read)."""
    if q.operator_id not in allowed_operators:
        raise domain_errors.PermissionDenied(f"this client may not read operator {q.operator_id}'s sessions")
    rows = store.sessions(q)
    page = rows[: q.page_size]
    token = next_page_token(q, page[-1].start_ms, page[-1].id) if len(rows) > q.page_size else ""
    return SessionsPage(page, token)
