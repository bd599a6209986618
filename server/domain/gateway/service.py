"""The player gateway's rules. Plain Python over the repository: no gRPC or
HTTP here. One ``Gateway`` per unit of work (database transaction)."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from server.domain.errors import NotFound, ValidationFailed, Violations
from server.domain.gateway import errors as G
from server.domain.gateway import login as login_steps
from server.domain.gateway import rules
from server.domain.gateway.wallet import NoWallet, PeriodActivity, WalletPlayer, WalletReader
from server.security import hash_token, new_token
from server.storage.models import (
    GatewayBrand,
    GatewayChallenge,
    GatewayCustomField,
    GatewayLink,
    GatewayPlayer,
    GatewayPlayerDetails,
    GatewaySession,
)
from server.storage.repositories.gateway import GatewayRepository
from server.storage.types import utcnow

# argon2id with the library's defaults (RFC 9106 low-memory profile).
PASSWORDS = PasswordHasher()
# A hash to verify against when the user is unknown, so both cases cost the same.
DUMMY_HASH = PASSWORDS.hash("pitboss-no-such-user-0")

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CAD": "$", "SEK": "kr", "NOK": "kr", "CHF": "CHF"}
DETAILS_NOT_FOUND = "Player Personal Details not found"
EMAIL_NOT_FOUND = "Player Personal Email not found"
OPT_OUT_KEYS = ("chat", "sms", "email", "phone")


def hash_password(password: str) -> str:
    return PASSWORDS.hash(password)


def check_password(stored: str, password: str) -> bool:
    try:
        return PASSWORDS.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def stamp(dt: datetime | None) -> str:
    """The documents' "YYYY-MM-DD HH:MM:SS" (UTC); "" when there is none."""
    return dt.strftime("%Y-%m-%d %H:%M:%S") if dt is not None else ""


_BRAND_ID = re.compile(r"[0-9]{1,9}")


def parse_brand_id(raw: str) -> int | None:
    """A brand id is 1-9 ASCII digits, exactly as sent: no blanks, and no other
    Unicode digits (``²``, ``①``, ``١``), which str.isdigit() and int() accept."""
    if not raw or not _BRAND_ID.fullmatch(raw):
        return None
    return int(raw)


def required_actions(p: GatewayPlayer) -> list[str]:
    out = []
    if not p.registration_complete:
        out.append(G.INCOMPLETE_REGISTRATION)
    if p.tnc_signed_at is None:
        out.append(G.TNC_APPROVAL_REQUIRED)
    if p.privacy_signed_at is None:
        out.append(G.PRIVACY_APPROVAL_REQUIRED)
    if p.password_change_required:
        out.append(G.PASSWORD_CHANGE_REQUIRED)
    if not p.email_verified:
        out.append(G.EMAIL_NOT_VERIFIED)
    return out


# ------------------------------------------------------------------ results


@dataclass
class Caller:
    """An authenticated player session."""

    session: GatewaySession
    player: GatewayPlayer
    brand: GatewayBrand


@dataclass
class LoginOutcome:
    token: str = ""
    actions: list[str] = field(default_factory=list)
    two_fa_token: str = ""
    error: Exception | None = None
    player_id: int | None = None
    currency: str = ""

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error


@dataclass(frozen=True)
class DetailsView:
    first_name: str
    last_name: str
    birthdate: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_postal_code: str
    phone: str
    email: str
    email_verified: bool
    opt_out: dict[str, bool]
    is_2fa_required: bool
    mobile_verification_status: int
    mobile_verification_status_date: str
    mobile_verification_status_changed_by: str
    pending_mobile_number: str


@dataclass(frozen=True)
class DetailsChanges:
    last_name: str | None = None
    first_name: str | None = None
    birthdate: str | None = None
    gender: str | None = None
    language: str | None = None
    country: str | None = None
    city: str | None = None
    address: str | None = None
    zip_postal_code: str | None = None
    phone: str | None = None
    comment: str | None = None
    operator: str | None = None
    # A dict, a JSON-encoded string of one, or None when not sent.
    opt_out: object = None
    reality_check_period: str | None = None


@dataclass(frozen=True)
class MobileChallenge:
    mobile_number: str
    two_fa_token: str


