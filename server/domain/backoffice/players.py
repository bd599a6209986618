"""Back-office decisions on a player's jurisdiction and a brand's settings
(docs/backoffice.md). Each change appends its audit record in the same unit
of work, as every back-office change does."""

from __future__ import annotations

from dataclasses import replace

from server.domain.backoffice import errors as backoffice_errors
from server.domain.backoffice.model import BrandSettings, JurisdictionChange, PlayerRecord
from server.domain.backoffice.service import Backoffice, _player_id, _reason, page_size
from server.domain.errors import Violations
from server.domain.jurisdiction import COUNTRY


def jurisdiction_changes(bo: Backoffice, brand_id: int, limit: int) -> list[JurisdictionChange]:
    v = Violations()
    n = page_size(limit, v, "limit")
    if brand_id < 0:
        v.add("brand_id", "invalid", "brand_id: a brand id, or 0 for every brand.")
    v.raise_if_any()
    return bo.store.jurisdiction_changes(brand_id or None, n)


def decide_jurisdiction(bo: Backoffice, player_id: str, country: str, reason: str, confirm: bool) -> PlayerRecord:
    """Confirm (or reject) the change of country ``player_id`` asked for; the
    country named must be the one pending (FAILED_PRECONDITION otherwise)."""
    v = Violations()
    pid = _player_id(v, player_id)
    r = _reason(v, reason)
    c = (country or "").strip()
    if not COUNTRY.match(c):
        v.add("country", "invalid", "country: an ISO 3166-1 alpha-2 code, upper case.")
    v.raise_if_any()
    before = bo.store.jurisdiction(pid)
    if before is None:
        bo.player(pid)  # NOT_FOUND for no player at all
        raise backoffice_errors.UnknownPlayer("No such gateway player.")
    after = before.confirmed(c) if confirm else before.rejected(c)
    bo.store.set_jurisdiction(pid, after)
    bo._audit("jurisdiction.confirm" if confirm else "jurisdiction.reject", "player", pid, r,
              before.as_json(), after.as_json())
    return bo.player(pid)


def set_two_factor(bo: Backoffice, player_id: str, enabled: bool, reason: str) -> bool:
    """Switch a gateway player's 2FA (an SMS code at every login, and a
    change of phone waits for the code sent to the new number); audited when
    it changes. Answers the setting now in force."""
    v = Violations()
    pid = _player_id(v, player_id)
    r = _reason(v, reason)
    v.raise_if_any()
    before = bo.store.two_factor(pid)
    if before is None:
        bo.player(pid)  # NOT_FOUND for no player at all
        raise backoffice_errors.UnknownPlayer("No such gateway player.")
    if before != enabled:
        bo.store.set_two_factor(pid, enabled)
        bo._audit("player.two_factor", "player", pid, r, {"two_factor": before}, {"two_factor": enabled})
    return enabled


def brand_settings(bo: Backoffice, brand_id: int) -> BrandSettings:
    found = bo.store.brand_settings(brand_id) if brand_id > 0 else None
    if found is None:
        raise backoffice_errors.UnknownBrand("No such brand.")
    return found


def update_brand_settings(bo: Backoffice, brand_id: int, contact_change_reauth: bool | None,
                          reason: str, phone_verification: bool | None = None) -> BrandSettings:
    """Changes the settings given (None: unchanged)."""
    v = Violations()
    r = _reason(v, reason)
    v.raise_if_any()
    before = brand_settings(bo, brand_id)
    changes = {k: x for k, x in (("contact_change_reauth", contact_change_reauth),
                                 ("phone_verification", phone_verification)) if x is not None}
    after = replace(before, **changes)
    if after != before:
        bo.store.save_brand_settings(after)
        bo._audit("brand.settings", "brand", str(brand_id), r, _settings_json(before), _settings_json(after))
    return after


def _settings_json(s: BrandSettings) -> dict[str, bool]:
    return {"contact_change_reauth": s.contact_change_reauth, "phone_verification": s.phone_verification}
