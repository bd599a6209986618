"""`pitboss bench` keeps working: a very short run on both backends prints
every workload row with zero non-OK answers. (It is a tool, not a timed
test: no figure is asserted beyond "it ran".)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import IN_CI, PG_ADMIN_URL, ROOT

pytestmark = pytest.mark.e2e

ROW = re.compile(r"^(?P<label>.+?)\s+(?P<rps>[\d.]+)\s+(?P<p50>[\d.]+)\s+(?P<p99>[\d.]+)\s+(?P<bad>\d+)\s+(?P<cpu>[\d.]+)$")


@pytest.mark.skipif(shutil.which("wrk") is None and not IN_CI, reason="wrk is not installed (make test installs it)")
def test_bench_smoke(postgres):
    out = subprocess.run(
        [sys.executable, "-m", "server.cli", "bench", "--backend", "both", "--duration", "1", "--active", "40",
         "--connections", "4", "--postgres-url", PG_ADMIN_URL],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    rows = {m["label"]: m for m in map(ROW.match, out.stdout.splitlines()) if m}
    workloads = ("healthz", "withdraw hot", "withdraw hot @50%", "balance hot", "balance hot @50%",
                 "withdraw 40 players", "balance 40 players")
    expected = ["edge ceiling (no-op gRPC)"] + [f"{b} small {w}" for b in ("sqlite", "postgresql") for w in workloads]
    assert list(rows) == expected, out.stdout
    for m in rows.values():
        assert int(m["bad"]) == 0 and float(m["rps"]) > 0 and float(m["cpu"]) > 0, m.group(0)
