"""Player gateway servicer: decode, call the domain, encode.

Every call checks the brand of the path first (unknown brand: 400), then the
`x-auth-token` (401), inside one database transaction. Successes other than
200 and alternative bodies go through ``edge.answer``.
"""

from __future__ import annotations

from pitboss.gateway.v1 import gateway_pb2 as pb
from pitboss.gateway.v1 import gateway_pb2_grpc
from server.api import edge
from server.api.auth import caller
from server.api.codec import money, opt, value
from server.api.gateway_games import GameMethods
from server.domain.cashier.status import with_cashier
from server.domain.gateway import consents, emails, messages, passwords, profile, registration, status, twofa
from server.domain.gateway import errors as G
from server.domain.gateway import login as login_steps
from server.domain.gateway.auth import GatewayCredentials
from server.domain.gateway.core import Gateway
from server.domain.gateway.model import DetailsChanges, RealityCheckView, Registration, RegistrationTwo, StatusView
from server.domain.gateway.passwords import hash_password
from server.domain.protection import service as protection
from server.domain.protection.model import StatusView as ProtectionView
from server.storage.repositories.cashier import CashierRepository
from server.storage.repositories.games import GamesRepository
from server.storage.repositories.gateway import GatewayRepository
from server.storage.repositories.gateway_pam_wallet import PamWalletReader
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import SessionSql

# What login's `actions` offers the site on HTTP 200 (the vendor's menu names,
# player-gateway.md): the responsible-gaming endpoints behind them.
MENU = ["responsible_gaming", "limits", "timeout", "self_exclusion"]


def _creds() -> GatewayCredentials:
    c = caller()
    return c if isinstance(c, GatewayCredentials) else GatewayCredentials()


