"""`pitboss bench` keeps working: a very short run on both backends prints
every workload row with zero non-OK answers, and the neighbours phase (bets
beside each flood, offered here at a twentieth of its rate) prints its rows
with no bet non-OK and no 5xx from a flooded door; the side-by-side phase runs
the same workloads against the FastAPI + SQLModel yardstick and prints the
ratios. (It is a tool, not a timed test: no figure is asserted beyond "it
ran".)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.support import ROOT
from tests.support.databases import IN_CI, PG_ADMIN_URL

pytestmark = pytest.mark.e2e

NEIGHBOUR = re.compile(r"^(?P<label>\S+ small bets .+?)\s+(?P<rps>[\d.]+)\s+(?P<share>\d+%)\s+(?P<p99>[\d.]+)"
                       r"\s+(?P<bad>\d+)\s+(?P<door>.+)$")
ROW = re.compile(r"^(?P<label>.+?)\s+(?P<rps>[\d.]+)\s+(?P<p50>[\d.]+)\s+(?P<p99>[\d.]+)\s+(?P<bad>\d+)\s+(?P<cpu>[\d.]+)$")


@pytest.mark.skipif(shutil.which("wrk") is None and not IN_CI, reason="wrk is not installed (make test installs it)")
def test_bench_smoke(postgres):
    out = subprocess.run(
        [sys.executable, "-m", "server.cli", "bench", "--backend", "both", "--duration", "1", "--active", "40",
         "--connections", "4", "--postgres-url", PG_ADMIN_URL, "--flood-scale", "0.05",
         "--neighbour-connections", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    rows = {m["label"]: m for m in map(ROW.match, out.stdout.splitlines()) if m}
    workloads = ("healthz", "withdraw hot", "withdraw hot @50%", "balance hot", "balance hot @50%",
                 "withdraw 40 players", "balance 40 players")
    side = [f"{m} {p}: {who}" for p in ("hot", "40 players") for m in ("withdraw", "balance")
            for who in ("pitboss", "yardstick")]
    expected = ["edge ceiling (no-op gRPC)"] + [f"{b} small {w}" for b in ("sqlite", "postgresql")
                                                for w in workloads + tuple(side)]
    assert list(rows) == expected, out.stdout
    for b in ("sqlite", "postgresql"):  # the ratios, one per side-by-side workload
        line = next(x for x in out.stdout.splitlines() if x.startswith(f"{b} small pitboss / yardstick (req/s): "))
        ratios = re.findall(r"(withdraw|balance) (hot|40 players) ([\d.]+)x \(p99 ([\d.]+) vs ([\d.]+) ms\)", line)
        assert len(ratios) == 4 and all(float(r[2]) > 0 for r in ratios), line
    for label, m in rows.items():
        assert float(m["rps"]) > 0 and float(m["cpu"]) > 0, m.group(0)
        assert label.endswith(": yardstick") or int(m["bad"]) == 0, m.group(0)  # the yardstick's are its own
    neighbours = {m["label"]: m for m in map(NEIGHBOUR.match, out.stdout.splitlines()) if m}
    floods = ("bets alone", "bets + gateway login 10/s", "bets + MTS OAuth token 5/s",
              "bets + registration step one 2.5/s")
    assert list(neighbours) == [f"{b} small {f}" for b in ("sqlite", "postgresql") for f in floods], out.stdout
    for label, m in neighbours.items():
        assert int(m["bad"]) == 0 and float(m["rps"]) > 0, m.group(0)
        if label.endswith("bets alone"):
            continue  # no flooded door
        statuses = re.findall(r"\b(\d{3}): \d+", m["door"])
        assert statuses and not [c for c in statuses if c.startswith("5")], m.group(0)  # answered, never a 5xx
