"""Reports Pitboss produces from its own wallet's rounds, and their round trip
through the intake (Envoy and the `pitboss mts report` command)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import grpc
import pytest

from pitboss.mts.v1 import mts_pb2
from server.domain.mts.envelope import check_header, parse_report
from server.domain.mts.intake import MAX_MESSAGE_BYTES
from server.domain.mts.producer import ReportContext, RoundRecord, group_sessions, produce_reports, size_of
from tests.support import ROOT
from tests.support.mts_helpers import PATH, TOKEN, reports_stub

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)


def rnd(player, i, minutes, stake="1.00", payout="0", game="ecf559b11f0", provider="evolution", free=False,
        currency="USD"):
    start = T0 + timedelta(minutes=minutes)
    return RoundRecord(player_id=player, provider=provider, game_id=game, round_id=f"r{i}", currency=currency,
                       stake=Decimal(stake), payout=Decimal(payout), started_at=start,
                       ended_at=start + timedelta(seconds=5), is_free=free)


def source_of(rounds):
    calls = []

    def source(player_id, since, until):
        calls.append((player_id, since, until))
        return [r for r in rounds if r.player_id == player_id and since <= r.ended_at < until]

    source.calls = calls
    return source


def test_rounds_are_grouped_into_sessions():
    p = "player-1"
    rounds = [
        rnd(p, 1, 0, "1.00", "0"), rnd(p, 2, 1, "2.00", "5.50"), rnd(p, 3, 2, "0.20", "1.10", free=True),
        rnd(p, 4, 3, "1.00", "0", game="other"),  # another game: its own session
        rnd(p, 5, 120, "1.00", "0"),  # after a 2 h pause: a new session
    ]
    groups = group_sessions(rounds, timedelta(minutes=30))
    assert [[r.round_id for r in g] for g in groups] == [["r1", "r2", "r3"], ["r4"], ["r5"]]

    envs = produce_reports(ReportContext(1, p), source_of(rounds), T0, T0 + timedelta(days=1), 1_800_000_000_000)
    assert len(envs) == 1
    s = envs[0]["content"]["sessions"][0]
    assert s["stake"] == [{"type": "cash", "mode": "total", "amount": "3.00", "currency": "USD"},
                          {"type": "free", "mode": "total", "amount": "0.20", "currency": "USD"}]
    assert s["spins"] == [{"type": "ordinary", "count": 2, "winningCount": 1},
                          {"type": "free", "count": 1, "winningCount": 1}]
    assert s["payout"] == [{"type": "cash", "amount": "5.50", "currency": "USD", "source": "cash"},
                           {"type": "cash", "amount": "1.10", "currency": "USD", "source": "free"}]
    assert s["startUtc"] == int(T0.timestamp() * 1000)
    assert s["endUtc"] == int((T0 + timedelta(minutes=2, seconds=5)).timestamp() * 1000)
    # Every produced envelope passes the intake's own validation.
    for env in envs:
        parse_report(env, check_header(env))


def test_large_histories_are_split_under_the_size_limit():
    p = "player-2"
    rounds = [rnd(p, i, i * 45, game=f"game-{i % 7}") for i in range(1500)]
    envs = produce_reports(ReportContext(1, p), source_of(rounds), T0, T0 + timedelta(days=100), 1_800_000_000_000)
    assert len(envs) > 1
    assert all(size_of(e) <= MAX_MESSAGE_BYTES for e in envs)
    assert sum(len(e["content"]["sessions"]) for e in envs) == 1500
    assert len({e["correlationId"] for e in envs}) == len(envs)


@pytest.mark.e2e
def test_round_trip_through_the_intake(stack, http):
    player = secrets.token_hex(16)
    rounds = [rnd(player, 1, 0, "1.00", "0"), rnd(player, 2, 1, "2.50", "10.00"),
              rnd(player, 3, 2, "0.00", "0.40", free=True), rnd(player, 4, 200, "5.00", "0", provider="redtiger",
                                                                  game="rt-1")]
    source = source_of(rounds)
    envs = produce_reports(ReportContext(1, player), source, T0, T0 + timedelta(days=1), 1_800_000_000_000)
    assert source.calls == [(player, T0, T0 + timedelta(days=1))]
    for env in envs:
        r = http.post(stack.url(PATH), data=json.dumps(env), headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        assert r.json()["content"] == {"type": "casino-sessions-inform-reply", "code": 0,
                                       "message": "Transaction processed"}
        assert r.json()["correlationId"] == env["correlationId"]
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=player))
    assert [(s.game.provider, len(s.stakes), s.spins[0].count) for s in got.sessions] == [
        ("evolution", 2, 2), ("redtiger", 1, 1)]
    first = got.sessions[0]
    assert [(x.type, x.amount) for x in first.stakes] == [("cash", "3.50"), ("free", "0.00")]
    assert [(x.source, x.amount) for x in first.payouts] == [("cash", "10.00"), ("free", "0.40")]


@pytest.mark.e2e
def test_report_command_sends_and_is_idempotent(stack, tmp_path):
    player = secrets.token_hex(16)
    rounds = [
        {"player_id": player, "provider": "caleta", "game_id": "c-1", "round_id": f"r{i}", "currency": "EUR",
         "stake": "0.50", "payout": "1.25" if i % 3 == 0 else "0",
         "started_at": (T0 + timedelta(minutes=i)).isoformat(),
         "ended_at": (T0 + timedelta(minutes=i, seconds=3)).isoformat()}
        for i in range(6)
    ]
    f = tmp_path / "rounds.json"
    f.write_text(json.dumps(rounds))
    env = dict(os.environ, PITBOSS_MTS_TOKEN=TOKEN, PITBOSS_DATABASE_URL=stack.database_url)
    cmd = [sys.executable, "-m", "server.cli", "mts", "report", "--player", player, "--since", T0.isoformat(),
           "--until", (T0 + timedelta(days=1)).isoformat(), "--rounds-file", str(f), "--send", stack.url(PATH)]
    out1 = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out1.returncode == 0, out1.stderr
    out2 = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out2.returncode == 0, out2.stderr
    first = [json.loads(line) for line in out1.stdout.splitlines()]
    again = [json.loads(line) for line in out2.stdout.splitlines()]
    assert len(first) == 1 and first[0]["reply"]["content"]["code"] == 0
    assert again == first  # same correlationId: the first reply, nothing stored twice
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=player))
    assert len(got.sessions) == 1
    s = got.sessions[0]
    assert (s.stakes[0].amount, s.spins[0].count, s.spins[0].winning_count, s.payouts[0].amount) == (
        "3.00", 6, 2, "2.50")


@pytest.mark.e2e
def test_report_from_the_pam_wallet_round_trips_through_the_intake(stack, http):
    """Rounds played through the PAM API become a casino-sessions report that
    the intake accepts and stores (what an operator sends to its risk provider)."""
    from tests.support.pam_support import Pam, new_player, tx

    pam = Pam(http, stack.http)
    pid, tok = new_player(stack.database_url, cash="100")
    for i, (stake, win) in enumerate([("2.50", "0"), ("1.00", "4.75"), ("3.25", "1.10")]):
        assert pam.add(pid, tok, tx("WITHDRAW", f"w{i}", cash=stake, round_id=f"r{i}")).json()["status"] == "OK"
        assert pam.add(pid, tok, tx("DEPOSIT", f"d{i}", cash=win, round_id=f"r{i}", over=True)).json()["status"] == "OK"
    now = datetime.now(timezone.utc)
    env = dict(os.environ, PITBOSS_MTS_TOKEN=TOKEN, PITBOSS_DATABASE_URL=stack.database_url,
               PITBOSS_SECRET_KEY=stack.env["PITBOSS_SECRET_KEY"])
    cmd = [sys.executable, "-m", "server.cli", "mts", "report", "--player", pid,
           "--since", (now - timedelta(hours=1)).isoformat(), "--until", (now + timedelta(minutes=1)).isoformat(),
           "--send", stack.url(PATH)]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    replies = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(replies) == 1 and replies[0]["reply"]["content"]["code"] == 0
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=pid))
    assert len(got.sessions) == 1
    s = got.sessions[0]
    assert s.game.provider == "evolution"
    assert (s.stakes[0].amount, s.stakes[0].currency) == ("6.75", "USD")
    assert (s.spins[0].count, s.spins[0].winning_count) == (3, 2)
    assert s.payouts[0].amount == "5.85"


@pytest.mark.e2e
def test_report_command_sends_over_websocket_as_an_mts_client(stack, tmp_path, http):
    """`pitboss mts report --send ws://…` gets a token from the token endpoint
    and sends over the WebSocket, as the vendor's SDKs do; the HTTP binding
    then answers the same report with the same first reply."""
    from tests.e2e.mts_ws_support import TOKEN_PATH, ws_url

    player = secrets.token_hex(16)
    rounds = [
        {"player_id": player, "provider": "caleta", "game_id": f"g-{i % 2}", "round_id": f"r{i}", "currency": "EUR",
         "stake": "0.50", "payout": "1.25" if i % 3 == 0 else "0",
         "started_at": (T0 + timedelta(hours=i)).isoformat(),
         "ended_at": (T0 + timedelta(hours=i, seconds=3)).isoformat()}
        for i in range(4)
    ]
    f = tmp_path / "rounds.json"
    f.write_text(json.dumps(rounds))
    env = dict(os.environ, PITBOSS_DATABASE_URL=stack.database_url, PITBOSS_MTS_CLIENT_ID="mts-demo-client",
               PITBOSS_MTS_CLIENT_SECRET="mts-demo-secret")
    base = [sys.executable, "-m", "server.cli", "mts", "report", "--player", player, "--since", T0.isoformat(),
            "--until", (T0 + timedelta(days=1)).isoformat(), "--rounds-file", str(f)]
    cmd = [*base, "--send", ws_url(stack), "--auth-url", stack.url(TOKEN_PATH)]
    out1 = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out1.returncode == 0, out1.stderr
    out2 = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    first = [json.loads(line)["reply"] for line in out1.stdout.splitlines()]
    assert [r["content"]["code"] for r in first] == [0]
    assert [json.loads(line)["reply"] for line in out2.stdout.splitlines()] == first
    over_http = subprocess.run([*base, "--send", stack.url(PATH)], cwd=ROOT, capture_output=True, text=True,
                               timeout=60, env=dict(env, PITBOSS_MTS_TOKEN=TOKEN))
    assert [json.loads(line)["reply"] for line in over_http.stdout.splitlines()] == first
    with grpc.insecure_channel(stack.grpc) as ch:
        got = reports_stub(ch).ListCasinoSessions(
            mts_pb2.ListCasinoSessionsRequest(operator_id=1, end_customer_id=player))
    assert len(got.sessions) == 4  # one report, stored once

    bad = subprocess.run(cmd, cwd=ROOT, env=dict(env, PITBOSS_MTS_CLIENT_SECRET="nope"), capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 1 and "invalid_client" in bad.stderr
