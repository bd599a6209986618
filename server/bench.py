"""`pitboss bench`: a bounded load test of the PAM API's two hot calls,
addTransaction and refreshSession, through Envoy (JSON/HTTP) and over gRPC.

Starts its own stack (`pitboss up` on free loopback ports) on the given
database (default: a fresh SQLite file in a temporary folder), creates one
player with a session per worker, then runs each (transport, operation)
phase with a fixed number of concurrent workers until ``--requests`` calls
are done or ``--duration`` seconds have passed, whichever comes first.
Prints requests per second and p50/p99 latency per phase.

Use a throwaway database: the bench adds players, sessions and transactions.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from server.config import ROOT

HOST = "127.0.0.1"  # loopback only
API_TOKEN = "pam-demo-api-token"
GAME = "ecf559b11f0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Phase:
    transport: str
    operation: str
    latencies: list[float]
    errors: int
    elapsed: float

    def row(self) -> str:
        lat = sorted(self.latencies)
        n = len(lat)
        p50 = lat[int(0.50 * (n - 1))] * 1000 if n else 0.0
        p99 = lat[int(0.99 * (n - 1))] * 1000 if n else 0.0
        rps = n / self.elapsed if self.elapsed else 0.0
        return f"{self.transport:<6} {self.operation:<15} {n:>7} {self.errors:>6} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f}"


def _start_stack(url: str, log_path: Path) -> tuple[subprocess.Popen, dict]:
    ports = {"PITBOSS_HTTP_PORT": _free_port(), "PITBOSS_GRPC_PORT": _free_port(),
             "PITBOSS_ADMIN_PORT": _free_port()}
    env = dict(os.environ, PITBOSS_DATABASE_URL=url, PITBOSS_HOST=HOST, PYTHONUNBUFFERED="1",
               **{k: str(v) for k, v in ports.items()})
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "up"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"pitboss up exited ({proc.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{ports['PITBOSS_HTTP_PORT']}/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc, ports
        except Exception:  # noqa: BLE001
            pass
        time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    raise SystemExit(f"pitboss up not ready; see {log_path}")


def _setup_players(url: str, n: int) -> list[list[str]]:
    """n players, each [player_id, session token], with plenty of cash."""
    from server.app import App
    from server.config import get_settings
    from server.demo.pam import load_pam
    from server.security import hash_token
    from server.storage.models import PamAccount, PamLedgerEntry, PamPlayer, PamSession

    settings = get_settings().model_copy(update={"database_url": url})
    app = App.create(settings)
    out = []
    now = datetime.now(timezone.utc)
    with app.db.session(write=True) as s:
        load_pam(s, app.vault)  # API token, providers, games (adds only what is missing)
        s.flush()
        cash = Decimal("1000000")
        for _ in range(n):
            pid, token = "bench" + secrets.token_hex(13), secrets.token_hex(20)
            s.add(PamPlayer(id=pid, currency="USD", country="US", language="en"))
            s.flush()
            s.add(PamAccount(player_id=pid, currency="USD", cash_amount=cash))
            s.add(PamLedgerEntry(player_id=pid, kind="ADJUSTMENT", cash_delta=cash, cash_after=cash))
            s.add(PamSession(token_hash=hash_token(token), player_id=pid, provider="evolution", game_id=GAME,
                             created_at=now, expires_at=now + timedelta(hours=2)))
            out.append([pid, token])
    app.db.dispose()
    return out


def _tx_body(tx_id: str) -> dict:
    return {"currency": "USD", "provider": "evolution", "transactionType": "WITHDRAW", "cashAmount": 0.01,
            "bonusAmount": 0.0, "promoAmount": 0.0, "transactionDateTime": "2026-11-22T20:00:00Z",
            "providerTransactionId": tx_id, "providerGameId": GAME, "providerRoundId": tx_id}


def _run_phase(transport: str, operation: str, players: list[list[str]], ports: dict, total: int,
               duration: float) -> Phase:
    import grpc
    import requests

    from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc

    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    errors = [0]
    stop_at = time.monotonic() + duration
    http_base = f"http://{HOST}:{ports['PITBOSS_HTTP_PORT']}"
    grpc_addr = f"{HOST}:{ports['PITBOSS_GRPC_PORT']}"
    barrier = threading.Barrier(len(players))

    def take() -> bool:
        with lock:
            if issued[0] >= total or time.monotonic() >= stop_at:
                return False
            issued[0] += 1
            return True

    def worker(me: list[str]) -> None:
        pid = me[0]
        http = requests.Session()
        channel = grpc.insecure_channel(grpc_addr)
        stub = pam_pb2_grpc.PamServiceStub(channel)
        mine: list[float] = []
        bad = 0
        barrier.wait()
        while take():
            tx_id = secrets.token_hex(12)
            headers = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": me[1], "X-Correlation-ID": "-"}
            t0 = time.perf_counter()
            try:
                if transport == "http" and operation == "addTransaction":
                    r = http.post(f"{http_base}/players/{pid}/transactions", params={"provider": "evolution"},
                                  headers=headers, data=json.dumps(_tx_body(tx_id)))
                    good = r.status_code == 200 and r.json()["status"] == "OK"
                elif transport == "http":
                    r = http.put(f"{http_base}/players/session", params={"provider": "evolution"},
                                 headers=headers, data="null")
                    good = r.status_code == 200 and r.json()["status"] == "OK"
                    if good:
                        me[1] = r.json()["session"]["token"]
                else:
                    md = [(k.lower(), v) for k, v in headers.items()]
                    if operation == "addTransaction":
                        t = pam_pb2.Transaction(**{
                            "currency": "USD", "provider": "evolution", "transaction_type": "WITHDRAW",
                            "cash_amount": 0.01, "bonus_amount": 0.0, "promo_amount": 0.0,
                            "transaction_date_time": "2026-11-22T20:00:00Z", "provider_transaction_id": tx_id,
                            "provider_game_id": GAME, "provider_round_id": tx_id})
                        resp = stub.AddTransaction(pam_pb2.AddTransactionRequest(
                            player_id=pid, provider="evolution", transaction=t), metadata=md, timeout=30)
                        good = resp.status == "OK"
                    else:
                        resp = stub.RefreshSession(pam_pb2.RefreshSessionRequest(provider="evolution"),
                                                   metadata=md, timeout=30)
                        good = resp.status == "OK"
                        if good:
                            me[1] = resp.session.token
            except Exception:  # noqa: BLE001
                good = False
            elapsed = time.perf_counter() - t0
            if good:
                mine.append(elapsed)
            else:
                bad += 1
        channel.close()
        http.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker, args=(p,)) for p in players]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Phase(transport, operation, latencies, errors[0], time.monotonic() - start)


def bench(database_url: str | None, concurrency: int, requests_per_phase: int, duration: float) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="pitboss-bench-"))
    url = database_url or f"sqlite:///{tmp / 'bench.db'}"
    backend = url.split(":", 1)[0].split("+", 1)[0]
    proc, ports = _start_stack(url, tmp / "stack.log")
    failed = 1
    try:
        players = _setup_players(url, concurrency)
        print(f"pitboss bench: {backend}, concurrency {concurrency}, up to {requests_per_phase} requests "
              f"or {duration:g} s per phase, loopback", flush=True)
        print(f"{'via':<6} {'operation':<15} {'ok':>7} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
        failed = 0
        for transport in ("http", "grpc"):
            for operation in ("addTransaction", "refreshSession"):
                phase = _run_phase(transport, operation, players, ports, requests_per_phase, duration)
                failed += phase.errors
                print(phase.row(), flush=True)
        return 1 if failed else 0
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
        if failed:
            print(f"pitboss bench: errors; the stack's log is {tmp / 'stack.log'}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def add_parser(sub) -> None:
    b = sub.add_parser("bench", help="load test addTransaction and refreshSession (Envoy and gRPC)")
    b.add_argument("--database-url", help="SQLAlchemy URL of a throwaway database (default: fresh SQLite)")
    b.add_argument("--concurrency", type=int, default=8, help="concurrent workers (default 8)")
    b.add_argument("--requests", type=int, default=1000, help="calls per phase, at most (default 1000)")
    b.add_argument("--duration", type=float, default=20.0, help="seconds per phase, at most (default 20)")
    b.set_defaults(fn=lambda a: bench(a.database_url, a.concurrency, a.requests, a.duration))


def main(argv=None) -> int:  # pragma: no cover
    p = argparse.ArgumentParser(prog="pitboss bench")
    add_parser(p.add_subparsers(dest="command", required=True))
    a = p.parse_args(["bench", *(argv or [])])
    return a.fn(a)
