"""Demo records that join the families (demo.md, README "One player, one
journey"): brand 1's game catalogue (the seed's ``ecf559b11f0`` on evolution,
one game each on redtiger and caleta) with a launch URL template per
provider, and VIP Connect's operator-3 as the cashier of brand 1 (its wallet
is this platform's own PAM wallet, in EUR)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Session, select

from server.security import Vault
from server.storage.models import GameCatalogueEntry, GameLaunchTemplate, VipOperatorWallet

_BRAND_1_CATALOGUE = [
    # (game id, provider, name, restricted countries)
    ("ecf559b11f0", "evolution", "Lightning Roulette", ""),
    ("gonzos-quest-megaways", "redtiger", "Gonzo's Quest Megaways", "US"),
    ("caleta-slot-1", "caleta", "Caleta Slot 1", ""),
]
# Brand 3 (licence gates) has brand 1's catalogue and launch templates.
DEMO_CATALOGUE_BRANDS = (1, 3)
DEMO_CATALOGUE = [(brand, *game) for brand in DEMO_CATALOGUE_BRANDS for game in _BRAND_1_CATALOGUE]
# Where each provider's games are launched for brand 1 (the providers' demo hosts).
DEMO_LAUNCH_TEMPLATES = {
    "evolution": "https://games.evolution.example/launch/{game_id}?lang={lang}&casino={brand_id}",
    "redtiger": "https://play.redtiger.example/{game_id}/index.html?language={lang}",
    "caleta": "https://launch.caleta.example/game?id={game_id}&lang={lang}",
}
DEMO_CASHIER_OPERATOR = "operator-3"


def load_journey(s: Session, vault: Vault) -> None:
    now = datetime.now(timezone.utc)
    for brand, game_id, provider, name, restricted in DEMO_CATALOGUE:
        q = select(GameCatalogueEntry).where(GameCatalogueEntry.brand_id == brand, GameCatalogueEntry.game_id == game_id)
        if s.exec(q).first() is None:
            s.add(GameCatalogueEntry(brand_id=brand, game_id=game_id, provider=provider, name=name,
                                     restricted_countries=restricted, created_at=now, updated_at=now))
    for brand in DEMO_CATALOGUE_BRANDS:
        for provider, template in DEMO_LAUNCH_TEMPLATES.items():
            if s.get(GameLaunchTemplate, (brand, provider)) is None:
                s.add(GameLaunchTemplate(brand_id=brand, provider=provider, url_template=template))
    if s.get(VipOperatorWallet, DEMO_CASHIER_OPERATOR) is None:
        s.add(VipOperatorWallet(operator_id=DEMO_CASHIER_OPERATOR, brand_id=1, currency="EUR", created_at=now))
