"""Personal details and custom fields."""

from __future__ import annotations

import json

from server.domain import jurisdiction
from server.domain.errors import NotFound, Violations
from server.domain.gateway import errors as G
from server.domain.gateway import rules, texts, twofa
from server.domain.gateway.base import Caller, Gateway, contact_proof, parse_date, phone_needs_code
from server.domain.gateway.model import DetailsChanges, DetailsView, MobileChallenge
from server.domain.naming import snake
from server.domain.records import events
from server.domain.gateway.ports import Brand, CustomField
from server.domain.timestamps import stamp

OPT_OUT_KEYS = ("chat", "sms", "email", "phone")


def details(gw: Gateway, c: Caller) -> DetailsView:
    d = gw.repo.details(c.player.id)
    if d is None:
        raise NotFound(texts.DETAILS_NOT_FOUND)
    p = c.player
    return DetailsView(
        first_name=d.first_name, last_name=d.last_name,
        birthdate=f"{d.birthdate.isoformat()} 00:00:00" if d.birthdate else "",
        gender=d.gender, language=p.language, country=d.country, city=d.city, address=d.address,
        zip_postal_code=d.zip_postal_code, phone=d.phone, email=p.email, email_verified=p.email_verified,
        opt_out={"chat": d.opt_out_chat, "sms": d.opt_out_sms, "email": d.opt_out_email, "phone": d.opt_out_phone},
        is_2fa_required=p.is_2fa_required, mobile_verification_status=d.mobile_verification_status,
        mobile_verification_status_date=stamp(d.mobile_verification_at),
        mobile_verification_status_changed_by=d.mobile_verification_by,
        pending_mobile_number=d.pending_mobile_number,
    )


def update_details(gw: Gateway, c: Caller, ch: DetailsChanges, password_ok: bool | None = None
                   ) -> MobileChallenge | None:
    """``password_ok``: whether the request's ``password`` was the player's
    (None: none was sent); a phone change needs it where the brand asks for
    it. A new phone number waits for its SMS code where the player has 2FA
    or the brand asks for it (the answer is then the challenge, HTTP 403),
    and applies at once otherwise; a new country waits for the back office
    before it moves the jurisdiction (docs/gateway.md)."""
    opt_out = parse_opt_out(ch.opt_out)  # 400 invalid input when not an object of booleans
    d = gw.repo.details(c.player.id)
    if d is None:
        raise NotFound(texts.DETAILS_NOT_FOUND)
    v = Violations()
    for key, value in (("firstName", ch.first_name), ("lastName", ch.last_name)):
        if value is not None and (not value.strip() or len(value.strip()) > rules.MAX[key]):
            v.add(key, f"{snake(key)}_invalid", f"{key} must be 1-{rules.MAX[key]} characters.")
    born = None
    if ch.birthdate is not None:
        born = parse_date(ch.birthdate, "%Y-%m-%d")
        if born is None or born < rules.BIRTH_MIN:
            v.add("birthdate", "birthdate_invalid", "Format YYYY-MM-DD, from 1900-01-01.")
        elif rules.age_on(born, gw.now.date()) < 18:
            v.add("birthdate", "underage", "Players must be over 18.")
    if ch.gender is not None and ch.gender not in rules.GENDERS:
        v.add("gender", "gender_invalid", "F or M.")
    if ch.country is not None and not rules.valid_country(ch.country):
        v.add("country", "country_invalid", "A two-letter country code.")
    if ch.language is not None and not rules.valid_language(ch.language):
        v.add("language", "language_invalid", "Unknown language.")
    for key, value, limit in (("city", ch.city, "city"), ("address", ch.address, "address"),
                              ("zipPostalCode", ch.zip_postal_code, "zipCode")):
        if value is not None and len(value) > rules.MAX[limit]:
            v.add(key, f"{snake(key)}_long", f"{key} is too long.")
    if ch.phone is not None and not rules.valid_phone(ch.phone):
        v.add("phone", "phone_invalid", "Format CC-NNNN.")
    if ch.reality_check_period is not None and ch.reality_check_period not in rules.REALITY_CHECK_PERIODS:
        v.add("realityCheckPeriod", "reality_check_period_invalid", "15_min, 30_min, 60_min or no_limit.")
    phone_change = ch.phone is not None and ch.phone != d.phone
    if phone_change and not v.items:
        contact_proof(v, c.brand, password_ok, "changing the phone number")
    v.raise_if_any()
    p = c.player
    was = _personal(p, d)
    if ch.country is not None and ch.country != d.country:
        # A change of the address's country asks for a change of jurisdiction
        # (the same country sent again, e.g. a whole form, asks for nothing:
        # a rejected change is not queued again).
        gw.repo.player(p.id, lock=True)  # read again under the lock: a back-office decision may be committing
        jurisdiction.put(p, jurisdiction.of(p).requested(ch.country, gw.now))
    for attr in ("first_name", "last_name", "gender", "country", "city", "address", "zip_postal_code"):
        value = getattr(ch, attr)
        if value is not None:
            setattr(d, attr, value.strip() if attr in ("first_name", "last_name") else value)
    if born is not None:
        d.birthdate = born
    for key, value in (opt_out or {}).items():
        setattr(d, f"opt_out_{key}", value)
    if ch.comment is not None:
        d.last_comment = ch.comment[:rules.MAX["comment"]]
    if ch.operator is not None:
        d.last_operator = ch.operator[:rules.MAX["operator"]]
    if ch.language is not None:
        p.language = ch.language
    if ch.reality_check_period is not None:
        p.reality_check_period = ch.reality_check_period
    challenge = _phone_change(gw, c.brand, p, d, ch.phone) if phone_change else None
    d.updated_at = gw.now
    gw.repo.add(d)
    gw.repo.add(p)
    events.personal_data_event(gw.uow.events, gw.now, str(p.id), p.brand_id,
                               events.changed_fields(was, _personal(p, d)), "player_details")
    return challenge


