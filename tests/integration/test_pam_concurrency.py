"""Concurrency on both backends: refreshes of one token (exactly one wins),
a wallet race (many threads, one balance), concurrent retries of one
transaction, and two `pitboss serve` processes sharing one PostgreSQL."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status
from sqlalchemy import text

from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from server.demo import load
from server.domain.pam import errors as pam_errors
from server.domain.pam import service as svc
from server.domain.pam import wallet
from server.domain.pam.model import TxInput
from server.storage.pam_units import PamUnits, SqlPamUnit
from server.storage.repositories.pam_readers import ledger_totals, wallet_summary
from server.domain.clock import utcnow
from tests.support import ROOT, SECRET, free_port
from tests.support.pam_support import GAME, new_player

pytestmark = pytest.mark.storage

LIFETIME = timedelta(hours=1)


def read(app, fn):
    """``fn(unit)`` in a read unit, as the servicer runs it."""
    return PamUnits(app.db).read(fn)


def write(app, fn):
    """``fn(unit)`` through the process's group-commit writer (blocking: the
    callers are threads), as the servicer's write units run it."""
    return app.db.writer.run(lambda conn: fn(SqlPamUnit(conn, app.db.reference)))


def refresh(app, token):
    call = read(app, lambda u: svc.prepare_refresh(u, token, "evolution"))
    return write(app, lambda u: svc.refresh_session(u, call, utcnow(), LIFETIME))


def add(app, pid, token, kind, tx_id, cash="0", round_id=None, bet_ref=None, over=None):
    body = TxInput(currency="USD", provider="evolution", transaction_type=kind, cash_amount=Decimal(cash),
                       bonus_amount=Decimal(0), promo_amount=Decimal(0),
                       transaction_date_time="2026-11-22T19:40:00Z", provider_transaction_id=tx_id,
                       provider_round_id=round_id, provider_bet_ref=bet_ref, provider_game_id=GAME,
                       is_game_over=over)
    call = read(app, lambda u: wallet.prepare_transaction(u, token, "evolution", pid, body))
    return write(app, lambda u: wallet.add_transaction(u, call, utcnow()))


def run_together(n, fn):
    barrier = threading.Barrier(n)

    def go(i):
        barrier.wait()
        try:
            return ("ok", fn(i))
        except Exception as exc:  # noqa: BLE001
            return ("err", exc)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


