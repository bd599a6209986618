"""Records a regulator can trust, end to end: a day with a cashier deposit
and withdrawal (VIP Connect), bets, a win, a refund (the aggregator, through
Envoy) and a back-office credit; the daily report through `pitboss report
daily` (every row's identity, totals equal to the ledger's own sums, day D's
closing is day D+1's opening), and the player's statement through Envoy
(totals, pages, errors)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlmodel import select

from server.storage.models import PamAccount, PamLedgerEntry
from tests.e2e.journey_support import Backoffice, Journey, bo, launch
from tests.support import ROOT
from tests.support.pam_support import Pam, db, tx

V = "1.30.00"
MOVES = ("deposits", "withdrawals", "bets", "wins", "refunds", "promotions", "cashier", "adjustments", "other")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


def report(stack, day, *extra, fmt="json"):
    env = dict(os.environ, PITBOSS_GRPC_PORT=stack.grpc.rsplit(":", 1)[1], PITBOSS_DEMO="1",
               PITBOSS_ACTING_USER="auditor@ops", PITBOSS_DATABASE_URL=stack.database_url)
    out = subprocess.run([sys.executable, "-m", "server.cli", "report", "daily", "--date", day, "--format", fmt,
                          *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return out


def a_day_of_play(stack, http):
    """The player's day; returns (journey, player)."""
    j = Journey(stack, http)
    p = j.player()
    pid = str(p["id"])
    dep = j.deposit(p, 100.0)
    token, _ = launch(j.start(p, "caleta-slot-1").json()["game_url"])
    pam = Pam(http.__class__(), stack.http, provider="caleta")

    def add(kind, tx_id, cash, round_id, **kw):
        r = pam.add(pid, token, tx(kind, tx_id, cash=cash, round_id=round_id, currency="EUR", game="caleta-slot-1",
                                   provider="caleta", **kw)).json()
        assert r["status"] == "OK", r

    add("WITHDRAW", "rec-w1", "10", "rec-r1")
    add("DEPOSIT", "rec-d1", "4.5", "rec-r1", over=True)
    add("WITHDRAW", "rec-w2", "3", "rec-r2")
    add("CANCEL", "rec-w2", "3", "rec-r2")
    o = Backoffice(stack)
    try:
        o.AdjustBalance(bo.AdjustBalanceRequest(player_id=pid, direction=bo.DIRECTION_CREDIT, amount="2.5",
                                                reason="goodwill", idempotency_key=f"rec-{pid}"))
    finally:
        o.close()
    wd = j.vip_session(p, "withdraw", 20.0, card=dep["vipCardNumber"], wallet_balance=97.0)
    assert j.confirm(wd["sessionId"]).status_code == 200
    assert j.approve("withdraw", wd["_txid"]).json()["status"] == "settled"
    return j, p


def ledger_sums(url, since, until):
    """The ledger's own sums, independently of the report: per currency,
    cash delta in [since, until) and cash after every entry before until."""
    moved, closing = {}, {}
    with db(url).session() as s:
        cur = {a.player_id: a.currency for a in s.exec(select(PamAccount))}
        last = {}
        for e in s.exec(select(PamLedgerEntry).order_by(PamLedgerEntry.id)):
            if e.created_at < until:
                last[e.player_id] = e.cash_after
                if e.created_at >= since:
                    moved[cur[e.player_id]] = moved.get(cur[e.player_id], Decimal(0)) + e.cash_delta
    for pid, v in last.items():
        closing[cur[pid]] = closing.get(cur[pid], Decimal(0)) + v
    return moved, closing