# The personal data a details update may change (names as the back office
# shows them); a significant event names those that changed, never a value.
_DETAILS = ("first_name", "last_name", "birthdate", "gender", "country", "city", "address", "zip_postal_code",
            "phone", "pending_mobile_number", "opt_out_chat", "opt_out_sms", "opt_out_email", "opt_out_phone",
            "last_comment", "last_operator")


def _personal(p, d) -> dict:
    out = {k: getattr(d, k) for k in _DETAILS}
    out.update(language=p.language, reality_check_period=p.reality_check_period,
               pending_jurisdiction=getattr(p, "pending_jurisdiction", None))
    return out


def _phone_change(gw: Gateway, brand: Brand, p, d, phone: str) -> MobileChallenge | None:
    """A new phone number. Where it needs proof (``phone_needs_code``: 2FA
    on, or the brand's ``phone_verification``) it waits, as
    pendingMobileNumber, for the SMS code sent to it (the document's 403
    mobile_verification_required); validating the code applies it.
    Otherwise it applies at once and is not yet confirmed
    (mobileVerificationStatus 0). Either way a newer request replaces an
    older pending one (whose code stops working), and the account's email
    address is told, so a session token alone cannot move the phone
    silently."""
    if phone_needs_code(brand, p):
        if not twofa.sms_allowed(gw, p):
            raise G.ResendThrottled("SMS budget of the account used up")
        gw.repo.retire_challenges(p.id, "mobile", gw.now)
        d.pending_mobile_number = phone
        token = twofa.new_challenge(gw, p, "mobile", phone, new_mobile=phone)
        gw.repo.queue(p.brand_id, p.id, "email", "phone_changed", p.email, texts.PHONE_CHANGING_SUBJECT,
                      texts.phone_changing_body(p.user_name, phone))
        return MobileChallenge(phone, token)
    gw.repo.retire_challenges(p.id, "mobile", gw.now)
    d.phone, d.pending_mobile_number = phone, ""
    if d.mobile_verification_status != 0:
        # The new number is not the one the player confirmed.
        d.mobile_verification_status, d.mobile_verification_at, d.mobile_verification_by = 0, gw.now, "player"
    gw.repo.queue(p.brand_id, p.id, "email", "phone_changed", p.email, texts.PHONE_CHANGED_SUBJECT,
                  texts.phone_changed_body(p.user_name, phone))
    return None