@dataclass(frozen=True)
class Registration:
    login_name: str
    email: str
    password: str
    over18: bool
    sign_tnc: bool
    sign_privacy: bool
    language: str
    btag: str
    bonus_code: str
    currency: str
    # The password's argon2 hash, made before the unit of work (no lock held).
    password_hash: str = ""


@dataclass(frozen=True)
class RegistrationTwo:
    first_name: str
    last_name: str
    birth_date: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_code: str
    mobile_number: str


@dataclass(frozen=True)
class StatusView:
    marketing_segmentation: str
    tag_status: int
    deposit_count: int
    vip_level: str
    average_deposit: Decimal
    billboard: str
    segmentation_id: int
    max_balance_cents: int
    ut: int
    decline: str
    vip_segment: int
    total_balance: Decimal
    pending_withdrawal: Decimal
    total_withdrawals: Decimal
    last_bet: str
    last_deposit: str
    last_deposit_amount: Decimal
    rounds_since_login: int
    balance_since_login: Decimal
    player_id_link: str
    bonus_opt_out: int
    real_balance: Decimal
    free_traffic: bool
    deposits_amount: Decimal
    chat_opt_out: bool
    bonus_balance: Decimal
    max_win: Decimal
    wagering_balance: Decimal
    wagering_complete: str


@dataclass(frozen=True)
class RealityCheckView:
    currency: str
    profit: Decimal
    total_bets: Decimal
    total_wins: Decimal
    total_lossed: Decimal
    restart_period: str
    time_played: str
    minutes: int
    hours: int


@dataclass(frozen=True)
class PlayerInfoView:
    username: str
    id: int
    brand: int
    first_name: str
    last_name: str
    gender: str
    email: str
    vip_level: int
    country: str
    test_account: int
    currency_name: str
    currency_symbol: str
    btag: str


@dataclass
class CodeOutcome:
    error: Exception | None = None

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error


# ------------------------------------------------------------------ the rules


