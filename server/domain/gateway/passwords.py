"""Passwords: hashing (argon2id), the mailed reset link, changing the password."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from server.domain import hashing
from server.domain.errors import Violations
from server.domain.gateway import errors as G
from server.domain.gateway import rules, texts
from server.domain.gateway.base import Caller, Gateway
from server.security import hash_token, new_token
from server.domain.gateway.ports import Brand, Link

# argon2id with the library's defaults (RFC 9106 low-memory profile).
PASSWORDS = PasswordHasher()
# A hash to verify against when the user is unknown, so both cases cost the same.
DUMMY_HASH = PASSWORDS.hash("pitboss-no-such-user-0")


def _hash(password: str) -> str:
    return PASSWORDS.hash(password)


def hash_password(password: str) -> str:
    """A new password's hash: one hash of the process's budget (``Throttled``
    over it), made in the hashing processes (server/domain/hashing.py)."""
    hashing.admit()
    return hashing.run(_hash, password)


def _verify(stored: str, password: str) -> bool:
    try:
        return PASSWORDS.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches ``stored``, in the hashing processes (the
    caller took its hash from the budget first: login.check)."""
    return hashing.run(_verify, stored, password)


def link(gw: Gateway, brand: Brand, h: str, purpose: str) -> Link:
    """The usable mailed link of ``h`` (locked), else general_failure."""
    found = gw.repo.link_by_hash(hash_token(h), lock=True) if h else None
    if (found is None or found.brand_id != brand.id or found.purpose != purpose or found.used_at is not None
            or found.expires_at <= gw.now):
        raise G.MessageFailure("general_failure")
    return found


def forgot(gw: Gateway, brand: Brand, mail: str) -> None:
    mail = (mail or "").strip()
    if not mail:
        raise G.MessageFailure("email_required")
    p = gw.repo.player_by_email(brand.id, mail)
    if p is None:
        # Same answer, nothing sent: no account enumeration. Hash anyway
        # so that both paths take about as long.
        hash_token(new_token(32))
        return
    gw.repo.expire_links(p.id, "reset", gw.now)
    h = new_token(32)
    gw.repo.add(Link(
        hash_sha256=hash_token(h), purpose="reset", player_id=p.id, brand_id=p.brand_id, email=p.email,
        created_at=gw.now, expires_at=gw.now + timedelta(minutes=gw.cfg.gateway_reset_minutes),
    ))
    gw.repo.queue(p.brand_id, p.id, "email", "password_reset", p.email, texts.RESET_SUBJECT,
                  texts.reset_body(p.user_name, gw.cfg.gateway_link_base, p.brand_id, h, gw.cfg.gateway_reset_minutes))


def reset_link(gw: Gateway, brand: Brand, h: str) -> None:
    """Refuses (general_failure) a reset hash that is not usable now."""
    link(gw, brand, h, "reset")


def verify_password(gw: Gateway, brand: Brand, h: str, new_password: str, new_hash: str = "") -> str | None:
    """Reset with a mailed hash; returns a login token when the player is
    logged in straight away (no 2FA), else None. ``new_hash``: the new
    password's argon2 hash, made before the unit of work."""
    found = link(gw, brand, h, "reset")
    p = gw.repo.player(found.player_id, lock=True)
    v = Violations()
    rules.password_violations(v, new_password, p.user_name, p.email)
    v.raise_if_any()
    found.used_at = gw.now
    gw.repo.add(found)
    p.password_hash = new_hash or hash_password(new_password)
    p.password_change_required = False
    if found.email.lower() == p.email_key:
        p.email_verified = True  # the reset link proved the mailbox
    gw.repo.add(p)
    gw.repo.revoke_sessions(p.id, gw.now)
    if p.is_2fa_required:
        return None
    return gw.open_session(p)


def change_password(gw: Gateway, c: Caller, old: str, new: str, old_ok: bool | None = None,
                    new_hash: str = "") -> bool:
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
    gw.repo.add(p)
    gw.repo.revoke_sessions(p.id, gw.now, keep_id=c.session.id)
    return p.tnc_signed_at is None
