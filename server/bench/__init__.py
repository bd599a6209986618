"""`pitboss bench`: the PAM API under load through Envoy, measured with wrk.

For each backend it starts its own stack (`pitboss up` on free loopback
ports) on a throwaway database, seeds bench players, and runs wrk (a load
generator that is not Python, so the client does not compete for the
server's interpreter) with ``--connections`` connections, one phase per
workload:

- ``ceiling``: a no-op gRPC handler behind the same Envoy configuration
  (what the edge and grpcio allow here; every other figure is read against it);
- ``healthz``: GET /healthz through Pitboss (the shared pipeline);
- ``withdraw``/``balance`` on one hot player, then the same spread over
  ``--active`` players; ``hot`` phases also run paced at half the rate just
  measured (latency at half load);
- ``neighbours`` (server/bench/neighbours.py): bets alone, then bets while a
  second wrk floods another door (gateway login, the MTS OAuth token,
  registration) at a fixed rate from many client addresses;
- ``yardstick`` (server/bench/side.py): the withdraw and balance workloads
  side by side with a plain FastAPI + SQLModel implementation of the same
  calls (server/bench/yardstick/, never product code) on its own copy of the
  seeded database; the ratio of req/s is printed.

Each row shows req/s, p50 and p99, the count of non-OK answers, and the
server's CPU milliseconds per request (from /proc, summed over its
processes). With ``--scale large`` the same workloads run again on a database
of ``--players`` players and ten ledger entries each (seeded in bulk), and
the ratio to the small database is printed. The small database holds the
``--active`` players and nothing else.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from server.bench import neighbours, seed, side
from server.config import ROOT

HOST = "127.0.0.1"
LUA = Path(__file__).with_name("pam.lua")
PHASES = ("withdraw", "balance")


def _free_port() -> int:
    return _free_ports(1)[0]


def _free_ports(n: int) -> list[int]:
    """``n`` distinct free ports (all held open while they are chosen, so
    the kernel never hands out the same one twice)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind((HOST, 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _wait_http(url: str, proc: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"pitboss bench: a process exited ({proc.returncode}); see {log}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except Exception:  # noqa: BLE001
            pass
        time.sleep(0.3)
    raise SystemExit(f"pitboss bench: {url} not ready; see {log}")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
            out += [int(c) for c in text]
    except OSError:
        pass
    return out


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
    return total


@dataclass
class Stack:
    proc: subprocess.Popen
    http: str
    log: Path
    server_pids: list[int]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _env(url: str, ports: dict, processes: int) -> dict:
    # Demo mode: the bench database holds the demo's API token, providers and
    # games, and runs on the demo secret.
    # One trusted hop: the neighbours' floods name their (random) client
    # addresses in X-Forwarded-For, as a load balancer in front would.
    env = dict(os.environ, PITBOSS_DATABASE_URL=url, PITBOSS_DEMO="1", PYTHONUNBUFFERED="1", PITBOSS_TRUSTED_HOPS="1",
               PITBOSS_LOG_LEVEL=os.environ.get("PITBOSS_LOG_LEVEL", "INFO"),
               PITBOSS_SERVER_PROCESSES=str(processes), **{k: str(v) for k, v in ports.items()})
    # No anchor pass (a scan of the whole ledger) during a measurement;
    # PITBOSS_LEDGER_CHAIN=false passes through for the with/without comparison.
    env["PITBOSS_LEDGER_ANCHOR_JOB"] = "0"
    return env


def start_stack(url: str, tmp: Path, processes: int) -> Stack:
    names = ("PITBOSS_HTTP_PORT", "PITBOSS_GRPC_PORT", "PITBOSS_ADMIN_PORT", "PITBOSS_METRICS_PORT")
    ports = dict(zip(names, _free_ports(len(names))))
    log = tmp / f"stack-{ports['PITBOSS_HTTP_PORT']}.log"
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "up"], cwd=ROOT, env=_env(url, ports, processes),
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    http = f"http://{HOST}:{ports['PITBOSS_HTTP_PORT']}"
    _wait_http(http + "/healthz", proc, log)
    servers = [p for p in _children(proc.pid) if b"serve" in Path(f"/proc/{p}/cmdline").read_bytes().split(b"\0")]
    return Stack(proc, http, log, servers)


def start_ceiling(tmp: Path) -> tuple[Stack, subprocess.Popen]:
    """The no-op server and an Envoy rendered from the same template."""
    from server.config import Settings
    from server.process.envoy import render_config, start_envoy

    grpc_port, http_port, admin_port = _free_ports(3)
    settings = Settings(http_port=http_port, grpc_port=grpc_port, admin_port=admin_port)
    log = tmp / "ceiling.log"
    out = open(log, "wb")
    server = subprocess.Popen([sys.executable, "-m", "server.bench.ceiling", str(grpc_port)], cwd=ROOT,
                              stdout=out, stderr=subprocess.STDOUT)
    envoy = start_envoy(settings, render_config(settings, tmp / "ceiling-envoy.yaml"), stdout=out,
                        stderr=subprocess.STDOUT)
    http = f"http://{HOST}:{settings.http_port}"
    _wait_http(http + "/healthz", envoy, log)
    return Stack(envoy, http, log, [server.pid]), server


@dataclass
class Result:
    label: str
    rps: float
    p50: float
    p99: float
    non_ok: int
    cpu_ms: float

    def row(self) -> str:
        return (f"{self.label:<30} {self.rps:>9.1f} {self.p50:>8.2f} {self.p99:>8.2f} {self.non_ok:>7}"
                f" {self.cpu_ms:>10.3f}")


HEADER = f"{'workload':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-OK':>7} {'cpu ms/req':>10}"


def wrk(stack: Stack, label: str, mode: str, players: Path, connections: int, duration: float,
        rate: float = 0.0) -> Result:
    cpu0 = _cpu_seconds(stack.server_pids)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--timeout", "10s", "-s", str(LUA), stack.http,
         "--", mode, str(players), f"{rate:g}"],
        capture_output=True, text=True, timeout=duration + 120,
    )
    cpu = _cpu_seconds(stack.server_pids) - cpu0
    m = re.search(r"^PITBOSS (\{.*\})$", out.stdout, re.M)
    if out.returncode != 0 or m is None:
        raise SystemExit(f"pitboss bench: wrk failed:\n{out.stdout}\n{out.stderr}")
    d = json.loads(m.group(1))
    n = d["requests"]
    non_ok = d["bad"] + d["socket_errors"] + d["timeouts"]
    return Result(label, n / (d["duration_us"] / 1e6), d["p50_us"] / 1000, d["p99_us"] / 1000, non_ok,
                  cpu * 1000 / n if n else 0.0)


