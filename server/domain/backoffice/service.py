"""Back-office operations. Each runs in one unit of work; each change appends
its audit record (client, acting user, action, subject, reason, before and
after) in the same transaction, so a change and its record commit together."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Self

from server.domain.backoffice import errors as backoffice_errors
from server.domain.backoffice.model import (
    KEY_MAX,
    REASON_MAX,
    AuditRecord,
    BackofficeCaller,
    LedgerLine,
    Paged,
    PlayerRecord,
    PlayerSummary,
)
from server.domain.backoffice.ports import AuditLog, BackofficeStore, BackofficeUnit, DeadLetterStore
from server.domain.cashier.model import BALANCES, Account, Movement, NewMovement
from server.domain.cashier.ports import WalletMovements
from server.domain.cashier.service import move
from server.domain.clock import Now, utcnow
from server.domain.unit import Timed
from server.domain.errors import Violations
from server.domain.games.model import CatalogueGame, GameSessionInfo, SessionFigures
from server.domain.games.ports import GamesStore
from server.domain.games.service import check_game
from server.domain.ledger import MAX_AMOUNT, SIX, money_text
from server.domain.protection.ports import ProtectionStore
from server.domain.protection.service import refuse_bonus
from server.domain.records.events import audit_event
from server.domain.validation import valid_player_id

PAGE_DEFAULT, PAGE_MAX = 50, 200
# Plain decimal text: digits, optionally a point and up to six places.
AMOUNT = re.compile(r"^[0-9]{1,9}(\.[0-9]{1,6})?$")


def page_size(n: int, v: Violations, name: str = "page_size") -> int:
    if n == 0:
        return PAGE_DEFAULT
    if not 1 <= n <= PAGE_MAX:
        v.add(name, "range", f"{name}: 1-{PAGE_MAX} (0: {PAGE_DEFAULT}).")
    return max(1, min(n, PAGE_MAX))


def encode_token(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_token(token: str) -> int | None:
    """The id a page token continues before; "" is the first page."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        if raw.startswith("id:") and raw[3:].isdigit() and len(raw) < 24:
            return int(raw[3:])
    except (ValueError, UnicodeDecodeError):
        pass
    v = Violations()
    v.add("page_token", "invalid", "page_token: not a token from a previous answer.")
    v.raise_if_any()
    return None


def _reason(v: Violations, reason: str, required: bool = True) -> str:
    r = (reason or "").strip()
    if (required and not r) or len(r) > REASON_MAX or (r and not r.isprintable()):
        v.add("reason", "required", f"reason: 1-{REASON_MAX} printable characters.")
    return r


def _player_id(v: Violations, raw: str) -> str:
    pid = valid_player_id(raw)
    if pid is None:
        v.add("player_id", "required", "player_id: a player ID (1-40 characters).")
    return pid or (raw or "").strip()


def parse_amount(v: Violations, raw: str) -> Decimal:
    text = (raw or "").strip()
    try:
        d = Decimal(text) if AMOUNT.match(text) else None
    except (InvalidOperation, ValueError):
        d = None
    if d is None or not d.is_finite() or d <= 0 or d > MAX_AMOUNT or d != d.quantize(SIX):
        v.add("amount", "invalid", f"amount: a decimal > 0, at most {MAX_AMOUNT}, with at most six places.")
        return Decimal("0")
    return d.quantize(SIX)


