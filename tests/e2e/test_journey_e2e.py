"""One player, one wallet, one journey (issue 13), end to end through the real
Envoy, gRPC server and database, on SQLite and on PostgreSQL: register, verify
the email from the outbox, log in, fund the wallet through VIP Connect, start
a game, play it through the PAM API with the launched token, read online and
in-game status, the back office's ledger, an MTS casino-sessions report from
the rounds, and withdraw back through VIP Connect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import grpc
import pytest

from pitboss.mts.v1 import mts_pb2
from tests.support import ROOT
from tests.e2e.journey_support import NIL, Backoffice, Journey, bo, launch
from tests.support.mts_helpers import PATH as MTS_PATH
from tests.support.mts_helpers import TOKEN as MTS_TOKEN
from tests.support.mts_helpers import reports_stub
from tests.support.pam_support import Pam, tx


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


@pytest.mark.e2e
def test_one_player_one_wallet_one_journey(any_stack, http):
    stack = any_stack
    j = Journey(stack, http)

    # 1-3. register (steps one and two), verify the email from the outbox, log in
    p = j.player(country="MT")
    pid = str(p["id"])

    # 4. fund the wallet: VIP Connect session (enrollment), web-component confirm, approval, settlement
    dep = j.deposit(p, 150.0)
    card = dep["vipCardNumber"]
    again = j.approve("deposit", dep["_txid"])  # the approval repeated: nothing is booked twice
    assert again.json()["status"] == "settled"
    st = j.status(p).json()
    assert st["real_balance"] == 150
    assert (st["deposit_count"], st["last_deposit_amount"], st["average_deposit"], st["depositsAmount"]) == (
        1, 150, 150, 150)
    assert st["last_deposit"] != ""

    # 5. start a game: a real PAM session, its token in the launch URL
    r = j.start(p, "ecf559b11f0")
    assert r.status_code == 200, r.text
    started = r.json()
    assert set(started) >= {"html", "htmlIndicator", "provideRC", "isIframe", "game_url", "game_html"}
    assert started["game_url"].startswith("https://games.evolution.example/launch/ecf559b11f0?lang=en&casino=1&")
    token, gsid = launch(started["game_url"])
    assert len(token) == 40 and all(c in "0123456789abcdef" for c in token)
    assert gsid == started["game_session_id"]

    # 6. the aggregator: getSession, WITHDRAW and DEPOSIT with the launched token
    pam = Pam(http, stack.http)
    s = pam.get_session(token)
    assert s.status_code == 200, s.text
    sess = s.json()["session"]
    assert (sess["playerId"], sess["currency"], sess["country"], sess["language"], sess["gameId"]) == (
        pid, "EUR", "MT", "en", "ecf559b11f0")
    w = pam.add(pid, token, tx("WITHDRAW", "j-w1", cash="20", round_id="jr1", currency="EUR")).json()
    assert w["status"] == "OK", w
    d = pam.add(pid, token, tx("DEPOSIT", "j-d1", cash="35.5", round_id="jr1", over=True, currency="EUR")).json()
    assert d["status"] == "OK", d
    assert d["transactionResult"]["balance"]["cashAmount"] == 165.5

    # 7. online status and in-game status: the new balance and the last bet
    st = j.status(p).json()
    assert st["real_balance"] == 165.5 and st["total_balance"] == 165.5
    assert st["last_bet"] != "" and st["rounds_since_login"] == 1
    ig = j.in_game(p, gsid)
    assert ig.status_code == 200, ig.text
    ig = ig.json()
    assert ig["real_balance"] == 165.5 and ig["last_bet"] == st["last_bet"]
    g = ig["game_session"]
    assert (g["game_session_id"], g["game_id"], g["provider"], g["rounds"], g["total_bets"], g["total_wins"]) == (
        gsid, "ecf559b11f0", "evolution", 1, 20, 35.5)
    assert g["last_bet_amount"] == 20 and g["time_played"].startswith("0 hours ")

    # 8. the back office shows the same ledger
    office = Backoffice(stack)
    try:
        player = office.GetPlayer(bo.GetPlayerRequest(player_id=pid))
        assert player.player.user_name == p["name"] and player.balances.cash == "165.500000"
        ledger = office.ListLedger(bo.ListLedgerRequest(player_id=pid)).entries
        assert [(e.kind, e.transaction_type, e.cash_delta, e.cash_after) for e in ledger] == [
            ("TRANSACTION", "DEPOSIT", "35.500000", "165.500000"),
            ("TRANSACTION", "WITHDRAW", "-20.000000", "130.000000"),
            ("CASHIER", "DEPOSIT", "150.000000", "150.000000"),
        ]
        assert ledger[2].reference == f"vip:operator-3:{dep['_txid']}"
        sessions = office.ListGameSessions(bo.ListGameSessionsRequest(player_id=pid)).sessions
        assert [(x.game_session_id, x.open, x.rounds, x.total_bets) for x in sessions] == [(gsid, True, 1, "20.000000")]
    finally:
        office.close()

    # 9. an MTS casino-sessions report produced from the rounds
    now = datetime.now(timezone.utc)
    env = dict(os.environ, PITBOSS_MTS_TOKEN=MTS_TOKEN, PITBOSS_DATABASE_URL=stack.database_url,
               PITBOSS_SECRET_KEY=stack.env["PITBOSS_SECRET_KEY"])
    out = subprocess.run([sys.executable, "-m", "server.cli", "mts", "report", "--player", pid,
                          "--since", (now - timedelta(hours=1)).isoformat(),
                          "--until", (now + timedelta(minutes=1)).isoformat(), "--send", stack.url(MTS_PATH)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    replies = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(replies) == 1 and replies[0]["reply"]["content"]["code"] == 0, replies
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=pid))
    assert len(got.sessions) == 1
    assert (got.sessions[0].stakes[0].amount, got.sessions[0].stakes[0].currency) == ("20.00", "EUR")
    assert got.sessions[0].payouts[0].amount == "35.50"

    # 10. a withdrawal back through VIP Connect: refused above the wallet, then pending, then settled
    short = j.vip_session(p, "withdraw", 500.0, card=card, wallet_balance=900.0)
    assert short["sessionId"] == NIL and short["errorModel"]["errorCode"] == "114", short
    wd = j.vip_session(p, "withdraw", 100.0, card=card, wallet_balance=165.5)
    assert wd["sessionId"] != NIL, wd
    assert j.confirm(wd["sessionId"]).status_code == 200
    st = j.status(p).json()
    assert (st["pending_withdrawal"], st["total_withdrawals"], st["real_balance"]) == (100, 0, 165.5)
    r = j.approve("withdraw", wd["_txid"])
    assert r.status_code == 200 and r.json()["status"] == "settled", r.text
    assert j.approve("withdraw", wd["_txid"]).json()["status"] == "settled"  # idempotent
    st = j.status(p).json()
    assert (st["pending_withdrawal"], st["total_withdrawals"], st["real_balance"]) == (0, 100, 65.5)
    office = Backoffice(stack)
    try:
        top = office.ListLedger(bo.ListLedgerRequest(player_id=pid, page_size=1))
        assert [(e.kind, e.transaction_type, e.cash_delta) for e in top.entries] == [("CASHIER", "WITHDRAW", "-100.000000")]
        assert top.next_page_token
    finally:
        office.close()

    # Logout ends the game session: bets on its token are refused, in-game status no longer answers.
    assert j.call("POST", "/gateway/logout/1.30.00/1/player", token=p["token"], body={}).status_code == 200
    bet = pam.add(pid, token, tx("WITHDRAW", "j-w2", cash="1", round_id="jr2", currency="EUR")).json()
    assert bet["status"] == "ERROR" and bet["error"]["code"] == "PAM_ERR_SESSION_EXPIRED", bet
