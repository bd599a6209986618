"""camelCase <-> snake_case (and PascalCase) for documented JSON keys: the
one converter every family uses (PAM's field names, the gateway's rule
codes, VIP's message keys)."""

from __future__ import annotations

def snake(key: str) -> str:
    """``zipPostalCode`` -> ``zip_postal_code``."""
    return "".join("_" + ch.lower() if ch.isupper() else ch for ch in key)


def camel(name: str) -> str:
    """``zip_postal_code`` -> ``zipPostalCode``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def pascal(json_name: str) -> str:
    """The name a VIP message uses for a JSON key: ``dateOfBirth`` -> ``DateOfBirth``."""
    return json_name[:1].upper() + json_name[1:]
