"""Back-office decisions on a player's jurisdiction and a brand's settings
(docs/backoffice.md). Each change appends its audit record in the same unit
of work, as every back-office change does."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from server.domain.backoffice import errors as backoffice_errors
from server.domain.backoffice.model import BrandSettings, JurisdictionChange, PlayerRecord
from server.domain.backoffice.service import Backoffice, _player_id, _reason, page_size
from server.domain import identity
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


def set_verification(bo: Backoffice, player_id: str, status: str, reason: str) -> PlayerRecord:
    """A gateway player's identity verification status, set by hand (a
    document checked by staff, a vendor's answer corrected); audited. The
    PAM wallet's hold follows (docs/compliance.md)."""
    v = Violations()
    pid = _player_id(v, player_id)
    r = _reason(v, reason)
    st = (status or "").strip()
    if st not in identity.STATUSES:
        v.add("status", "invalid", f"status: one of {', '.join(identity.STATUSES)}.")
    v.raise_if_any()
    before = bo.store.verification(pid)
    if before is None:
        bo.player(pid)  # NOT_FOUND for no player at all
        raise backoffice_errors.UnknownPlayer("No such gateway player.")
    if identity.changed(before, st, by_vendor=False):
        bo.store.set_verification(pid, st, bo.now)
        bo._audit("verification.set", "player", pid, r, {"verification_status": before},
                  {"verification_status": st})
    return bo.player(pid)


def brand_settings(bo: Backoffice, brand_id: int) -> BrandSettings:
    found = bo.store.brand_settings(brand_id) if brand_id > 0 else None
    if found is None:
        raise backoffice_errors.UnknownBrand("No such brand.")
    return found


def update_brand_settings(bo: Backoffice, brand_id: int, contact_change_reauth: bool | None,
                          reason: str, phone_verification: bool | None = None, gates: LicenceGates | None = None
                          ) -> BrandSettings:
    """Changes the settings given (None: unchanged). The vendor secret is
    written, never answered nor audited (the audit says it changed)."""
    g = gates or LicenceGates()
    v = Violations()
    r = _reason(v, reason)
    _gate_violations(v, g)
    v.raise_if_any()
    before = brand_settings(bo, brand_id)
    changes: dict[str, Any] = {k: x for k, x in (
        ("contact_change_reauth", contact_change_reauth), ("phone_verification", phone_verification),
        ("min_age", g.min_age), ("verification_policy", g.verification_policy),
        ("verification_url", None if g.verification_url is None else g.verification_url.strip()),
    ) if x is not None}
    after = replace(before, **changes)
    if g.verification_secret is not None:
        bo.store.set_vendor_secret(brand_id, g.verification_secret)
        after = replace(after, verification_secret_set=True)
    if after != before or g.verification_secret is not None:
        bo.store.save_brand_settings(after)
        old, new = _settings_json(before, after), _settings_json(after, before)
        if g.verification_secret is not None:
            new["verification_secret"] = "changed"  # never the value
        bo._audit("brand.settings", "brand", str(brand_id), r, old, new)
    return after


@dataclass(frozen=True)
class LicenceGates:
    """The licence-gate settings of an update (None: unchanged)."""

    min_age: int | None = None
    verification_policy: str | None = None
    verification_url: str | None = None
    verification_secret: str | None = None


def _gate_violations(v: Violations, g: LicenceGates) -> None:
    if g.min_age is not None and not identity.valid_min_age(g.min_age):
        v.add("min_age", "invalid", "min_age: 18 to 25.")
    if g.verification_policy is not None and g.verification_policy not in identity.POLICIES:
        v.add("verification_policy", "invalid", f"verification_policy: one of {', '.join(identity.POLICIES)}.")
    url = (g.verification_url or "").strip()
    if url and (len(url) > 256 or not url.startswith(("http://", "https://")) or any(c.isspace() for c in url)):
        v.add("verification_url", "invalid", "verification_url: an http(s) URL of at most 256 characters, or empty.")
    if g.verification_secret is not None and not 16 <= len(g.verification_secret) <= 256:
        v.add("verification_secret", "invalid", "verification_secret: 16 to 256 characters.")


_GATES = ("min_age", "verification_policy", "verification_url", "verification_secret_set")


def _settings_json(s: BrandSettings, other: BrandSettings) -> dict[str, Any]:
    """The two contact settings always; a licence-gate setting where it
    differs from ``other`` (the other side of the change)."""
    out: dict[str, Any] = {"contact_change_reauth": s.contact_change_reauth, "phone_verification": s.phone_verification}
    out.update({k: getattr(s, k) for k in _GATES if getattr(s, k) != getattr(other, k)})
    return out
