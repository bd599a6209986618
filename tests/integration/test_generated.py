"""The committed generated/ tree and the OpenAPI files in docs/openapi/ match
what `make gen` produces from proto/, and the contracts pass buf lint."""

from __future__ import annotations

import filecmp
import os
import subprocess
from pathlib import Path

import pytest

from server.devtools.gen import generate

ROOT = Path(__file__).resolve().parents[2]


def _files(base: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(base)): p
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_generated_code_is_fresh(tmp_path):
    generate(tmp_path / "generated", tmp_path / "openapi")
    for made, committed in [("generated", ROOT / "generated"), ("openapi", ROOT / "docs" / "openapi")]:
        want, have = _files(tmp_path / made), _files(committed)
        assert sorted(want) == sorted(have), f"{committed} has missing or extra files: run `make gen`"
        stale = [name for name in want if not filecmp.cmp(want[name], have[name], shallow=False)]
        assert not stale, f"stale generated files in {committed} (run `make gen` and commit): {stale}"


def test_buf_lint_passes():
    buf = ROOT / "node_modules" / ".bin" / "buf"
    if not buf.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("buf is not installed (make tools)")
        pytest.skip("buf not installed; `make tools`")
    r = subprocess.run(
        [str(buf), "lint", "generated/pitboss.pb#format=binpb", "--exclude-path", "google", "--config", "buf.yaml"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_envoy_transcodes_every_service():
    """Every pitboss service the server registers is in Envoy's descriptor set
    (a service missing there would answer 404 to every JSON call)."""
    from server.bootstrap import SERVICES
    from server.process.envoy import transcoded_services

    registered = {s.name for s in SERVICES}
    assert registered and registered <= set(transcoded_services())


def test_openapi_files_are_valid_openapi_3_1():
    import json

    from openapi_spec_validator import validate

    files = sorted((ROOT / "docs" / "openapi").glob("*.json"))
    assert [f.stem for f in files] == ["gateway", "mts", "pam", "vip"]
    for f in files:
        doc = json.loads(f.read_text())
        assert doc["openapi"] == "3.1.0"
        validate(doc)
