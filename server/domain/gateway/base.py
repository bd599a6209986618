"""The player gateway's unit of work as its rules see it (``Gateway``: the
unit's stores, settings, now) and what every concern shares: the brand of the path, the
caller's session, required actions, opening a session.

The rules themselves are functions over a ``Gateway``, one module per concern:
``login``, ``twofa``, ``registration``, ``emails``, ``profile``, ``passwords``,
``consents``, ``status``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from server.domain.clock import Now, utcnow
from server.domain.unit import Timed
from server.domain.errors import Violations
from server.domain.gateway import errors as G
from server.domain.gateway.dormancy import activity
from server.domain.gateway.ports import (
    Brand,
    GatewayStore,
    GatewayUnit,
    LoginSession,
    Player,
    WalletPlayer,
    WalletReader,
)
from server.security import hash_token, new_token

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CAD": "$", "SEK": "kr", "NOK": "kr", "CHF": "CHF"}


_BRAND_ID = re.compile(r"[0-9]{1,9}")


def parse_brand_id(raw: str) -> int | None:
    """A brand id is 1-9 ASCII digits, exactly as sent: no blanks, and no other
    Unicode digits (``²``, ``①``, ``١``), which str.isdigit() and int() accept."""
    if not raw or not _BRAND_ID.fullmatch(raw):
        return None
    return int(raw)


def required_actions(p: Player) -> list[str]:
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


@dataclass
class Caller:
    """An authenticated player session."""

    session: LoginSession
    player: Player
    brand: Brand


class Gateway(Timed[GatewayUnit]):
    """One unit of work (database transaction) of the player gateway, as its
    rules see it: the unit's stores (``uow``; ``repo`` is its players),
    the settings and the time the unit began (``now``). A ``UnitOfWork``
    itself: ``with gw: ...; gw.commit()``."""

    def __init__(self, uow: GatewayUnit, settings, now: datetime | None = None, clock: Now = utcnow) -> None:
        super().__init__(uow, now, clock)
        self.cfg = settings

    @property
    def repo(self) -> GatewayStore:
        return self.uow.players

    @property
    def wallet(self) -> WalletReader:
        return self.uow.wallet

    def caller(self, brand_raw: str, token: str | None, lock: bool = False) -> Caller:
        """The session of ``token`` on the brand of the path (unknown brand
        first, then the token)."""
        return self.authenticate(self.brand(brand_raw), token, lock=lock)

    def brand(self, raw: str) -> Brand:
        brand_id = parse_brand_id(raw)
        brand = self.repo.brand(brand_id) if brand_id is not None else None
        if brand is None:
            raise G.InvalidBrand("unknown brand")
        return brand

    def authenticate(self, brand: Brand, token: str | None, lock: bool = False) -> Caller:
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

    def open_session(self, p: Player) -> str:
        """A login session for ``p``; the account is active from now (a
        dormant one is reactivated: docs/compliance.md, "Dormant accounts")."""
        activity(p, self.uow.clock())
        self.repo.add(p)
        token = new_token(32)
        total = p.real_balance + p.bonus_balance
        summary = self.wallet.summary(wallet_player(p))
        if summary is not None:
            total = summary.real_balance + summary.bonus_balance
        self.repo.add(LoginSession(
            token_hash=hash_token(token), player_id=p.id, brand_id=p.brand_id, created_at=self.now,
            expires_at=self.now + timedelta(minutes=self.cfg.gateway_session_minutes),
            reality_checked_at=self.now, balance_at_login=total,
        ))
        return token


# ------------------------------------------------------------------ helpers


def wallet_player(p: Player) -> WalletPlayer:
    return WalletPlayer(p.brand_id, p.id, p.user_name, p.currency)


def phone_of(repo: GatewayStore, p: Player) -> str:
    d = repo.details(p.id)
    return d.phone if d else ""


def fraud_domains(brand: Brand) -> set[str]:
    return {x.strip().lower() for x in (brand.fraud_domains or "").split(",") if x.strip()}


def password_proof(v: Violations, password_ok: bool | None, what: str) -> None:
    if password_ok is None:
        v.add("password", "password_required", f"The current password is required for {what}.")
    elif not password_ok:
        v.add("password", "wrong_password", "The current password is not valid.")


def contact_proof(v: Violations, brand: Brand, password_ok: bool | None, what: str) -> None:
    """Re-authentication for an email or phone change: the vendor asks for
    none; a brand may require the current password (``contact_change_reauth``,
    stricter than the vendor). A password sent is checked in any case."""
    if brand.contact_change_reauth or password_ok is not None:
        password_proof(v, password_ok, what)


def phone_needs_code(brand: Brand, player: Player) -> bool:
    """Whether a new phone number waits for the SMS code sent to it. The
    vendor answers 403 mobile_verification_required "while verification is
    enabled - 2fa/verification": for a player with 2FA on, and on a brand
    whose ``phone_verification`` is on. Otherwise the number applies at once
    (the account's address is told either way; docs/gateway.md)."""
    return bool(player.is_2fa_required or brand.phone_verification)


def parse_date(value: str | None, fmt: str) -> date | None:
    try:
        return datetime.strptime((value or "").strip(), fmt).date()
    except ValueError:
        return None
