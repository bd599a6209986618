"""Identity verification through the player gateway (docs/compliance.md,
"Licence gates"): the request to the brand's vendor when registration step
two completes (through the outbox, never inline), and the vendor's signed
callback. The rules themselves are ``server.domain.identity``."""

from __future__ import annotations

import json
from datetime import datetime

from server.domain import identity
from server.domain.gateway.base import Gateway
from server.domain.gateway.ports import Brand, GatewayStore, Player, PlayerDetails

CALLBACK_PATH = "/gateway/verification/v1/callback"
# The outbox row of a verification request (gateway_outbox, channel "http").
CHANNEL, KIND = "http", "verification"


def set_status(store: GatewayStore, brand: Brand, p: Player, status: str, now: datetime) -> bool:
    """The player's status, and the PAM wallet's hold that follows from it;
    whether it changed."""
    if p.verification_status == status or p.id is None:
        return False
    p.verification_status, p.verification_updated_at = status, now
    store.add(p)
    store.set_play_hold(p.id, identity.play_hold(brand.verification_policy, status))
    return True


def request(gw: Gateway, brand: Brand, p: Player, d: PlayerDetails) -> None:
    """Ask the brand's vendor (when it has one and the player is not yet
    verified): the request waits in the outbox, sent by its worker."""
    if not brand.verification_url or p.verification_status == identity.VERIFIED or p.id is None:
        return
    body = identity.request_body(brand.id, p.id, d.first_name, d.last_name, d.birthdate, d.country,
                                 gw.cfg.gateway_link_base.rstrip("/") + CALLBACK_PATH)
    gw.repo.queue(brand.id, p.id, CHANNEL, KIND, brand.verification_url, "", json.dumps(body))
    set_status(gw.repo, brand, p, identity.requested(p.verification_status), gw.now)


def callback(gw: Gateway, body: bytes, signature: str | None) -> str:
    """The vendor's answer: signature (401), freshness and nonce (401), the
    player (404), then the status; returns the player's status."""
    cb = identity.parse_callback(body)
    brand = gw.repo.brand(cb.brand_id)
    secret = gw.repo.vendor_secret(brand.id) if brand is not None else None
    if brand is None or not identity.signature_ok(secret, body, signature):
        raise identity.BadSignature("bad signature")
    if not identity.fresh(cb, gw.now):
        raise identity.Replayed("stale callback")
    if not gw.repo.remember_nonce(brand.id, cb.nonce, gw.now, gw.now - 2 * identity.REPLAY_WINDOW):
        raise identity.Replayed("nonce seen")
    p = gw.repo.player(cb.player_id, lock=True)
    if p is None or p.brand_id != brand.id:
        raise identity.UnknownPlayer("no such player")
    identity.changed(p.verification_status, cb.status, by_vendor=True)
    set_status(gw.repo, brand, p, cb.status, gw.now)
    return p.verification_status