class Gateway:
    def __init__(self, repo: GatewayRepository, settings, wallet: WalletReader | None = None,
                 now: datetime | None = None) -> None:
        self.repo = repo
        self.cfg = settings
        self.wallet = wallet or NoWallet()
        self.now = now or utcnow()

    # ---------------------------------------------------------- brand, token

    def brand(self, raw: str) -> GatewayBrand:
        brand_id = parse_brand_id(raw)
        brand = self.repo.brand(brand_id) if brand_id is not None else None
        if brand is None:
            raise G.InvalidBrand("unknown brand")
        return brand

    def authenticate(self, brand: GatewayBrand, token: str | None, lock: bool = False) -> Caller:
        """The session of ``token`` on ``brand``; a token of another brand is
        as unknown as a made-up one. ``lock``: the session row is locked for
        this unit of work (PostgreSQL), e.g. for the reality check."""
        if not token:
            raise G.InvalidToken("missing token")
        s = self.repo.session_by_hash(hash_token(token), lock=lock)
        if s is None or s.brand_id != brand.id:
            raise G.InvalidToken("unknown token")
        if s.revoked_at is not None or s.expires_at <= self.now:
            raise G.InvalidToken("expired or revoked token")
        player = self.repo.player(s.player_id)
        if player is None or player.brand_id != brand.id:
            raise G.InvalidToken("no player")
        return Caller(s, player, brand)

    def require_no_actions(self, c: Caller) -> None:
        actions = required_actions(c.player)
        if actions:
            raise G.ActionRequired(actions[0])

    def _open_session(self, p: GatewayPlayer) -> str:
        token = new_token(32)
        total = p.real_balance + p.bonus_balance
        summary = self.wallet.summary(self._wallet_player(p))
        if summary is not None:
            total = summary.real_balance + summary.bonus_balance
        self.repo.add(GatewaySession(
            token_hash=hash_token(token), player_id=p.id, brand_id=p.brand_id, created_at=self.now,
            expires_at=self.now + timedelta(minutes=self.cfg.gateway_session_minutes),
            reality_checked_at=self.now, balance_at_login=total,
        ))
        return token

    # ---------------------------------------------------------- login

    def finish_login(self, subj, ok: bool, two_fa_token: str | None) -> LoginOutcome:
        """The last step of a login (server.domain.gateway.login): the checked
        password's outcome, then 2FA or a new session."""
        p = login_steps.settle(self, subj, ok)
        if p is None:
            return LoginOutcome(error=G.BadCredentials("bad credentials"))
        if p.is_2fa_required and not self._use_login_challenge(p, two_fa_token):
            if not self._sms_allowed(p):
                return LoginOutcome(error=G.ResendThrottled("SMS budget of the account used up"))
            return LoginOutcome(two_fa_token=self._new_challenge(p, "login", p_phone(self.repo, p)))
        return LoginOutcome(token=self._open_session(p), actions=required_actions(p), player_id=p.id,
                            currency=p.currency)

    def _use_login_challenge(self, p: GatewayPlayer, two_fa_token: str | None) -> bool:
        if not two_fa_token:
            return False
        ch = self.repo.challenge_by_hash(hash_token(two_fa_token), lock=True)
        if (ch is None or ch.player_id != p.id or ch.purpose != "login" or ch.verified_at is None
                or ch.used_at is not None or ch.verified_at + timedelta(minutes=self.cfg.gateway_2fa_code_minutes) <= self.now):
            return False
        ch.used_at = self.now
        return True

    def logout(self, c: Caller) -> None:
        c.session.revoked_at = self.now
        self.repo.add(c.session)

    # ---------------------------------------------------------- 2FA

    def _new_code(self, ch_token_hash: str) -> tuple[str, str]:
        code = f"{secrets.randbelow(1_000_000):06d}"
        return code, self.repo.code_hmac(ch_token_hash, code)

    def _new_challenge(self, p: GatewayPlayer, purpose: str, phone: str, new_mobile: str = "") -> str:
        token = new_token(24)
        th = hash_token(token)
        code, code_hmac = self._new_code(th)
        self.repo.add(GatewayChallenge(
            token_hash=th, purpose=purpose, player_id=p.id, brand_id=p.brand_id, code_hmac=code_hmac,
            code_expires_at=self.now + timedelta(minutes=self.cfg.gateway_2fa_code_minutes),
            new_mobile=new_mobile, last_sent_at=self.now, created_at=self.now,
        ))
        self._sms(p, phone or new_mobile, code)
        return token

    def _activity(self, p: GatewayPlayer) -> tuple[int, int]:
        """The account's SMS sends and wrong-code attempts in the window (the
        player row is locked first, so concurrent calls count one by one)."""
        self.repo.player(p.id, lock=True)
        return self.repo.challenge_activity(p.id, self.now - timedelta(minutes=self.cfg.gateway_2fa_window_minutes))

    def _sms_allowed(self, p: GatewayPlayer) -> bool:
        return self._activity(p)[0] < self.cfg.gateway_2fa_max_sends_per_window

    def _sms(self, p: GatewayPlayer, phone: str, code: str) -> None:
        self.repo.queue(p.brand_id, p.id, "sms", "sms_code", phone or "(no phone)", "",
                        f"Your verification code is {code}. It expires in {self.cfg.gateway_2fa_code_minutes} minutes.")

    def _challenge(self, brand: GatewayBrand, token: str | None) -> GatewayChallenge:
        ch = self.repo.challenge_by_hash(hash_token(token), lock=True) if token else None
        if ch is None or ch.brand_id != brand.id or ch.used_at is not None or ch.verified_at is not None:
            raise G.InvalidToken("unknown 2fa token")
        return ch

    def send_code(self, brand: GatewayBrand, token: str | None) -> None:
        ch = self._challenge(brand, token)
        if (ch.sends >= self.cfg.gateway_2fa_max_sends
                or ch.last_sent_at + timedelta(seconds=self.cfg.gateway_2fa_resend_seconds) > self.now):
            raise G.ResendThrottled("resend throttled")
        p = self.repo.player(ch.player_id)
        if not self._sms_allowed(p):
            raise G.ResendThrottled("SMS budget of the account used up")
        code, ch.code_hmac = self._new_code(ch.token_hash)
        ch.code_expires_at = self.now + timedelta(minutes=self.cfg.gateway_2fa_code_minutes)
        ch.sends += 1
        ch.last_sent_at = self.now
        self.repo.add(ch)
        self._sms(p, ch.new_mobile or p_phone(self.repo, p), code)

    def validate_code(self, brand: GatewayBrand, token: str | None, code: str) -> CodeOutcome:
        ch = self._challenge(brand, token)
        if (ch.attempts >= self.cfg.gateway_2fa_max_attempts
                or self._activity(self.repo.player(ch.player_id))[1] >= self.cfg.gateway_2fa_max_attempts_per_window):
            return CodeOutcome(G.TooManyAttempts("Authentication attempts limit exceeded"))
        v = Violations()
        if not (code or "").strip():
            v.add("sms_code", "sms_code_required", "The code is required.")
            return CodeOutcome(_failed(v))
        ch.attempts += 1
        self.repo.add(ch)
        if ch.code_expires_at <= self.now:
            v.add("sms_code", "sms_code_expired", "The code has expired; ask for a new one.")
            return CodeOutcome(_failed(v))
        if not secrets.compare_digest(self.repo.code_hmac(ch.token_hash, code.strip()), ch.code_hmac):
            v.add("sms_code", "sms_code_invalid", "The code is not valid.")
            return CodeOutcome(_failed(v))
        ch.verified_at = self.now
        if ch.purpose == "mobile":
            ch.used_at = self.now
            d = self.repo.details(ch.player_id)
            if d is not None:
                d.phone = ch.new_mobile
                d.pending_mobile_number = ""
                d.mobile_verification_status = 1
                d.mobile_verification_at = self.now
                d.mobile_verification_by = "player"
                d.updated_at = self.now
                self.repo.add(d)
        return CodeOutcome()

    # ---------------------------------------------------------- registration

    def register_one(self, brand: GatewayBrand, r: Registration) -> tuple[str, GatewayPlayer]:
        v = Violations()
        name = (r.login_name or "").strip()
        if not name:
            v.add("loginName", "login_name_required", "A login name is required.")
        elif not rules.valid_login_name(name):
            v.add("loginName", "login_name_invalid", "3-32 letters, digits, '_', '.' or '-'.")
        elif self.repo.player_by_user_name(brand.id, name) is not None:
            v.add("loginName", "login_name_already_exists", "This login name is taken.")
        email = (r.email or "").strip()
        rules.email_violations(v, email, _fraud(brand), name, exists=bool(email) and self.repo.email_taken(brand.id, email))
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
        v.raise_if_any()
        p = GatewayPlayer(
            brand_id=brand.id, user_name=name, user_name_key=name.lower(), email=email, email_key=email.lower(),
            password_hash=r.password_hash or hash_password(r.password), language=r.language or "en", currency=currency,
            btag=r.btag or "", bonus_code=r.bonus_code or "", created_at=self.now,
            tnc_signed_at=self.now if r.sign_tnc else None, privacy_signed_at=self.now if r.sign_privacy else None,
            test_account=name.lower().startswith(rules.TEST_PLAYER_PREFIX),
        )
        self.repo.add(p)
        self.repo.flush()
        self._mail_verification(p, email, "activation")
        return self._open_session(p), p

    def register_two(self, brand: GatewayBrand, token: str | None, r: RegistrationTwo) -> None:
        c = self.authenticate(brand, token)
        v = Violations()
        for key, value, code in (("firstName", r.first_name, "first_name_required"),
                                 ("lastName", r.last_name, "last_name_required"),
                                 ("city", r.city, "city_required"), ("address", r.address, "address_required"),
                                 ("zipCode", r.zip_code, "zip_code_required")):
            if not (value or "").strip():
                v.add(key, code, f"{key} is required.")
        born = _parse_date(r.birth_date, "%d/%m/%Y")
        if born is None:
            v.add("birthDate", "birth_date_invalid", "Format DD/MM/YYYY.")
        elif rules.age_on(born, self.now.date()) < 18:
            v.add("birthDate", "underage", "Players must be over 18.")
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
        d = self.repo.details(p.id) or GatewayPlayerDetails(player_id=p.id)
        d.first_name, d.last_name, d.birthdate, d.gender = r.first_name.strip(), r.last_name.strip(), born, r.gender
        d.country, d.city, d.address = r.country, r.city.strip(), r.address.strip()
        d.zip_postal_code, d.phone, d.updated_at = r.zip_code.strip(), r.mobile_number, self.now
        self.repo.add(d)
        p.registration_complete = True
        if r.language:
            p.language = r.language
        self.repo.add(p)

    # ---------------------------------------------------------- personal data

    def details(self, c: Caller) -> DetailsView:
        d = self.repo.details(c.player.id)
        if d is None:
            raise NotFound(DETAILS_NOT_FOUND)
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

    def update_details(self, c: Caller, ch: DetailsChanges, password_ok: bool | None = None) -> MobileChallenge | None:
        """``password_ok``: whether the request's ``password`` was the player's
        (None: none was sent); a phone change needs it."""
        opt_out = _parse_opt_out(ch.opt_out)  # 400 invalid input when not an object of booleans
        d = self.repo.details(c.player.id)
        if d is None:
            raise NotFound(DETAILS_NOT_FOUND)
        v = Violations()
        for key, value in (("firstName", ch.first_name), ("lastName", ch.last_name)):
            if value is not None and (not value.strip() or len(value) > 64):
                v.add(key, f"{_snake(key)}_invalid", f"{key} must be 1-64 characters.")
        born = None
        if ch.birthdate is not None:
            born = _parse_date(ch.birthdate, "%Y-%m-%d")
            if born is None:
                v.add("birthdate", "birthdate_invalid", "Format YYYY-MM-DD.")
            elif rules.age_on(born, self.now.date()) < 18:
                v.add("birthdate", "underage", "Players must be over 18.")
        if ch.gender is not None and ch.gender not in rules.GENDERS:
            v.add("gender", "gender_invalid", "F or M.")
        if ch.country is not None and not rules.valid_country(ch.country):
            v.add("country", "country_invalid", "A two-letter country code.")
        if ch.language is not None and not rules.valid_language(ch.language):
            v.add("language", "language_invalid", "Unknown language.")
        for key, value, cap in (("city", ch.city, 64), ("address", ch.address, 128), ("zipPostalCode", ch.zip_postal_code, 16)):
            if value is not None and len(value) > cap:
                v.add(key, f"{_snake(key)}_long", f"{key} is too long.")
        if ch.phone is not None and not rules.valid_phone(ch.phone):
            v.add("phone", "phone_invalid", "Format CC-NNNN.")
        if ch.reality_check_period is not None and ch.reality_check_period not in rules.REALITY_CHECK_PERIODS:
            v.add("realityCheckPeriod", "reality_check_period_invalid", "15_min, 30_min, 60_min or no_limit.")
        if ch.phone is not None and ch.phone != d.phone and not v.items:
            _password_proof(v, password_ok, "changing the phone number")
        v.raise_if_any()
        p = c.player
        for attr in ("first_name", "last_name", "gender", "country", "city", "address", "zip_postal_code"):
            value = getattr(ch, attr)
            if value is not None:
                setattr(d, attr, value.strip() if attr in ("first_name", "last_name") else value)
        if born is not None:
            d.birthdate = born
        for key, value in (opt_out or {}).items():
            setattr(d, f"opt_out_{key}", value)
        if ch.comment is not None:
            d.last_comment = ch.comment[:256]
        if ch.operator is not None:
            d.last_operator = ch.operator[:64]
        if ch.language is not None:
            p.language = ch.language
        if ch.reality_check_period is not None:
            p.reality_check_period = ch.reality_check_period
        challenge = None
        if ch.phone is not None and ch.phone != d.phone:
            if p.is_2fa_required:
                # The change waits for the SMS code sent to the new number.
                if not self._sms_allowed(p):
                    raise G.ResendThrottled("SMS budget of the account used up")
                d.pending_mobile_number = ch.phone
                challenge = MobileChallenge(ch.phone, self._new_challenge(p, "mobile", ch.phone, new_mobile=ch.phone))
            else:
                d.phone = ch.phone
        d.updated_at = self.now
        self.repo.add(d)
        self.repo.add(p)
        return challenge

    def custom_fields(self, c: Caller) -> list[GatewayCustomField]:
        return self.repo.custom_fields(c.player.id)

    def update_custom_fields(self, c: Caller, strs: list[tuple[str, str, str]], ints: list[tuple[str, str, int]]) -> None:
        for fid, _, _ in [*strs, *ints]:
            if not (fid or "").strip() or len(fid) > 64:
                raise G.InvalidInput("custom field id")
        for kind, items in (("str", strs), ("int", ints)):
            for fid, name, value in items:
                row = self.repo.custom_field(c.player.id, kind, fid.strip())
                if row is None:
                    row = GatewayCustomField(player_id=c.player.id, kind=kind, field_id=fid.strip())
                if name:
                    row.name = name[:128]
                if kind == "str":
                    if len(value) > 1024:
                        raise G.InvalidInput("custom field value")
                    row.str_value = value
                else:
                    row.int_value = value
                self.repo.add(row)

    # ---------------------------------------------------------- email

    def update_email(self, c: Caller, email: str, comment: str | None, password_ok: bool | None = None) -> None:
        p = c.player
        if self.repo.details(p.id) is None:
            raise NotFound(EMAIL_NOT_FOUND)
        email = (email or "").strip()
        v = Violations()
        same = email.lower() == p.email_key
        taken = bool(email) and not same and self.repo.email_taken(p.brand_id, email, except_player=p.id)
        rules.email_violations(v, email, _fraud(c.brand), p.user_name, exists=taken)
        if not same and not v.items:
            _password_proof(v, password_ok, "changing the email address")
        v.raise_if_any()
        if same:
            return
        p.pending_email = email
        self.repo.add(p)
        self.repo.expire_links(p.id, "verify_email", self.now)
        self._mail_verification(p, email, "verify_email")
        self.repo.queue(p.brand_id, p.id, "email", "email_changed", p.email, "Your email address is changing",
                        f"Hello {p.user_name},\n\nA change of your account's email address to {email} was requested"
                        f" ({(comment or 'player request')[:100]}). It takes effect when the link sent to the new"
                        " address is used. If you did not ask for this, contact support.\n")

    def _mail_verification(self, p: GatewayPlayer, email: str, kind: str) -> None:
        h = new_token(32)
        self.repo.add(GatewayLink(
            hash_sha256=hash_token(h), purpose="verify_email", player_id=p.id, brand_id=p.brand_id, email=email,
            created_at=self.now, expires_at=self.now + timedelta(hours=self.cfg.gateway_verify_hours),
        ))
        link = f"{self.cfg.gateway_link_base}/gateway/admission/1.0/verify/email/{p.brand_id}?hash={h}"
        subject = "Activate your account" if kind == "activation" else "Confirm your new email address"
        self.repo.queue(p.brand_id, p.id, "email", kind, email, subject,
                        f"Hello {p.user_name},\n\nPlease confirm this address by opening:\n{link}\n\nhash: {h}\n")

    def resend_activation(self, c: Caller) -> None:
        p = c.player
        if p.email_verified:
            return
        self.repo.expire_links(p.id, "verify_email", self.now)
        self._mail_verification(p, p.email, "activation")
        if p.pending_email:
            p.pending_email = None
            self.repo.add(p)

    def verify_email(self, brand: GatewayBrand, h: str) -> None:
        link = self._link(brand, h, "verify_email")
        p = self.repo.player(link.player_id, lock=True)
        link.used_at = self.now
        self.repo.add(link)
        if link.email.lower() == p.email_key:
            p.email_verified = True
        elif p.pending_email and link.email.lower() == p.pending_email.lower():
            if self.repo.player_by_email(brand.id, link.email) is not None:
                raise G.MessageFailure("general_failure")
            p.email, p.email_key, p.pending_email, p.email_verified = link.email, link.email.lower(), None, True
        else:
            raise G.MessageFailure("general_failure")
        self.repo.add(p)

    def _link(self, brand: GatewayBrand, h: str, purpose: str) -> GatewayLink:
        link = self.repo.link_by_hash(hash_token(h), lock=True) if h else None
        if (link is None or link.brand_id != brand.id or link.purpose != purpose or link.used_at is not None
                or link.expires_at <= self.now):
            raise G.MessageFailure("general_failure")
        return link

    # ---------------------------------------------------------- passwords

    def forgot(self, brand: GatewayBrand, mail: str) -> None:
        mail = (mail or "").strip()
        if not mail:
            raise G.MessageFailure("email_required")
        p = self.repo.player_by_email(brand.id, mail)
        if p is None:
            # Same answer, nothing sent: no account enumeration. Hash anyway
            # so that both paths take about as long.
            hash_token(new_token(32))
            return
        self.repo.expire_links(p.id, "reset", self.now)
        h = new_token(32)
        self.repo.add(GatewayLink(
            hash_sha256=hash_token(h), purpose="reset", player_id=p.id, brand_id=p.brand_id, email=p.email,
            created_at=self.now, expires_at=self.now + timedelta(minutes=self.cfg.gateway_reset_minutes),
        ))
        self.repo.queue(p.brand_id, p.id, "email", "password_reset", p.email, "Reset your password",
                        f"Hello {p.user_name},\n\nTo choose a new password, open:\n"
                        f"{self.cfg.gateway_link_base}/reset-password?brand={p.brand_id}&hash={h}\n\n"
                        f"hash: {h}\n\nThe link works once and expires in {self.cfg.gateway_reset_minutes} minutes."
                        " If you did not ask for it, ignore this mail.\n")

    def reset_link(self, brand: GatewayBrand, h: str) -> None:
        """Refuses (general_failure) a reset hash that is not usable now."""
        self._link(brand, h, "reset")

    def verify_password(self, brand: GatewayBrand, h: str, new_password: str, new_hash: str = "") -> str | None:
        """Reset with a mailed hash; returns a login token when the player is
        logged in straight away (no 2FA), else None. ``new_hash``: the new
        password's argon2 hash, made before the unit of work."""
        link = self._link(brand, h, "reset")
        p = self.repo.player(link.player_id, lock=True)
        v = Violations()
        rules.password_violations(v, new_password, p.user_name, p.email)
        v.raise_if_any()
        link.used_at = self.now
        self.repo.add(link)
        p.password_hash = new_hash or hash_password(new_password)
        p.password_change_required = False
        if link.email.lower() == p.email_key:
            p.email_verified = True  # the reset link proved the mailbox
        self.repo.add(p)
        self.repo.revoke_sessions(p.id, self.now)
        if p.is_2fa_required:
            return None
        return self._open_session(p)

    def change_password(self, c: Caller, old: str, new: str, old_ok: bool | None = None, new_hash: str = "") -> bool:
        """Returns True when T&C are still to be signed (HTTP 303). ``old_ok``
        and ``new_hash``: the old password's check and the new one's hash,
        made before the unit of work (None / "": done here)."""
        p = c.player
        v = Violations()
        if not (check_password(p.password_hash, old or "") if old_ok is None else old_ok):
            v.add("password", "wrong_old_password", "The verification password entered is not valid.")
        rules.password_violations(v, new or "", p.user_name, p.email)
        if new and old and new == old and not v.items:
            v.add("password", "password_same_as_old", "The new password must differ from the old one.")
        v.raise_if_any()
        p.password_hash = new_hash or hash_password(new)
        p.password_change_required = False
        self.repo.add(p)
        self.repo.revoke_sessions(p.id, self.now, keep_id=c.session.id)
        return p.tnc_signed_at is None

    # ---------------------------------------------------------- consents

    def sign(self, c: Caller, player_id: str, kind: str) -> list[str]:
        """Records the signature; returns what is still to sign."""
        if (player_id or "").strip() != str(c.player.id) or kind not in ("tnc", "privacy"):
            raise G.InvalidInput("sign")
        p = c.player
        if kind == "tnc" and p.tnc_signed_at is None:
            p.tnc_signed_at = self.now
        if kind == "privacy" and p.privacy_signed_at is None:
            p.privacy_signed_at = self.now
        self.repo.add(p)
        remaining = []
        if p.tnc_signed_at is None:
            remaining.append("tnc")
        if p.privacy_signed_at is None:
            remaining.append("privacy_policy")
        return remaining

    # ---------------------------------------------------------- online player

    def _wallet_player(self, p: GatewayPlayer) -> WalletPlayer:
        return WalletPlayer(p.brand_id, p.id, p.user_name, p.currency)

    def online_status(self, c: Caller) -> tuple[StatusView, RealityCheckView | None]:
        self.require_no_actions(c)
        p, s = c.player, c.session
        wp = self._wallet_player(p)
        real, bonus = p.real_balance, p.bonus_balance
        last_bet, last_deposit, last_deposit_amount = p.last_bet_at, p.last_deposit_at, p.last_deposit_amount
        summary = self.wallet.summary(wp)
        if summary is not None:
            # Balances are the wallet's; the last bet / deposit too once the
            # wallet has seen one (before that, the account's own history).
            real, bonus = summary.real_balance, summary.bonus_balance
            if summary.last_bet_at is not None:
                last_bet = summary.last_bet_at
            if summary.last_deposit_at is not None:
                last_deposit = summary.last_deposit_at
                last_deposit_amount = summary.last_deposit_amount or Decimal("0")
        total = real + bonus
        since_login = self.wallet.activity(wp, s.created_at, self.now) or PeriodActivity()
        d = self.repo.details(p.id)
        avg = (p.deposits_amount / p.deposit_count).quantize(Decimal("0.01")) if p.deposit_count else Decimal("0")
        view = StatusView(
            marketing_segmentation=p.marketing_segmentation, tag_status=p.tag_status,
            deposit_count=p.deposit_count, vip_level=p.vip_level_name, average_deposit=avg, billboard=p.billboard,
            segmentation_id=p.segmentation_id, max_balance_cents=int(max(p.max_balance, total) * 100),
            ut=p.user_type, decline=p.decline, vip_segment=p.vip_segment, total_balance=total,
            pending_withdrawal=p.pending_withdrawal, total_withdrawals=p.total_withdrawals,
            last_bet=stamp(last_bet), last_deposit=stamp(last_deposit), last_deposit_amount=last_deposit_amount,
            rounds_since_login=since_login.rounds, balance_since_login=total - s.balance_at_login,
            player_id_link=f"{c.brand.backoffice_url}{p.id}" if c.brand.backoffice_url else "",
            bonus_opt_out=int(p.bonus_opt_out), real_balance=real, free_traffic=p.free_traffic,
            deposits_amount=p.deposits_amount, chat_opt_out=bool(d and d.opt_out_chat), bonus_balance=bonus,
            max_win=p.max_win, wagering_balance=p.wagering_balance, wagering_complete=p.wagering_complete,
        )
        return view, self._reality_check(c, wp)

    def _reality_check(self, c: Caller, wp: WalletPlayer) -> RealityCheckView | None:
        p, s = c.player, c.session
        minutes = rules.REALITY_CHECK_PERIODS.get(p.reality_check_period)
        if minutes is None or s.reality_checked_at + timedelta(minutes=minutes) > self.now:
            return None
        act = self.wallet.activity(wp, s.reality_checked_at, self.now) or PeriodActivity()
        s.reality_checked_at = self.now
        self.repo.add(s)
        played = int((self.now - s.created_at).total_seconds() // 60)
        h, m = divmod(played, 60)
        return RealityCheckView(
            currency=p.currency, profit=act.total_wins - act.total_bets, total_bets=act.total_bets,
            total_wins=act.total_wins, total_lossed=max(act.total_bets - act.total_wins, Decimal("0")),
            restart_period=p.reality_check_period,
            time_played=f"{h} hour{'s' if h != 1 else ''} {m} minute{'s' if m != 1 else ''}", minutes=m, hours=h,
        )

    def player_info(self, c: Caller) -> PlayerInfoView:
        self.require_no_actions(c)
        p = c.player
        d = self.repo.details(p.id)
        return PlayerInfoView(
            username=p.user_name, id=p.id, brand=p.brand_id, first_name=d.first_name if d else "",
            last_name=d.last_name if d else "", gender=d.gender if d else "", email=p.email,
            vip_level=p.vip_level, country=d.country if d else "", test_account=int(p.test_account),
            currency_name=p.currency, currency_symbol=CURRENCY_SYMBOLS.get(p.currency, p.currency), btag=p.btag,
        )


# ------------------------------------------------------------------ helpers


def p_phone(repo: GatewayRepository, p: GatewayPlayer) -> str:
    d = repo.details(p.id)
    return d.phone if d else ""


def _fraud(brand: GatewayBrand) -> set[str]:
    return {x.strip().lower() for x in (brand.fraud_domains or "").split(",") if x.strip()}


def _password_proof(v: Violations, password_ok: bool | None, what: str) -> None:
    if password_ok is None:
        v.add("password", "password_required", f"The current password is required for {what}.")
    elif not password_ok:
        v.add("password", "wrong_password", "The current password is not valid.")


def _failed(v: Violations) -> ValidationFailed:
    return ValidationFailed(list(v.items))


def _parse_date(value: str | None, fmt: str) -> date | None:
    try:
        return datetime.strptime((value or "").strip(), fmt).date()
    except ValueError:
        return None


def _snake(key: str) -> str:
    return "".join("_" + ch.lower() if ch.isupper() else ch for ch in key)


def _parse_opt_out(value) -> dict[str, bool] | None:
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
