"""VIP Connect servicer: decode, call the domain, encode."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from google.api import httpbody_pb2
from sqlalchemy.exc import IntegrityError

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from server.api import edge
from server.api.auth import caller
from server.api.codec import iso, mmddyyyy, money, opt, value
from server.domain.errors import Conflict
from server.domain.vip import money as M
from server.domain.vip import sessions as S
from server.domain.vip.accounts import AccountView, LookupQuery, lookup_account
from server.domain.vip.errors import NIL_SESSION, VIP_ERROR_CODES, SessionDeclined
from server.storage.repositories.vip import VipRepository
from server.storage.types import utcnow


class VipConnectServicer(vip_pb2_grpc.VipConnectServiceServicer):
    def __init__(self, app) -> None:
        self.app = app

    def LookupAccount(self, request: vip_pb2.LookupAccountRequest, context) -> vip_pb2.LookupAccountResponse:
        query = LookupQuery(
            id_type=opt(request, "id_type"),
            id_number=opt(request, "id_number"),
            id_state=opt(request, "id_state"),
            product_type=opt(request, "product_type"),
            vip_account_number=opt(request, "vip_account_number"),
        )
        with self.app.db.session() as s:
            view = lookup_account(VipRepository(s, self.app.vault, self.app.clock), caller(), query)
        resp = encode_account(view)
        if view.bank_accounts is None:
            # The document: bankAccounts is "not returned by default" (the key
            # is absent, not an empty list).
            edge.answer_message(context, resp, omit=("bankAccounts",))
        return resp

    # ---------------------------------------------------------- sessions

    def _policy(self) -> S.SessionPolicy:
        st = self.app.settings
        return S.SessionPolicy(
            lifetime=timedelta(minutes=st.vip_session_minutes),
            max_failures=st.vip_dob_max_failures,
            window=timedelta(minutes=st.vip_dob_window_minutes),
            lock=timedelta(minutes=st.vip_dob_lock_minutes),
            new_patron_limit=Decimal(st.vip_new_patron_limit),
        )

    def _run(self, fn, cls):
        """One unit of work; a decline is raised only after it commits (so the
        birth-date attempt it recorded is kept)."""
        with self.app.db.session(write=True) as s:
            out = fn(VipRepository(s, self.app.vault, self.app.clock))
        msg = encode_session(out, cls)
        if out.decline:
            raise SessionDeclined(out.decline, body=msg)
        return msg

    def CreateExistingSession(self, request, context):
        now = utcnow()
        echo, card, dob = S.validate_existing(S.ExistingRequest(
            txn=decode_txn(request), vip_card_number=opt(request, "vip_card_number"),
            date_of_birth=opt(request, "date_of_birth"), warranty_mode=opt(request, "warranty_mode"),
            android_package_name=opt(request, "android_package_name"),
        ), now.date())
        op, policy = caller(), self._policy()
        return self._run(lambda repo: S.open_existing(repo, op, echo, card, dob, policy, now),
                         vip_pb2.CreateExistingSessionResponse)

    def CreateSimpleSession(self, request, context):
        now = utcnow()
        echo, card, dob = S.validate_simple(S.SimpleRequest(
            patron_id=opt(request, "patron_id"), vip_card_number=opt(request, "vip_card_number"),
            date_of_birth=opt(request, "date_of_birth"), return_url=opt(request, "return_url"),
        ), now.date())
        op, policy = caller(), self._policy()
        return self._run(lambda repo: S.open_existing(repo, op, echo, card, dob, policy, now),
                         vip_pb2.CreateSimpleSessionResponse)

    def CreateNewSession(self, request, context):
        now = utcnow()
        names = ("first_name", "middle_initial", "last_name", "date_of_birth", "email", "mobile_phone",
                 "street_name", "city", "state", "zip", "country", "id_type", "id_number", "id_state", "ssn",
                 "routing_number", "account_number")
        echo, enrollment = S.validate_new(
            S.NewRequest(txn=decode_txn(request), **{n: opt(request, n) for n in names}), now.date()
        )
        op, policy = caller(), self._policy()
        return self._run(lambda repo: S.enroll(repo, op, echo, enrollment, policy, now),
                         vip_pb2.CreateNewSessionResponse)

    # ---------------------------------------------------------- approvals

    def _approve(self, kind: str, request, cls):
        approved = request.approved if request.HasField("approved") else True
        with self.app.db.session(write=True) as s:
            t = M.approve(VipRepository(s, self.app.vault, self.app.clock), caller(), kind, opt(request, "transaction_id"),
                          approved, utcnow())
            return cls(transaction_result="Success", transaction_id=t.transaction_id, status=t.status)

    def ApproveWithdraw(self, request, context):
        return self._approve("withdraw", request, vip_pb2.ApproveWithdrawResponse)

    def ApproveDeposit(self, request, context):
        return self._approve("deposit", request, vip_pb2.ApproveDepositResponse)


WEB = Path(__file__).resolve().parents[1] / "web" / "vip"


class VipWebServicer(vip_pb2_grpc.VipWebServiceServicer):
    """The web component: its page, its script, and the calls it makes. The
    session id (a random UUID of a live session) is the only credential."""

    def __init__(self, app) -> None:
        self.app = app
        self.page = (WEB / "sdk.html").read_bytes()
        self.script = (WEB / "vip-connect.js").read_bytes()

    def GetSdkPage(self, request, context):
        return httpbody_pb2.HttpBody(content_type="text/html; charset=utf-8", data=self.page)

    def GetSdkScript(self, request, context):
        return httpbody_pb2.HttpBody(content_type="text/javascript; charset=utf-8", data=self.script)

    def GetSdkSession(self, request, context):
        with self.app.db.session() as s:
            v = M.sdk_view(VipRepository(s, self.app.vault, self.app.clock), request.session_id, utcnow())
        resp = vip_pb2.GetSdkSessionResponse(
            session_id=v.session_id, mode=v.mode, patron_name=v.patron_name, operator_name=v.operator_name,
            transaction_amount=money(v.transaction_amount), transaction_id=v.transaction_id, expires=iso(v.expires),
        )
        for a in v.bank_accounts:
            resp.bank_accounts.add(index=a.index, masked_account_number=a.masked_account_number, bank_name=a.bank_name)
        return resp

    def ConfirmSdkSession(self, request, context):
        try:
            with self.app.db.session(write=True) as s:
                r = M.confirm(VipRepository(s, self.app.vault, self.app.clock), request.session_id, request.bank_account_index,
                              utcnow())
        except IntegrityError:
            # Two sessions with one operator transaction id confirmed at once.
            raise Conflict("this operator transaction id was already used") from None
        return vip_pb2.ConfirmSdkSessionResponse(redirect_url=r.url, status=r.status)

    def CancelSdkSession(self, request, context):
        with self.app.db.session(write=True) as s:
            r = M.cancel(VipRepository(s, self.app.vault, self.app.clock), request.session_id, utcnow())
        return vip_pb2.CancelSdkSessionResponse(redirect_url=r.url)


def decode_txn(r) -> S.TransactionFields:
    return S.TransactionFields(
        patron_id=opt(r, "patron_id"),
        remaining_daily_deposit=opt(r, "remaining_daily_deposit"),
        wallet_balance=opt(r, "wallet_balance"),
        transaction_id=opt(r, "transaction_id"),
        transaction_amount=opt(r, "transaction_amount"),
        transaction_type=value(r.transaction_type) if r.HasField("transaction_type") else None,
        return_url=opt(r, "return_url"),
        cancel_redirect_url=opt(r, "cancel_redirect_url"),
        product_type=opt(r, "product_type"),
        one_click_discount_applied=opt(r, "one_click_discount_applied"),
    )


PRODUCT_NAMES = {"preferred": "Preferred", "online": "Online"}


def encode_session(out: S.SessionOutcome, cls):
    """The session (or decline) as ``cls``, one of the three session responses."""
    e, lim = out.echo, out.limits
    msg = cls(
        patron_id=e.patron_id,
        session_id=out.session.id if out.session else NIL_SESSION,
        expires=iso(out.expires),
        enrollment_status="none",
        operator_name=out.operator.name,
        deposit_limit=money(lim.deposit_limit),
        min_deposit=money(lim.min_deposit),
        withdraw_limit=money(lim.withdraw_limit),
        min_withdraw=money(lim.min_withdraw),
        transaction_id=e.transaction_id,
        transaction_amount=money(e.transaction_amount),
        return_url=e.return_url,
        one_click_discount_applied=e.one_click_discount_applied,
        cancel_redirect_url=e.cancel_redirect_url,
    )
    if out.decline:
        row = VIP_ERROR_CODES[out.decline]
        msg.error_model.CopyFrom(vip_pb2.SessionErrorModel(
            error_code=row.code, transaction_stage=row.stage, operator_error_message=row.operator_message,
            operator_decline_description=row.operator_decline_description, patron_error_message=row.patron_message,
        ))
    else:
        msg.enrollment_status = out.patron.enrollment_status
        msg.vip_card_number = out.patron.vip_card_number
        msg.patron_product_type = PRODUCT_NAMES[out.patron.product_type]
    return msg


def encode_account(v: AccountView) -> vip_pb2.LookupAccountResponse:
    online = v.product_type == "online"
    resp = vip_pb2.LookupAccountResponse(
        member_since=iso(v.member_since),
        last_transaction=iso(v.last_transaction),
        most_recent_transaction_amount=money(v.most_recent_transaction_amount),
        date_of_birth=mmddyyyy(v.date_of_birth),
        last4_ssn=v.last4_ssn,
        incremental_limit_amount=money(v.incremental_limit_amount),
        max_limit_amount=money(v.max_limit_amount),
        vip_card_number=v.vip_card_number,
        id_number=v.masked_id_number,
        id_type=v.id_type,
        id_state=v.id_state,
        first_name=v.first_name,
        last_name=v.last_name,
        name=v.name,
        address=v.address,
        city=v.city,
        state=v.state,
        zip=v.zip,
        home_phone_number=v.home_phone_number,
        mobile_phone_number=v.mobile_phone_number,
        email=v.email,
        limit_amount=money(v.limit_amount),
        is_in_good_standing=v.in_good_standing,
        one_click_discount_eligible=v.one_click_discount_eligible,
    )
    if not online:
        resp.available_amount = money(v.available_amount)
    for a in v.bank_accounts or ():
        item = resp.bank_accounts.add(
            masked_account_number=a.masked_account_number,
            routing_number=a.routing_number,
            bank_name=a.bank_name,
            instant_payment_eligible=a.instant_payment_eligible,
        )
        if online:
            item.available_amount = money(a.available_amount)
        else:
            item.available_limit = money(a.available_limit)
    return resp
