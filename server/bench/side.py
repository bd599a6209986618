"""The side-by-side phase of `pitboss bench`: Pitboss against the yardstick.

The yardstick (server/bench/yardstick/: the same PAM calls in plain FastAPI +
SQLModel, never product code) runs under uvicorn on a port of its own,
against its own copy of the seeded database, taken before Pitboss's phases
change it. Both are driven by the same wrk script (pam.lua) with the same
connections and duration, one workload after the other: withdraw and balance
on one hot player, then spread over the active players. Pitboss is reached
through Envoy, the yardstick at uvicorn's own port (each side's HTTP port).
Each pair prints both rows (the yardstick's non-OK answers are shown, not
counted as the bench's failure), and a last line gives Pitboss's req/s as a
multiple of the yardstick's, with both p99s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

APP = "server.bench.yardstick.app:app"
YARDSTICK = ": yardstick"  # the end of its rows' labels


def copy_database(backend: str, url: str, admin_url: str) -> str:
    """A copy of the seeded database for the yardstick (its URL)."""
    if backend == "sqlite":
        src = Path(url.split("///", 1)[1])
        dst = src.with_name(src.stem + "-yardstick.db")
        shutil.copyfile(src, dst)  # the seeder checkpointed the WAL: the file is the whole database
        return f"sqlite:///{dst}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    copy = f"{name}_yardstick"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=copy).render_as_string(hide_password=False)


def drop_copy(backend: str, url: str, admin_url: str) -> None:
    if backend == "sqlite":
        path = Path(url.split("///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def start(url: str, tmp: Path, port: int, host: str, wait_http, stack_cls):
    """uvicorn with the yardstick on ``port`` (one process, like Pitboss's default)."""
    log = tmp / f"yardstick-{port}.log"
    env = dict(os.environ, YARDSTICK_DATABASE_URL=url)
    from server.config import ROOT

    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", APP, "--host", host, "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], cwd=ROOT, env=env,
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    http = f"http://{host}:{port}"
    wait_http(http + "/healthz", proc, log)
    return stack_cls(proc, http, log, [proc.pid])


def run(stack, yardstick, scale: str, workloads: list[tuple[str, str, Path]], args, wrk, show) -> list[str]:
    """``workloads``: (mode, name, players file). Returns the ratio texts."""
    ratios = []
    for mode, name, players in workloads:
        ours = show(wrk(stack, f"{scale} {mode} {name}: pitboss", mode, players, args.connections, args.duration))
        theirs = show(wrk(yardstick, f"{scale} {mode} {name}{YARDSTICK}", mode, players, args.connections,
                          args.duration))
        ratio = ours.rps / theirs.rps if theirs.rps else 0.0
        ratios.append(f"{mode} {name} {ratio:.2f}x (p99 {ours.p99:.1f} vs {theirs.p99:.1f} ms)")
    print(f"{scale} pitboss / yardstick (req/s): " + ", ".join(ratios), flush=True)
    return ratios
