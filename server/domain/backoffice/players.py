"""Back-office decisions on a player's jurisdiction and a brand's settings
(docs/backoffice.md). Each change appends its audit record in the same unit
of work, as every back-office change does."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from server.domain.backoffice import errors as backoffice_errors
from server.domain.backoffice.model import BrandSettings, JurisdictionChange, PlayerRecord
from server.domain.backoffice.service import AMOUNT, Backoffice, _player_id, _reason, page_size
from server.domain import identity
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


VENDOR = re.compile(r"[a-z0-9_-]{1,16}")
URL_MAX, SECRET_MAX, MONTHS_MAX = 256, 256, 120
POLICIES = ("closed", "open")


@dataclass(frozen=True)
class RegisterChanges:
    """Register and dormancy settings to change (None: unchanged);
    ``secret``: "" removes it."""

    vendor: str | None = None
    url: str | None = None
    secret: str | None = None
    outage_registration: str | None = None
    outage_play: str | None = None
    dormancy_months: int | None = None


def _register_violations(v: Violations, c: RegisterChanges) -> None:
    if c.vendor is not None and c.vendor and not VENDOR.fullmatch(c.vendor):
        v.add("register_vendor", "invalid", "register_vendor: 1-16 of a-z, 0-9, '_' or '-', or \"\" for none.")
    if c.url is not None and c.url and (len(c.url) > URL_MAX or not c.url.isprintable() or " " in c.url
                                        or not c.url.startswith(("http://", "https://"))):
        v.add("register_url", "invalid", f"register_url: an absolute http(s) URL of at most {URL_MAX} characters.")
    if c.secret is not None and (len(c.secret) > SECRET_MAX or not c.secret.isprintable()):
        v.add("register_secret", "invalid", f"register_secret: at most {SECRET_MAX} printable characters.")
    for name, value in (("register_outage_registration", c.outage_registration),
                        ("register_outage_play", c.outage_play)):
        if value is not None and value not in POLICIES:
            v.add(name, "invalid", f"{name}: closed or open.")
    if c.dormancy_months is not None and not 1 <= c.dormancy_months <= MONTHS_MAX:
        v.add("dormancy_months", "invalid", f"dormancy_months: 1-{MONTHS_MAX}.")


def update_brand_settings(bo: Backoffice, brand_id: int, contact_change_reauth: bool | None,
                          reason: str, phone_verification: bool | None = None,
                          register: RegisterChanges | None = None,
                          large_win_threshold: str | None = None, gates: LicenceGates | None = None) -> BrandSettings:
    """Changes the settings given (None: unchanged). Secrets (the register's,
    the verification vendor's) are written, never answered nor audited (the
    audit says they changed)."""
    reg = register or RegisterChanges()
    g = gates or LicenceGates()
    v = Violations()
    r = _reason(v, reason)
    _register_violations(v, reg)
    _gate_violations(v, g)
    large = None if large_win_threshold is None else _threshold(v, large_win_threshold)
    v.raise_if_any()
    before = brand_settings(bo, brand_id)
    changes: dict[str, object] = {k: x for k, x in (
        ("contact_change_reauth", contact_change_reauth), ("phone_verification", phone_verification),
        ("register_vendor", reg.vendor), ("register_url", reg.url),
        ("register_outage_registration", reg.outage_registration), ("register_outage_play", reg.outage_play),
        ("dormancy_months", reg.dormancy_months), ("large_win_threshold", large),
        ("min_age", g.min_age), ("verification_policy", g.verification_policy),
        ("verification_url", None if g.verification_url is None else g.verification_url.strip())) if x is not None}
    if reg.secret is not None:
        changes["register_secret_set"] = bool(reg.secret)
    if g.verification_secret is not None:
        changes["verification_secret_set"] = True
    after = replace(before, **changes)  # type: ignore[arg-type]
    if after != before or reg.secret is not None or g.verification_secret is not None:
        bo.store.save_brand_settings(after)
        if reg.secret is not None:
            bo.store.set_register_secret(brand_id, reg.secret)
        if g.verification_secret is not None:
            bo.store.set_vendor_secret(brand_id, g.verification_secret)
        secrets = {**({"register_secret": "changed"} if reg.secret is not None else {}),
                   **({"verification_secret": "changed"} if g.verification_secret is not None else {})}
        bo._audit("brand.settings", "brand", str(brand_id), r, _settings_json(before), {**_settings_json(after), **secrets})
    return after


def _threshold(v: Violations, raw: str) -> Decimal | None:
    text = raw.strip()
    if AMOUNT.match(text) and Decimal(text) <= MAX_AMOUNT:
        return Decimal(text).quantize(SIX)
    v.add("large_win_threshold", "invalid",
          f"large_win_threshold: 0 (off) or a decimal up to {MAX_AMOUNT} with at most six places.")
    return None


def _settings_json(s: BrandSettings) -> dict[str, object]:
    """Every setting but the secrets (only whether each is set)."""
    return {"contact_change_reauth": s.contact_change_reauth, "phone_verification": s.phone_verification,
            "register_vendor": s.register_vendor, "register_url": s.register_url,
            "register_secret_set": s.register_secret_set,
            "register_outage_registration": s.register_outage_registration,
            "register_outage_play": s.register_outage_play, "dormancy_months": s.dormancy_months,
            "large_win_threshold": money_text(s.large_win_threshold), "min_age": s.min_age,
            "verification_policy": s.verification_policy, "verification_url": s.verification_url,
            "verification_secret_set": s.verification_secret_set}


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
