"""Demo mode: brand 3's vendors are the simulators `pitboss up` starts with
it (server/simulators), on ports chosen at each start, so the brand is
pointed at them at every start (docs/compliance.md, "Licence gates")."""

from __future__ import annotations

from server.config import DEMO_VERIFICATION_SECRET
from server.security import Vault
from server.storage.models import GatewayBrand

DEMO_GATED_BRAND = 3


def point_demo_brand(db, vault: Vault, urls: dict[str, str]) -> None:
    with db.session(write=True) as s:
        b = s.get(GatewayBrand, DEMO_GATED_BRAND)
        if b is None:
            return
        if "verification" in urls:
            b.verification_url = urls["verification"]
            if not b.verification_secret_enc:
                b.verification_secret_enc = vault.encrypt(DEMO_VERIFICATION_SECRET)
        if "register" in urls:
            b.register_vendor, b.register_url = "simulator", urls["register"]
        s.add(b)
