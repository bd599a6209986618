"""Two-factor authentication by SMS code: challenges (for a login or a new
mobile number), sending and resending the code, checking it. Sends and wrong
codes are also counted per account in a window."""

from __future__ import annotations

import secrets
from datetime import timedelta

from server.domain.errors import ValidationFailed, Violations
from server.domain.gateway import errors as G
from server.domain.gateway import texts
from server.domain.gateway.base import Gateway, phone_of
from server.security import hash_token, new_token
from server.domain.outcome import Refusal
from server.domain.records import events
from server.domain.gateway.ports import Brand, Challenge, Player


def _new_code(gw: Gateway, ch_token_hash: str) -> tuple[str, str]:
    code = f"{secrets.randbelow(1_000_000):06d}"
    return code, gw.repo.code_hmac(ch_token_hash, code)


def new_challenge(gw: Gateway, p: Player, purpose: str, phone: str, new_mobile: str = "") -> str:
    token = new_token(24)
    th = hash_token(token)
    code, code_hmac = _new_code(gw, th)
    gw.repo.add(Challenge(
        token_hash=th, purpose=purpose, player_id=p.id, brand_id=p.brand_id, code_hmac=code_hmac,
        code_expires_at=gw.now + timedelta(minutes=gw.cfg.gateway_2fa_code_minutes),
        new_mobile=new_mobile, last_sent_at=gw.now, created_at=gw.now,
    ))
    _sms(gw, p, phone or new_mobile, code)
    return token


def _activity(gw: Gateway, p: Player) -> tuple[int, int]:
    """The account's SMS sends and wrong-code attempts in the window (the
    player row is locked first, so concurrent calls count one by one)."""
    gw.repo.player(p.id, lock=True)
    return gw.repo.challenge_activity(p.id, gw.now - timedelta(minutes=gw.cfg.gateway_2fa_window_minutes))


def sms_allowed(gw: Gateway, p: Player) -> bool:
    return _activity(gw, p)[0] < gw.cfg.gateway_2fa_max_sends_per_window


def _sms(gw: Gateway, p: Player, phone: str, code: str) -> None:
    gw.repo.queue(p.brand_id, p.id, "sms", "sms_code", phone or "(no phone)", "",
                  texts.sms_code(code, gw.cfg.gateway_2fa_code_minutes))


def _challenge(gw: Gateway, brand: Brand, token: str | None) -> Challenge:
    ch = gw.repo.challenge_by_hash(hash_token(token), lock=True) if token else None
    if ch is None or ch.brand_id != brand.id or ch.used_at is not None or ch.verified_at is not None:
        raise G.InvalidToken("unknown 2fa token")
    return ch


def use_login_challenge(gw: Gateway, p: Player, two_fa_token: str | None) -> bool:
    """Whether ``two_fa_token`` is a verified, unused login challenge of ``p``
    (then used up)."""
    if not two_fa_token:
        return False
    ch = gw.repo.challenge_by_hash(hash_token(two_fa_token), lock=True)
    if (ch is None or ch.player_id != p.id or ch.purpose != "login" or ch.verified_at is None
            or ch.used_at is not None
            or ch.verified_at + timedelta(minutes=gw.cfg.gateway_2fa_code_minutes) <= gw.now):
        return False
    ch.used_at = gw.now
    return True


def send_code(gw: Gateway, brand: Brand, token: str | None) -> None:
    ch = _challenge(gw, brand, token)
    if (ch.sends >= gw.cfg.gateway_2fa_max_sends
            or ch.last_sent_at + timedelta(seconds=gw.cfg.gateway_2fa_resend_seconds) > gw.now):
        raise G.ResendThrottled("resend throttled")
    p = gw.repo.player(ch.player_id)
    if not sms_allowed(gw, p):
        raise G.ResendThrottled("SMS budget of the account used up")
    code, ch.code_hmac = _new_code(gw, ch.token_hash)
    ch.code_expires_at = gw.now + timedelta(minutes=gw.cfg.gateway_2fa_code_minutes)
    ch.sends += 1
    ch.last_sent_at = gw.now
    gw.repo.add(ch)
    _sms(gw, p, ch.new_mobile or phone_of(gw.repo, p), code)


def _failed(gw: Gateway, ch: Challenge, why: str) -> None:
    """A wrong or expired code, a significant event (committed with the
    counted attempt)."""
    events.record(gw.uow.events, events.Kind.TWOFA_FAILED, gw.now, brand_id=ch.brand_id, subject_type="player",
                  subject_id=str(ch.player_id), client="player", purpose=ch.purpose, attempts=ch.attempts,
                  reason_code=why)


def validate_code(gw: Gateway, brand: Brand, token: str | None, code: str) -> Refusal | None:
    """None when the code is right; a refused code is counted (the unit
    commits), then answered."""
    ch = _challenge(gw, brand, token)
    if (ch.attempts >= gw.cfg.gateway_2fa_max_attempts
            or _activity(gw, gw.repo.player(ch.player_id))[1] >= gw.cfg.gateway_2fa_max_attempts_per_window):
        return Refusal(G.TooManyAttempts("Authentication attempts limit exceeded"))
    v = Violations()
    if not (code or "").strip():
        v.add("sms_code", "sms_code_required", "The code is required.")
        return Refusal(ValidationFailed(list(v.items)))
    ch.attempts += 1
    gw.repo.add(ch)
    if ch.code_expires_at <= gw.now:
        v.add("sms_code", "sms_code_expired", "The code has expired; ask for a new one.")
        _failed(gw, ch, "sms_code_expired")
        return Refusal(ValidationFailed(list(v.items)))
    if not secrets.compare_digest(gw.repo.code_hmac(ch.token_hash, code.strip()), ch.code_hmac):
        v.add("sms_code", "sms_code_invalid", "The code is not valid.")
        _failed(gw, ch, "sms_code_invalid")
        return Refusal(ValidationFailed(list(v.items)))
    ch.verified_at = gw.now
    if ch.purpose == "mobile":
        ch.used_at = gw.now
        d = gw.repo.details(ch.player_id)
        if d is not None:
            d.phone = ch.new_mobile
            d.pending_mobile_number = ""
            d.mobile_verification_status = 1
            d.mobile_verification_at = gw.now
            d.mobile_verification_by = "player"
            d.updated_at = gw.now
            gw.repo.add(d)
            events.personal_data_event(gw.uow.events, gw.now, str(ch.player_id), ch.brand_id,
                                       ["phone", "pending_mobile_number"], "mobile_verified")
    return None
