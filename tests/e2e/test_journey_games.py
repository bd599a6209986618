"""Start Game's answers and the game sessions it opens (through Envoy, on the
shared SQLite stack): unknown game, required actions, restricted country, an
open round in another game, a real-money-only game (303 ggr_game), a blocked
player, in-game status for sessions that are not the caller's."""

from __future__ import annotations

import pytest

from tests.e2e.journey_support import Backoffice, Journey, bo, launch
from tests.support.pam_support import Pam, tx

INVALID_GAME = {"errMsg": "invalid input - invalid game id"}
INVALID_GAME_SESSION = {"errMsg": "invalid input - invalid game session id"}


@pytest.fixture(scope="module")
def j(stack, http):
    return Journey(stack, http)


@pytest.mark.e2e
def test_start_game_errors(j):
    p = j.player()
    assert j.start(p, "no-such-game").json() == INVALID_GAME
    assert j.start(p, "no-such-game").status_code == 400
    r = j.start(p, "ecf559b11f0", brand=99)
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input - invalid brand id"})
    r = j.start(p, "ecf559b11f0", token="0" * 64)
    assert (r.status_code, r.json()) == (401, {"errMsg": "invalid input - invalid token"})
    r = j.start(p, "ecf559b11f0", lang="english")
    assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"})
    # Another brand's token is as unknown as a made-up one.
    r = j.start(p, "ecf559b11f0", brand=2)
    assert r.status_code == 401
    # The header works as well as the body's auth_token.
    r = j.call("POST", "/gateway/games/1.30.00/start-game/1/caleta-slot-1/en", token=p["token"], body={})
    assert r.status_code == 200, r.text


@pytest.mark.e2e
def test_required_action_answers_401(j):
    r = j.call("POST", "/gateway/reg-step-one/1.30.00/1", body={
        "loginName": "jx" + j.player()["name"][1:], "email": "jx@example.org", "password": "Secret123",
        "over18": True, "signTNC": True, "language": "en", "currency": "EUR"})
    assert r.status_code == 200, r.text
    r = j.start({"brand": 1, "token": r.json()["auth_token"]}, "ecf559b11f0")
    assert (r.status_code, r.json()) == (401, {"result": "INCOMPLETE_REGISTRATION"})


@pytest.mark.e2e
def test_restricted_country(j):
    us = j.player(country="US")
    r = j.start(us, "gonzos-quest-megaways")
    assert (r.status_code, r.json()) == (403, {"result": "restricted_country"})
    assert j.start(us, "caleta-slot-1").status_code == 200
    mt = j.player(country="MT")
    assert j.start(mt, "gonzos-quest-megaways").status_code == 200


@pytest.mark.e2e
def test_open_round_in_another_game(j, stack, http):
    p = j.player()
    j.deposit(p, 50.0)
    token, _ = launch(j.start(p, "ecf559b11f0").json()["game_url"])
    pam = Pam(http, stack.http)
    assert pam.add(str(p["id"]), token, tx("WITHDRAW", "or-w1", cash="5", round_id="or1", currency="EUR")).json()[
        "status"] == "OK"
    r = j.start(p, "caleta-slot-1")
    assert r.status_code == 403, r.text
    body = r.json()
    assert set(body) == {"game_id", "html", "htmlIndicator", "open_game_id", "result", "game_url"}
    assert (body["game_id"], body["open_game_id"], body["result"]) == ("caleta-slot-1", "ecf559b11f0",
                                                                     "open_round_message")
    # game_url reopens the open game with a fresh session; the round can be finished there.
    token2, _ = launch(body["game_url"])
    assert body["game_url"].startswith("https://games.evolution.example/launch/ecf559b11f0")
    d = pam.add(str(p["id"]), token2, tx("DEPOSIT", "or-d1", cash="1", round_id="or1", over=True, currency="EUR"))
    assert d.json()["status"] == "OK", d.text
    assert j.start(p, "caleta-slot-1").status_code == 200
    # The same game is no open round in another game.
    pam.add(str(p["id"]), token2, tx("WITHDRAW", "or-w2", cash="1", round_id="or2", currency="EUR"))
    assert j.start(p, "ecf559b11f0").status_code == 200


@pytest.mark.e2e
def test_ggr_game_answers_303_and_starts(j, stack):
    office = Backoffice(stack)
    try:
        office.PutCatalogueGame(bo.PutCatalogueGameRequest(game=bo.CatalogueGame(
            brand_id=1, game_id="ggr-roulette", provider="evolution", name="Real-money Roulette", enabled=True,
            ggr_game=True), reason="test: a real-money-only table"))
    finally:
        office.close()
    p = j.player()
    j.deposit(p, 40.0)
    r = j.start(p, "ggr-roulette")
    assert r.status_code == 303, r.text
    body = r.json()
    assert (body["result"], body["game_provider"], body["real_balance"]) == ("ggr_game", "evolution", 40)
    token, gsid = launch(body["game_url"])
    assert j.in_game(p, gsid).status_code == 200


