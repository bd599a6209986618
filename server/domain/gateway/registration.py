"""Registration in two steps: the account (login name, email, password,
consents), then the personal details."""

from __future__ import annotations

from server.domain import identity, jurisdiction
from server.domain.errors import Violations
from server.domain.gateway import errors as G
from server.domain.gateway import register as reg
from server.domain.gateway import rules, screening, verification
from server.domain.gateway.base import CURRENCY_SYMBOLS, Gateway, fraud_domains, parse_date
from server.domain.gateway.emails import mail_verification
from server.domain.gateway.model import Registration, RegistrationTwo
from server.domain.gateway.passwords import hash_password
from server.domain.gateway.ports import Brand, Player, PlayerDetails
from server.domain.outcome import Refusal
from server.domain.unit import Units


def register_one(gw: Gateway, brand: Brand, r: Registration) -> tuple[str, Player]:
    v = Violations()
    name = (r.login_name or "").strip()
    if not name:
        v.add("loginName", "login_name_required", "A login name is required.")
    elif not rules.valid_login_name(name):
        v.add("loginName", "login_name_invalid", "3-32 letters, digits, '_', '.' or '-'.")
    elif gw.repo.player_by_user_name(brand.id, name) is not None:
        v.add("loginName", "login_name_already_exists", "This login name is taken.")
    email = (r.email or "").strip()
    rules.email_violations(v, email, fraud_domains(brand), name,
                           exists=bool(email) and gw.repo.email_taken(brand.id, email))
    if not r.password:
        v.add("password", "password_required", "A password is required.")
    else:
        rules.password_violations(v, r.password, name, email)
    if not r.over18:
        v.add("over18", "over18_required", "Players must be over 18.")
    currency = (r.currency or brand.currency).strip().upper()
    if currency not in CURRENCY_SYMBOLS:
        v.add("currency", "currency_invalid", "Unsupported currency.")
    if r.language and not rules.valid_language(r.language):
        v.add("language", "language_invalid", "Unknown language.")
    rules.too_long(v, "btag", r.btag)
    rules.too_long(v, "bonusCode", r.bonus_code)
    v.raise_if_any()
    p = Player(
        brand_id=brand.id, user_name=name, user_name_key=name.lower(), email=email, email_key=email.lower(),
        password_hash=r.password_hash or hash_password(r.password), language=r.language or "en", currency=currency,
        btag=r.btag or "", bonus_code=r.bonus_code or "", created_at=gw.now,
        tnc_signed_at=gw.now if r.sign_tnc else None, privacy_signed_at=gw.now if r.sign_privacy else None,
        test_account=name.lower().startswith(rules.TEST_PLAYER_PREFIX),
    )
    gw.repo.add(p)
    gw.repo.flush()
    mail_verification(gw, p, email, "activation")
    return gw.open_session(p), p


def complete(units: Units[Gateway], registers: reg.Registers, brand_raw: str, token: str | None,
             r: RegistrationTwo) -> None:
    """Step two with the brand's national self-exclusion register: asked
    once the personal details are known, between the units of work
    (docs/compliance.md)."""
    def read(gw: Gateway) -> tuple[Brand, str]:
        brand = gw.brand(brand_raw)
        return brand, gw.authenticate(brand, token).player.email

    brand, email = units.read(read)
    who = screening.person(r.first_name or "", r.last_name or "", parse_date(r.birth_date, "%d/%m/%Y"), email)
    answer = screening.ask(registers, brand, who)
    units.write(lambda gw: register_two(gw, gw.brand(brand_raw), token, r, answer))


def register_two(gw: Gateway, brand: Brand, token: str | None, r: RegistrationTwo,
                 answer: reg.Answer | None = None) -> Refusal | None:
    """``answer``: the brand's register's (None: the brand has none); a
    listed person (or an outage under a closed policy) is refused after the
    checks, with nothing of the details kept."""
    c = gw.authenticate(brand, token)
    gw.repo.player(c.player.id, lock=True)  # read again under the lock (two step twos at once)
    if c.player.registration_complete:
        # Not a second door to the details: the country (jurisdiction) and the
        # phone change through the details update and its rules (400).
        raise G.InvalidInput("registration already complete")
    v = Violations()
    for key, value, code in (("firstName", r.first_name, "first_name_required"),
                             ("lastName", r.last_name, "last_name_required"),
                             ("city", r.city, "city_required"), ("address", r.address, "address_required"),
                             ("zipCode", r.zip_code, "zip_code_required")):
        if not (value or "").strip():
            v.add(key, code, f"{key} is required.")
        else:
            rules.too_long(v, key, value.strip())
    born = parse_date(r.birth_date, "%d/%m/%Y")
    if born is None or born < rules.BIRTH_MIN:
        v.add("birthDate", "birth_date_invalid", "Format DD/MM/YYYY, from 01/01/1900.")
    elif not identity.old_enough(born, gw.now.date(), brand.min_age):
        v.add("birthDate", "underage", f"Players must be {brand.min_age} or over.")
    if r.gender not in rules.GENDERS:
        v.add("gender", "gender_invalid", "F or M.")
    if not rules.valid_country(r.country):
        v.add("country", "country_invalid", "A two-letter country code.")
    if r.language and not rules.valid_language(r.language):
        v.add("language", "language_invalid", "Unknown language.")
    if not rules.valid_phone(r.mobile_number):
        v.add("mobileNumber", "mobile_number_invalid", "Format CC-NNNN.")
    v.raise_if_any()
    p = c.player
    refusal = screening.apply(gw, brand, p, reg.REGISTRATION, answer)
    if refusal is not None:
        return refusal
    d = gw.repo.details(p.id) or PlayerDetails(player_id=p.id)
    d.first_name, d.last_name, d.birthdate, d.gender = r.first_name.strip(), r.last_name.strip(), born, r.gender
    d.country, d.city, d.address = r.country, r.city.strip(), r.address.strip()
    d.zip_postal_code, d.phone, d.updated_at = r.zip_code.strip(), r.mobile_number, gw.now
    gw.repo.add(d)
    p.registration_complete = True
    # The jurisdiction is the country of registration (docs/gateway.md).
    jurisdiction.put(p, jurisdiction.of(p).registered(r.country, gw.now))
    if r.language:
        p.language = r.language
    gw.repo.add(p)
    # Identity verification (docs/compliance.md): asked of the brand's vendor
    # through the outbox, answered by its signed callback.
    verification.request(gw, brand, p, d)
    return None
