"""Consents: signing the terms and conditions and the privacy policy."""

from __future__ import annotations

from server.domain.gateway import errors as G
from server.domain.gateway.core import Caller, Gateway


def sign(gw: Gateway, c: Caller, player_id: str, kind: str) -> list[str]:
    """Records the signature; returns what is still to sign."""
    if (player_id or "").strip() != str(c.player.id) or kind not in ("tnc", "privacy"):
        raise G.InvalidInput("sign")
    p = c.player
    if kind == "tnc" and p.tnc_signed_at is None:
        p.tnc_signed_at = gw.now
    if kind == "privacy" and p.privacy_signed_at is None:
        p.privacy_signed_at = gw.now
    gw.repo.add(p)
    remaining = []
    if p.tnc_signed_at is None:
        remaining.append("tnc")
    if p.privacy_signed_at is None:
        remaining.append("privacy_policy")
    return remaining
