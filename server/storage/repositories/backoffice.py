"""The back office's reads and the block flag
(``server.domain.backoffice.ports.BackofficeStore``), on an ORM unit of work.
A player is a gateway player (ID, user name, email, brand) and the PAM wallet
whose id is that ID as text; a PAM player without a gateway account is found
by its PAM id. ``SqlBackofficeUnit`` is the back office's unit of work
(``BackofficeUnit``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, update
from sqlmodel import Session, select

from server.domain.backoffice.model import (
    Balances,
    BrandSettings,
    DormantAccount,
    JurisdictionChange,
    LedgerLine,
    PlayerRecord,
    PlayerSummary,
)
from server.domain.gateway.base import required_actions
from server.domain.jurisdiction import Jurisdiction
from server.domain.players import player_number
from server.domain import identity
from server.security import Vault
from server.storage.holds import verification_hold
from server.storage.models import (
    GatewayBrand,
    GatewayPlayer,
    GatewayPlayerDetails,
    PamAccount,
    PamLedgerEntry,
    PamPlayer,
    PamTransaction,
    WalletMovement,
)
from server.domain.clock import SYSTEM, Now
from server.storage.repositories.audit import AuditRepository
from server.storage.repositories.cashier import CashierRepository
from server.storage.repositories.events import EventRepository
from server.storage.repositories.games import GamesRepository
from server.storage.repositories.outbox import OutboxRepository
from server.storage.repositories.records import LedgerRecords
from server.storage.repositories.protection import ProtectionRepository, has_protections, lock_wallet_creation
from server.storage.sql import SessionSql
from server.storage.unit import SqlUnit


class BackofficeRepository:
    def __init__(self, session: Session, vault: Vault | None = None) -> None:
        self.s = session
        self.vault = vault

    def _gateway(self, player_id: str) -> GatewayPlayer | None:
        n = player_number(player_id)  # the ID's one spelling: `033003139` is no player
        return self.s.get(GatewayPlayer, n) if n is not None else None

    def _summary(self, g: GatewayPlayer | None, pam: PamPlayer | None) -> PlayerSummary:
        if g is not None:
            return PlayerSummary(str(g.id), g.brand_id, g.user_name, g.email, pam.currency if pam else g.currency,
                                 bool(pam and pam.blocked))
        return PlayerSummary(pam.id, 0, "", "", pam.currency, pam.blocked)

    def find_players(self, query: str, brand_id: int | None, limit: int) -> list[PlayerSummary]:
        key = query.strip().lower()
        q = select(GatewayPlayer).where((GatewayPlayer.user_name_key == key) | (GatewayPlayer.email_key == key))
        if brand_id is not None:
            q = q.where(GatewayPlayer.brand_id == brand_id)
        found: dict[str, GatewayPlayer] = {str(p.id): p for p in self.s.exec(q.limit(limit))}
        g = self._gateway(query.strip())
        if g is not None and (brand_id is None or g.brand_id == brand_id):
            found.setdefault(str(g.id), g)
        out = [self._summary(p, self.s.get(PamPlayer, pid)) for pid, p in sorted(found.items())]
        if not out and brand_id is None:
            pam = self.s.get(PamPlayer, query.strip())
            if pam is not None:
                out.append(self._summary(None, pam))
        return out

    def player(self, player_id: str) -> PlayerRecord | None:
        g = self._gateway(player_id)
        pam = self.s.get(PamPlayer, player_id)
        if g is None and pam is None:
            return None
        a = self.s.get(PamAccount, player_id)
        balances = Balances(a.currency, a.cash_amount, a.bonus_amount, a.promo_amount) if a is not None else None
        if g is None:
            return PlayerRecord(self._summary(None, pam), country=pam.country, language=pam.language,
                                balances=balances, created_at=pam.created_at, gateway=False)
        d = self.s.get(GatewayPlayerDetails, g.id)
        return PlayerRecord(
            self._summary(g, pam), first_name=d.first_name if d else "", last_name=d.last_name if d else "",
            birthdate=d.birthdate if d else None, gender=d.gender if d else "", country=d.country if d else "",
            city=d.city if d else "", language=g.language, phone=d.phone if d else "",
            registration_complete=g.registration_complete, email_verified=g.email_verified,
            required_actions=tuple(required_actions(g)), test_account=g.test_account, balances=balances,
            created_at=g.created_at, jurisdiction=_jurisdiction(g),
        )

    def brand_exists(self, brand_id: int) -> bool:
        return self.s.get(GatewayBrand, brand_id) is not None

    def ledger(self, player_id: str, before_id: int | None, limit: int) -> list[LedgerLine]:
        e, t, m = PamLedgerEntry, PamTransaction, WalletMovement
        q = (select(e, t.transaction_type, t.provider, t.provider_transaction_id, t.provider_round_id,
                    m.source, m.source_ref, m.idempotency_key, m.kind, m.reason, m.actor)
             .join(t, t.id == e.transaction_id, isouter=True)
             # A movement's player is its entry's: matching it too reads the movements
             # through their player index instead of scanning the table (ledger_id has none).
             .join(m, and_(m.player_id == e.player_id, m.ledger_id == e.id), isouter=True)
             .where(e.player_id == player_id))
        if before_id is not None:
            q = q.where(e.id < before_id)
        out = []
        for row in self.s.exec(q.order_by(e.id.desc()).limit(limit)):
            x, ty, prov, ptid, prid, source, ref, key, kind, reason, actor = row
            reference = f"{source}:{ref}:{key}" if source else ""
            out.append(LedgerLine(
                x.id, x.created_at, x.kind, x.cash_delta, x.bonus_delta, x.promo_delta, x.cash_after, x.bonus_after,
                x.promo_after, transaction_type=ty or (kind.upper() if kind else ""), provider=prov or "",
                provider_transaction_id=ptid or "", provider_round_id=prid or "", reference=reference,
                reason=reason or "", actor=actor or "",
            ))
        return out

    def set_blocked(self, player_id: str, blocked: bool, now: datetime) -> bool:
        pam = self.s.get(PamPlayer, player_id)
        if pam is None:
            lock_wallet_creation(self.s, player_id)
            pam = self.s.get(PamPlayer, player_id)
        if pam is None:
            g = self._gateway(player_id)
            if g is None:
                return blocked  # nothing to block
            pam = PamPlayer(id=player_id, currency=g.currency, country=g.jurisdiction, language=g.language,
                            created_at=now, verification_hold=verification_hold(self.s, player_id))
            self.s.add(pam)
            self.s.flush()
            self.s.add(PamAccount(player_id=player_id, currency=g.currency, updated_at=now,
                                  protected=has_protections(self.s, player_id)))
            self.s.flush()
        was = bool(pam.blocked)
        self.s.exec(update(PamPlayer).where(PamPlayer.id == player_id).values(blocked=blocked))
        self.s.flush()
        self.s.expire(pam)
        return was

    # ------------------------------------------------------------ jurisdiction
    def jurisdiction(self, player_id: str) -> Jurisdiction | None:
        if not player_id.isascii() or not player_id.isdigit() or len(player_id) > 18:
            return None
        q = select(GatewayPlayer).where(GatewayPlayer.id == int(player_id)).execution_options(populate_existing=True)
        if self.s.bind.dialect.name == "postgresql":
            q = q.with_for_update()
        g = self.s.exec(q).first()
        return _jurisdiction(g) if g is not None else None

    def set_jurisdiction(self, player_id: str, j: Jurisdiction) -> None:
        g = self.s.get(GatewayPlayer, int(player_id))
        g.jurisdiction, g.pending_jurisdiction, g.jurisdiction_requested_at = j.country, j.pending, j.requested_at
        self.s.add(g)
        # The aggregator receives the wallet's country: it is the jurisdiction.
        self.s.exec(update(PamPlayer).where(PamPlayer.id == player_id, PamPlayer.country != j.country)
                    .values(country=j.country))
        self.s.flush()

    def verification(self, player_id: str) -> str | None:
        if player_number(player_id) is None:
            return None
        q = select(GatewayPlayer).where(GatewayPlayer.id == int(player_id)).execution_options(populate_existing=True)
        if self.s.bind.dialect.name == "postgresql":
            q = q.with_for_update()
        g = self.s.exec(q).first()
        return g.verification_status if g is not None else None

    def set_verification(self, player_id: str, status: str, now: datetime) -> None:
        g = self.s.get(GatewayPlayer, int(player_id))
        g.verification_status, g.verification_updated_at = status, now
        self.s.add(g)
        policy = self.s.get(GatewayBrand, g.brand_id).verification_policy
        self.s.exec(update(PamPlayer).where(PamPlayer.id == player_id)
                    .values(verification_hold=identity.play_hold(policy, status)))
    def two_factor(self, player_id: str) -> bool | None:
        if not player_id.isascii() or not player_id.isdigit() or len(player_id) > 18:
            return None
        g = self.s.get(GatewayPlayer, int(player_id))
        return bool(g.is_2fa_required) if g is not None else None

    def set_two_factor(self, player_id: str, enabled: bool) -> None:
        g = self.s.get(GatewayPlayer, int(player_id))
        g.is_2fa_required = enabled
        self.s.add(g)
        self.s.flush()

    def jurisdiction_changes(self, brand_id: int | None, limit: int) -> list[JurisdictionChange]:
        q = select(GatewayPlayer).where(GatewayPlayer.jurisdiction_requested_at.is_not(None))
        if brand_id is not None:
            q = q.where(GatewayPlayer.brand_id == brand_id)
        q = q.order_by(GatewayPlayer.jurisdiction_requested_at, GatewayPlayer.id).limit(limit)
        return [JurisdictionChange(str(g.id), g.brand_id, _jurisdiction(g)) for g in self.s.exec(q)]

    # ------------------------------------------------------------ dormancy
    def dormant_accounts(self, brand_id: int | None, before_id: int | None, limit: int) -> list[DormantAccount]:
        """A page, and the wallets of its players in one query."""
        q = select(GatewayPlayer).where(GatewayPlayer.dormant_at.is_not(None))
        if brand_id is not None:
            q = q.where(GatewayPlayer.brand_id == brand_id)
        if before_id is not None:
            q = q.where(GatewayPlayer.id < before_id)
        rows = list(self.s.exec(q.order_by(GatewayPlayer.id.desc()).limit(limit)))
        ids = [str(g.id) for g in rows]
        wallets = {a.player_id: a for a in self.s.exec(select(PamAccount).where(PamAccount.player_id.in_(ids)))} \
            if ids else {}
        return [_dormant(g, wallets.get(str(g.id))) for g in rows]

    # ------------------------------------------------------------ brands
    def brand_settings(self, brand_id: int) -> BrandSettings | None:
        b = self.s.get(GatewayBrand, brand_id)
        if b is None:
            return None
        return BrandSettings(b.id, b.contact_change_reauth, b.phone_verification, b.register_vendor, b.register_url,
                             bool(b.register_secret_enc), b.register_outage_registration, b.register_outage_play,
                             b.dormancy_months, b.large_win_threshold, min_age=b.min_age,
                             verification_policy=b.verification_policy, verification_url=b.verification_url,
                             verification_secret_set=b.verification_secret_enc is not None)

    def set_vendor_secret(self, brand_id: int, secret: str) -> None:
        if self.vault is None:
            raise RuntimeError("no vault")
        b = self.s.get(GatewayBrand, brand_id)
        b.verification_secret_enc = self.vault.encrypt(secret)
        self.s.add(b)

    def save_brand_settings(self, settings: BrandSettings) -> None:
        b = self.s.get(GatewayBrand, settings.brand_id)
        for name in _BRAND_SETTINGS:
            setattr(b, name, getattr(settings, name))
        self.s.add(b)
        self.s.flush()

    def set_register_secret(self, brand_id: int, secret: str) -> None:
        if self.vault is None:
            raise RuntimeError("a unit without the vault cannot store a secret")
        b = self.s.get(GatewayBrand, brand_id)
        b.register_secret_enc = self.vault.encrypt(secret) if secret else ""
        self.s.add(b)
        self.s.flush()


# The brand's columns a BrandSettings carries (the secret is set on its own).
_BRAND_SETTINGS = ("contact_change_reauth", "phone_verification", "register_vendor", "register_url",
                   "register_outage_registration", "register_outage_play", "dormancy_months",
                   "large_win_threshold", "min_age", "verification_policy", "verification_url")


def _dormant(g: GatewayPlayer, a: PamAccount | None) -> DormantAccount:
    b = (Balances(a.currency, a.cash_amount, a.bonus_amount, a.promo_amount) if a is not None
         else Balances(g.currency, g.real_balance, g.bonus_balance, Decimal(0)))
    return DormantAccount(g.id, g.brand_id, g.user_name, b, g.last_activity_at, g.dormancy_notice_at, g.dormant_at)


def _jurisdiction(g: GatewayPlayer) -> Jurisdiction:
    return Jurisdiction(g.jurisdiction, g.pending_jurisdiction, g.jurisdiction_requested_at)


class SqlBackofficeUnit(SqlUnit):
    """``server.domain.backoffice.ports.BackofficeUnit``: the players, the
    audit log, games, cashier, protections and the outboxes' dead letters in
    one transaction, and the protection clock."""

    def __init__(self, db, write: bool = False, clock: Now | None = None, vault: Vault | None = None) -> None:
        super().__init__(db, write)
        self.clock = clock or SYSTEM.now
        self.vault = vault

    def open(self, session: Session) -> None:
        self.players = BackofficeRepository(session, self.vault)
        self.audit = AuditRepository(session)
        self.games = GamesRepository(session)
        self.cashier = CashierRepository(session)
        self.protections = ProtectionRepository(SessionSql(session))
        self.outboxes = OutboxRepository(session)
        self.events = EventRepository(session)
        self.reports = LedgerRecords(session)
