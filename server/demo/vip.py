"""VIP Connect demo records: operators (with their demo signing keys) and patrons."""

from __future__ import annotations

import base64
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from server.security import Vault, mask
from server.storage.models import VipBankAccount, VipOperator, VipPatron
from server.storage.repositories.vip import ACCOUNT_NUMBER, ID_NUMBER, SSN


def _b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


# Demo configuration: each operator's two HS256 keys, as issued (base64).
VIP_OPERATOR_KEYS = {
    "operator-1": (_b64("operator-1 demo signing key #1 (32+ bytes)"), _b64("operator-1 demo signing key #2 (32+ bytes)")),
    "operator-2": (_b64("operator-2 demo signing key #1 (32+ bytes)"), _b64("operator-2 demo signing key #2 (32+ bytes)")),
    # The cashier of brand 1: its wallet is this platform's own (server/demo/journey.py).
    "operator-3": (_b64("operator-3 demo signing key #1 (32+ bytes)"), _b64("operator-3 demo signing key #2 (32+ bytes)")),
}


def load_vip(s: Session, vault: Vault) -> None:
    limits = dict(
        deposit_limit=Decimal("999.99"), min_deposit=Decimal("10.00"),
        withdraw_limit=Decimal("1000.0"), min_withdraw=Decimal("1.00"),
        online_deposit_limit=Decimal("999.99"), online_min_deposit=Decimal("10.00"),
        online_withdraw_limit=Decimal("1000.0"), online_min_withdraw=Decimal("1.00"),
    )
    for op_id, name, toggle in (("operator-1", "Operator - 1", True), ("operator-2", "Operator - 2", False),
                                ("operator-3", "Casino One Cashier", True)):
        if s.get(VipOperator, op_id) is None:
            k1, k2 = VIP_OPERATOR_KEYS[op_id]
            s.add(VipOperator(
                id=op_id, name=name, merchant_id=f"M-{op_id}",
                key1_enc=vault.encrypt(k1), key2_enc=vault.encrypt(k2),
                return_bank_accounts=toggle, **limits,
            ))

    def patron(card: str, product: str, first: str, last: str, dob: date, ssn: str, id_type: str,
               id_number: str, id_state: str, accounts=(), **kw) -> None:
        if s.exec(select(VipPatron).where(VipPatron.vip_card_number == card)).first() is not None:
            return
        p = VipPatron(
            vip_card_number=card, product_type=product, first_name=first, last_name=last,
            date_of_birth=dob,
            ssn_enc=vault.encrypt(ssn), ssn_hmac=vault.keyed_hash(ssn, SSN), ssn_last4=ssn[-4:],
            id_type=id_type, id_number_enc=vault.encrypt(id_number),
            id_number_hmac=vault.keyed_hash(id_number, ID_NUMBER), id_number_last4=id_number[-4:],
            id_state=id_state, **kw,
        )
        s.add(p)
        s.flush()
        for i, (number, routing, bank, limit, amount, instant) in enumerate(accounts):
            s.add(VipBankAccount(
                patron_id=p.id, position=i, account_number_enc=vault.encrypt(number),
                account_number_hmac=vault.keyed_hash(number, ACCOUNT_NUMBER), account_number_mask=mask(number),
                routing_number=routing, bank_name=bank, available_limit=Decimal(limit),
                available_amount=Decimal(amount), instant_payment_eligible=instant,
            ))

    since = datetime(2022, 8, 1, tzinfo=timezone.utc)
    # The account-inquiry example of seeds/001.
    patron(
        "7210695258", "preferred", "JOHN", "SMITH", date(1997, 9, 10), "543083545", "DL", "543083545", "GA",
        accounts=[
            ("000123459999", "11111111", "Jpmorgan Chase Bank, Na", "0.00", "0.00", False),
            ("991111", "22222222", "Bank Of America, Na", "0.00", "0.00", True),
        ],
        address="28 NQQODHNDV", city="PRZYFAYQA", state="TN", zip="28292",
        home_phone_number="8434811326", mobile_phone_number="8434811326", email="8ZN2EMYP@5JP6OEAZ.COM",
        member_since=since, limit_amount=Decimal("4500.0"), available_amount=Decimal("4500.0"),
    )
    # The session example of seeds/000.
    patron(
        "7210536159", "preferred", "MARY", "JONES", date(1985, 1, 15), "600112222", "DL", "D1234567", "NV",
        accounts=[("4400556677", "122105278", "Wells Fargo Bank, Na", "2500.00", "0.00", True)],
        address="12 DEMO STREET", city="LAS VEGAS", state="NV", zip="89101",
        home_phone_number="7025550100", mobile_phone_number="7025550101", email="MARY.JONES@EXAMPLE.COM",
        member_since=since, limit_amount=Decimal("2500.0"), available_amount=Decimal("2500.0"),
    )
    # A closed account (the decline example: errorCode 99 / account inquiry 13).
    patron(
        "7210000099", "preferred", "CLOSED", "ACCOUNT", date(1980, 2, 2), "600113333", "DL", "C7654321", "NJ",
        address="1 CLOSED ROAD", city="NEWARK", state="NJ", zip="07102",
        member_since=since, status="closed", in_good_standing=False,
    )
    # The VIP Online example: limits per bank account.
    patron(
        "7210695266", "online", "OLIVIA", "ONLINE", date(1990, 3, 3), "600114444", "ST", "S99887766", "PA",
        accounts=[
            ("000123459999", "11111111", "Jpmorgan Chase Bank, Na", "0.00", "348.31", True),
            ("991111", "22222222", "Bank Of America, Na", "0.00", "4500.0", False),
        ],
        address="77 ONLINE AVE", city="PHILADELPHIA", state="PA", zip="19103",
        home_phone_number="2155550100", mobile_phone_number="2155550101", email="OLIVIA@EXAMPLE.COM",
        member_since=since, limit_amount=Decimal("4848.31"), available_amount=Decimal("0"),
    )
