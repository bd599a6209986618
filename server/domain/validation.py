"""Small validation helpers shared by the partner families."""

from __future__ import annotations

import re

from server.domain.limits import PAM_ID

_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def label(field_name: str) -> str:
    """The human label of a document key: ``DateOfBirth`` -> ``Date Of Birth``,
    ``vipCardNumber`` -> ``Vip Card Number`` (FluentValidation's style, which the
    VIP document's messages use)."""
    words = _WORD.findall(field_name)
    return " ".join(w[:1].upper() + w[1:] for w in words) or field_name


def blank(value: str | None) -> bool:
    return value is None or value.strip() == ""


def valid_player_id(raw: str | None) -> str | None:
    """A wallet player id as a caller sends it (surrounding blanks dropped):
    1-40 printable characters (the PAM's id length), else None."""
    pid = (raw or "").strip()
    return pid if 0 < len(pid) <= PAM_ID and pid.isprintable() else None
