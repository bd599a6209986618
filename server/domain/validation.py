"""Small validation helpers shared by the partner families."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def label(field_name: str) -> str:
    """The human label of a document key: ``DateOfBirth`` -> ``Date Of Birth``,
    ``vipCardNumber`` -> ``Vip Card Number`` (FluentValidation's style, which the
    VIP document's messages use)."""
    words = _WORD.findall(field_name)
    return " ".join(w[:1].upper() + w[1:] for w in words) or field_name


def blank(value: str | None) -> bool:
    return value is None or value.strip() == ""
