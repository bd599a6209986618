"""Back-office decisions on a player's jurisdiction and a brand's settings
(docs/backoffice.md). Each change appends its audit record in the same unit
of work, as every back-office change does."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from server.domain.backoffice import errors as backoffice_errors
from server.domain.backoffice.model import BrandSettings, JurisdictionChange, PlayerRecord
from server.domain.backoffice.service import AMOUNT, Backoffice, _player_id, _reason, page_size
from server.domain.errors import Violations
from server.domain.jurisdiction import COUNTRY
from server.domain.ledger import MAX_AMOUNT, SIX, money_text


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
              before.as_json(), after.as_json(), bo.player(pid).summary.brand_id or None)
    return bo.player(pid)


def brand_settings(bo: Backoffice, brand_id: int) -> BrandSettings:
    found = bo.store.brand_settings(brand_id) if brand_id > 0 else None
    if found is None:
        raise backoffice_errors.UnknownBrand("No such brand.")
    return found


def update_brand_settings(bo: Backoffice, brand_id: int, contact_change_reauth: bool | None,
                          reason: str, phone_verification: bool | None = None,
                          large_win_threshold: str | None = None) -> BrandSettings:
    """Changes the settings given (None: unchanged)."""
    v = Violations()
    r = _reason(v, reason)
    large = None if large_win_threshold is None else _threshold(v, large_win_threshold)
    v.raise_if_any()
    before = brand_settings(bo, brand_id)
    changes: dict[str, Any] = {k: x for k, x in (("contact_change_reauth", contact_change_reauth),
                                                 ("phone_verification", phone_verification),
                                                 ("large_win_threshold", large)) if x is not None}
    after = replace(before, **changes)
    if after != before:
        bo.store.save_brand_settings(after)
        bo._audit("brand.settings", "brand", str(brand_id), r, _settings_json(before), _settings_json(after))
    return after


def _threshold(v: Violations, raw: str) -> Decimal | None:
    text = raw.strip()
    if AMOUNT.match(text) and Decimal(text) <= MAX_AMOUNT:
        return Decimal(text).quantize(SIX)
    v.add("large_win_threshold", "invalid",
          f"large_win_threshold: 0 (off) or a decimal up to {MAX_AMOUNT} with at most six places.")
    return None


def _settings_json(s: BrandSettings) -> dict[str, object]:
    return {"contact_change_reauth": s.contact_change_reauth, "phone_verification": s.phone_verification,
            "large_win_threshold": money_text(s.large_win_threshold)}
