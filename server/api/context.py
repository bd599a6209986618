"""What the interceptor knows about the call in progress, for the servicers:
its request metadata (lower-case keys, first value of each) and the caller
its authenticator returned."""

from __future__ import annotations

import contextvars
from typing import Any

_metadata: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("pitboss_metadata", default={})
_caller: contextvars.ContextVar[Any] = contextvars.ContextVar("pitboss_caller", default=None)


def metadata_of(pairs) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in pairs or ():
        if isinstance(v, str):
            out.setdefault(k.lower(), v)
    return out


def call_metadata() -> dict[str, str]:
    return _metadata.get()


def caller() -> Any:
    return _caller.get()


def enter(metadata: dict[str, str], who: Any) -> tuple[contextvars.Token, contextvars.Token]:
    return _metadata.set(metadata), _caller.set(who)


def leave(tokens: tuple[contextvars.Token, contextvars.Token]) -> None:
    _metadata.reset(tokens[0])
    _caller.reset(tokens[1])


def bearer(md: dict[str, str]) -> str | None:
    """The token of an ``authorization: Bearer <token>`` header, or None."""
    value = md.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
