"""Player gateway servicer: decode, call the domain, encode.

Every call checks the brand of the path first (unknown brand: 400), then the
`x-auth-token` (401), inside one database transaction. Successes other than
200 and alternative bodies go through ``edge.answer``.
"""

from __future__ import annotations

from pitboss.gateway.v1 import gateway_pb2
from pitboss.gateway.v1 import gateway_pb2_grpc
from server.api import edge
from server.api.codec import money, opt, value
from server.api.context import call_metadata, caller
from server.api.gateway_protection import MENU, ProtectionMethods, rg_fields
from server.domain import identity
from server.domain.games import service as games
from server.domain.gateway import (
    consents,
    emails,
    history,
    messages,
    passwords,
    play,
    profile,
    registration,
    responsible,
    status,
    twofa,
    verification,
)
from server.domain.gateway import errors as G
from server.domain.gateway import login as login_steps
from server.domain.gateway.auth import GatewayCredentials
from server.domain.gateway.base import Caller, Gateway
from server.domain.gateway.model import DetailsChanges, RealityCheckView, Registration, RegistrationTwo, StatusView
from server.domain.gateway.passwords import hash_password
from server.domain.timestamps import stamp, utc_seconds


def _creds() -> GatewayCredentials:
    c = caller()
    return c if isinstance(c, GatewayCredentials) else GatewayCredentials()


