"""VIP Connect's codec: requests to domain inputs, domain outputs to
messages (the servicers' and the error table's: a declined session is
answered with the session-shaped message)."""

from __future__ import annotations

from pitboss.vip.v1 import vip_pb2
from server.api.codec import iso, mmddyyyy, money, opt, value
from server.domain.vip import sessions as S
from server.domain.vip.accounts import AccountView
from server.domain.vip.errors import NIL_SESSION, VIP_ERROR_CODES

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
