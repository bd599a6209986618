"""The PAM wallet's rules (server/domain/pam/wallet.py and service.py) over
``FakePamStore``: bets, wins, cancels, idempotent retries, the declines in
the order docs/pam.md gives, session refresh, and a protected player's bets
checked and counted in their own booking."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from server.domain.pam import errors as pam_errors
from server.domain.pam import service, wallet
from server.domain.pam.model import TxInput
from server.domain.protection import rules as protection_rules
from server.domain.protection.model import Limit
from tests.unit.fakes import T0
from tests.unit.fakes.pam import FakePamStore

TOKEN = "a" * 40
PROVIDER = "acme"


@pytest.fixture
def store() -> FakePamStore:
    s = FakePamStore()
    s.add_game(PROVIDER, "slot-1")
    s.add_player("1001", cash="100.000000")
    s.open_session("1001", TOKEN, PROVIDER, "slot-1", T0 + timedelta(hours=1))
    return s


def tx(kind: str, tx_id: str, cash: str = "0", round_id: str | None = "r-1", **more) -> TxInput:
    return TxInput(currency="EUR", provider=PROVIDER, transaction_type=kind, cash_amount=Decimal(cash),
                   bonus_amount=Decimal("0"), promo_amount=Decimal("0"),
                   transaction_date_time="2026-03-02T12:00:00Z", provider_transaction_id=tx_id,
                   provider_game_id="slot-1", provider_round_id=round_id, **more)


def book(store: FakePamStore, t: TxInput, now=T0, player: str = "1001", clock=None):
    call = wallet.prepare_transaction(store, TOKEN, PROVIDER, player, t)
    return wallet.add_transaction(store, call, now, clock)


def test_a_bet_then_a_win_moves_the_cash_and_closes_the_round(store):
    bet = book(store, tx("WITHDRAW", "t1", "10"))
    assert bet.balance.cash == Decimal("90.000000") and not bet.replayed
    win = book(store, tx("DEPOSIT", "t2", "25", is_game_over=True))
    assert win.balance.cash == Decimal("115.000000")
    (rnd,) = store.rounds.values()
    assert (rnd.stake, rnd.payout, rnd.ended_at) == (Decimal("10"), Decimal("25"), T0)
    assert store.balance("1001").cash == Decimal("115.000000")


def test_a_retry_under_the_same_key_is_answered_again_and_moves_nothing(store):
    first = book(store, tx("WITHDRAW", "t1", "10"))
    again = book(store, tx("WITHDRAW", "t1", "10"))
    assert again.replayed and again.transaction_id == first.transaction_id
    assert store.balance("1001").cash == Decimal("90.000000") and len(store.txs) == 1


def test_the_same_key_for_another_round_is_a_duplicate(store):
    book(store, tx("WITHDRAW", "t1", "10"))
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t1", "10", round_id="r-2"))
    assert e.value.code == pam_errors.DUPLICATE_TRANS


@pytest.mark.parametrize("change, code", [
    (dict(cash_amount=Decimal("100.000001")), pam_errors.CASH_OVERDRAFT),
    (dict(currency="USD"), pam_errors.TRANS_CURRENCY),
    (dict(provider_game_id="no-such-game"), pam_errors.GAME_NOT_FOUND),
])
def test_a_declined_bet_books_nothing(store, change, code):
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, replace(tx("WITHDRAW", "t1"), **change))
    assert e.value.code == code
    assert store.txs == [] and store.balance("1001").cash == Decimal("100.000000")
    assert e.value.balance.cash == Decimal("100.000000")  # the decline tells the balance


def test_a_bet_on_an_expired_session_or_a_blocked_player_is_refused(store):
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t1", "1"), now=T0 + timedelta(hours=2))
    assert e.value.code == pam_errors.SESSION_EXPIRED
    store.players["1001"] = replace(store.players["1001"], blocked=True)
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t1", "1"))
    assert e.value.code == pam_errors.BET_NOT_ALLOWED


def test_another_players_path_and_an_unknown_token(store):
    store.add_player("1002")
    with pytest.raises(pam_errors.PamUnauthenticated):
        book(store, tx("WITHDRAW", "t1", "1"), player="1002")
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t1", "1"), player="9999")
    assert e.value.code == pam_errors.PLAYER_NOT_FOUND
    with pytest.raises(pam_errors.PamUnauthenticated) as u:
        service.get_balance(store, "b" * 40, PROVIDER, "1001")
    assert u.value.code == pam_errors.SESSION_NOT_FOUND


def test_a_cancel_gives_the_stake_back_once(store):
    book(store, tx("WITHDRAW", "t1", "10", provider_bet_ref="bet-1"))
    cancel = book(store, tx("CANCEL", "c1", provider_bet_ref="bet-1"))
    assert cancel.balance.cash == Decimal("100.000000")
    assert store.txs[0].cancelled_by == store.txs[1].id
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("CANCEL", "c2", provider_bet_ref="bet-1"))
    assert e.value.code == pam_errors.TRANS_ALREADY_CANCELLED


def test_a_settled_bet_cannot_be_cancelled_and_a_finished_round_takes_no_bet(store):
    book(store, tx("WITHDRAW", "t1", "10", provider_bet_ref="bet-1"))
    book(store, tx("DEPOSIT", "t2", "5", provider_bet_ref="bet-1", is_game_over=True))
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("CANCEL", "c1", provider_bet_ref="bet-1"))
    assert e.value.code == pam_errors.TRANS_ALREADY_SETTLED
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t3", "1"))
    assert e.value.code == pam_errors.TRANS_ALREADY_SETTLED


def test_a_win_without_its_round_is_not_found(store):
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("DEPOSIT", "t1", "5", round_id="never-bet"))
    assert e.value.code == pam_errors.TRANS_NOT_FOUND


def test_a_refresh_rotates_the_token_and_the_old_one_stops_working(store):
    call = service.prepare_refresh(store, TOKEN, PROVIDER)
    view = service.refresh_session(store, call, T0, timedelta(minutes=30))
    assert view.token == call.new_token != TOKEN
    assert service.get_balance(store, view.token, PROVIDER, "1001").cash == Decimal("100.000000")
    with pytest.raises(pam_errors.PamUnauthenticated):
        service.get_balance(store, TOKEN, PROVIDER, "1001")


def test_a_protected_players_bet_over_the_wager_limit_is_refused_and_the_rest_counted(store):
    store.protections.lock("1001", None, T0)
    prot = store.protections.state["1001"]
    store.protections.state["1001"] = replace(
        prot, limits={("wager", "day"): Limit("wager", "day", Decimal("15"))})
    book(store, tx("WITHDRAW", "t1", "10"))
    assert store.protections.usage("1001", T0).of("wager", "day") == Decimal("10")
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t2", "6"))
    assert e.value.code == pam_errors.BET_NOT_ALLOWED and "wager limit" in e.value.args[0]
    assert store.balance("1001").cash == Decimal("90.000000")
    # A day later (the protection clock) the window has moved on.
    later = T0 + timedelta(hours=25)
    book(store, tx("WITHDRAW", "t3", "6"), clock=lambda: later)
    assert store.protections.usage("1001", later).of("wager", "day") == Decimal("6")
    assert protection_rules.needs_usage(store.protections.state["1001"], later)


# ------------------------------------------------------------ large wins
def test_a_win_over_the_brands_threshold_is_one_significant_event(store):
    store.floor = Decimal("50")
    store.thresholds["1001"] = (1, Decimal("100"))
    book(store, tx("WITHDRAW", "t1", "10"))
    book(store, tx("DEPOSIT", "t2", "60"))  # over the floor, not over the brand's threshold
    assert store.events == [] and store.threshold_reads == 1
    book(store, tx("DEPOSIT", "t3", "100.000001", is_game_over=True))
    (e,) = store.events
    assert (e.kind.value, e.brand_id, e.subject_type, e.subject_id, e.client) == ("large_win", 1, "player", "1001",
                                                                                   "pam")
    assert e.detail == {"amount": "100.000001", "currency": "EUR", "threshold": "100.000000", "provider": PROVIDER,
                        "game_id": "slot-1", "transaction_id": store.txs[-1].id}


def test_a_win_at_or_under_the_floor_costs_no_extra_read_and_bets_never_look(store):
    store.floor = Decimal("100")
    book(store, tx("WITHDRAW", "t1", "10"))
    assert store.floor_reads == 0  # a bet never asks
    book(store, tx("DEPOSIT", "t2", "100", is_game_over=True))
    assert store.floor_reads == 1 and store.threshold_reads == 0 and store.events == []


def test_no_threshold_anywhere_means_no_large_win_event(store):
    book(store, tx("WITHDRAW", "t1", "10"))
    book(store, tx("DEPOSIT", "t2", "99999", is_game_over=True))
    assert store.events == [] and store.threshold_reads == 0


def test_a_bet_of_a_player_held_for_verification_is_refused_and_a_win_lands(store):
    """Licence gates (docs/compliance.md): the hold travels on the player's
    row the bet already reads; wins and cancels still land."""
    book(store, tx("WITHDRAW", "t1", "10"))
    store.players["1001"] = replace(store.players["1001"], verification_hold=True)
    with pytest.raises(pam_errors.PamRejected) as e:
        book(store, tx("WITHDRAW", "t2", "1"))
    assert e.value.code == pam_errors.BET_NOT_ALLOWED and "verified" in e.value.message
    # The round already open is paid out.
    assert book(store, tx("DEPOSIT", "t3", "5", is_game_over=True)).balance.cash == Decimal("95.000000")


def test_public_ids_are_unguessable_and_sort_by_time():
    """32 hexadecimal characters as before; an id made later sorts after one
    made earlier (the unique index grows at its edge), and ids of the same
    millisecond still differ (80 random bits)."""
    import re
    import time

    first = wallet.public_id()
    time.sleep(0.002)
    later = [wallet.public_id() for _ in range(1000)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in [first, *later])
    assert all(first < i for i in later)
    assert len(set(later)) == len(later)
    assert abs(int(first[:12], 16) - time.time() * 1000) < 60_000  # the prefix is the time in ms