@pytest.mark.e2e
def test_daily_report_reconciles_and_days_follow_each_other(any_stack, http):
    stack = any_stack
    j, p = a_day_of_play(stack, http)
    pid = str(p["id"])
    # The deposit and the first bet happened yesterday (UTC).
    with db(stack.database_url).session(write=True) as s:
        entries = list(s.exec(select(PamLedgerEntry).where(PamLedgerEntry.player_id == pid)
                              .order_by(PamLedgerEntry.id)))
        assert len(entries) == 7
        for e in entries[:2]:
            e.created_at = e.created_at - timedelta(days=1)
            s.add(e)
        s.commit()
    today = datetime.now(timezone.utc).date()
    days = [today - timedelta(days=1), today]
    got = {}
    for d in days:
        out = report(stack, d.isoformat())
        assert out.returncode == 0, out.stderr
        got[d] = json.loads(out.stdout)
    mine = {d: {r["balance"]: r for r in got[d]["rows"] if r["player_id"] == pid} for d in days}
    y, t = mine[days[0]]["cash"], mine[days[1]]["cash"]
    nonzero = {k: v for k, v in y["movements"].items() if Decimal(v)}
    assert (y["opening"], nonzero, y["closing"]) == ("0.000000", {"deposits": "100.000000", "bets": "-10.000000"},
                                                     "90.000000")
    nonzero = {k: v for k, v in t["movements"].items() if Decimal(v)}
    assert (t["opening"], t["closing"]) == ("90.000000", "77.000000")
    assert nonzero == {"withdrawals": "-20.000000", "bets": "-3.000000", "wins": "4.500000", "refunds": "3.000000",
                       "adjustments": "2.500000"}
    assert t["brand_id"] == 1 and t["currency"] == "EUR" and t["activity"] and t["entries"] == 5
    for d in days:
        for r in got[d]["rows"]:
            assert Decimal(r["opening"]) + sum(Decimal(v) for v in r["movements"].values()) == Decimal(r["closing"])
    # Day D's closing is day D+1's opening, for every row of both days.
    closings = {(r["player_id"], r["balance"]): r["closing"] for r in got[days[0]]["rows"]}
    openings = {(r["player_id"], r["balance"]): r["opening"] for r in got[days[1]]["rows"]}
    for key in closings.keys() & openings.keys():
        assert closings[key] == openings[key], key
    assert all(v == "0.000000" for k, v in closings.items() if k not in openings)
    assert all(v == "0.000000" for k, v in openings.items() if k not in closings)
    # Totals per currency equal the ledger's own sums.
    for d in days:
        since = datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
        moved, closing = ledger_sums(stack.database_url, since, since + timedelta(days=1))
        totals = {x["currency"]: x for x in got[d]["totals"] if x["balance"] == "cash"}
        for cur, x in totals.items():
            assert x["reconciled"]
            assert Decimal(x["ledger"]) == moved.get(cur, 0) == sum(Decimal(v) for v in x["movements"].values())
            assert Decimal(x["closing"]) == closing.get(cur, 0)
    assert not got[today]["final"] and got[days[0]]["final"]