def test_concurrent_refresh_exactly_one_wins(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    pid, token = new_player(db_url)
    for _ in range(3):  # several rounds of racing, each on the newest token
        results = run_together(12, lambda i: refresh(app, token))
        wins = [r for kind, r in results if kind == "ok"]
        losses = [r for kind, r in results if kind == "err"]
        assert len(wins) == 1, results
        assert all(isinstance(e, pam_errors.PamUnauthenticated) and e.code == pam_errors.SESSION_NOT_FOUND for e in losses), losses
        with pytest.raises(pam_errors.PamUnauthenticated):
            read(app, lambda u: svc.get_session(u, token, "evolution", utcnow()))
        assert read(app, lambda u: svc.get_session(u, wins[0].token, "evolution", utcnow())).player_id == pid
        token = wins[0].token


def check_invariants(app, pid, initial: Decimal):
    """Balance equals the ledger, never negative, and equals the opening
    balance minus the live bets plus the wins booked."""
    with app.db.session() as s:
        acct = wallet_summary(s, pid)
        assert (acct.cash_amount, acct.bonus_amount, acct.promo_amount) == ledger_totals(s, pid)
        assert acct.cash_amount >= 0
        rows = s.execute(text(
            "SELECT transaction_type, cash_amount, cancelled_by FROM pam_transaction WHERE player_id = :p"),
            {"p": pid}).all()
        neg = s.execute(text("SELECT COUNT(*) FROM pam_ledger WHERE player_id = :p AND cash_after < 0"),
                        {"p": pid}).scalar()
        assert neg == 0
    from server.storage.types import from_micros

    expected = initial
    for kind, cash, cancelled_by in rows:
        cash = from_micros(cash)
        if kind == "WITHDRAW":
            expected -= cash  # a cancel below gives it back
        elif kind in ("DEPOSIT", "CANCEL"):
            expected += cash
    assert acct.cash_amount == expected
    return acct.cash_amount


def test_wallet_race_one_balance(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    initial = Decimal("50")
    pid, token = new_player(db_url, cash=str(initial))
    threads, per_thread = 8, 12
    outcomes: list[str] = []

    def worker(i):
        rnd = random.Random(i)
        for k in range(per_thread):
            rid = f"{pid[:6]}-{i}-{k}"
            stake = Decimal(rnd.choice(["0.1", "1.25", "3", "7.333333", "20"]))
            try:
                add(app, pid, token, "WITHDRAW", rid, cash=str(stake), round_id=rid, bet_ref=rid)
            except pam_errors.PamRejected as e:
                outcomes.append(e.code)
                continue
            outcomes.append("bet")
            choice = rnd.random()
            if choice < 0.3:
                add(app, pid, token, "CANCEL", rid + "c", round_id=rid, bet_ref=rid)
                add(app, pid, token, "CANCEL", rid + "c", round_id=rid, bet_ref=rid)  # a retry
            else:
                win = (stake * Decimal(rnd.choice(["0", "0.5", "2"]))).quantize(Decimal("0.000001"))
                add(app, pid, token, "DEPOSIT", rid + "d", cash=str(win), round_id=rid, bet_ref=rid, over=True)
                add(app, pid, token, "DEPOSIT", rid + "d", cash=str(win), round_id=rid, bet_ref=rid, over=True)

    results = run_together(threads, worker)
    assert all(kind == "ok" for kind, _ in results), results
    assert "bet" in outcomes
    assert set(outcomes) <= {"bet", pam_errors.CASH_OVERDRAFT}
    check_invariants(app, pid, initial)


def test_concurrent_retries_book_once(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    pid, token = new_player(db_url, cash="10")
    results = run_together(10, lambda i: add(app, pid, token, "WITHDRAW", f"{pid[:8]}-same", cash="4",
                                             round_id="r1"))
    assert all(kind == "ok" for kind, _ in results), results
    assert len({r.transaction_id for _, r in results}) == 1
    assert check_invariants(app, pid, Decimal("10")) == Decimal("6")


# ------------------------------------------- two server processes, one database


def _serve(url: str, port: int, log):
    env = dict(os.environ, PITBOSS_DATABASE_URL=url, PITBOSS_GRPC_PORT=str(port), PITBOSS_SECRET_KEY=SECRET,
               PITBOSS_GRPC_WORKERS="16")
    return subprocess.Popen([sys.executable, "-m", "server.cli", "serve"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def _wait_serving(address: str, proc) -> None:
    deadline = time.monotonic() + 60
    with grpc.insecure_channel(address) as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        while time.monotonic() < deadline:
            assert proc.poll() is None, "pitboss serve exited"
            try:
                if stub.Check(health_pb2.HealthCheckRequest(), timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                time.sleep(0.2)
    raise AssertionError("pitboss serve not ready")


@pytest.fixture(scope="module")
def two_servers(postgres, tmp_path_factory):
    from server.process.app import App
    from server.config import Settings
    from server.storage import migrate

    url = postgres.create()
    app = App.create(Settings(database_url=url, secret_key=SECRET))
    migrate.upgrade(app.db.engine)
    load(app.db, app.vault)
    app.db.dispose()
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "wb")
    ports = [free_port(), free_port()]
    procs = [_serve(url, p, log) for p in ports]
    try:
        for p, proc in zip(ports, procs):
            _wait_serving(f"127.0.0.1:{p}", proc)
        yield url, [f"127.0.0.1:{p}" for p in ports]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            assert proc.wait(30) == 0


@pytest.mark.e2e
def test_refresh_race_across_two_processes(two_servers):
    url, addresses = two_servers
    pid, token = new_player(url)
    channels = [grpc.insecure_channel(a) for a in addresses]
    stubs = [pam_pb2_grpc.PamServiceStub(c) for c in channels]
    try:
        for _ in range(3):
            md = [("authorization", "Bearer pam-demo-api-token"), ("x-player-token", token),
                  ("x-correlation-id", "-")]

            def call(i):
                return stubs[i % 2].RefreshSession(pam_pb2.RefreshSessionRequest(provider="evolution"),
                                                   metadata=md, timeout=30)

            results = run_together(16, call)
            wins = [r for kind, r in results if kind == "ok"]
            losses = [e for kind, e in results if kind == "err"]
            assert len(wins) == 1, results
            assert all(e.code() == grpc.StatusCode.UNAUTHENTICATED for e in losses)
            token = wins[0].session.token
            for stub in stubs:
                s = stub.GetSession(pam_pb2.GetSessionRequest(provider="evolution"),
                                    metadata=[md[0], ("x-player-token", token)])
                assert s.session.player_id == pid
    finally:
        for c in channels:
            c.close()


def _booked(stub, req, md) -> pam_pb2.AddTransactionResponse:
    """The answer to an AddTransaction: a business rejection (an answered
    decline) is a failed call, FAILED_PRECONDITION, with the answer as a detail."""
    try:
        return stub.AddTransaction(req, metadata=md, timeout=30)
    except grpc.RpcError as e:
        if e.code() != grpc.StatusCode.FAILED_PRECONDITION:
            raise
        answer = pam_pb2.AddTransactionResponse()
        status = rpc_status.from_call(e)
        assert status is not None and any(d.Unpack(answer) for d in status.details), status
        return answer


@pytest.mark.e2e
def test_wallet_race_across_two_processes(two_servers, app_factory):
    url, addresses = two_servers
    pid, token = new_player(url, cash="30")
    channels = [grpc.insecure_channel(a) for a in addresses]
    stubs = [pam_pb2_grpc.PamServiceStub(c) for c in channels]
    md = [("authorization", "Bearer pam-demo-api-token"), ("x-player-token", token)]
    try:
        def call(i):
            codes = []
            for k in range(6):
                rid = f"{pid[:8]}-{i}-{k}"
                t = pam_pb2.Transaction(currency="USD", provider="evolution", transaction_type="WITHDRAW",
                                        cash_amount=1.5, bonus_amount=0, promo_amount=0,
                                        transaction_date_time="2026-11-22T19:40:00Z", provider_transaction_id=rid,
                                        provider_game_id=GAME, provider_round_id=rid)
                req = pam_pb2.AddTransactionRequest(player_id=pid, provider="evolution", transaction=t)
                r = _booked(stubs[(i + k) % 2], req, md)
                r2 = _booked(stubs[(i + k + 1) % 2], req, md)  # retry elsewhere
                assert r2.status == r.status
                codes.append(r.status if r.status == "OK" else pam_pb2.PamErr.Name(r.error.code))
            return codes

        results = run_together(8, call)
    finally:
        for c in channels:
            c.close()
    codes = [c for kind, cs in results for c in (cs if kind == "ok" else [cs])]
    assert codes.count("OK") == 20 and codes.count("PAM_ERR_CASH_OVERDRAFT") == 28, codes
    app = app_factory(url)
    assert check_invariants(app, pid, Decimal("30")) == Decimal("0")