def custom_fields(gw: Gateway, c: Caller) -> list[CustomField]:
    return gw.repo.custom_fields(c.player.id)


def update_custom_fields(gw: Gateway, c: Caller, strs: list[tuple[str, str, str]],
                         ints: list[tuple[str, str, int]]) -> None:
    """Upsert the fields named (by kind and id; the last of a repeated id
    wins). Capped (docs/gateway.md): at most ``rules.CUSTOM_FIELDS_PER_REQUEST``
    of each kind per request and ``rules.CUSTOM_FIELDS_PER_PLAYER`` of each
    kind per player, else 422 before anything is read. One query finds the
    fields named, one counts the player's, one batched insert and one
    batched update write them: O(n) in the request, a constant number of
    statements."""
    v = Violations()
    for key, items in (("strCustomFields", strs), ("intCustomFields", ints)):
        if len(items) > rules.CUSTOM_FIELDS_PER_REQUEST:
            v.add(key, "too_many_custom_fields", f"At most {rules.CUSTOM_FIELDS_PER_REQUEST} per request.")
    v.raise_if_any()
    for fid, _, _ in [*strs, *ints]:
        if not (fid or "").strip() or len(fid.strip()) > rules.MAX["customFieldId"]:
            raise G.InvalidInput("custom field id")
    for _, _, value in strs:
        if len(value) > rules.MAX["customFieldValue"]:
            raise G.InvalidInput("custom field value")
    wanted: dict[tuple[str, str], tuple[str, str | int]] = {}
    for kind, items in (("str", strs), ("int", ints)):
        for fid, name, value in items:
            wanted[(kind, fid.strip())] = (name, value)
    if not wanted:
        return
    found = {(r.kind, r.field_id): r for r in gw.repo.custom_fields_named(c.player.id, set(wanted))}
    new = {kind: sum(1 for k in wanted if k[0] == kind and k not in found) for kind in ("str", "int")}
    if any(new.values()):
        have = gw.repo.custom_field_counts(c.player.id)
        for kind, key in (("str", "strCustomFields"), ("int", "intCustomFields")):
            if new[kind] and have.get(kind, 0) + new[kind] > rules.CUSTOM_FIELDS_PER_PLAYER:
                v.add(key, "custom_fields_full", f"A player has at most {rules.CUSTOM_FIELDS_PER_PLAYER}.")
        v.raise_if_any()
    new: list[CustomField] = []
    changed: list[CustomField] = []
    for (kind, fid), (name, value) in wanted.items():
        cur = found.get((kind, fid))
        rec = CustomField(player_id=c.player.id, kind=kind, field_id=fid, id=cur.id if cur else None,
                          name=name[:rules.MAX["customFieldName"]] if name else (cur.name if cur else ""),
                          str_value=value if kind == "str" else "",  # type: ignore[arg-type]
                          int_value=value if kind == "int" else 0)  # type: ignore[arg-type]
        (changed if cur else new).append(rec)
    gw.repo.save_custom_fields(new, changed)
    # Operator-defined fields: their ids are names, their values are not recorded.
    events.personal_data_event(gw.uow.events, gw.now, str(c.player.id), c.player.brand_id,
                               sorted({f"custom:{kind}:{fid}"[:48] for kind, fid in wanted})[:20], "custom_fields")


def parse_opt_out(value) -> dict[str, bool] | None:
    """optOut as an object or as its JSON-encoded string; None when not sent."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise G.InvalidInput("optOut is not JSON") from None
    if not isinstance(value, dict):
        raise G.InvalidInput("optOut is not an object")
    out = {}
    for k, v in value.items():
        if k not in OPT_OUT_KEYS or not isinstance(v, bool):
            raise G.InvalidInput("optOut key")
        out[k] = v
    return out
