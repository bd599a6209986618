"""schemathesis with the aggregator's own pam_api.yml (examples, coverage,
fuzzing and stateful phases) against the real stack: no server error.

Only the credentials are fixed (the API token and the player's session);
X-Correlation-ID, traceparent, tracestate and the extra headers and
parameters schemathesis adds (names that are not gRPC metadata keys, such as
``x|y``: issue 20) are generated."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.e2e.stack import start_stack, stop_stack
from tests.support.pam_support import SPEC

pytestmark = pytest.mark.e2e

SEED = 20261201
MAX_EXAMPLES = 30


def _run(stack, har, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", str(SPEC), "--url", stack.http,
         "--phases", "examples,coverage,fuzzing,stateful", "--checks", "not_a_server_error",
         "-H", "Authorization: Bearer pam-demo-api-token",
         "-H", "X-Player-Token: 7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43",
         "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED), "--workers", "2", "--request-timeout", "20",
         "--report", "har", "--report-har-path", str(har), "--no-color", "--warnings", "off", *extra],
        cwd=har.parent, capture_output=True, text=True, timeout=900,
    )


def test_schemathesis_finds_no_server_error(tmp_path):
    stack = start_stack(tmp_path, f"sqlite:///{tmp_path / 'pitboss.db'}")
    hars = [tmp_path / "others.har", tmp_path / "refresh.har"]
    try:
        # refreshSession rotates the demo game token: it runs last, so that the
        # other operations are tried with a live session first.
        outs = [_run(stack, hars[0], "--exclude-operation-id", "refreshSession"),
                _run(stack, hars[1], "--include-operation-id", "refreshSession")]
    finally:
        assert stop_stack(stack) == 0
    entries = [e for har in hars for e in json.loads(har.read_text())["log"]["entries"]]
    assert len(entries) > 500, outs[0].stdout[-3000:]
    assert sum(200 <= e["response"]["status"] < 300 for e in entries) > 50  # the session stayed usable
    errors = [e for e in entries if e["response"]["status"] >= 500]
    assert not errors, "\n".join(
        f"{e['response']['status']} {e['request']['method']} {e['request']['url']} "
        f"{(e['request'].get('postData') or {}).get('text', '')[:300]}" for e in errors[:10])
    print(f"\nschemathesis: {len(entries)} requests, no server error")
    assert "Traceback" not in stack.log_text()