class PlayerGatewayServicer(ProtectionMethods, gateway_pb2_grpc.PlayerGatewayServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.gateway  # over the gateway's unit, Gateway (server/bootstrap.py)

    def _password_ok(self, brand_id: str, password: str | None) -> bool | None:
        return login_steps.password_ok(self.units, brand_id, _creds().auth_token, password)

    def _player(self, gw: Gateway, brand_id: str, lock: bool = False) -> Caller:
        return gw.caller(brand_id, _creds().auth_token, lock=lock)

    # ---------------------------------------------------------- personal data

    def GetPersonalDetails(self, request, context):
        v = self.units.read(lambda gw: responsible.details(gw, self._player(gw, request.brand_id)))
        return gateway_pb2.GetPersonalDetailsResponse(
            first_name=v.first_name, last_name=v.last_name, birthdate=v.birthdate, gender=v.gender,
            language=v.language, country=v.country, city=v.city, address=v.address,
            zip_postal_code=v.zip_postal_code, phone=v.phone,
            e_mail=gateway_pb2.EmailStatus(e_mail_adress=v.email, is_verified=v.email_verified),
            opt_out=gateway_pb2.OptOut(**v.opt_out), is2fa_required=v.is_2fa_required,
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
        challenge = self.units.write(
            lambda gw: profile.update_details(gw, self._player(gw, request.brand_id), changes, proof))
        if challenge is None:
            edge.answer(context, 204, empty=True)
            return gateway_pb2.UpdatePersonalDetailsResponse()
        body = gateway_pb2.MobileVerificationRequired(
            status="mobile_verification_required",
            data=gateway_pb2.MobileVerificationData(mobile_number=challenge.mobile_number,
                                           two_fa_auth_token=challenge.two_fa_token),
        )
        edge.answer(context, 403, edge.to_json_dict(body))
        return gateway_pb2.UpdatePersonalDetailsResponse(mobile_verification=body)

    def GetCustomFields(self, request, context):
        rows = self.units.read(lambda gw: profile.custom_fields(gw, self._player(gw, request.brand_id)))
        resp = gateway_pb2.GetCustomFieldsResponse()
        for r in rows:
            if r.kind == "str":
                resp.str_custom_fields.add(id=r.field_id, name=r.name, value=r.str_value)
            else:
                resp.int_custom_fields.add(id=r.field_id, name=r.name, value=r.int_value)
        return resp

    def UpdateCustomFields(self, request, context):
        strs = [(f.id, f.name, f.value) for f in request.str_custom_fields]
        ints = [(f.id, f.name, f.value) for f in request.int_custom_fields]
        self.units.write(lambda gw: profile.update_custom_fields(gw, self._player(gw, request.brand_id), strs, ints))
        return gateway_pb2.UpdateCustomFieldsResponse(result="success")

    def UpdateEmail(self, request, context):
        proof = self._password_ok(request.brand_id, opt(request, "password"))
        self.units.write(
            lambda gw: emails.update_email(gw, self._player(gw, request.brand_id), request.email, opt(request, "comment"), proof))
        edge.answer(context, 204, empty=True)
        return gateway_pb2.UpdateEmailResponse()

    # ---------------------------------------------------------- admission

    def ForgotPassword(self, request, context):
        self.units.write(lambda gw: passwords.forgot(gw, gw.brand(request.brand_id), request.mail))
        edge.answer(context, 201)
        return gateway_pb2.ForgotPasswordResponse(message_format="forgot_email_sent")

    def VerifyPassword(self, request, context):
        new = request.body.new_password
        # A bad link is refused before any hashing; argon2 then runs outside
        # the write unit (which checks the link again).
        self.units.read(lambda gw: passwords.reset_link(gw, gw.brand(request.brand_id), request.hash))
        new_hash = hash_password(new) if new else ""
        token = self.units.write(
            lambda gw: passwords.verify_password(gw, gw.brand(request.brand_id), request.hash, new, new_hash))
        resp = gateway_pb2.VerifyPasswordResponse(message_format="password_successfully_changed")
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
        tnc = self.units.write(
            lambda gw: passwords.change_password(gw, self._player(gw, request.brand_id), old, new, old_ok, new_hash))
        if tnc:
            edge.answer(context, 303)
            return gateway_pb2.ChangePasswordResponse(message_format="tnc_approval_required")
        edge.answer(context, 202)
        return gateway_pb2.ChangePasswordResponse(message_format="password_replaced")

    def ResendActivationEmail(self, request, context):
        self.units.write(lambda gw: emails.resend_activation(gw, self._player(gw, request.brand_id)))
        return gateway_pb2.ResendActivationEmailResponse(msg="Activation Email was sent.")

    def VerifyEmail(self, request, context):
        self.units.write(lambda gw: emails.verify_email(gw, gw.brand(request.brand_id), request.hash))
        return gateway_pb2.VerifyEmailResponse(message_format="email_verified")

    def SignTnc(self, request, context):
        remaining = self.units.write(
            lambda gw: consents.sign(gw, self._player(gw, request.brand_id), request.player_id, request.type))
        if remaining:
            edge.answer(context, 303, {"sign: ": remaining})
        else:
            edge.answer(context, 201, {"result": "successfully signed TNC"})
        return gateway_pb2.SignTncResponse(sign=remaining)

    # ---------------------------------------------------------- online player

    def GetOnlineStatus(self, request, context):
        o = status.online(self.units, request.brand_id, _creds().auth_token)
        fields = status_fields(o.view, ingame=False)
        rg = o.protection
        if rg is not None and rg.state != "active":
            fields["bonus_opt_out"] = 1  # no marketing opt-in counts meanwhile (docs/protection.md)
        if rg is not None:
            fields["responsible_gaming"] = gateway_pb2.ResponsibleGaming(**rg_fields(rg))
        if o.check is not None:
            rc = encode_reality_check(o.check, False)
            edge.answer(context, 303, edge.to_json_dict(rc))
            fields["reality_check"] = rc
        return gateway_pb2.GetOnlineStatusResponse(**fields)

    def GetInGameStatus(self, request, context):
        o = play.in_game(self.units, request.brand_id, _creds().auth_token, request.game_session_id)
        g, f, now = o.game_session, o.figures, o.now
        fields = status_fields(o.view, ingame=True)
        fields["game_session"] = gateway_pb2.GameSessionFigures(
            game_session_id=g.public_id, game_id=g.game_id, provider=g.provider, rounds=f.rounds,
            total_bets=money(f.total_bets), total_wins=money(f.total_wins), time_played=games.played(g, now),
            started=stamp(g.created_at), expires=stamp(g.expires_at), last_bet=stamp(f.last_bet_at),
            last_bet_amount=money(f.last_bet_amount or 0),
        )
        if o.check is not None:
            rc = encode_reality_check(o.check, True)
            edge.answer(context, 303, edge.to_json_dict(rc))
            fields["reality_check"] = rc
        return gateway_pb2.GetInGameStatusResponse(**fields)

    def GetPlayerInfo(self, request, context):
        v = self.units.read(lambda gw: status.player_info(gw, self._player(gw, request.brand_id)))
        return gateway_pb2.GetPlayerInfoResponse(
            player_id=gateway_pb2.PlayerId(username=v.username, id=v.id, brand=v.brand), first_name=v.first_name,
            last_name=v.last_name, gender=v.gender, email=v.email, vip_level=v.vip_level, country=v.country,
            test_account=v.test_account, currency_name=v.currency_name, currency_symbol=v.currency_symbol,
            b_tag=v.btag,
        )

    # ---------------------------------------------------------- login

    def Login(self, request, context):
        name = opt(request, "user_name") or opt(request, "email") or ""
        # argon2 runs between units of work, never under a lock (login.py).
        # A refused login is answered after its unit commits (the failure is counted).
        out = login_steps.login(self.units, request.brand_id, name, request.password, _creds().two_fa_token,
                                self.app.registers)
        if out.two_fa_token:
            edge.answer(context, 403, {"status": "2fa_required", "data": {"2fa_auth_token": out.two_fa_token}})
            return gateway_pb2.LoginResponse(result="2FA_REQUIRED", two_fa_auth_token=out.two_fa_token)
        result = out.actions[0] if out.actions else "OK"
        if out.actions:
            edge.answer(context, 303, {"token": out.token, "result": result, "actions": out.actions})
            return gateway_pb2.LoginResponse(auth_token=out.token, result=result, actions=out.actions)
        rg = self.units.read(lambda gw: responsible.in_force(gw, out.player_id, out.currency))
        return gateway_pb2.LoginResponse(auth_token=out.token, result=result, actions=MENU,
                                responsible_gaming=gateway_pb2.ResponsibleGaming(**rg_fields(rg)) if rg is not None else None)

    def Logout(self, request, context):
        self.units.write(lambda gw: login_steps.logout(gw, request.brand_id, _creds().auth_token))
        return gateway_pb2.LogoutResponse(result="successful logout")

    def RegisterStepOne(self, request, context):
        r = Registration(
            login_name=request.login_name, email=request.email, password=request.password, over18=request.over18,
            sign_tnc=request.sign_tnc, sign_privacy=request.sign_privacy, language=request.language,
            btag=request.btag, bonus_code=request.bonus_code, currency=request.currency,
            # argon2 before the write unit, not under its lock.
            password_hash=hash_password(request.password) if request.password else "",
        )
        token, player = self.units.write(lambda gw: registration.register_one(gw, gw.brand(request.brand_id), r))
        return gateway_pb2.RegisterStepOneResponse(auth_token=token, result="OK", player_id=player.id)

    def RegisterStepTwo(self, request, context):
        r = RegistrationTwo(
            first_name=request.first_name, last_name=request.last_name, birth_date=request.birth_date,
            gender=request.gender, language=request.language, country=request.country, city=request.city,
            address=request.address, zip_code=request.zip_code, mobile_number=request.mobile_number,
        )
        # The brand's register is asked between units of work (docs/compliance.md).
        registration.complete(self.units, self.app.registers, request.brand_id,
                              request.auth_token or _creds().auth_token, r)
        return gateway_pb2.RegisterStepTwoResponse(result="OK")

    def SendCode(self, request, context):
        self.units.write(lambda gw: twofa.send_code(gw, gw.brand(request.brand_id), _creds().two_fa_token))
        return gateway_pb2.SendCodeResponse(result="code_sent")

    def ValidateCode(self, request, context):
        # A wrong code is counted (the unit commits), then answered.
        self.units.write(
            lambda gw: twofa.validate_code(gw, gw.brand(request.brand_id), _creds().two_fa_token, request.sms_code))
        return gateway_pb2.ValidateCodeResponse(result="OK")

    def GetMessageFormat(self, request, context):
        m = messages.find(request.message_string)
        if m is None:
            raise G.UnknownMessage("no such message format")
        return gateway_pb2.GetMessageFormatResponse(
            type=m.type, title=m.title, content=m.content, button_1_text=m.button_1_text,
            button_1_link=m.button_1_link, button_2_text=m.button_2_text, button_2_link=m.button_2_link,
        )

    # ------------------------------------------------------------------ games

    def VerificationCallback(self, request, context):
        # The signature is the call's authentication (docs/compliance.md).
        signature = call_metadata().get(identity.SIGNATURE_HEADER)
        result = self.units.write(lambda gw: verification.callback(gw, request.body.data, signature))
        return gateway_pb2.VerificationCallbackResponse(result=result)

    def StartGame(self, request, context):
        token = opt(request, "auth_token") or _creds().auth_token
        lifetime = self.app.policies.pam_session
        # An open round elsewhere is a Refusal: the reopened game's session
        # commits, then the 403 open_round_message is answered.
        launch = play.start(self.units, self.app.registers, request.brand_id, token, request.game_id, request.lang,
                            opt(request, "return_url"), lifetime)
        resp = gateway_pb2.StartGameResponse(html=launch.html, html_indicator=False, provide_rc=True, is_iframe=True,
                                    game_url=launch.game_url, game_html=launch.html,
                                    game_session_id=launch.game_session_id)
        if launch.ggr_game:
            resp.game_provider = launch.provider
            resp.result = "ggr_game"
            resp.real_balance = money(launch.real_balance)
            edge.answer(context, 303)
        return resp

    # ---------------------------------------------------------- player history

    def GetTransactionHistory(self, request, context):
        currency, st = self.units.read(lambda gw: history.transactions(
            gw, self._player(gw, request.brand_id), getattr(request, "from"), request.to, request.limit,
            request.cursor))
        t = st.totals
        return gateway_pb2.GetTransactionHistoryResponse(
            **{"from": st.since.isoformat()}, to=st.until.isoformat(), currency=currency, cursor=st.next_cursor,
            transactions=[gateway_pb2.HistoryTransaction(
                id=x.id, at=utc_seconds(x.at), type=x.type, amount=money(x.amount),
                balance_after=money(x.balance_after), provider=x.provider, game_id=x.game_id, round_id=x.round_id,
            ) for x in st.lines],
            totals=gateway_pb2.HistoryTotals(
                bets=money(t.bets), wins=money(t.wins), refunds=money(t.refunds), promotions=money(t.promotions),
                deposits=money(t.deposits), withdrawals=money(t.withdrawals), adjustments=money(t.adjustments),
                win_loss=money(t.win_loss), net_deposits=money(t.net_deposits)),
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


def encode_reality_check(r: RealityCheckView, ingame: bool) -> gateway_pb2.RealityCheck:
    out = gateway_pb2.RealityCheck(currency=r.currency, profit=money(r.profit), restart_period=r.restart_period,
                          time_played=r.time_played, min=str(r.minutes), h=str(r.hours))
    if not ingame:
        out.total_bets = money(r.total_bets)
        out.total_wins = money(r.total_wins)
        out.total_lossed = money(r.total_lossed)
    return out

