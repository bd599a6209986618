"""The PAM API through the real Envoy to the real server (SQLite stack with
the demo records): the seed's example, the six operations, one test per
PAM_ERR_* code (PAM_ERR_TIMEOUT: tests/e2e/test_pam_postgres.py), idempotent
retries of every transaction type, and what the real aggregator client
sends."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import grpc
import pytest

from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from server.domain.pam.errors import ALL_CODES
from tests.support.pam_support import GAME, Pam, db, expire, new_player, tx

pytestmark = pytest.mark.e2e

DEMO_PLAYER = "73619e57b3bc4b4e9014132be3bd12a9"
DEMO_TOKEN = "7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43"
TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.fixture(scope="module")
def pam(stack, http):
    return Pam(http, stack.http)


@pytest.fixture
def player(stack):
    return new_player(stack.database_url, cash="100", bonus="20", promo="5")


def ok(r):
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "OK", body
    assert "error" not in body
    return body


def business_error(r, code):
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ERROR" and body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body


def hard_error(r, status, code):
    assert r.status_code == status, r.text
    body = r.json()
    assert body == {"status": "ERROR", "error": {"code": code, "message": body["error"]["message"]}}
    return body


def bal(body) -> tuple[float, float, float]:
    b = body["transactionResult"]["balance"] if "transactionResult" in body else body["balance"]
    return b["cashAmount"], b["bonusAmount"], b["promoAmount"]


# ------------------------------------------------------------------ the seed


def test_seed_example_refresh_session(pam, stack):
    """seeds/002 with the demo records: getSession, then refreshSession as the
    document shows it (provider Evolution) and as the aggregator sends it."""
    body = ok(pam.get_session(DEMO_TOKEN))
    assert body["session"] == {"playerId": DEMO_PLAYER, "token": DEMO_TOKEN, "currency": "USD", "country": "US",
                               "language": "en", "gameId": "ecf559b11f0"}
    r = Pam(pam.http, stack.http, provider="Evolution").refresh(DEMO_TOKEN)
    new = ok(r)["session"]
    assert re.fullmatch(r"[0-9a-f]{40}", new["token"]) and new["token"] != DEMO_TOKEN
    assert {k: v for k, v in new.items() if k != "token"} == {"playerId": DEMO_PLAYER, "currency": "USD",
                                                               "country": "US", "language": "en",
                                                               "gameId": "ecf559b11f0"}
    assert r.headers["Content-Length"] == str(len(r.content))
    hard_error(pam.get_session(DEMO_TOKEN), 401, "PAM_ERR_SESSION_NOT_FOUND")
    # Tokens are stored only as SHA-256 hashes.
    from sqlalchemy import text

    with db(stack.database_url).session() as s:
        rows = [tuple(r) for r in s.execute(text("SELECT * FROM pam_session"))]
    assert rows and not any(new["token"] in str(r) or DEMO_TOKEN in str(r) for r in rows)
    assert ok(pam.get_session(new["token"]))["session"]["token"] == new["token"]
    assert ok(pam.balance(DEMO_PLAYER, new["token"]))["balance"]["cashAmount"] == 1000


# --------------------------------------------------------- the six operations


def test_round_lifecycle_and_lookups(pam, stack, player):
    pid, tok = player
    r = ok(pam.add(pid, tok, tx("WITHDRAW", "w1", cash="10.5", bonus="2", round_id="rA", bet_ref="bA")))
    assert bal(r) == (89.5, 18, 5)
    assert re.fullmatch(r"[0-9a-f]{32}", r["transactionResult"]["transactionId"])
    rnd = ok(pam.round(pid, tok, "rA"))["gameround"]
    assert rnd["providerGameId"] == GAME and rnd["providerRoundId"] == "rA" and "endTime" not in rnd
    r = ok(pam.add(pid, tok, tx("DEPOSIT", "d1", cash="30.25", round_id="rA", bet_ref="bA", over=True)))
    assert bal(r) == (119.75, 18, 5)
    rnd = ok(pam.round(pid, tok, "rA"))["gameround"]
    assert rnd["endTime"] >= rnd["startTime"]
    # providerBetRef wins over providerTransactionId.
    txs = ok(pam.transactions(pid, tok, tx_id="nope", bet_ref="bA"))["transactions"]
    assert [(t["transactionType"], t["cashAmount"]) for t in txs] == [("WITHDRAW", 10.5), ("DEPOSIT", 30.25)]
    txs = ok(pam.transactions(pid, tok, tx_id="w1"))["transactions"]
    assert len(txs) == 1 and txs[0]["providerTransactionId"] == Pam.ns(pid, "w1") and txs[0]["bonusAmount"] == 2
    assert txs[0]["transactionDateTime"] == "2026-11-22T19:40:00Z" and txs[0]["currency"] == "USD"
    assert ok(pam.balance(pid, tok))["balance"] == {"cashAmount": 119.75, "bonusAmount": 18, "promoAmount": 5}
    # The read functions other families use.
    from datetime import datetime, timedelta, timezone

    from server.storage.repositories.pam_readers import finished_rounds, player_rounds, wallet_summary

    now = datetime.now(timezone.utc)
    with db(stack.database_url).session() as s:
        w = wallet_summary(s, pid)
        rounds = player_rounds(s, pid)
        done = finished_rounds(s, pid, now - timedelta(hours=1), now + timedelta(hours=1))
        assert finished_rounds(s, pid, now + timedelta(hours=1), now + timedelta(hours=2)) == []
    assert done == rounds and not done[0].is_free
    assert (w.cash_amount, w.bonus_amount, w.promo_amount) == (Decimal("119.75"), Decimal("18"), Decimal("5"))
    assert (w.last_bet_amount, w.last_deposit_amount) == (Decimal("12.5"), Decimal("30.25"))
    assert w.last_bet_at <= w.last_deposit_at
    assert [(r.provider_round_id, r.stake, r.payout, r.currency) for r in rounds] == [
        ("rA", Decimal("12.5"), Decimal("30.25"), "USD")]
    assert rounds[0].ended_at >= rounds[0].started_at


def test_getsession_and_refresh_through_grpc(stack, player):
    pid, tok = player
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = pam_pb2_grpc.PamServiceStub(ch)
        md = [("authorization", "Bearer pam-demo-api-token"), ("x-player-token", tok), ("x-correlation-id", "g1")]
        resp = stub.GetSession(pam_pb2.GetSessionRequest(provider="evolution"), metadata=md)
        assert resp.status == "OK" and resp.session.player_id == pid
        new = stub.RefreshSession(pam_pb2.RefreshSessionRequest(provider="evolution"), metadata=md)
        assert new.status == "OK" and len(new.session.token) == 40
        md2 = [md[0], ("x-player-token", new.session.token)]
        b = stub.GetBalance(pam_pb2.GetBalanceRequest(player_id=pid, provider="evolution"), metadata=md2)
        assert b.balance.cash_amount == 100
        t = pam_pb2.Transaction(currency="USD", provider="evolution", transaction_type="WITHDRAW", cash_amount=1.5,
                                bonus_amount=0, promo_amount=0, transaction_date_time="2026-11-22T19:40:00Z",
                                provider_transaction_id="gw1", provider_game_id=GAME, provider_round_id="gr1")
        a = stub.AddTransaction(pam_pb2.AddTransactionRequest(player_id=pid, provider="evolution", transaction=t),
                                metadata=md2)
        assert a.status == "OK" and a.transaction_result.balance.cash_amount == 98.5
        g = stub.GetGameRound(pam_pb2.GetGameRoundRequest(player_id=pid, provider="evolution",
                                                          provider_game_round_id="gr1"), metadata=md2)
        assert g.gameround.provider_round_id == "gr1"
        ts = stub.GetTransactions(pam_pb2.GetTransactionsRequest(player_id=pid, provider="evolution",
                                                                 provider_transaction_id="gw1"), metadata=md2)
        assert [x.provider_transaction_id for x in ts.transactions] == ["gw1"]
        # Business errors (the normal answer with status ERROR over HTTP) are
        # FAILED_PRECONDITION with that answer as a detail; hard errors are
        # gRPC statuses with the PamError.
        with pytest.raises(grpc.RpcError) as e:
            stub.GetGameRound(pam_pb2.GetGameRoundRequest(player_id=pid, provider="evolution",
                                                          provider_game_round_id="none"), metadata=md2)
        assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        r = next(d for d in _details(e.value) if d.Is(pam_pb2.GetGameRoundResponse.DESCRIPTOR))
        answer = pam_pb2.GetGameRoundResponse()
        r.Unpack(answer)
        assert answer.status == "ERROR" and answer.error.code == pam_pb2.PAM_ERR_ROUND_NOT_FOUND
        with pytest.raises(grpc.RpcError) as e:
            stub.GetSession(pam_pb2.GetSessionRequest(provider="evolution"), metadata=md)
        assert e.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.RpcError) as e:
            stub.GetSession(pam_pb2.GetSessionRequest(provider="nobody"), metadata=md2)
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def _details(err):
    from grpc_status import rpc_status

    return rpc_status.from_call(err).details


# ------------------------------------------------------ one test per PAM_ERR


def test_every_code_has_a_test():
    names = {n for n in globals() if n.startswith("test_err_")}
    expected = {"test_err_" + c.removeprefix("PAM_ERR_").lower() for c in ALL_CODES if c != "PAM_ERR_TIMEOUT"}
    assert expected <= names
    assert len(ALL_CODES) == 22
    assert {v.name for v in pam_pb2.PamErr.DESCRIPTOR.values} - {"PAM_ERR_UNSPECIFIED"} == set(ALL_CODES)


def test_err_undefined(pam, player):
    pid, tok = player
    body = tx("WITHDRAW", "u1", cash="1")
    del body["currency"], body["cashAmount"]
    hard_error(pam.add(pid, tok, body), 400, "PAM_ERR_UNDEFINED")
    hard_error(pam.add(pid, tok, tx("BOGUS", "u2")), 400, "PAM_ERR_UNDEFINED")
    seven = tx("WITHDRAW", "u3")
    seven["cashAmount"] = "1.0000001"  # more than six decimals
    hard_error(pam.add(pid, tok, seven), 400, "PAM_ERR_UNDEFINED")
    # Not JSON at all: Envoy's own reply, in the same shape.
    r = pam.http.post(f"{pam.base}/players/{pid}/transactions", params={"provider": "evolution"},
                      headers=pam.headers(tok), data="{not json")
    hard_error(r, 400, "PAM_ERR_UNDEFINED")
    # getTransactions without a look-up key.
    hard_error(pam.transactions(pid, tok), 400, "PAM_ERR_UNDEFINED")
    assert ok(pam.balance(pid, tok))["balance"]["cashAmount"] == 100


def test_err_acc_not_found(pam, stack):
    pid, tok = new_player(stack.database_url, account=False)
    business_error(pam.balance(pid, tok), "PAM_ERR_ACC_NOT_FOUND")
    business_error(pam.add(pid, tok, tx("WITHDRAW", "a1", cash="1")), "PAM_ERR_ACC_NOT_FOUND")


def test_err_game_not_found(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "g1", cash="1", game="no-such-game")),
                       "PAM_ERR_GAME_NOT_FOUND")
    assert bal(b) == (100, 20, 5)


def test_err_round_not_found(pam, player):
    pid, tok = player
    business_error(pam.round(pid, tok, "no-such-round"), "PAM_ERR_ROUND_NOT_FOUND")


def test_err_trans_not_found(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("DEPOSIT", "d1", cash="5", round_id="never-opened")),
                       "PAM_ERR_TRANS_NOT_FOUND")
    assert bal(b) == (100, 20, 5)
    business_error(pam.transactions(pid, tok, tx_id="nothing-here"), "PAM_ERR_TRANS_NOT_FOUND")


def test_err_cash_overdraft(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "o1", cash="100.000001")), "PAM_ERR_CASH_OVERDRAFT")
    assert bal(b) == (100, 20, 5)
    assert bal(ok(pam.add(pid, tok, tx("WITHDRAW", "o2", cash="100")))) == (0, 20, 5)


def test_err_bonus_overdraft(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "o1", cash="1", bonus="20.5")), "PAM_ERR_BONUS_OVERDRAFT")
    assert bal(b) == (100, 20, 5)


def test_err_promo_overdraft(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("PROMOWITHDRAW", "p1", promo="5.01")), "PAM_ERR_PROMO_OVERDRAFT")
    assert bal(b) == (100, 20, 5)


def test_err_session_not_found(pam, stack, player):
    pid, tok = player
    hard_error(pam.get_session("f" * 40), 401, "PAM_ERR_SESSION_NOT_FOUND")
    hard_error(pam.balance(pid, "short"), 401, "PAM_ERR_SESSION_NOT_FOUND")
    hard_error(pam.balance(pid, None), 401, "PAM_ERR_SESSION_NOT_FOUND")
    # The session belongs to one provider.
    hard_error(Pam(pam.http, stack.http, provider="redtiger").get_session(tok), 401, "PAM_ERR_SESSION_NOT_FOUND")
    # ... and to one player.
    other, _ = new_player(stack.database_url)
    hard_error(pam.balance(other, tok), 401, "PAM_ERR_SESSION_NOT_FOUND")


def test_err_session_expired(pam, stack, player):
    pid, tok = player
    ok(pam.add(pid, tok, tx("WITHDRAW", "w1", cash="10", round_id="rx", bet_ref="bx")))
    ok(pam.add(pid, tok, tx("WITHDRAW", "w2", cash="10", round_id="ry", bet_ref="by")))
    expire(stack.database_url, tok)
    hard_error(pam.get_session(tok), 401, "PAM_ERR_SESSION_EXPIRED")
    hard_error(pam.refresh(tok), 401, "PAM_ERR_SESSION_EXPIRED")
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "w3", cash="1", round_id="rz")), "PAM_ERR_SESSION_EXPIRED")
    assert bal(b) == (80, 20, 5)
    business_error(pam.add(pid, tok, tx("PROMOWITHDRAW", "w4", promo="1", round_id="rz")),
                   "PAM_ERR_SESSION_EXPIRED")
    # Wins and cancels still land after the session expired.
    assert bal(ok(pam.add(pid, tok, tx("DEPOSIT", "d1", cash="25", round_id="rx", bet_ref="bx", over=True)))) == (
        105, 20, 5)
    assert bal(ok(pam.add(pid, tok, tx("CANCEL", "c2", round_id="ry", bet_ref="by")))) == (115, 20, 5)
    assert bal(ok(pam.add(pid, tok, tx("PROMODEPOSIT", "pd", promo="2", round_id=None)))) == (115, 20, 7)
    assert ok(pam.balance(pid, tok))["balance"]["cashAmount"] == 115


def test_err_missing_provider(pam, stack, player):
    pid, tok = player
    hard_error(Pam(pam.http, stack.http, provider=None).balance(pid, tok), 400, "PAM_ERR_MISSING_PROVIDER")
    hard_error(Pam(pam.http, stack.http, provider="netent").get_session(tok), 400, "PAM_ERR_MISSING_PROVIDER")
    # Provider names match case-insensitively.
    ok(Pam(pam.http, stack.http, provider="EVOLUTION").get_session(tok))


def test_err_trans_currency(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "c1", cash="1", currency="EUR")), "PAM_ERR_TRANS_CURRENCY")
    assert bal(b) == (100, 20, 5)


def test_err_negative_stake(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "n1", cash="-1")), "PAM_ERR_NEGATIVE_STAKE")
    assert bal(b) == (100, 20, 5)
    business_error(pam.add(pid, tok, tx("PROMODEPOSIT", "n2", promo="-0.5")), "PAM_ERR_NEGATIVE_STAKE")


def test_err_cancel_not_found(pam, player):
    pid, tok = player
    b = business_error(pam.add(pid, tok, tx("CANCEL", "c1", round_id="nothing", bet_ref="nothing")),
                       "PAM_ERR_CANCEL_NOT_FOUND")
    assert bal(b) == (100, 20, 5)


def test_err_trans_already_cancelled(pam, player):
    pid, tok = player
    ok(pam.add(pid, tok, tx("WITHDRAW", "w1", cash="10", round_id="r1", bet_ref="b1")))
    # The cancel takes its amounts from the withdraw (the body's are ignored).
    assert bal(ok(pam.add(pid, tok, tx("CANCEL", "c1", cash="999", round_id="r1", bet_ref="b1")))) == (100, 20, 5)
    b = business_error(pam.add(pid, tok, tx("CANCEL", "c2", round_id="r1", bet_ref="b1")),
                       "PAM_ERR_TRANS_ALREADY_CANCELLED")
    assert bal(b) == (100, 20, 5)
    # A deposit toward the cancelled withdraw.
    business_error(pam.add(pid, tok, tx("DEPOSIT", "d1", cash="5", round_id="r1", bet_ref="b1")),
                   "PAM_ERR_TRANS_ALREADY_CANCELLED")


def test_err_cancel_non_withdraw(pam, player):
    pid, tok = player
    ok(pam.add(pid, tok, tx("PROMODEPOSIT", "pd1", promo="3", round_id=None, bet_ref="promo-1")))
    b = business_error(pam.add(pid, tok, tx("CANCEL", "c1", bet_ref="promo-1", round_id=None)),
                       "PAM_ERR_CANCEL_NON_WITHDRAW")
    assert bal(b) == (100, 20, 8)


def test_err_bet_not_allowed(pam, stack):
    pid, tok = new_player(stack.database_url, cash="50", blocked=True)
    b = business_error(pam.add(pid, tok, tx("WITHDRAW", "w1", cash="1")), "PAM_ERR_BET_NOT_ALLOWED")
    assert bal(b) == (50, 0, 0)
    business_error(pam.add(pid, tok, tx("PROMOWITHDRAW", "w2", cash="1")), "PAM_ERR_BET_NOT_ALLOWED")
    # A blocked player's wins still land.
    assert bal(ok(pam.add(pid, tok, tx("PROMODEPOSIT", "p1", cash="2", round_id=None)))) == (52, 0, 0)


def test_err_player_not_found(pam, player):
    _, tok = player
    business_error(pam.balance("0" * 32, tok), "PAM_ERR_PLAYER_NOT_FOUND")
    business_error(pam.add("0" * 32, tok, tx("WITHDRAW", "x", cash="1")), "PAM_ERR_PLAYER_NOT_FOUND")


def test_err_api_token(pam, stack, player):
    pid, tok = player
    for bad in ("wrong-token", ""):
        hard_error(Pam(pam.http, stack.http, api_token=bad).balance(pid, tok), 401, "PAM_ERR_API_TOKEN")
    r = pam.http.get(f"{stack.http}/players/{pid}/balance", params={"provider": "evolution"},
                     headers={"X-Player-Token": tok, "X-Correlation-ID": "-"})
    hard_error(r, 401, "PAM_ERR_API_TOKEN")


def test_err_trans_already_settled(pam, player):
    pid, tok = player
    ok(pam.add(pid, tok, tx("WITHDRAW", "w1", cash="10", round_id="r1", bet_ref="b1")))
    ok(pam.add(pid, tok, tx("DEPOSIT", "d1", cash="15", round_id="r1", bet_ref="b1", over=True)))
    # A deposit on a finished round.
    b = business_error(pam.add(pid, tok, tx("DEPOSIT", "d2", cash="15", round_id="r1", bet_ref="b1")),
                       "PAM_ERR_TRANS_ALREADY_SETTLED")
    assert bal(b) == (105, 20, 5)
    # The cancel of a settled bet.
    business_error(pam.add(pid, tok, tx("CANCEL", "c1", round_id="r1", bet_ref="b1")),
                   "PAM_ERR_TRANS_ALREADY_SETTLED")
    # A settled bet in a round that is still open.
    ok(pam.add(pid, tok, tx("WITHDRAW", "w2", cash="1", round_id="r2", bet_ref="b2")))
    ok(pam.add(pid, tok, tx("DEPOSIT", "d3", cash="0", round_id="r2", bet_ref="b2")))
    business_error(pam.add(pid, tok, tx("CANCEL", "c2", round_id="r2", bet_ref="b2")),
                   "PAM_ERR_TRANS_ALREADY_SETTLED")


def test_err_duplicate_trans(pam, stack, player):
    pid, tok = player
    ok(pam.add(pid, tok, tx("WITHDRAW", "w1", cash="10", round_id="r1")))
    ok(pam.add(pid, tok, tx("DEPOSIT", "dup", cash="1", round_id="r1")))
    # Same providerTransactionId, another round / game / player.
    b = business_error(pam.add(pid, tok, tx("DEPOSIT", "dup", cash="1", round_id="r2")), "PAM_ERR_DUPLICATE_TRANS")
    assert bal(b) == (91, 20, 5)
    business_error(pam.add(pid, tok, tx("DEPOSIT", "dup", cash="1", round_id="r1", game="blackjack-a")),
                   "PAM_ERR_DUPLICATE_TRANS")
    other, otok = new_player(stack.database_url)
    ok(pam.add(other, otok, tx("WITHDRAW", "w9", cash="1", round_id="r1")))
    shared = tx("DEPOSIT", Pam.ns(pid, "dup"), cash="1", round_id="r1")
    business_error(pam.add(other, otok, shared, shared_id=True), "PAM_ERR_DUPLICATE_TRANS")


# ------------------------------------------------------ idempotent retries


def ledger_count(url: str, pid: str) -> int:
    from sqlalchemy import text

    with db(url).session() as s:
        return s.execute(text("SELECT COUNT(*) FROM pam_ledger WHERE player_id = :p"), {"p": pid}).scalar()


SETUP = {
    "WITHDRAW": [],
    "PROMOWITHDRAW": [],
    "DEPOSIT": [tx("WITHDRAW", "w0", cash="10", round_id="r1", bet_ref="b1")],
    "PROMODEPOSIT": [],
    "CANCEL": [tx("WITHDRAW", "w0", cash="10", round_id="r1", bet_ref="b1")],
    "PROMOCANCEL": [tx("PROMOWITHDRAW", "w0", promo="2", round_id="r1", bet_ref="b1")],
}
RETRIED = {
    "WITHDRAW": tx("WITHDRAW", "t1", cash="7.25", round_id="r1", bet_ref="b1"),
    "PROMOWITHDRAW": tx("PROMOWITHDRAW", "t1", promo="1.5", round_id="r1", bet_ref="b1"),
    "DEPOSIT": tx("DEPOSIT", "t1", cash="12.5", round_id="r1", bet_ref="b1", over=True),
    "PROMODEPOSIT": tx("PROMODEPOSIT", "t1", promo="3", round_id=None),
    "CANCEL": tx("CANCEL", "t1", round_id="r1", bet_ref="b1", over=True),
    "PROMOCANCEL": tx("PROMOCANCEL", "t1", round_id="r1", bet_ref="b1"),
}


@pytest.mark.parametrize("kind", list(RETRIED))
def test_idempotent_retry(pam, stack, player, kind):
    pid, tok = player
    for body in SETUP[kind]:
        ok(pam.add(pid, tok, body))
    before = bal(ok(pam.balance(pid, tok)))
    first = ok(pam.add(pid, tok, RETRIED[kind]))
    entries = ledger_count(stack.database_url, pid)
    assert bal(first) != before
    for _ in range(2):
        again = ok(pam.add(pid, tok, RETRIED[kind]))
        assert again["transactionResult"] == first["transactionResult"]
    assert ledger_count(stack.database_url, pid) == entries
    assert bal(ok(pam.balance(pid, tok))) == bal(first)
    assert len(ok(pam.transactions(pid, tok, tx_id="t1"))["transactions"]) == 1


# ------------------------------------------------------------- the client


def test_aggregator_client_quirks(pam, stack, player):
    """null body on the refresh PUT, six-decimal amounts, lower-case
    providers, X-Correlation-ID "-", Content-Length on every answer."""
    pid, tok = player
    r = pam.refresh(tok)
    new = ok(r)["session"]["token"]
    answers = [
        r, pam.get_session(new), pam.balance(pid, new),
        pam.add(pid, new, tx("WITHDRAW", "q1", cash="10.500000")),
        pam.transactions(pid, new, tx_id="q1"), pam.round(pid, new, "r1"),
        pam.round(pid, new, "nope"), pam.get_session(tok), pam.add(pid, new, tx("BOGUS", "q2")),
    ]
    for a in answers:
        assert a.headers.get("Content-Length") == str(len(a.content)), a.headers
        assert a.headers["Content-Type"] == "application/json"
        assert not any(h.lower().startswith(("grpc-", "x-pitboss-")) for h in a.headers)
    assert bal(answers[3].json()) == (89.5, 20, 5)
    # A PUT with no body at all is accepted too.
    r = pam.http.put(f"{stack.http}/players/session", params={"provider": "evolution"}, headers=pam.headers(new))
    assert len(ok(r)["session"]["token"]) == 40


def test_correlation_id_and_traceparent(pam, stack, player):
    pid, tok = player
    cid = "corr-" + pid[:8]
    calls = [
        lambda **h: pam.get_session(tok, **h),
        lambda **h: pam.balance(pid, tok, **h),
        lambda **h: pam.add(pid, tok, tx("WITHDRAW", "tr1", cash="1"), **h),
        lambda **h: pam.transactions(pid, tok, tx_id="tr1", **h),
        lambda **h: pam.round(pid, tok, "r1", **h),
        lambda **h: pam.balance(pid, tok, Authorization="Bearer wrong", **h),
    ]
    for i, call in enumerate(calls):
        r = call(cid=f"{cid}-{i}", traceparent=TRACE, tracestate="vendor=1")
        child = r.headers["traceparent"]
        version, trace_id, span_id, flags = child.split("-")
        assert (version, trace_id, flags) == ("00", TRACE.split("-")[1], "01")
        assert re.fullmatch(r"[0-9a-f]{16}", span_id) and span_id != TRACE.split("-")[2]
        assert r.headers["tracestate"] == "vendor=1"
        assert r.headers["x-correlation-id"] == f"{cid}-{i}"
    r = pam.get_session(tok, cid="x", traceparent="garbage")
    assert "traceparent" not in r.headers
    lines = [json.loads(line) for line in stack.log_text().splitlines() if line.startswith("{") and cid in line]
    assert len(lines) == len(calls)
    assert all(line["traceparent"] == TRACE for line in lines)
    assert sorted(line["correlation_id"] for line in lines) == [f"{cid}-{i}" for i in range(len(calls))]
    assert tok not in stack.log_text()


def test_money_is_exact(pam, stack):
    pid, tok = new_player(stack.database_url, cash="0.3")
    for i in range(3):
        ok(pam.add(pid, tok, tx("WITHDRAW", f"m{i}", cash="0.1", round_id=f"m{i}")))
    assert bal(ok(pam.balance(pid, tok))) == (0, 0, 0)
    with db(stack.database_url).session() as s:
        from server.storage.repositories.pam_readers import ledger_totals, wallet_summary

        assert wallet_summary(s, pid).cash_amount == Decimal("0.000000")
        assert ledger_totals(s, pid) == (Decimal(0), Decimal(0), Decimal(0))
