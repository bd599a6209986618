"""Password checks without holding a lock, counted per account.

argon2id costs about 160 ms of CPU, so it never runs inside a write unit of
work (on SQLite that is the one write lock every PAM bet needs). A password
check is three short steps around the hash:

1. ``subject`` (read): who the login names, and the stored hash to verify
   against (a dummy one for an unknown login, so both cost the same);
2. ``reserve`` (write): the attempt is counted on the account's guard row
   *before* the hash is checked, atomically (the row is locked), so a burst
   of parallel wrong passwords gets at most ``max_failures`` checks; once the
   count is used up the account is locked;
3. ``settle`` (write): a right password resets the count (and must still be
   the account's password), a wrong one leaves it counted and locks the
   account when it reaches the limit.

The guard belongs to the account (``#player:<id>``): the user name and the
email address share one count. A login that names no account has its own
guard under the name as typed, so a lock tells nothing about existence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from server.domain import hashing, identity
from server.domain.gateway import errors as G
from server.domain.gateway import passwords, screening, twofa
from server.domain.gateway import register as reg
from server.domain.gateway.base import Gateway, phone_of, required_actions
from server.domain.gateway.model import LoginOutcome
from server.domain.gateway.passwords import DUMMY_HASH
from server.domain.outcome import Refusal
from server.domain.records import events
from server.domain.unit import Units


@dataclass(frozen=True)
class Subject:
    brand_id: int
    player_id: int | None
    password_hash: str
    guard_name: str


def account_guard(player_id: int) -> str:
    # Login names are [A-Za-z0-9_.-] and emails need an @: no login collides.
    return f"#player:{player_id}"


def subject(gw, brand, login: str) -> Subject:
    p = gw.repo.player_by_login(brand.id, login)
    if p is None:
        return Subject(brand.id, None, DUMMY_HASH, login.strip().lower())
    return Subject(brand.id, p.id, p.password_hash, account_guard(p.id))


def account_subject(player) -> Subject:
    return Subject(player.brand_id, player.id, player.password_hash, account_guard(player.id))


def reserve(gw, s: Subject) -> Refusal | None:
    """Count the attempt; a refusal (the account is locked) is answered after
    the unit of work commits."""
    guard = gw.repo.ensure_guard(s.brand_id, s.guard_name, gw.now)
    if guard.locked_until is not None:
        if guard.locked_until > gw.now:
            return Refusal(G.AccountLocked("locked"))
        guard.failures, guard.locked_until = 0, None  # the lock ran out: a fresh count
    if guard.failures >= gw.cfg.gateway_login_max_failures:
        # Every allowed attempt is in flight or used: lock now.
        guard.locked_until = gw.now + timedelta(minutes=gw.cfg.gateway_login_lock_minutes)
        guard.updated_at = gw.now
        gw.repo.add(guard)
        _locked_event(gw, s, guard)
        return Refusal(G.AccountLocked("locked"))
    guard.failures += 1
    guard.updated_at = gw.now
    gw.repo.add(guard)
    return None


def settle(gw, s: Subject, ok: bool):
    """The outcome of the check: the account's player row (locked) when the
    password was right and still is, else None (the failure stays counted)."""
    guard = gw.repo.ensure_guard(s.brand_id, s.guard_name, gw.now)
    player = gw.repo.player(s.player_id, lock=True) if ok and s.player_id is not None else None
    if player is not None and player.password_hash == s.password_hash:
        guard.failures, guard.locked_until, guard.updated_at = 0, None, gw.now
        gw.repo.add(guard)
        return player
    if events.burst_reached(guard.failures, gw.cfg.events_login_burst):
        events.record(gw.uow.events, events.Kind.LOGIN_FAILURES, gw.now, **_guard_subject(s),
                      failures=guard.failures, threshold=gw.cfg.events_login_burst)
    if guard.failures >= gw.cfg.gateway_login_max_failures and guard.locked_until is None:
        guard.locked_until = gw.now + timedelta(minutes=gw.cfg.gateway_login_lock_minutes)
        _locked_event(gw, s, guard)
    guard.updated_at = gw.now
    gw.repo.add(guard)
    return None


def _guard_subject(s: Subject) -> dict:
    """What a login event is about: the account (``player`` / ID), or, for
    a login naming no account, the guard (``login`` / brand) — never the
    name or address typed, which may be someone's personal data."""
    if s.player_id is not None:
        return {"brand_id": s.brand_id, "subject_type": "player", "subject_id": str(s.player_id), "client": "player",
                "guard": "account"}
    return {"brand_id": s.brand_id, "subject_type": "login", "subject_id": str(s.brand_id), "client": "player",
            "guard": "unknown_login"}