class Backoffice(Timed[BackofficeUnit]):
    """One unit of work of the back office, as its operations see it: the
    unit's stores (``uow``), the caller, the time the unit began (``now``)
    and the protection clock's (``protection_now``). A ``UnitOfWork`` itself:
    ``with bo: ...; bo.commit()``."""

    def __init__(self, uow: BackofficeUnit, caller: BackofficeCaller, now: datetime | None = None,
                 clock: Now = utcnow) -> None:
        super().__init__(uow, now, clock)
        self.caller = caller
        self.protection_now: datetime = self.now

    def __enter__(self) -> Self:
        super().__enter__()
        self.protection_now = self.uow.clock()
        return self

    @property
    def store(self) -> BackofficeStore:
        return self.uow.players

    @property
    def audit(self) -> AuditLog:
        return self.uow.audit

    @property
    def games(self) -> GamesStore:
        return self.uow.games

    @property
    def wallet(self) -> WalletMovements:
        return self.uow.cashier

    @property
    def protections(self) -> ProtectionStore:
        return self.uow.protections

    @property
    def outboxes(self) -> DeadLetterStore:
        return self.uow.outboxes

    def _audit(self, action: str, subject_type: str, subject_id: str, reason: str, before: dict[str, Any] | None,
               after: dict[str, Any] | None, brand_id: int | None = None) -> int:
        """The audit record of a change and, for the actions a regulator
        asks to see, its significant event (same transaction)."""
        audit_id = self.audit.append(client=self.caller.client, actor=self.caller.actor, action=action,
                                     subject_type=subject_type, subject_id=subject_id, reason=reason, before=before,
                                     after=after, at=self.now)
        audit_event(self.uow.events, self.caller, self.now, audit_id, action, subject_type, subject_id, before,
                    after, brand_id)
        return audit_id

    # ------------------------------------------------------------ players
    def find_players(self, query: str, brand_id: int) -> list[PlayerSummary]:
        q = (query or "").strip()
        if not q or len(q) > 254:
            v = Violations()
            v.add("query", "required", "query: a player ID, user name or email (1-254 characters).")
            v.raise_if_any()
        if brand_id < 0:
            v = Violations()
            v.add("brand_id", "invalid", "brand_id: a brand id, or 0 for every brand.")
            v.raise_if_any()
        return self.store.find_players(q, brand_id or None, PAGE_MAX)

    def player(self, player_id: str) -> PlayerRecord:
        v = Violations()
        pid = _player_id(v, player_id)
        v.raise_if_any()
        p = self.store.player(pid)
        if p is None:
            raise backoffice_errors.UnknownPlayer("No such player.")
        return p

    def ledger(self, player_id: str, size: int, token: str) -> Paged:
        v = Violations()
        pid = _player_id(v, player_id)
        n = page_size(size, v)
        v.raise_if_any()
        before = decode_token(token)
        self.player(pid)
        lines: list[LedgerLine] = self.store.ledger(pid, before, n + 1)
        more = len(lines) > n
        lines = lines[:n]
        return Paged(lines, encode_token(lines[-1].id) if more and lines else "")

    # ------------------------------------------------------- game sessions
    def game_sessions(self, player_id: str, limit: int) -> list[tuple[GameSessionInfo, SessionFigures]]:
        v = Violations()
        pid = _player_id(v, player_id)
        n = page_size(limit, v, "limit")
        v.raise_if_any()
        self.player(pid)
        return [(g, self.games.figures(g.pam_session_id)) for g in self.games.game_sessions(pid, n)]

    def revoke_game_session(self, public_id: str, reason: str) -> tuple[GameSessionInfo, SessionFigures]:
        v = Violations()
        r = _reason(v, reason)
        if not public_id or len(public_id) > 64:
            v.add("game_session_id", "required", "game_session_id: required.")
        v.raise_if_any()
        g = self.games.game_session(public_id)
        if g is None:
            raise backoffice_errors.UnknownGameSession("No such game session.")
        before = _session_json(g, self.now)
        if self.games.end_session(public_id, self.now, "revoked"):
            g = self.games.game_session(public_id)
            self._audit("game_session.revoke", "game_session", public_id, r, before, _session_json(g, self.now))
            if g is None:  # deleted meanwhile: answered like an unknown session
                raise backoffice_errors.UnknownGameSession("No such game session.")
        return g, self.games.figures(g.pam_session_id)

    # --------------------------------------------------------------- block
    def set_blocked(self, player_id: str, blocked: bool, reason: str) -> PlayerRecord:
        v = Violations()
        pid = _player_id(v, player_id)
        r = _reason(v, reason)
        v.raise_if_any()
        brand = self.player(pid).summary.brand_id or None
        was = self.store.set_blocked(pid, blocked, self.now)
        if was != blocked:
            self._audit("player.block" if blocked else "player.unblock", "player", pid, r,
                        {"blocked": was}, {"blocked": blocked}, brand)
        return self.player(pid)

    # --------------------------------------------------------------- money
    def adjust(self, player_id: str, credit: bool | None, balance: str | None, amount: str, reason: str,
               key: str) -> tuple[Movement, Account, bool]:
        v = Violations()
        pid = _player_id(v, player_id)
        if credit is None:
            v.add("direction", "required", "direction: CREDIT or DEBIT.")
        if balance not in BALANCES:
            v.add("balance", "invalid", "balance: CASH, BONUS or PROMO.")
        d = parse_amount(v, amount)
        r = _reason(v, reason)
        k = (key or "").strip()
        if not k or len(k) > KEY_MAX or not k.isprintable():
            v.add("idempotency_key", "required", f"idempotency_key: 1-{KEY_MAX} printable characters.")
        v.raise_if_any()
        brand = self.player(pid).summary.brand_id or None
        m = NewMovement(player_id=pid, source="backoffice", source_ref=self.caller.client, key=k,
                        kind="credit" if credit else "debit", balance=balance, amount=d, reason=r,  # type: ignore[arg-type]
                        actor=self.caller.actor, now=self.now)
        before = self.wallet.account(pid, lock=True)  # under the wallet lock: the audit's "before" is exact
        if (credit and balance != "cash"
                and self.wallet.movement(m.source, m.source_ref, k) is None):  # a retry answers as before
            # Read under the wallet lock, which every change of protections
            # takes first. Cash credits are not refused, nor counted as deposits.
            refuse_bonus(self.protections, pid, self.protection_now or self.now)
        done, after, replayed = move(self.wallet, m)
        if not replayed:
            self._audit(f"balance.{m.kind}", "player", pid, r,
                        _balances_json(before), {**_balances_json(after), "amount": money_text(d), "balance": balance,
                                                 "idempotency_key": k, "ledger_id": done.ledger_id}, brand)
        return done, after, replayed

    # ----------------------------------------------------------- catalogue
    def _brand(self, brand_id: int) -> None:
        if brand_id <= 0 or not self.store.brand_exists(brand_id):
            raise backoffice_errors.UnknownBrand("No such brand.")

    def catalogue(self, brand_id: int) -> tuple[list[CatalogueGame], dict[str, str]]:
        self._brand(brand_id)
        games = self.games.catalogue(brand_id)
        providers = sorted({g.provider for g in games})
        templates = {p: t for p in providers if (t := self.games.launch_template(brand_id, p)) is not None}
        return games, templates

    def put_game(self, g: CatalogueGame, reason: str) -> CatalogueGame:
        v = Violations()
        r = _reason(v, reason)
        v.raise_if_any()
        self._brand(g.brand_id)
        g = check_game(self.games, g)
        before = self.games.catalogue_game(g.brand_id, g.game_id)
        self.games.save_catalogue_game(g, self.now)
        after = self.games.catalogue_game(g.brand_id, g.game_id)
        self._audit("catalogue.put", "game", f"{g.brand_id}/{g.game_id}", r, _game_json(before), _game_json(after))
        return after  # type: ignore[return-value]

    def put_launch_template(self, brand_id: int, provider: str, template: str, reason: str) -> str:
        from urllib.parse import urlsplit

        v = Violations()
        r = _reason(v, reason)
        prov = (provider or "").strip().lower()
        if not prov or not self.games.provider_exists(prov):
            v.add("provider", "unknown", "provider: not a provider known to the PAM.")
        t = (template or "").strip()
        try:
            u = urlsplit(t.replace("{", "").replace("}", ""))
            ok = u.scheme in ("http", "https") and bool(u.hostname) and len(t) <= 512 and t.isprintable()
        except ValueError:
            ok = False
        if not ok:
            v.add("url_template", "invalid", "url_template: an absolute http(s) URL of at most 512 characters.")
        v.raise_if_any()
        self._brand(brand_id)
        before = self.games.launch_template(brand_id, prov)
        self.games.save_launch_template(brand_id, prov, t)
        self._audit("launch_template.put", "launch_template", f"{brand_id}/{prov}", r,
                    {"url_template": before}, {"url_template": t})
        return t

    # ----------------------------------------------------------- audit log
    def audit_log(self, subject_type: str, subject_id: str, size: int, token: str) -> Paged:
        v = Violations()
        n = page_size(size, v)
        if bool(subject_type) != bool(subject_id) or len(subject_type) > 32 or len(subject_id) > 64:
            v.add("subject_type", "invalid", "subject_type and subject_id: both or neither.")
        v.raise_if_any()
        before = decode_token(token)
        rows: list[AuditRecord] = self.audit.page(subject_type or None, subject_id or None, before, n + 1)
        more = len(rows) > n
        rows = rows[:n]
        return Paged(rows, encode_token(rows[-1].id) if more and rows else "")


def _balances_json(a: Account | None) -> dict[str, Any]:
    if a is None:
        return {}
    return {"currency": a.currency, "cash": money_text(a.cash), "bonus": money_text(a.bonus),
            "promo": money_text(a.promo)}


def _game_json(g: CatalogueGame | None) -> dict[str, Any]:
    if g is None:
        return {}
    return {"provider": g.provider, "name": g.name, "restricted_countries": list(g.restricted_countries),
            "enabled": g.enabled, "ggr_game": g.ggr_game}


def _session_json(g: GameSessionInfo | None, now: datetime) -> dict[str, Any]:
    if g is None:
        return {}
    return {"player_id": g.pam_player_id, "game_id": g.game_id, "provider": g.provider, "open": g.open(now),
            "expires_at": g.expires_at.isoformat(timespec="seconds"),
            "ended_at": g.ended_at.isoformat(timespec="seconds") if g.ended_at else None}
