"""camelCase <-> snake_case for documented JSON keys, the one converter every
family uses (PAM's error fields, the gateway's rule codes)."""

from __future__ import annotations

def snake(key: str) -> str:
    """``zipPostalCode`` -> ``zip_postal_code``."""
    return "".join("_" + ch.lower() if ch.isupper() else ch for ch in key)


def camel(name: str) -> str:
    """``zip_postal_code`` -> ``zipPostalCode``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