def _locked_event(gw: Gateway, s: Subject, guard) -> None:
    events.record(gw.uow.events, events.Kind.LOCKOUT, gw.now, **_guard_subject(s), failures=guard.failures,
                  locked_until=guard.locked_until.isoformat(timespec="seconds"))


def check(units: Units[Gateway], subj_of: Callable[[Gateway], Subject], password: str) -> tuple[Subject, bool]:
    """Steps 1-3 for a password: returns (subject, whether it was right).
    ``subj_of(gateway)`` names the account (step 1, read only). Every
    attempt takes one hash from the process's budget first, before any unit
    of work (over it: ``Throttled``, nothing counted or written). A locked
    account is answered after the count commits."""
    hashing.admit()
    subj = units.read(subj_of)
    units.write(lambda gw: reserve(gw, subj))
    ok = subj.player_id is not None and passwords.check_password(subj.password_hash, password)  # outside any lock
    return subj, ok


def password_ok(units: Units[Gateway], brand_raw: str, token: str | None, password: str | None) -> bool | None:
    """Whether ``password`` is the caller's (None: not sent). Checked like a
    login: counted on the account's guard first, argon2 outside any lock, so
    a stolen session token cannot be used to guess the password."""
    if password is None:
        return None
    subj, ok = check(units, lambda gw: account_subject(gw.caller(brand_raw, token).player), password)
    return units.write(lambda gw: settle(gw, subj, ok)) is not None


def login(units: Units[Gateway], brand_id: str, name: str, password: str, two_fa_token: str | None,
          registers: reg.Registers | None = None):
    """A whole login: the brand (400 first), the password checked outside any
    lock, the brand's national self-exclusion register for a right password
    (outside any unit; a fresh answer stands in), then the outcome (an error
    raised after its unit commits, a 2FA challenge or a session)."""
    name = (name or "").strip()

    def subj_of(gw):
        brand = gw.brand(brand_id)
        if not name or not password:
            raise G.BadCredentials("missing credentials")
        return subject(gw, brand, name)

    subj, ok = check(units, subj_of, password)
    answer = None
    if ok and subj.player_id is not None and registers is not None:
        answer = screening.at_login(units, registers, subj.player_id)
    return units.write(lambda gw: finish_login(gw, subj, ok, two_fa_token, answer))


def finish_login(gw: Gateway, subj: Subject, ok: bool, two_fa_token: str | None,
                 answer: reg.Answer | None = None) -> LoginOutcome | Refusal:
    """The last step of a login: the checked password's outcome, the
    register's answer (a listed person is refused: 403
    self_excluded_register), then 2FA or a new session."""
    p = settle(gw, subj, ok)
    if p is None:
        return Refusal(G.BadCredentials("bad credentials"))  # the failure stays counted
    brand = gw.repo.brand(p.brand_id) if answer is not None else None
    if brand is not None:
        refusal = screening.apply(gw, brand, p, reg.LOGIN, answer)
        if refusal is not None:
            return refusal
    if p.is_2fa_required and not twofa.use_login_challenge(gw, p, two_fa_token):
        if not twofa.sms_allowed(gw, p):
            return Refusal(G.ResendThrottled("SMS budget of the account used up"))
        return LoginOutcome(two_fa_token=twofa.new_challenge(gw, p, "login", phone_of(gw.repo, p)))
    brand = gw.repo.brand(p.brand_id)
    gates = identity.login_actions(brand.verification_policy, p.verification_status) if brand else []
    return LoginOutcome(token=gw.open_session(p), actions=required_actions(p) + gates, player_id=p.id,
                        currency=p.currency)


def logout(gw: Gateway, brand_raw: str, token: str | None) -> None:
    """The caller's login session ends, and the game sessions opened from it
    with it (docs/gateway.md)."""
    c = gw.caller(brand_raw, token)
    c.session.revoked_at = gw.now
    gw.repo.add(c.session)
    gw.uow.games.end_sessions_of_login(c.session.id, gw.now, "logout")
