"""Back-office servicer (package pitboss.backoffice.v1, gRPC port only):
decode, one domain call in one unit of work, encode. The caller (client and
acting user) comes from the back office's authenticator."""

from __future__ import annotations

from datetime import datetime

from pitboss.backoffice.v1 import backoffice_pb2
from pitboss.backoffice.v1 import backoffice_pb2_grpc
from server.domain.backoffice import dead_letters, dormancy, players
from server.domain.backoffice.model import BrandSettings, DeadLetter, DormantAccount, PlayerRecord, PlayerSummary
from server.domain.ledger import money_text
from server.domain.records import events
from server.domain.timestamps import utc_seconds
from server.domain.cashier.model import Account
from server.domain.games.model import CatalogueGame, GameSessionInfo, SessionFigures

OUTBOX = {backoffice_pb2.OUTBOX_VIP_NOTIFICATIONS: "vip_callbacks", backoffice_pb2.OUTBOX_MAIL: "mail"}
OUTBOX_ENUM = {v: k for k, v in OUTBOX.items()}
BALANCE = {backoffice_pb2.BALANCE_KIND_UNSPECIFIED: "cash", backoffice_pb2.BALANCE_KIND_CASH: "cash", backoffice_pb2.BALANCE_KIND_BONUS: "bonus",
           backoffice_pb2.BALANCE_KIND_PROMO: "promo"}
# UpdateBrandSettings's register fields -> players.RegisterChanges.
REGISTER_FIELDS = {"register_vendor": "vendor", "register_url": "url", "register_secret": "secret",
                   "register_outage_registration": "outage_registration", "register_outage_play": "outage_play",
                   "dormancy_months": "dormancy_months"}
DIRECTION = {backoffice_pb2.DIRECTION_CREDIT: True, backoffice_pb2.DIRECTION_DEBIT: False}


def summary(p: PlayerSummary) -> backoffice_pb2.PlayerSummary:
    return backoffice_pb2.PlayerSummary(player_id=p.player_id, brand_id=p.brand_id, user_name=p.user_name, email=p.email,
                            currency=p.currency, blocked=p.blocked)


def status(p: PlayerRecord) -> backoffice_pb2.PlayerStatus:
    j = p.jurisdiction
    return backoffice_pb2.PlayerStatus(blocked=p.summary.blocked, registration_complete=p.registration_complete,
                           email_verified=p.email_verified, required_actions=list(p.required_actions),
                           test_account=p.test_account, has_wallet=p.balances is not None,
                           jurisdiction=j.country, pending_jurisdiction=j.pending,
                           jurisdiction_requested_at=utc_seconds(j.requested_at))


def brand_settings(b: BrandSettings) -> backoffice_pb2.BrandSettings:
    return backoffice_pb2.BrandSettings(
        brand_id=b.brand_id, contact_change_reauth=b.contact_change_reauth, phone_verification=b.phone_verification,
        register_vendor=b.register_vendor, register_url=b.register_url, register_secret_set=b.register_secret_set,
        register_outage_registration=b.register_outage_registration, register_outage_play=b.register_outage_play,
        dormancy_months=b.dormancy_months, large_win_threshold=money_text(b.large_win_threshold),
        min_age=b.min_age, verification_policy=b.verification_policy, verification_url=b.verification_url,
        verification_secret_set=b.verification_secret_set)


def balances(currency: str, cash, bonus, promo) -> backoffice_pb2.Balances:
    return backoffice_pb2.Balances(currency=currency, cash=money_text(cash), bonus=money_text(bonus), promo=money_text(promo))


def game_session(g: GameSessionInfo, f: SessionFigures, now: datetime) -> backoffice_pb2.GameSession:
    reason = g.ended_reason or ("expired" if g.expires_at <= now else "")
    return backoffice_pb2.GameSession(
        game_session_id=g.public_id, player_id=g.pam_player_id, brand_id=g.brand_id, game_id=g.game_id,
        provider=g.provider, started_at=utc_seconds(g.created_at), expires_at=utc_seconds(g.expires_at), ended_at=utc_seconds(g.ended_at),
        ended_reason=reason, open=g.open(now), rounds=f.rounds, total_bets=money_text(f.total_bets),
        total_wins=money_text(f.total_wins),
    )


def catalogue_game(g: CatalogueGame) -> backoffice_pb2.CatalogueGame:
    return backoffice_pb2.CatalogueGame(brand_id=g.brand_id, game_id=g.game_id, provider=g.provider, name=g.name,
                            restricted_countries=list(g.restricted_countries), enabled=g.enabled, ggr_game=g.ggr_game)


