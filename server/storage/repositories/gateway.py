"""Player gateway persistence: implements ``server.domain.gateway.ports.GatewayStore``
and hands the domain its records (dataclasses), never rows (``Records``);
``SqlGatewayUnit`` is its unit of work (``GatewayUnit``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, text, update
from sqlmodel import Session, select

from server.domain.gateway import ports as gateway_ports
from server.domain.clock import SYSTEM, Now
from server.security import Vault
from server.storage.records import RecordsRepository
from server.storage.repositories.cashier import CashierRepository
from server.storage.repositories.events import EventRepository
from server.storage.repositories.games import GamesRepository
from server.storage.repositories.protection import ProtectionRepository
from server.storage.repositories.records import LedgerRecords
from server.storage.sql import SessionSql
from server.storage.unit import SqlUnit
from server.storage.models import (
    GatewayBrand,
    GatewayChallenge,
    GatewayCustomField,
    GatewayLink,
    GatewayLoginGuard,
    GatewayOutbox,
    GatewayPlayer,
    GatewayPlayerDetails,
    GatewayRegisterEvent,
    GatewaySession,
    GatewayVerificationNonce,
)

LOGIN_NAME = "gateway-login-name"
SMS_CODE = "gateway-sms-code"


RECORDS = {
    GatewayBrand: gateway_ports.Brand, GatewayPlayer: gateway_ports.Player, GatewaySession: gateway_ports.LoginSession, GatewayLink: gateway_ports.Link,
    GatewayChallenge: gateway_ports.Challenge, GatewayPlayerDetails: gateway_ports.PlayerDetails, GatewayCustomField: gateway_ports.CustomField,
    GatewayLoginGuard: gateway_ports.LoginGuard, GatewayRegisterEvent: gateway_ports.RegisterEvent,
}


class GatewayRepository(RecordsRepository):
    def __init__(self, session: Session, vault: Vault) -> None:
        self.vault = vault
        super().__init__(session, RECORDS)

    def _locked(self, q):
        return q.with_for_update() if self.s.bind.dialect.name == "postgresql" else q

    # brands
    def brand(self, brand_id: int) -> gateway_ports.Brand | None:
        self.rec.sync()
        return self.rec.out(self.s.get(GatewayBrand, brand_id))

    # players
    def player(self, player_id: int, lock: bool = False) -> gateway_ports.Player | None:
        """``lock``: locked for this unit of work (PostgreSQL) and read again,
        so the record holds what a concurrent writer has just committed."""
        q = select(GatewayPlayer).where(GatewayPlayer.id == player_id)
        if not lock:
            return self._one(q)
        self.rec.sync()
        q = self._locked(q).execution_options(populate_existing=True)
        return self.rec.out(self.s.exec(q).first(), refresh=True)

    def player_by_login(self, brand_id: int, login: str) -> gateway_ports.Player | None:
        key = login.strip().lower()
        q = select(GatewayPlayer).where(
            GatewayPlayer.brand_id == brand_id,
            (GatewayPlayer.user_name_key == key) | (GatewayPlayer.email_key == key),
        )
        return self._one(q)

    def player_by_email(self, brand_id: int, email: str) -> gateway_ports.Player | None:
        q = select(GatewayPlayer).where(GatewayPlayer.brand_id == brand_id,
                                        GatewayPlayer.email_key == email.strip().lower())
        return self._one(q)

    def player_by_user_name(self, brand_id: int, name: str) -> gateway_ports.Player | None:
        q = select(GatewayPlayer).where(GatewayPlayer.brand_id == brand_id,
                                        GatewayPlayer.user_name_key == name.strip().lower())
        return self._one(q)

    def email_taken(self, brand_id: int, email: str, except_player: int | None = None) -> bool:
        key = email.strip().lower()
        q = select(GatewayPlayer.id).where(
            GatewayPlayer.brand_id == brand_id,
            (GatewayPlayer.email_key == key) | (func.lower(GatewayPlayer.pending_email) == key),
        )
        if except_player is not None:
            q = q.where(GatewayPlayer.id != except_player)
        self.rec.sync()
        return self.s.exec(q.limit(1)).first() is not None

    def details(self, player_id: int) -> gateway_ports.PlayerDetails | None:
        self.rec.sync()
        return self.rec.out(self.s.get(GatewayPlayerDetails, player_id))

    # sessions
    def session_by_hash(self, token_hash: str, lock: bool = False) -> gateway_ports.LoginSession | None:
        q = select(GatewaySession).where(GatewaySession.token_hash == token_hash)
        return self._one(self._locked(q) if lock else q)

    def revoke_sessions(self, player_id: int, now: datetime, keep_id: int | None = None) -> None:
        # Only live sessions (an expired one needs no revocation): at most the
        # logins of one session lifetime, not every login the player ever had.
        q = update(GatewaySession).where(GatewaySession.player_id == player_id, GatewaySession.revoked_at.is_(None),
                                         GatewaySession.expires_at > now)
        if keep_id is not None:
            q = q.where(GatewaySession.id != keep_id)
        self.rec.sync()
        self.s.execute(q.values(revoked_at=now))

    def mark_reality_checked(self, session_id: int, seen: datetime, at: datetime) -> bool:
        self.rec.sync()
        done = self.s.execute(update(GatewaySession).where(
            GatewaySession.id == session_id, GatewaySession.reality_checked_at == seen).values(reality_checked_at=at)
            .execution_options(synchronize_session=False))
        return done.rowcount == 1

    # links
    def link_by_hash(self, hash_sha256: str, lock: bool = False) -> gateway_ports.Link | None:
        q = select(GatewayLink).where(GatewayLink.hash_sha256 == hash_sha256)
        return self._one(self._locked(q) if lock else q)

    def expire_links(self, player_id: int, purpose: str, now: datetime) -> None:
        """Older unused links of the same purpose stop working."""
        self.rec.sync()
        self.s.execute(update(GatewayLink).where(
            GatewayLink.player_id == player_id, GatewayLink.purpose == purpose, GatewayLink.used_at.is_(None)
        ).values(used_at=now))

    # 2FA
    def challenge_by_hash(self, token_hash: str, lock: bool = False) -> gateway_ports.Challenge | None:
        q = select(GatewayChallenge).where(GatewayChallenge.token_hash == token_hash)
        return self._one(self._locked(q) if lock else q)

    def challenge_activity(self, player_id: int, since: datetime) -> tuple[int, int]:
        """(SMS sends, code attempts) of the player's challenges created since ``since``."""
        q = select(func.coalesce(func.sum(GatewayChallenge.sends), 0),
                   func.coalesce(func.sum(GatewayChallenge.attempts), 0)).where(
            GatewayChallenge.player_id == player_id, GatewayChallenge.created_at >= since)
        self.rec.sync()
        sends, attempts = self.s.exec(q).one()
        return int(sends), int(attempts)

    def retire_challenges(self, player_id: int, purpose: str, now: datetime) -> None:
        self.rec.sync()
        self.s.execute(update(GatewayChallenge).where(
            GatewayChallenge.player_id == player_id, GatewayChallenge.purpose == purpose,
            GatewayChallenge.used_at.is_(None)).values(used_at=now))

    def code_hmac(self, challenge_token_hash: str, code: str) -> str:
        return self.vault.keyed_hash(challenge_token_hash + ":" + code, SMS_CODE)

    # login guard
    def guard(self, brand_id: int, login: str, lock: bool = False) -> gateway_ports.LoginGuard | None:
        key = self.guard_key(login)
        q = select(GatewayLoginGuard).where(GatewayLoginGuard.brand_id == brand_id, GatewayLoginGuard.key_hmac == key)
        return self._one(self._locked(q) if lock else q)

    def ensure_guard(self, brand_id: int, login: str, now: datetime) -> gateway_ports.LoginGuard:
        """The guard row of ``login``, created if missing (insert-or-ignore, so
        two first failures at once do not collide), locked for this unit of work."""
        dialect = self.s.bind.dialect.name
        values = dict(brand_id=brand_id, key_hmac=self.guard_key(login), failures=0, updated_at=now)
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        self.rec.sync()
        self.s.execute(insert(GatewayLoginGuard).values(**values).on_conflict_do_nothing())
        return self.guard(brand_id, login, lock=True)

    def guard_key(self, login: str) -> str:
        return self.vault.keyed_hash(login.strip().lower(), LOGIN_NAME)

    # custom fields
    def custom_fields(self, player_id: int) -> list[gateway_ports.CustomField]:
        q = select(GatewayCustomField).where(GatewayCustomField.player_id == player_id).order_by(
            GatewayCustomField.kind, GatewayCustomField.id)
        self.rec.sync()
        return self.rec.out_all(self.s.exec(q))

    def custom_fields_named(self, player_id: int, keys: set[tuple[str, str]]) -> list[gateway_ports.CustomField]:
        ids = sorted({fid for _, fid in keys})
        q = select(GatewayCustomField).where(GatewayCustomField.player_id == player_id,
                                             GatewayCustomField.field_id.in_(ids))
        self.rec.sync()
        return [r for r in self.rec.out_all(self.s.exec(q)) if (r.kind, r.field_id) in keys]

    def save_custom_fields(self, new: list[gateway_ports.CustomField], changed: list[gateway_ports.CustomField]) -> None:
        t = GatewayCustomField.__table__
        self.rec.sync()
        if new:
            self.s.execute(insert(t), [dict(player_id=r.player_id, kind=r.kind, field_id=r.field_id, name=r.name,
                                            str_value=r.str_value, int_value=r.int_value) for r in new])
        if changed:
            q = update(t).where(t.c.id == bindparam("row_id")).values(
                name=bindparam("new_name"), str_value=bindparam("new_str"), int_value=bindparam("new_int"))
            self.s.execute(q, [dict(row_id=r.id, new_name=r.name, new_str=r.str_value, new_int=r.int_value)
                               for r in changed])

    def custom_field_counts(self, player_id: int) -> dict[str, int]:
        q = select(GatewayCustomField.kind, func.count()).where(GatewayCustomField.player_id == player_id).group_by(
            GatewayCustomField.kind)
        self.rec.sync()
        return {kind: int(n) for kind, n in self.s.exec(q)}

    # dormancy (gateway_ports.DormancyStore): bounded claims, skipped by other hosts
    def brands(self) -> list[gateway_ports.Brand]:
        self.rec.sync()
        return self.rec.out_all(self.s.exec(select(GatewayBrand).order_by(GatewayBrand.id)))

    def _claim(self, q, limit: int) -> list[gateway_ports.Player]:
        self.rec.sync()
        q = q.order_by(GatewayPlayer.last_activity_at, GatewayPlayer.id).limit(limit)
        if self.s.bind.dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        return self.rec.out_all(self.s.exec(q.execution_options(populate_existing=True)))

    def notice_due(self, brand_id: int, inactive_since: datetime, limit: int) -> list[gateway_ports.Player]:
        P = GatewayPlayer
        return self._claim(select(P).where(P.brand_id == brand_id, P.dormant_at.is_(None),
                                           P.last_activity_at <= inactive_since, P.dormancy_notice_at.is_(None)),
                           limit)

    def dormant_due(self, brand_id: int, inactive_since: datetime, noticed_before: datetime,
                    limit: int) -> list[gateway_ports.Player]:
        P = GatewayPlayer
        return self._claim(select(P).where(P.brand_id == brand_id, P.dormant_at.is_(None),
                                           P.last_activity_at <= inactive_since,
                                           P.dormancy_notice_at <= noticed_before), limit)

    # outbox
    def queue(self, brand_id: int, player_id: int | None, channel: str, kind: str, recipient: str,
              subject: str, body: str) -> GatewayOutbox:
        row = GatewayOutbox(brand_id=brand_id, player_id=player_id, channel=channel, kind=kind,
                            recipient=recipient, subject=subject, body_enc=self.vault.encrypt(body))
        self.s.add(row)
        return row

    def outbox_for(self, player_id: int) -> list[GatewayOutbox]:
        q = select(GatewayOutbox).where(GatewayOutbox.player_id == player_id).order_by(GatewayOutbox.id)
        return list(self.s.exec(q))

    def body(self, row: GatewayOutbox) -> str:
        return self.vault.decrypt(row.body_enc)

    # licence gates (server.domain.identity)
    def vendor_secret(self, brand_id: int) -> str | None:
        row = self.s.get(GatewayBrand, brand_id)
        return self.vault.decrypt(row.verification_secret_enc) if row and row.verification_secret_enc else None

    def remember_nonce(self, brand_id: int, nonce: str, now: datetime, forget_before: datetime) -> bool:
        # Aged nonces go first (an index range on received_at: what arrived
        # in one window); then the nonce is taken once, under the key.
        n = GatewayVerificationNonce
        self.s.execute(delete(n).where(n.received_at < forget_before))
        if self.s.get(n, (brand_id, nonce)) is not None:
            return False
        self.s.add(n(brand_id=brand_id, nonce=nonce, received_at=now))
        self.s.flush()
        return True

    def set_play_hold(self, player_id: int, hold: bool) -> None:
        # The PAM wallet's row of the player (its id is the gateway ID as text).
        self.s.execute(text("UPDATE pam_player SET verification_hold = :h WHERE id = :p"),
                       {"h": hold, "p": str(player_id)})


class SqlGatewayUnit(SqlUnit):
    """``server.domain.gateway.ports.GatewayUnit``: the players, games,
    cashier and protections in one transaction, the PAM wallet's reader
    (``gateway_pam_wallet``; none by default) and the protection clock."""

    def __init__(self, db, write: bool, vault: Vault, wallet: gateway_ports.WalletReader | None = None,
                 clock: Now | None = None) -> None:
        super().__init__(db, write)
        self.vault = vault
        self.wallet = wallet or gateway_ports.NoWallet()
        self.clock = clock or SYSTEM.now

    def open(self, session: Session) -> None:
        self.players = GatewayRepository(session, self.vault)
        self.games = GamesRepository(session)
        self.cashier = CashierRepository(session)
        self.protections = ProtectionRepository(SessionSql(session))
        self.events = EventRepository(session)
        self.statements = LedgerRecords(session)