def _players_file(path: Path, ids: range) -> Path:
    path.write_text("".join(f"{seed.player_id(i)} {seed.token(i)}\n" for i in ids))
    return path


def prepare_database(url: str, players: int, history: bool, protected: bool = False) -> None:
    from server.bootstrap import build
    from server.config import get_settings
    from server.demo import load
    from server.storage import migrate

    app = build(get_settings().model_copy(update={"database_url": url}))
    migrate.upgrade(app.db.engine)
    load(app.db, app.vault, force=True)
    app.db.dispose()
    seed.seed(url, players, history, protected=protected)


def run_workloads(stack: Stack, scale: str, tmp: Path, args, yardstick: Stack | None = None) -> list[Result]:
    """``scale`` prefixes the labels (e.g. "sqlite small")."""
    hot = _players_file(tmp / "hot.txt", range(1))
    spread = _players_file(tmp / "spread.txt", range(args.active))
    c, d = args.connections, args.duration
    out: list[Result] = []

    def show(r: Result) -> Result:
        print(r.row(), flush=True)
        out.append(r)
        return r

    if args.workloads in ("all", "standard"):
        show(wrk(stack, f"{scale} healthz", "healthz", hot, c, d))
        for mode in PHASES:
            full = show(wrk(stack, f"{scale} {mode} hot", mode, hot, c, d))
            show(wrk(stack, f"{scale} {mode} hot @50%", mode, hot, c, d, rate=full.rps / 2))
        for mode in PHASES:
            show(wrk(stack, f"{scale} {mode} {args.active} players", mode, spread, c, d))
    if args.workloads in ("all", "neighbours"):
        bad = neighbours.run(stack, scale, spread, args, wrk)
        out.append(Result(f"{scale} neighbours", 0.0, 0.0, 0.0, bad, 0.0))
    if yardstick is not None:
        side.run(stack, yardstick, scale, [(m, name, f) for name, f in (("hot", hot), (f"{args.active} players", spread))
                                           for m in PHASES], args, wrk, show)
    return out


