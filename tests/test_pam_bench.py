"""`pitboss bench` runs, stays bounded, and prints its table."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def test_bench_smoke(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "server.cli", "bench", "--concurrency", "2", "--requests", "10", "--duration", "10",
         "--database-url", f"sqlite:///{tmp_path / 'bench.db'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=180, env=dict(os.environ, PITBOSS_DEMO="1"),
    )
    assert out.returncode == 0, out.stdout + out.stderr
    rows = [line.split() for line in out.stdout.splitlines() if re.match(r"^(http|grpc)\s", line)]
    assert [(r[0], r[1]) for r in rows] == [("http", "addTransaction"), ("http", "refreshSession"),
                                            ("grpc", "addTransaction"), ("grpc", "refreshSession")]
    for r in rows:
        ok, errors, rps, p50, p99 = int(r[2]), int(r[3]), float(r[4]), float(r[5]), float(r[6])
        assert ok == 10 and errors == 0 and rps > 0 and 0 < p50 <= p99
