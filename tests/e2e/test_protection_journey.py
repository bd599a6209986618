"""Player protection's journey (issue 14) end to end through the real Envoy,
gRPC server and database, on SQLite and on PostgreSQL: set a loss limit, bet
up to it, be refused, receive a win on an open round, self-exclude, and find
the game launch, bets and a VIP deposit all refused; then the back office
(ProtectionBackofficeService): the protections and their history, changes on
the player's behalf with a reason in the audit log, the rules that hold for
it too, and the regulator's list of players whose protections changed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import grpc
import pytest

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from pitboss.backoffice.v1 import protection_pb2 as pp
from pitboss.backoffice.v1 import protection_pb2_grpc
from tests.e2e.journey_support import NIL, V, Backoffice, Journey, grpc_error, launch
from tests.support.pam_support import Pam, tx

pytestmark = [pytest.mark.e2e]
C = grpc.StatusCode


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


class Protections:
    """ProtectionBackofficeService with the demo back-office credential."""

    def __init__(self, stack, actor: str = "carol@compliance") -> None:
        self.channel = grpc.insecure_channel(stack.grpc)
        self.stub = protection_pb2_grpc.ProtectionBackofficeServiceStub(self.channel)
        self.md = [("authorization", "Bearer backoffice-demo-token"), ("x-acting-user", actor)]

    def __getattr__(self, name):
        method = getattr(self.stub, name)
        return lambda request, **kw: method(request, metadata=kw.pop("metadata", self.md), timeout=10, **kw)

    def close(self) -> None:
        self.channel.close()


def rg(j: Journey, p: dict, method: str, what: str, body=None):
    return j.call(method, f"/gateway/responsible-gaming/{V}/{p['brand']}/{what}", token=p["token"], body=body)


def test_the_journey_of_a_loss_limit_and_a_self_exclusion(any_stack, http):
    stack = any_stack
    j = Journey(stack, http)
    p = j.player(country="MT")
    pid = str(p["id"])
    j.deposit(p, 200.0)  # the wallet, funded through VIP Connect

    # A loss limit of 50 a day, in force at once.
    r = rg(j, p, "PUT", "limits", {"loss": {"day": 50}})
    assert r.status_code == 200, r.text
    assert r.json()["limits"] == [{"type": "loss", "period": "day", "amount": 50.0, "used": 0.0, "remaining": 50.0}]

    # Bet up to it, through the launched game's token.
    started = j.start(p, "ecf559b11f0")
    assert started.status_code == 200, started.text
    token, _ = launch(started.json()["game_url"])
    pam = Pam(http, stack.http)
    assert pam.add(pid, token, tx("WITHDRAW", "pj-1", cash="30", round_id="pj-open", currency="EUR")).json()[
        "status"] == "OK"
    assert pam.add(pid, token, tx("WITHDRAW", "pj-2", cash="20", round_id="pj-r2", currency="EUR")).json()[
        "status"] == "OK"

    # Be refused: the balance is answered, nothing is booked.
    no = pam.add(pid, token, tx("WITHDRAW", "pj-3", cash="0.01", round_id="pj-r3", currency="EUR")).json()
    assert no["status"] == "ERROR" and no["error"]["code"] == "PAM_ERR_BET_NOT_ALLOWED", no
    assert no["transactionResult"]["balance"]["cashAmount"] == 150
    assert pam.transactions(pid, token, tx_id="pj-3").json()["error"]["code"] == "PAM_ERR_TRANS_NOT_FOUND"
    assert rg(j, p, "GET", "limits").json()["limits"][0]["used"] == 50.0

    # A win on the round still open lands, and lowers the net loss.
    won = pam.add(pid, token, tx("DEPOSIT", "pj-4", cash="25", round_id="pj-open", over=True, currency="EUR")).json()
    assert won["status"] == "OK" and won["transactionResult"]["balance"]["cashAmount"] == 175, won
    assert rg(j, p, "GET", "limits").json()["limits"][0]["used"] == 25.0
    assert pam.add(pid, token, tx("WITHDRAW", "pj-5", cash="5", round_id="pj-r5", currency="EUR")).json()[
        "status"] == "OK"

    # Self-exclude for six months.
    r = rg(j, p, "POST", "self-exclusion", {"period": "6m"})
    assert r.status_code == 200 and r.json()["state"] == "self_excluded" and r.json()["until"] != "", r.text

    # The game launch, bets and a VIP deposit are all refused.
    launch_again = j.start(p, "ecf559b11f0")
    assert launch_again.status_code == 403 and launch_again.json() == {"result": "player_self_excluded"}
    bet = pam.add(pid, token, tx("WITHDRAW", "pj-6", cash="1", round_id="pj-r6", currency="EUR")).json()
    assert bet["error"]["code"] == "PAM_ERR_BET_NOT_ALLOWED" and bet["transactionResult"]["balance"]["cashAmount"] == 170
    deposit = j.vip_session(p, "deposit", 20.0)
    assert deposit["sessionId"] == NIL and deposit["errorModel"]["errorCode"] == "120", deposit
    # Online status and login show it.
    st = j.status(p).json()
    assert st["responsible_gaming"]["state"] == "self_excluded"
    login = j.call("POST", f"/gateway/login/{V}/1/player", body={"user_name": p["name"], "password": "Secret123"})
    assert login.status_code == 200 and login.json()["responsible_gaming"]["state"] == "self_excluded"

    # The back office sees the protections and their history.
    office = Protections(stack)
    try:
        got = office.GetProtections(pp.GetProtectionsRequest(player_id=pid))
        assert got.protections.state == "self_excluded" and got.protections.brand_id == 1
        assert [(lim.kind, lim.period, lim.amount, lim.used) for lim in got.protections.limits] == [
            ("loss", "day", "50", "30")]
        assert [(e.actor, e.action) for e in got.history] == [("player", "set_limits"), ("player", "self_exclusion:6m")]
    finally:
        office.close()


def test_the_back_office_acts_on_the_players_behalf_within_the_rules(stack, http):
    j = Journey(stack, http)
    p = j.player()
    pid = str(p["id"])
    office, audit = Protections(stack), Backoffice(stack)
    start = datetime.now(timezone.utc) - timedelta(seconds=5)
    try:
        # A reason is required; bad values name every field; unknown players are NOT_FOUND.
        code, _ = grpc_error(lambda: office.SetPlayerTimeout(pp.SetPlayerTimeoutRequest(player_id=pid, period="24h")))
        assert code == C.INVALID_ARGUMENT
        code, _ = grpc_error(lambda: office.SetPlayerLimits(pp.SetPlayerLimitsRequest(
            player_id=pid, reason="r", changes=[pp.LimitChange(kind="wager", period="year", amount="5"),
                                                pp.LimitChange(kind="height", period="day", amount="1")])))
        assert code == C.INVALID_ARGUMENT
        code, _ = grpc_error(lambda: office.GetProtections(pp.GetProtectionsRequest(player_id="999999999")))
        assert code == C.NOT_FOUND

        out = office.SetPlayerLimits(pp.SetPlayerLimitsRequest(
            player_id=pid, reason="Player asked by phone (ticket 42)",
            changes=[pp.LimitChange(kind="deposit", period="week", amount="300"),
                     pp.LimitChange(kind="session", period="day", amount="90")])).protections
        assert [(lim.kind, lim.period, lim.amount) for lim in out.limits] == [("deposit", "week", "300"),
                                                                           ("session", "day", "90")]
        # An increase waits for the cooling-off here too.
        out = office.SetPlayerLimits(pp.SetPlayerLimitsRequest(
            player_id=pid, reason="raise", changes=[pp.LimitChange(kind="deposit", period="week", amount="900")]))
        lim = out.protections.limits[0]
        assert (lim.amount, lim.pending_amount, lim.pending_remove) == ("300", "900", False) and lim.pending_from
        out = office.SetPlayerExclusion(pp.SetPlayerExclusionRequest(player_id=pid, period="1y", reason="gambling help line"))
        until = out.protections.until
        assert out.protections.state == "self_excluded" and until
        # Never shortened, not even by the back office.
        again = office.SetPlayerExclusion(pp.SetPlayerExclusionRequest(player_id=pid, period="6m", reason="shorten"))
        assert again.protections.until == until
        assert office.SetPlayerTimeout(pp.SetPlayerTimeoutRequest(player_id=pid, period="24h", reason="x")
                                       ).protections.state == "self_excluded"

        history = office.GetProtections(pp.GetProtectionsRequest(player_id=pid)).history
        assert [e.actor for e in history] == ["backoffice:demo:carol@compliance"] * 4  # 6m changed nothing
        assert history[0].reason == "Player asked by phone (ticket 42)"

        entries = audit.ListAuditLog(bo.ListAuditLogRequest(subject_type="player", subject_id=pid)).entries
        assert sorted(e.action for e in entries) == sorted(
            ["protection.set_limits", "protection.set_limits", "protection.self_exclusion", "protection.timeout"])
        assert all(e.actor == "carol@compliance" and e.client == "demo" and e.reason for e in entries)

        # The regulator's list: players whose protections changed in a period.
        end = datetime.now(timezone.utc) + timedelta(seconds=5)
        listed = office.ListProtectionChanges(pp.ListProtectionChangesRequest(
            **{"from": start.isoformat(), "to": end.isoformat()})).changes
        assert pid in [c.player_id for c in listed]
        mine = next(c for c in listed if c.player_id == pid)
        assert mine.brand_id == 1 and mine.last_change_at
        later = office.ListProtectionChanges(pp.ListProtectionChangesRequest(
            **{"from": end.isoformat(), "to": (end + timedelta(hours=1)).isoformat()})).changes
        assert pid not in [c.player_id for c in later]
        # The pending increase taking effect (in 24 hours) is a change of that period.
        nextday = office.ListProtectionChanges(pp.ListProtectionChangesRequest(
            **{"from": (start + timedelta(hours=23)).isoformat(), "to": (end + timedelta(hours=25)).isoformat()}))
        assert pid in [c.player_id for c in nextday.changes]
        code, _ = grpc_error(lambda: office.ListProtectionChanges(pp.ListProtectionChangesRequest(
            **{"from": "yesterday", "to": end.isoformat()})))
        assert code == C.INVALID_ARGUMENT
        # The player sees what the back office set.
        r = rg(j, p, "GET", "limits").json()
        assert r["state"] == "self_excluded"
        assert [(x["type"], x["period"]) for x in r["limits"]] == [("deposit", "week"), ("session", "day")]
    finally:
        office.close()
        audit.close()


def test_every_door_takes_a_player_id_in_its_one_spelling(any_stack, http):
    """A player ID spelled otherwise (leading zero, sign, padding, another
    script's digits) is no player at any door that takes an ID as text: the
    back office's player and protection calls are NOT_FOUND and create
    nothing, the PAM API finds no player, VIP Connect's own-wallet operator
    declines with 115. Her protections hold at each."""
    stack = any_stack
    j = Journey(stack, http)
    p = j.player(country="MT")
    pid = str(p["id"])
    j.deposit(p, 50.0)
    r = j.start(p, "ecf559b11f0")
    assert r.status_code == 200, r.text
    token, _ = launch(r.json()["game_url"])
    assert rg(j, p, "POST", "self-exclusion", {"period": "6m"}).status_code == 200
    office, protections = Backoffice(stack), Protections(stack)
    spellings = ["0" + pid, "+" + pid, pid + ".0", "".join(chr(ord(c) + 0xFEE0) for c in pid)]
    try:
        for other in spellings:
            for call in (lambda: office.GetPlayer(bo.GetPlayerRequest(player_id=other)),
                         lambda: office.BlockPlayer(bo.BlockPlayerRequest(player_id=other, reason="r")),
                         lambda: office.AdjustBalance(bo.AdjustBalanceRequest(
                             player_id=other, direction=bo.DIRECTION_CREDIT, amount="5", reason="r",
                             idempotency_key="k-" + other)),
                         lambda: office.ListLedger(bo.ListLedgerRequest(player_id=other)),
                         lambda: protections.GetProtections(pp.GetProtectionsRequest(player_id=other)),
                         lambda: protections.SetPlayerTimeout(pp.SetPlayerTimeoutRequest(
                             player_id=other, period="24h", reason="r"))):
                code, _ = grpc_error(call)
                assert code == C.NOT_FOUND, other
            bet = Pam(http, stack.http).add(other, token, tx("WITHDRAW", "spell-" + other, cash="1", currency="EUR"))
            assert bet.status_code == 200 and bet.json()["error"]["code"] == "PAM_ERR_PLAYER_NOT_FOUND", bet.text
            s = j.vip_session(dict(p, id=other), "deposit", 10, card=None)
            assert s["sessionId"] == NIL and s["errorModel"]["errorCode"] == "115", (other, s)
        # The player herself, in her one spelling, is self-excluded at every door.
        assert protections.GetProtections(pp.GetProtectionsRequest(player_id=pid)).protections.state == "self_excluded"
        bet = Pam(http, stack.http).add(pid, token, tx("WITHDRAW", "spell-" + pid, cash="1", currency="EUR")).json()
        assert bet["error"]["code"] == "PAM_ERR_BET_NOT_ALLOWED", bet
        s = j.vip_session(p, "deposit", 10, card=None)
        assert s["errorModel"]["errorCode"] == "120", s
    finally:
        office.close()
        protections.close()
    rows = j.sql("SELECT id FROM pam_player WHERE id LIKE :p", p="%" + pid[-6:] + "%")
    assert sorted(r[0] for r in rows) == [pid]
    rows = j.sql("SELECT player_id FROM protection_state WHERE player_id LIKE :p", p="%" + pid[-6:] + "%")
    assert [r[0] for r in rows] == [pid]
