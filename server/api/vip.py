"""VIP Connect servicer: decode, call the domain, encode."""

from __future__ import annotations

from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from server.api import edge
from server.api.auth import caller
from server.api.codec import iso, mmddyyyy, money, opt
from server.domain.vip.accounts import AccountView, LookupQuery, lookup_account
from server.storage.repositories.vip import VipRepository


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
            view = lookup_account(VipRepository(s, self.app.vault), caller(), query)
        resp = encode_account(view)
        if view.bank_accounts is None:
            # The document: bankAccounts is "not returned by default" (the key
            # is absent, not an empty list).
            edge.answer_message(context, resp, omit=("bankAccounts",))
        return resp


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