class PlayerGatewayServicer(GameMethods, gateway_pb2_grpc.PlayerGatewayServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.wallet = PamWalletReader(app.db)

    def _gw(self, s) -> Gateway:
        return Gateway(GatewayRepository(s, self.app.vault), self.app.settings, self.wallet)

    def _password_ok(self, brand_id: str, password: str | None) -> bool | None:
        """Whether ``password`` is the caller's (None: not sent). Checked like a
        login: counted on the account's guard first, argon2 outside any lock,
        so a stolen session token cannot be used to guess the password."""
        if password is None:
            return None
        subj, ok = login_steps.check(
            self._unit, lambda gw: login_steps.account_subject(self._player(gw, brand_id).player), password)
        return self._unit(True, lambda gw: login_steps.settle(gw, subj, ok)) is not None

    def _protections(self, s) -> ProtectionRepository:
        return ProtectionRepository(SessionSql(s))

    def _in_force(self, s, player_id: int, currency: str) -> pb.ResponsibleGaming | None:
        """What is in force for login and online status; None (the key is
        left out, so the seed's answers are unchanged) when nothing is."""
        view = protection.status(self._protections(s), str(player_id), self.app.clock(), currency)
        if view.state == "active" and not view.limits:
            return None
        return pb.ResponsibleGaming(**rg_fields(view))

    def _opt_out(self, s, player_id: int, stored: dict) -> dict:
        """While a time-out or exclusion runs, no marketing opt-in counts: every
        channel answers opted out (the stored choices come back when it ends)."""
        state, _ = protection.restriction_state(self._protections(s).load(str(player_id)), self.app.clock())
        return {k: True for k in stored} if state != "active" else stored

    def _player(self, gw: Gateway, brand_id: str, lock: bool = False):
        brand = gw.brand(brand_id)
        return gw.authenticate(brand, _creds().auth_token, lock=lock)

    # ---------------------------------------------------------- personal data

    def GetPersonalDetails(self, request, context):
        with self.app.db.session() as s:
            gw = self._gw(s)
            c = self._player(gw, request.brand_id)
            v = profile.details(gw, c)
            opt_out = self._opt_out(s, c.player.id, v.opt_out)
        return pb.GetPersonalDetailsResponse(
            first_name=v.first_name, last_name=v.last_name, birthdate=v.birthdate, gender=v.gender,
            language=v.language, country=v.country, city=v.city, address=v.address,
            zip_postal_code=v.zip_postal_code, phone=v.phone,
            e_mail=pb.EmailStatus(e_mail_adress=v.email, is_verified=v.email_verified),
            opt_out=pb.OptOut(**opt_out), is2fa_required=v.is_2fa_required,
            mobile_verification_status=v.mobile_verification_status,
            mobile_verification_status_date=v.mobile_verification_status_date,
            mobile_verification_status_changed_by=v.mobile_verification_status_changed_by,
            pending_mobile_number=v.pending_mobile_number,
        )

    def UpdatePersonalDetails(self, request, context):
        names = ("last_name", "first_name", "birthdate", "gender", "language", "country", "city", "address",
                 "zip_postal_code", "phone", "comment", "operator", "reality_check_period")
        changes = DetailsChanges(
            **{n: opt(request, n) for n in names},
            opt_out=value(request.opt_out) if request.HasField("opt_out") else None,
        )
        proof = self._password_ok(request.brand_id, opt(request, "password"))
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            challenge = profile.update_details(gw, self._player(gw, request.brand_id), changes, proof)
        if challenge is None:
            edge.answer(context, 204, empty=True)
            return pb.UpdatePersonalDetailsResponse()
        body = pb.MobileVerificationRequired(
            status="mobile_verification_required",
            data=pb.MobileVerificationData(mobile_number=challenge.mobile_number,
                                           two_fa_auth_token=challenge.two_fa_token),
        )
        edge.answer(context, 403, edge.to_json_dict(body))
        return pb.UpdatePersonalDetailsResponse(mobile_verification=body)

    def GetCustomFields(self, request, context):
        with self.app.db.session() as s:
            gw = self._gw(s)
            rows = profile.custom_fields(gw, self._player(gw, request.brand_id))
        resp = pb.GetCustomFieldsResponse()
        for r in rows:
            if r.kind == "str":
                resp.str_custom_fields.add(id=r.field_id, name=r.name, value=r.str_value)
            else:
                resp.int_custom_fields.add(id=r.field_id, name=r.name, value=r.int_value)
        return resp

    def UpdateCustomFields(self, request, context):
        strs = [(f.id, f.name, f.value) for f in request.str_custom_fields]
        ints = [(f.id, f.name, f.value) for f in request.int_custom_fields]
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            profile.update_custom_fields(gw, self._player(gw, request.brand_id), strs, ints)
        return pb.UpdateCustomFieldsResponse(result="success")

    def UpdateEmail(self, request, context):
        proof = self._password_ok(request.brand_id, opt(request, "password"))
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            emails.update_email(gw, self._player(gw, request.brand_id), request.email, opt(request, "comment"), proof)
        edge.answer(context, 204, empty=True)
        return pb.UpdateEmailResponse()

    # ---------------------------------------------------------- admission

    def ForgotPassword(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            passwords.forgot(gw, gw.brand(request.brand_id), request.mail)
        edge.answer(context, 201)
        return pb.ForgotPasswordResponse(message_format="forgot_email_sent")

    def VerifyPassword(self, request, context):
        new = request.body.new_password
        # A bad link is refused before any hashing; argon2 then runs outside
        # the write unit (which checks the link again).
        self._unit(False, lambda gw: passwords.reset_link(gw, gw.brand(request.brand_id), request.hash))
        new_hash = hash_password(new) if new else ""
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            token = passwords.verify_password(gw, gw.brand(request.brand_id), request.hash, new, new_hash)
        resp = pb.VerifyPasswordResponse(message_format="password_successfully_changed")
        if token:
            resp.token = token
            edge.answer(context, 202)
        return resp

    def ChangePassword(self, request, context):
        old, new = request.old_password, request.new_password
        # Both argon2 runs outside the write unit; the old password is
        # counted like a login (a stolen token cannot guess it freely).
        old_ok = self._password_ok(request.brand_id, old)
        new_hash = hash_password(new) if new else ""
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            tnc = passwords.change_password(gw, self._player(gw, request.brand_id), old, new, old_ok, new_hash)
        if tnc:
            edge.answer(context, 303)
            return pb.ChangePasswordResponse(message_format="tnc_approval_required")
        edge.answer(context, 202)
        return pb.ChangePasswordResponse(message_format="password_replaced")

    def ResendActivationEmail(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            emails.resend_activation(gw, self._player(gw, request.brand_id))
        return pb.ResendActivationEmailResponse(msg="Activation Email was sent.")

    def VerifyEmail(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            emails.verify_email(gw, gw.brand(request.brand_id), request.hash)
        return pb.VerifyEmailResponse(message_format="email_verified")

    def SignTnc(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            remaining = consents.sign(gw, self._player(gw, request.brand_id), request.player_id, request.type)
        if remaining:
            edge.answer(context, 303, {"sign: ": remaining})
        else:
            edge.answer(context, 201, {"result": "successfully signed TNC"})
        return pb.SignTncResponse(sign=remaining)

    # ---------------------------------------------------------- online player

    def _status(self, request, context, ingame: bool):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            c = self._player(gw, request.brand_id, lock=True)
            view, check = status.online_status(gw, c)
            view = with_cashier(view, CashierRepository(s).figures(str(c.player.id)))
            rg = self._in_force(s, c.player.id, c.player.currency)
        fields = status_fields(view, ingame)
        if rg is not None and rg.state != "active":
            fields["bonus_opt_out"] = 1  # no marketing opt-in counts meanwhile (docs/protection.md)
        if not ingame and rg is not None:
            fields["responsible_gaming"] = rg
        rc = encode_reality_check(check, ingame) if check is not None else None
        if rc is not None:
            edge.answer(context, 303, edge.to_json_dict(rc))
            fields["reality_check"] = rc
        return fields

    def GetOnlineStatus(self, request, context):
        return pb.GetOnlineStatusResponse(**self._status(request, context, ingame=False))

    def GetInGameStatus(self, request, context):
        return self._in_game_status(request, context)  # server/api/gateway_games.py

    def GetPlayerInfo(self, request, context):
        with self.app.db.session() as s:
            gw = self._gw(s)
            v = status.player_info(gw, self._player(gw, request.brand_id))
        return pb.GetPlayerInfoResponse(
            player_id=pb.PlayerId(username=v.username, id=v.id, brand=v.brand), first_name=v.first_name,
            last_name=v.last_name, gender=v.gender, email=v.email, vip_level=v.vip_level, country=v.country,
            test_account=v.test_account, currency_name=v.currency_name, currency_symbol=v.currency_symbol,
            b_tag=v.btag,
        )

    # ---------------------------------------------------------- login

    def _unit(self, write: bool, fn):
        with self.app.db.session(write=write) as s:
            return fn(self._gw(s))

    def Login(self, request, context):
        name = opt(request, "user_name") or opt(request, "email") or ""
        # argon2 runs between units of work, never under a lock (login.py).
        out = login_steps.login(self._unit, request.brand_id, name, request.password, _creds().two_fa_token)
        out.raise_if_failed()  # after the commit: failed attempts are counted
        if out.two_fa_token:
            edge.answer(context, 403, {"status": "2fa_required", "data": {"2fa_auth_token": out.two_fa_token}})
            return pb.LoginResponse(result="2FA_REQUIRED", two_fa_auth_token=out.two_fa_token)
        result = out.actions[0] if out.actions else "OK"
        if out.actions:
            edge.answer(context, 303, {"token": out.token, "result": result, "actions": out.actions})
            return pb.LoginResponse(auth_token=out.token, result=result, actions=out.actions)
        with self.app.db.session() as s:
            rg = self._in_force(s, out.player_id, out.currency)
        return pb.LoginResponse(auth_token=out.token, result=result, actions=MENU, responsible_gaming=rg)

    def Logout(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            c = self._player(gw, request.brand_id)
            login_steps.logout(gw, c)
            # The game sessions opened from this login end with it (docs/gateway.md).
            GamesRepository(s).end_sessions_of_login(c.session.id, gw.now, "logout")
        return pb.LogoutResponse(result="successful logout")

    def RegisterStepOne(self, request, context):
        r = Registration(
            login_name=request.login_name, email=request.email, password=request.password, over18=request.over18,
            sign_tnc=request.sign_tnc, sign_privacy=request.sign_privacy, language=request.language,
            btag=request.btag, bonus_code=request.bonus_code, currency=request.currency,
            # argon2 before the write unit, not under its lock.
            password_hash=hash_password(request.password) if request.password else "",
        )
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            token, player = registration.register_one(gw, gw.brand(request.brand_id), r)
            player_id = player.id
        return pb.RegisterStepOneResponse(auth_token=token, result="OK", player_id=player_id)

    def RegisterStepTwo(self, request, context):
        r = RegistrationTwo(
            first_name=request.first_name, last_name=request.last_name, birth_date=request.birth_date,
            gender=request.gender, language=request.language, country=request.country, city=request.city,
            address=request.address, zip_code=request.zip_code, mobile_number=request.mobile_number,
        )
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            registration.register_two(gw, gw.brand(request.brand_id), request.auth_token or _creds().auth_token, r)
        return pb.RegisterStepTwoResponse(result="OK")

    def SendCode(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            twofa.send_code(gw, gw.brand(request.brand_id), _creds().two_fa_token)
        return pb.SendCodeResponse(result="code_sent")

    def ValidateCode(self, request, context):
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            out = twofa.validate_code(gw, gw.brand(request.brand_id), _creds().two_fa_token, request.sms_code)
        out.raise_if_failed()  # after the commit: the attempt is counted
        return pb.ValidateCodeResponse(result="OK")

    # ---------------------------------------------------------- player protection

    def _protect(self, request, fn, response):
        """``fn(store, player_id, brand_id, now, currency)`` in one write unit
        for the token's player; answers what is then in force."""
        with self.app.db.session(write=True) as s:
            gw = self._gw(s)
            c = self._player(gw, request.brand_id)
            p = c.player
            view = fn(self._protections(s), str(p.id), c.brand.id, self.app.clock(), p.currency)
        return response(**rg_fields(view))

    def GetLimits(self, request, context):
        with self.app.db.session() as s:
            gw = self._gw(s)
            p = self._player(gw, request.brand_id).player
            view = protection.status(self._protections(s), str(p.id), self.app.clock(), p.currency)
        return pb.GetLimitsResponse(**rg_fields(view))

    def SetLimits(self, request, context):
        body = value_struct(request.limits) if request.HasField("limits") else None
        return self._protect(request, lambda store, pid, brand, now, cur: protection.set_limits(
            store, pid, brand, body, now, currency=cur), pb.SetLimitsResponse)

    def TakeTimeout(self, request, context):
        return self._protect(request, lambda store, pid, brand, now, cur: protection.take_timeout(
            store, pid, brand, request.period, now, currency=cur), pb.TakeTimeoutResponse)

    def SelfExclude(self, request, context):
        return self._protect(request, lambda store, pid, brand, now, cur: protection.self_exclude(
            store, pid, brand, request.period, now, currency=cur), pb.SelfExcludeResponse)

    def GetMessageFormat(self, request, context):
        m = messages.find(request.message_string)
        if m is None:
            raise G.UnknownMessage("no such message format")
        return pb.GetMessageFormatResponse(
            type=m.type, title=m.title, content=m.content, button_1_text=m.button_1_text,
            button_1_link=m.button_1_link, button_2_text=m.button_2_text, button_2_link=m.button_2_link,
        )


def status_fields(v: StatusView, ingame: bool) -> dict:
    out = dict(
        marketing_segmentation=v.marketing_segmentation, tag_status=v.tag_status, deposit_count=v.deposit_count,
        vip_level=v.vip_level, average_deposit=money(v.average_deposit), billboard=v.billboard,
        segmentation_id=v.segmentation_id, max_balance=v.max_balance_cents, ut=v.ut, decline=v.decline,
        vip_segment=v.vip_segment, total_balance=money(v.total_balance),
        pending_withdrawal=money(v.pending_withdrawal), total_withdrawals=money(v.total_withdrawals),
        last_bet=v.last_bet, last_deposit=v.last_deposit, last_deposit_amount=money(v.last_deposit_amount),
        rounds_since_login=v.rounds_since_login, balance_since_login=money(v.balance_since_login),
        player_id_link=v.player_id_link, bonus_opt_out=v.bonus_opt_out, real_balance=money(v.real_balance),
        free_traffic=v.free_traffic, deposits_amount=money(v.deposits_amount), chat_opt_out=v.chat_opt_out,
    )
    if not ingame:
        out.update(bonus_balance=money(v.bonus_balance), max_win=money(v.max_win),
                   wagering_balance=money(v.wagering_balance), wagering_complete=v.wagering_complete)
    return out


def encode_reality_check(r: RealityCheckView, ingame: bool) -> pb.RealityCheck:
    out = pb.RealityCheck(currency=r.currency, profit=money(r.profit), restart_period=r.restart_period,
                          time_played=r.time_played, min=str(r.minutes), h=str(r.hours))
    if not ingame:
        out.total_bets = money(r.total_bets)
        out.total_wins = money(r.total_wins)
        out.total_lossed = money(r.total_lossed)
    return out


def value_struct(st) -> dict:
    from google.protobuf import json_format

    return json_format.MessageToDict(st)


def _stamp(dt) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S") if dt is not None else ""


def rg_fields(v: ProtectionView) -> dict:
    """A protection view as the ResponsibleGaming fields (the same in every
    responsible-gaming answer)."""
    limits = []
    for lim in v.limits:
        amount = lim.amount if lim.amount is not None else lim.used
        out = pb.ProtectionLimit(type=lim.kind, period=lim.period, amount=money(amount), used=money(lim.used),
                                 remaining=money(max(amount - lim.used, 0)))
        if lim.pending_from is not None:
            out.pending.CopyFrom(pb.PendingLimitChange(remove=lim.pending_remove, effective_at=_stamp(lim.pending_from)))
            if lim.pending_amount is not None:
                out.pending.amount = money(lim.pending_amount)
        limits.append(out)
    return dict(state=v.state, until=_stamp(v.until), currency=v.currency, limits=limits)