@pytest.mark.e2e
def test_blocked_player(j, stack, http):
    p = j.player()
    j.deposit(p, 30.0)
    token, gsid = launch(j.start(p, "ecf559b11f0").json()["game_url"])
    pam = Pam(http, stack.http)
    pid = str(p["id"])
    assert pam.add(pid, token, tx("WITHDRAW", "bl-w1", cash="3", round_id="bl1", currency="EUR")).json()["status"] == "OK"
    office = Backoffice(stack, actor="bob@risk")
    try:
        status = office.BlockPlayer(bo.BlockPlayerRequest(player_id=pid, reason="risk review")).status
        assert status.blocked
        bet = pam.add(pid, token, tx("WITHDRAW", "bl-w2", cash="3", round_id="bl2", currency="EUR")).json()
        assert bet["status"] == "ERROR" and bet["error"]["code"] == "PAM_ERR_BET_NOT_ALLOWED"
        b = bet["transactionResult"]["balance"] if "transactionResult" in bet else bet["balance"]
        assert b["cashAmount"] == 27  # the balance, nothing booked
        win = pam.add(pid, token, tx("DEPOSIT", "bl-d1", cash="10", round_id="bl1", over=True, currency="EUR")).json()
        assert win["status"] == "OK", win
        r = j.start(p, "caleta-slot-1")
        assert (r.status_code, r.json()) == (403, {"result": "player_blocked"})
        assert not office.UnblockPlayer(bo.UnblockPlayerRequest(player_id=pid, reason="cleared")).status.blocked
        assert pam.add(pid, token, tx("WITHDRAW", "bl-w3", cash="3", round_id="bl3", currency="EUR")).json()[
            "status"] == "OK"
        log = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="player", subject_id=pid)).entries
        assert [(e.action, e.actor, e.client, e.reason) for e in log] == [
            ("player.unblock", "bob@risk", "demo", "cleared"), ("player.block", "bob@risk", "demo", "risk review")]
        assert log[1].before_json == '{"blocked":false}' and log[1].after_json == '{"blocked":true}'
    finally:
        office.close()


@pytest.mark.e2e
def test_in_game_status_only_for_own_live_sessions(j, stack, http):
    a, b = j.player(), j.player()
    _, gsid = launch(j.start(a, "caleta-slot-1").json()["game_url"])
    assert j.in_game(a, gsid).status_code == 200
    for who, sid in ((b, gsid), (a, "f" * 32), (a, "x")):
        r = j.in_game(who, sid)
        assert (r.status_code, r.json()) == (400, INVALID_GAME_SESSION), (who, sid)
    office = Backoffice(stack)
    try:
        s = office.RevokeGameSession(bo.RevokeGameSessionRequest(game_session_id=gsid, reason="support")).session
        assert (s.open, s.ended_reason) == (False, "revoked")
    finally:
        office.close()
    r = j.in_game(a, gsid)
    assert (r.status_code, r.json()) == (400, INVALID_GAME_SESSION)


@pytest.mark.e2e
def test_cashier_declines(j, stack, http):
    """The own-wallet operator: a patronId that is not a player of its brand is
    declined with 115; a withdrawal the wallet no longer covers at approval is
    refused with 114 and stays pending; an external operator's settlement
    leaves the PAM wallet alone."""
    stranger = {"id": "not-a-player", "brand": 1}
    s = j.vip_session(stranger, "deposit", 20.0)
    assert s["errorModel"]["errorCode"] == "115", s
    other_brand = j.player(brand=2)
    s = j.vip_session(other_brand, "deposit", 20.0)
    assert s["errorModel"]["errorCode"] == "115", s

    p = j.player()
    card = j.deposit(p, 30.0)["vipCardNumber"]
    wd = j.vip_session(p, "withdraw", 25.0, card=card, wallet_balance=30.0)
    assert j.confirm(wd["sessionId"]).status_code == 200
    token, _ = launch(j.start(p, "caleta-slot-1").json()["game_url"])
    pam = Pam(http, stack.http, provider="caleta")
    bet = pam.add(str(p["id"]), token, tx("WITHDRAW", "cd-w1", cash="10", round_id="cd1", currency="EUR",
                                          game="caleta-slot-1", provider="caleta")).json()
    assert bet["status"] == "OK", bet
    r = j.approve("withdraw", wd["_txid"])
    assert r.status_code == 400 and r.json()["errorCode"] == "114", r.text
    assert j.status(p).json()["pending_withdrawal"] == 25
    r = j.approve("withdraw", wd["_txid"], approved=False)
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    st = j.status(p).json()
    assert (st["pending_withdrawal"], st["total_withdrawals"], st["real_balance"]) == (0, 0, 20)

    # operator-1 (external wallet) settles with the notification flow only.
    ext = j.vip_session(p, "deposit", 15.0, operator="operator-1")
    assert j.confirm(ext["sessionId"]).status_code == 200
    assert j.approve("deposit", ext["_txid"], operator="operator-1").json()["status"] == "settled"
    assert j.status(p).json()["real_balance"] == 20
