"""VIP Connect's session rules (server/domain/vip/sessions.py) over
``FakeVipStore``: the card's birth-date guard, the declines and their codes
(vip-connect.md), the operator's limits, and enrollment."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from server.domain.outcome import Refusal
from server.domain.vip import sessions as S
from server.domain.vip.ports import Transaction
from server.domain.vip.requests import Echo, Enrollment
from tests.unit.fakes import T0
from tests.unit.fakes.vip import FakeVipStore, FakeVipUnit

CARD, DOB = "7210000001", date(1980, 5, 17)
POLICY = S.SessionPolicy()
LIMITS = dict(deposit_limit=Decimal("500"), min_deposit=Decimal("10"), withdraw_limit=Decimal("300"),
              min_withdraw=Decimal("20"))


@pytest.fixture
def store() -> FakeVipStore:
    s = FakeVipStore()
    s.add_operator("operator-1", **LIMITS)
    s.add_test_patron(CARD, DOB, available="400")
    return s


def echo(kind: str = "deposit", amount: str = "50", tx: str = "tx-1", patron_id: str = "p-1", **more) -> Echo:
    return Echo(patron_id=patron_id, kind=kind, transaction_id=tx, transaction_amount=Decimal(amount),
                remaining_daily_deposit=Decimal("1000"), wallet_balance=Decimal("100"), **more)


def code_of(out) -> str | None:
    return out.error.code if isinstance(out, Refusal) else None


def open_(store, e=None, dob=DOB, card=CARD, now=T0):
    return S.open_existing(FakeVipUnit(store), store.operators["operator-1"], e or echo(), card, dob, POLICY, now)


def test_a_session_opens_with_the_operators_limits_capped_by_what_the_patron_has(store):
    out = open_(store)
    assert not isinstance(out, Refusal)
    assert out.session is store.sessions[out.session.id]
    assert out.limits.deposit_limit == Decimal("400")  # min(operator 500, available 400)
    assert out.expires == T0 + POLICY.lifetime


def test_five_wrong_birth_dates_lock_the_card_then_it_opens_again(store):
    wrong = date(1981, 1, 1)
    for _ in range(POLICY.max_failures):
        assert code_of(open_(store, dob=wrong)) == "101"
    assert code_of(open_(store)) == "102"  # locked: even the right date
    # The lock is a significant event, about the patron, never the card number.
    (lock,) = store.event_log.events
    assert (lock.kind, lock.subject_type, lock.client) == ("lockout", "vip_patron", "vip")
    assert CARD not in lock.subject_id + lock.detail_json
    assert code_of(open_(store, now=T0 + POLICY.lock + timedelta(seconds=1))) is None
    assert store.guards[CARD].failures == 0


def test_wrong_dates_further_apart_than_the_window_start_a_new_count(store):
    wrong = date(1981, 1, 1)
    for i in range(POLICY.max_failures + 2):
        assert code_of(open_(store, dob=wrong, now=T0 + i * (POLICY.window + timedelta(seconds=1)))) == "101"
    assert store.guards[CARD].locked_until is None
    assert store.event_log.events == []


def test_an_unknown_card_and_a_closed_account(store):
    assert code_of(open_(store, card="7219999999")) == "100"
    store.patron_by_card(CARD).status = "closed"
    assert code_of(open_(store)) == "99"


@pytest.mark.parametrize("e, code", [
    (echo(amount="5"), "110"),  # under the operator's minimum deposit
    (echo(amount="501"), "111"),  # over its deposit limit
    (echo(amount="450"), "112"),  # over what the patron has available
    (echo(kind="withdraw", amount="10"), "110"),
    (echo(kind="withdraw", amount="301"), "111"),
    (echo(kind="withdraw", amount="150"), "114"),  # over the wallet balance
    (echo(product_type="online"), "104"),  # another product than the patron's
])
def test_limit_and_product_declines(store, e, code):
    out = open_(store, e)
    assert code_of(out) == code
    assert out.error.outcome.decline == code and store.sessions == {}


def test_a_patron_not_in_good_standing_and_a_reused_transaction_id(store):
    store.add(Transaction("operator-1", "tx-1", "s-0", 1, "deposit"))
    assert code_of(open_(store)) == "105"
    store.patron_by_card(CARD).in_good_standing = False
    assert code_of(open_(store)) == "103"


def test_pending_deposits_are_taken_off_what_is_available(store):
    store.add(Transaction("operator-1", "tx-0", "s-0", 1, "deposit", amount=Decimal("380")))
    assert code_of(open_(store, echo(amount="30"))) == "112"
    assert code_of(open_(store, echo(amount="20"))) is None


def enrollment(dob: date = DOB, ssn: str = "123456789") -> Enrollment:
    return Enrollment("Ann", "B", "Cole", dob, "ann@example.com", "5550100", "1 Main St", "Reno", "NV", "89501",
                      "US", "DL", "D1234567", "NV", ssn, "021000021", "000123456789")


def test_enrollment_opens_an_account_with_the_new_patron_limit(store):
    out = S.enroll(FakeVipUnit(store), store.operators["operator-1"], echo(amount="50"), enrollment(), POLICY, T0)
    assert not isinstance(out, Refusal)
    assert out.patron.vip_card_number.startswith("721") and len(out.patron.vip_card_number) == 10
    assert out.patron.available_amount == POLICY.new_patron_limit
    assert [a.patron_id for a in store.bank_accounts(out.patron.id)] == [out.patron.id]


def test_enrollment_under_age_and_a_known_ssn_with_another_birth_date(store):
    op = store.operators["operator-1"]
    young = T0.date().replace(year=T0.year - POLICY.min_enrollment_age) + timedelta(days=1)
    assert code_of(S.enroll(FakeVipUnit(store), op, echo(), enrollment(dob=young), POLICY, T0)) == "2"
    first = S.enroll(FakeVipUnit(store), op, echo(tx="tx-1"), enrollment(), POLICY, T0)
    assert code_of(S.enroll(FakeVipUnit(store), op, echo(tx="tx-2"), enrollment(dob=date(1990, 1, 1)), POLICY, T0)) == "3"
    # The same person again: the account held is used, no second patron.
    again = S.enroll(FakeVipUnit(store), op, echo(tx="tx-3"), enrollment(), POLICY, T0)
    assert again.patron is first.patron and len(store.patrons) == 2


def test_an_own_wallet_operators_deposit_is_declined_while_the_player_is_timed_out(store):
    from server.domain.cashier.model import OwnWallet
    from server.domain.protection import service as protection

    store.wallets.own_wallets["operator-1"] = OwnWallet("operator-1", 1, "EUR")
    store.wallets.add_wallet("1001", brand_id=1)
    store.protection_store.add_player("1001")
    assert code_of(open_(store, echo(patron_id="1001"))) is None
    protection.take_timeout(store.protection_store, "1001", 1, "24h", store.clock())
    assert code_of(open_(store, echo(patron_id="1001", tx="tx-2"))) == "120"
    assert code_of(open_(store, echo(patron_id="no-such-player", tx="tx-3"))) == "115"


def test_an_own_wallet_operators_deposit_is_declined_until_the_player_is_verified(store):
    """Licence gates (docs/compliance.md): 122 for a deposit; a withdrawal
    is never held for a missing verification alone."""
    from server.domain.cashier.model import OwnWallet

    store.wallets.own_wallets["operator-1"] = OwnWallet("operator-1", 1, "EUR")
    store.wallets.add_wallet("1001", brand_id=1, cash="500")
    store.wallets.unverified.add("1001")
    assert code_of(open_(store, echo(patron_id="1001"))) == "122"
    assert code_of(open_(store, echo(patron_id="1001", tx="tx-2", kind="withdraw", amount="50"))) is None
    store.wallets.unverified.clear()
    assert code_of(open_(store, echo(patron_id="1001", tx="tx-3"))) is None
