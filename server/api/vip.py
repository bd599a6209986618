"""VIP Connect servicer: decode, call the domain, encode."""

from __future__ import annotations

from pathlib import Path

from google.api import httpbody_pb2
from sqlalchemy.exc import IntegrityError

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from server.api import edge
from server.api.codec import iso, money, opt
from server.api.context import caller
from server.api.vip_codec import decode_txn, encode_account, encode_session
from server.domain.errors import Conflict
from server.domain.vip import money as vip_money
from server.domain.vip import sessions as S
from server.domain.vip.accounts import LookupQuery, lookup_account


class VipConnectServicer(vip_pb2_grpc.VipConnectServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.vip

    def LookupAccount(self, request: vip_pb2.LookupAccountRequest, context) -> vip_pb2.LookupAccountResponse:
        query = LookupQuery(
            id_type=opt(request, "id_type"),
            id_number=opt(request, "id_number"),
            id_state=opt(request, "id_state"),
            product_type=opt(request, "product_type"),
            vip_account_number=opt(request, "vip_account_number"),
        )
        view = self.units.read(lambda uow: lookup_account(uow, caller(), query))
        resp = encode_account(view)
        if view.bank_accounts is None:
            # The document: bankAccounts is "not returned by default" (the key
            # is absent, not an empty list).
            edge.answer_message(context, resp, omit=("bankAccounts",))
        return resp

    # ---------------------------------------------------------- sessions

    def _run(self, fn, cls):
        """One write unit; a decline (a Refusal) is answered after it commits,
        so the birth-date attempt it recorded is kept (server/api/errors/vip.py
        renders it with the session-shaped message)."""
        return encode_session(self.units.write(fn), cls)

    def CreateExistingSession(self, request, context):
        now = self.app.clock.now()
        echo, card, dob = S.validate_existing(S.ExistingRequest(
            txn=decode_txn(request), vip_card_number=opt(request, "vip_card_number"),
            date_of_birth=opt(request, "date_of_birth"), warranty_mode=opt(request, "warranty_mode"),
            android_package_name=opt(request, "android_package_name"),
        ), now.date())
        op, policy = caller(), self.app.policies.vip_session
        return self._run(lambda uow: S.open_existing(uow, op, echo, card, dob, policy, now),
                         vip_pb2.CreateExistingSessionResponse)

    def CreateSimpleSession(self, request, context):
        now = self.app.clock.now()
        echo, card, dob = S.validate_simple(S.SimpleRequest(
            patron_id=opt(request, "patron_id"), vip_card_number=opt(request, "vip_card_number"),
            date_of_birth=opt(request, "date_of_birth"), return_url=opt(request, "return_url"),
        ), now.date())
        op, policy = caller(), self.app.policies.vip_session
        return self._run(lambda uow: S.open_existing(uow, op, echo, card, dob, policy, now),
                         vip_pb2.CreateSimpleSessionResponse)

    def CreateNewSession(self, request, context):
        now = self.app.clock.now()
        names = ("first_name", "middle_initial", "last_name", "date_of_birth", "email", "mobile_phone",
                 "street_name", "city", "state", "zip", "country", "id_type", "id_number", "id_state", "ssn",
                 "routing_number", "account_number")
        echo, enrollment = S.validate_new(
            S.NewRequest(txn=decode_txn(request), **{n: opt(request, n) for n in names}), now.date()
        )
        op, policy = caller(), self.app.policies.vip_session
        return self._run(lambda uow: S.enroll(uow, op, echo, enrollment, policy, now),
                         vip_pb2.CreateNewSessionResponse)

    # ---------------------------------------------------------- approvals

    def _approve(self, kind: str, request, cls):
        approved = request.approved if request.HasField("approved") else True
        op, tx_id = caller(), opt(request, "transaction_id")
        t = self.units.write(lambda uow: vip_money.approve(uow, op, kind, tx_id, approved, self.app.clock.now()))
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
        self.units = app.units.vip
        self.page = (WEB / "sdk.html").read_bytes()
        self.script = (WEB / "vip-connect.js").read_bytes()

    def GetSdkPage(self, request, context):
        return httpbody_pb2.HttpBody(content_type="text/html; charset=utf-8", data=self.page)

    def GetSdkScript(self, request, context):
        return httpbody_pb2.HttpBody(content_type="text/javascript; charset=utf-8", data=self.script)

    def GetSdkSession(self, request, context):
        v = self.units.read(lambda uow: vip_money.sdk_view(uow, request.session_id, self.app.clock.now()))
        resp = vip_pb2.GetSdkSessionResponse(
            session_id=v.session_id, mode=v.mode, patron_name=v.patron_name, operator_name=v.operator_name,
            transaction_amount=money(v.transaction_amount), transaction_id=v.transaction_id, expires=iso(v.expires),
        )
        for a in v.bank_accounts:
            resp.bank_accounts.add(index=a.index, masked_account_number=a.masked_account_number, bank_name=a.bank_name)
        return resp

    def ConfirmSdkSession(self, request, context):
        try:
            r = self.units.write(lambda uow: vip_money.confirm(uow, request.session_id, request.bank_account_index, self.app.clock.now()))
        except IntegrityError:
            # Two sessions with one operator transaction id confirmed at once.
            raise Conflict("this operator transaction id was already used") from None
        return vip_pb2.ConfirmSdkSessionResponse(redirect_url=r.url, status=r.status)

    def CancelSdkSession(self, request, context):
        r = self.units.write(lambda uow: vip_money.cancel(uow, request.session_id, self.app.clock.now()))
        return vip_pb2.CancelSdkSessionResponse(redirect_url=r.url)