class BackofficeServicer(backoffice_pb2_grpc.BackofficeServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.backoffice  # over the back office's unit, Backoffice (server/bootstrap.py)

    def _run(self, write: bool, fn):
        return self.units.run(write, fn)

    def FindPlayers(self, request, context):
        found = self._run(False, lambda bo: bo.find_players(request.query, request.brand_id))
        return backoffice_pb2.FindPlayersResponse(players=[summary(p) for p in found])

    def GetPlayer(self, request, context):
        p = self._run(False, lambda bo: bo.player(request.player_id))
        resp = backoffice_pb2.GetPlayerResponse(
            player=summary(p.summary), status=status(p), created_at=utc_seconds(p.created_at),
            profile=backoffice_pb2.PlayerProfile(first_name=p.first_name, last_name=p.last_name,
                                     birthdate=p.birthdate.isoformat() if p.birthdate else "", gender=p.gender,
                                     country=p.country, city=p.city, language=p.language, phone=p.phone),
        )
        if p.balances is not None:
            b = p.balances
            resp.balances.CopyFrom(balances(b.currency, b.cash, b.bonus, b.promo))
        return resp

    def ListLedger(self, request, context):
        page = self._run(False, lambda bo: bo.ledger(request.player_id, request.page_size, request.page_token))
        entries = [backoffice_pb2.LedgerEntry(
            id=x.id, at=utc_seconds(x.at), kind=x.kind, cash_delta=money_text(x.cash_delta),
            bonus_delta=money_text(x.bonus_delta), promo_delta=money_text(x.promo_delta),
            cash_after=money_text(x.cash_after), bonus_after=money_text(x.bonus_after),
            promo_after=money_text(x.promo_after), transaction_type=x.transaction_type, provider=x.provider,
            provider_transaction_id=x.provider_transaction_id, provider_round_id=x.provider_round_id,
            reference=x.reference, reason=x.reason, actor=x.actor,
        ) for x in page.items]
        return backoffice_pb2.ListLedgerResponse(entries=entries, next_page_token=page.next_token)

    def ListGameSessions(self, request, context):
        now = self.app.clock.now()
        rows = self._run(False, lambda bo: bo.game_sessions(request.player_id, request.limit))
        return backoffice_pb2.ListGameSessionsResponse(sessions=[game_session(g, f, now) for g, f in rows])

    def RevokeGameSession(self, request, context):
        g, f = self._run(True, lambda bo: bo.revoke_game_session(request.game_session_id, request.reason))
        return backoffice_pb2.RevokeGameSessionResponse(session=game_session(g, f, self.app.clock.now()))

    def BlockPlayer(self, request, context):
        p = self._run(True, lambda bo: bo.set_blocked(request.player_id, True, request.reason))
        return backoffice_pb2.BlockPlayerResponse(status=status(p))

    def UnblockPlayer(self, request, context):
        p = self._run(True, lambda bo: bo.set_blocked(request.player_id, False, request.reason))
        return backoffice_pb2.UnblockPlayerResponse(status=status(p))

    def AdjustBalance(self, request, context):
        m, after, replayed = self._run(True, lambda bo: bo.adjust(
            request.player_id, DIRECTION.get(request.direction), BALANCE.get(request.balance), request.amount,
            request.reason, request.idempotency_key))
        a: Account = after
        return backoffice_pb2.AdjustBalanceResponse(ledger_id=m.ledger_id, balances=balances(a.currency, a.cash, a.bonus, a.promo),
                                        replayed=replayed)

    def ListCatalogue(self, request, context):
        games, templates = self._run(False, lambda bo: bo.catalogue(request.brand_id))
        return backoffice_pb2.ListCatalogueResponse(games=[catalogue_game(g) for g in games], launch_templates=templates)

    def PutCatalogueGame(self, request, context):
        g = request.game
        new = CatalogueGame(g.brand_id, g.game_id, g.provider, g.name, tuple(g.restricted_countries), g.enabled,
                            g.ggr_game)
        saved = self._run(True, lambda bo: bo.put_game(new, request.reason))
        return backoffice_pb2.PutCatalogueGameResponse(game=catalogue_game(saved))

    def PutLaunchTemplate(self, request, context):
        t = self._run(True, lambda bo: bo.put_launch_template(request.brand_id, request.provider,
                                                               request.url_template, request.reason))
        return backoffice_pb2.PutLaunchTemplateResponse(brand_id=request.brand_id, provider=request.provider.strip().lower(),
                                            url_template=t)

    def ListAuditLog(self, request, context):
        page = self._run(False, lambda bo: bo.audit_log(request.subject_type, request.subject_id, request.page_size,
                                                         request.page_token))
        return backoffice_pb2.ListAuditLogResponse(entries=[backoffice_pb2.AuditEntry(
            id=r.id, at=utc_seconds(r.at), client=r.client, actor=r.actor, action=r.action, subject_type=r.subject_type,
            subject_id=r.subject_id, reason=r.reason, before_json=r.before_json, after_json=r.after_json,
        ) for r in page.items], next_page_token=page.next_token)

    # ------------------------------------------------------------ jurisdiction, brands
    def ListJurisdictionChanges(self, request, context):
        rows = self._run(False, lambda bo: players.jurisdiction_changes(bo, request.brand_id, request.limit))
        return backoffice_pb2.ListJurisdictionChangesResponse(changes=[backoffice_pb2.JurisdictionChange(
            player_id=c.player_id, brand_id=c.brand_id, jurisdiction=c.jurisdiction.country,
            requested=c.jurisdiction.pending, requested_at=utc_seconds(c.jurisdiction.requested_at)) for c in rows])

    def ConfirmJurisdictionChange(self, request, context):
        p = self._run(True, lambda bo: players.decide_jurisdiction(bo, request.player_id, request.country,
                                                                    request.reason, confirm=True))
        return backoffice_pb2.ConfirmJurisdictionChangeResponse(status=status(p))

    def RejectJurisdictionChange(self, request, context):
        p = self._run(True, lambda bo: players.decide_jurisdiction(bo, request.player_id, request.country,
                                                                    request.reason, confirm=False))
        return backoffice_pb2.RejectJurisdictionChangeResponse(status=status(p))

    def SetVerificationStatus(self, request, context):
        p = self._run(True, lambda bo: players.set_verification(bo, request.player_id, request.status, request.reason))
        return backoffice_pb2.SetVerificationStatusResponse(status=status(p), verification_status=request.status.strip())

    def GetBrandSettings(self, request, context):
        b = self._run(False, lambda bo: players.brand_settings(bo, request.brand_id))
        return backoffice_pb2.GetBrandSettingsResponse(settings=brand_settings(b))

    def UpdateBrandSettings(self, request, context):
        reauth = request.contact_change_reauth if request.HasField("contact_change_reauth") else None
        phone = request.phone_verification if request.HasField("phone_verification") else None
        given = {f: getattr(request, f) for f in REGISTER_FIELDS if request.HasField(f)}
        register = players.RegisterChanges(**{REGISTER_FIELDS[f]: x for f, x in given.items()})
        large = request.large_win_threshold if request.HasField("large_win_threshold") else None
        gates = players.LicenceGates(*(getattr(request, k) if request.HasField(k) else None for k in (
            "min_age", "verification_policy", "verification_url", "verification_secret")))
        b = self._run(True, lambda bo: players.update_brand_settings(bo, request.brand_id, reauth, request.reason,
                                                                     phone_verification=phone, register=register,
                                                                     large_win_threshold=large, gates=gates))
        return backoffice_pb2.UpdateBrandSettingsResponse(settings=brand_settings(b))

    def SetPlayerTwoFactor(self, request, context):
        on = self._run(True, lambda bo: players.set_two_factor(bo, request.player_id, request.enabled, request.reason))
        return backoffice_pb2.SetPlayerTwoFactorResponse(player_id=request.player_id, two_factor=on)

    # ---------------------------------------------------------- dead letters

    def ListDeadLetters(self, request, context):
        outbox = OUTBOX.get(request.outbox, "")
        page = self._run(False, lambda bo: dead_letters.list_dead_letters(
            bo, outbox, request.operator_id, request.brand_id, request.page_size, request.page_token))
        return backoffice_pb2.ListDeadLettersResponse(dead_letters=[dead_letter(d) for d in page.items],
                                          next_page_token=page.next_token)

    def ListSignificantEvents(self, request, context):
        q = events.parse_query(list(request.kinds), request.brand_id, request.subject_type, request.subject_id,
                               getattr(request, "from"), request.to, request.page_size, request.page_token)
        page = self._run(False, lambda bo: events.list_events(bo.uow.events, q))
        return backoffice_pb2.ListSignificantEventsResponse(events=[backoffice_pb2.SignificantEvent(
            id=e.id, at=utc_seconds(e.at), kind=e.kind, severity=e.severity, brand_id=e.brand_id or 0,
            subject_type=e.subject_type, subject_id=e.subject_id, actor=e.actor, client=e.client,
            detail_json=e.detail_json) for e in page.events], next_page_token=page.next_page_token)

    def RedriveDeadLetters(self, request, context):
        outbox = OUTBOX.get(request.outbox, "")
        count, more = self._run(True, lambda bo: dead_letters.redrive(
            bo, outbox, request.id, request.operator_id, request.brand_id, request.reason))
        return backoffice_pb2.RedriveDeadLettersResponse(redriven=count, more=more)

    def ListDormantAccounts(self, request, context):
        page = self._run(False, lambda bo: dormancy.list_dormant(bo, request.brand_id, request.page_size,
                                                                 request.page_token))
        return backoffice_pb2.ListDormantAccountsResponse(accounts=[dormant_account(a) for a in page.items],
                                                          next_page_token=page.next_token)


def dormant_account(a: DormantAccount) -> backoffice_pb2.DormantAccount:
    b = a.balances
    return backoffice_pb2.DormantAccount(
        player_id=str(a.player_id), brand_id=a.brand_id, user_name=a.user_name,
        balances=balances(b.currency, b.cash, b.bonus, b.promo), last_activity_at=utc_seconds(a.last_activity_at),
        notice_at=utc_seconds(a.notice_at), dormant_at=utc_seconds(a.dormant_at))


def dead_letter(d: DeadLetter) -> backoffice_pb2.DeadLetter:
    return backoffice_pb2.DeadLetter(outbox=OUTBOX_ENUM[d.outbox], id=d.id, operator_id=d.operator_id, brand_id=d.brand_id,
                         kind=d.kind, destination=d.destination, attempts=d.attempts, last_error=d.last_error,
                         created_at=utc_seconds(d.created_at), failing_since=utc_seconds(d.failing_since), dead_at=utc_seconds(d.dead_at))