def bench_backend(backend: str, args, tmp: Path) -> int:
    failed = 0
    results: dict[str, list[Result]] = {}
    for scale in (("small", "large") if args.scale == "both" else (args.scale,)):
        url = _database(backend, scale, args, tmp)
        players, history = (args.active, False) if scale == "small" else (args.players, True)
        print(f"seeding {scale}: {players:,} players" + (" with history" if history else ""), flush=True)
        prepare_database(url, players, history, args.protected)
        copy = side.copy_database(backend, url, args.postgres_url) if args.workloads in ("all", "yardstick") else None
        stack = yardstick = None
        try:
            stack = start_stack(url, tmp, args.processes)
            if copy is not None:
                yardstick = side.start(copy, tmp, _free_port(), HOST, _wait_http, Stack)
            results[scale] = run_workloads(stack, f"{backend} {scale}", tmp, args, yardstick)
        finally:
            for running in (stack, yardstick):
                if running is not None:
                    running.stop()
            _drop(backend, url, args)
            if copy is not None:
                side.drop_copy(backend, copy, args.postgres_url)
        # The yardstick's own non-OK answers (e.g. SQLite's "database is
        # locked" after its busy timeout) are its figures, not a failure.
        failed += sum(r.non_ok for r in results[scale] if not r.label.endswith(side.YARDSTICK))
    if "small" in results and "large" in results:
        print("large / small (req/s; p99 small -> large):", ", ".join(
            f"{s.label.split(' ', 2)[2]} {big.rps / s.rps:.2f} ({s.p99:.1f} -> {big.p99:.1f} ms)"
            for s, big in zip(results["small"], results["large"]) if s.rps))
    return failed


def _database(backend: str, scale: str, args, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'bench-{scale}.db'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"pitboss_bench_{scale}_{os.getpid()}"
    admin = create_engine(args.postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(args.postgres_url).set(database=name).render_as_string(hide_password=False)


def _drop(backend: str, url: str, args) -> None:
    if backend != "postgresql":
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(args.postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def bench(args) -> int:
    if shutil.which("wrk") is None:
        print("pitboss bench needs wrk (Debian package `wrk`; `make bench` installs it)", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="pitboss-bench-"))
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    print(f"pitboss bench {date.today()}: {', '.join(backends)}; {args.processes} server process(es), "
          f"{args.connections} connections, {args.duration:g} s per phase; wrk through Envoy on loopback", flush=True)
    print(HEADER)
    if args.workloads in ("all", "standard"):
        ceiling, ceiling_server = start_ceiling(tmp)
        try:
            hot = _players_file(tmp / "none.txt", range(1))
            print(wrk(ceiling, "edge ceiling (no-op gRPC)", "healthz", hot, args.connections, args.duration).row(),
                  flush=True)
        finally:
            ceiling.stop()
            ceiling_server.terminate()
            ceiling_server.wait(10)
    failed = 0
    for backend in backends:
        failed += bench_backend(backend, args, tmp)
    if failed:
        print(f"pitboss bench: {failed} non-OK answers; logs in {tmp}", file=sys.stderr)
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    return 0