@pytest.mark.e2e
def test_report_csv_paged_by_brand_and_its_errors(stack, http):
    j, p = a_day_of_play(stack, http)
    pid = str(p["id"])
    day = datetime.now(timezone.utc).date().isoformat()
    out = report(stack, day, "--brand", "1", "--page-size", "1", fmt="csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    mine = [r for r in rows if r["player_id"] == pid]
    assert [(r["balance"], r["opening"], r["closing"], r["status"]) for r in mine] == [
        ("cash", "0.000000", "77.000000", "activity")]
    assert all(r["brand_id"] == "1" for r in rows if r["record"] == "row")
    eur = [r for r in rows if r["record"] == "total" and r["currency"] == "EUR" and r["balance"] == "cash"]
    assert len(eur) == 1 and eur[0]["status"] == "reconciled"
    assert Decimal(eur[0]["closing"]) == sum(Decimal(r["closing"]) for r in rows
                                             if r["record"] == "row" and r["currency"] == "EUR" and r["balance"] == "cash")
    empty = report(stack, day, "--brand", "987654321", fmt="csv")
    assert empty.returncode == 0, empty.stderr
    lines = list(csv.DictReader(io.StringIO(empty.stdout)))
    assert [(r["record"], r["status"]) for r in lines] == [("none", "no activity")]
    assert json.loads(report(stack, day, "--brand", "987654321").stdout)["no_activity"] is True
    for bad in ("2026-02-30", "tomorrow", (datetime.now(timezone.utc).date() + timedelta(days=1)).isoformat()):
        out = report(stack, bad)
        assert out.returncode == 1 and "INVALID_ARGUMENT" in out.stderr, bad


@pytest.mark.e2e
def test_statement_through_envoy(stack, http):
    j, p = a_day_of_play(stack, http)
    path = f"/gateway/player-history/{V}/1/transactions"
    r = j.call("GET", path, token=p["token"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["currency"] == "EUR" and body["to"] == datetime.now(timezone.utc).date().isoformat()
    assert body["totals"] == {"bets": -13, "wins": 4.5, "refunds": 3, "promotions": 0, "deposits": 100,
                              "withdrawals": -20, "adjustments": 2.5, "win_loss": -5.5, "net_deposits": 80}
    assert [x["type"] for x in body["transactions"]] == ["withdrawal", "adjustment", "refund", "bet", "win", "bet",
                                                         "deposit"]
    assert body["transactions"][0]["balance_after"] == 77 and body["transactions"][3]["game_id"] == "caleta-slot-1"
    assert body["cursor"] == ""
    seen, cursor = [], ""
    while True:
        page = j.call("GET", path, token=p["token"], params={"limit": 3, "cursor": cursor}).json()
        assert len(page["transactions"]) <= 3 and page["totals"]["net_deposits"] == 80
        seen += [x["id"] for x in page["transactions"]]
        cursor = page["cursor"]
        if not cursor:
            break
    assert seen == [x["id"] for x in body["transactions"]]
    today = datetime.now(timezone.utc).date()
    cases = {
        (today.isoformat(), (today - timedelta(days=1)).isoformat()): [("from", "range_reversed")],
        ((today - timedelta(days=100)).isoformat(), today.isoformat()): [("from", "range_over_3_months")],
        ("01/02/2026", ""): [("from", "date_invalid")],
        ("", (today + timedelta(days=1)).isoformat()): [("to", "date_in_future")],
    }
    for (f, t), errors in cases.items():
        r = j.call("GET", path, token=p["token"], params={"from": f, "to": t})
        assert r.status_code == 422, (f, t, r.text)
        assert [(e["field"], e["errorCode"]) for e in r.json()["result"]] == errors
    assert j.call("GET", path, token=p["token"], params={"limit": 500}).status_code == 422
    r = j.call("GET", path)
    assert r.status_code == 401 and r.json() == {"errMsg": "invalid input - invalid token"}


@pytest.mark.e2e
def test_the_report_is_the_back_office_s_only(stack, http):
    import grpc

    from pitboss.backoffice.v1 import reports_pb2, reports_pb2_grpc
    from tests.e2e.journey_support import grpc_error

    req = reports_pb2.GetDailyReportRequest(date=datetime.now(timezone.utc).date().isoformat())
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = reports_pb2_grpc.ReportsBackofficeServiceStub(ch)
        for md in ([("x-acting-user", "a")], [("authorization", "Bearer nope"), ("x-acting-user", "a")]):
            code, _ = grpc_error(lambda: stub.GetDailyReport(req, metadata=md, timeout=10))
            assert code == grpc.StatusCode.UNAUTHENTICATED
        ok = stub.GetDailyReport(req, metadata=[("authorization", "Bearer backoffice-demo-token"),
                                                ("x-acting-user", "a")], timeout=10)
        assert ok.date == req.date
    r = http.post(stack.url("/pitboss.backoffice.v1.ReportsBackofficeService/GetDailyReport"),
                  data=json.dumps({"date": req.date}), headers={"Content-Type": "application/json",
                                                                "Authorization": "Bearer backoffice-demo-token"})
    assert r.status_code == 404
