"""`make client`'s wheel works without this repository: it is built, installed
into a fresh virtual environment (dependencies from the package index), and
the README's Python client, run there from an empty folder, calls a live
server over gRPC."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from server.devtools import client
from server.devtools.gen import project_version
from tests.support import pam_support

ROOT = Path(__file__).resolve().parents[2]


def _readme_client() -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split("### Python client", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_wheel_holds_every_contract(tmp_path):
    wheel = client.build(tmp_path / "dist", tmp_path / "src")
    assert wheel.name == f"pitboss_client-{project_version()}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for family in ("vip", "pam", "mts", "gateway", "ops"):
        for suffix in ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py"):
            assert f"pitboss/{family}/v1/{family}{suffix}" in names
    assert "pitboss/common/v1/edge_pb2.py" in names and "pitboss/py.typed" in names
    assert not any(n.startswith(("server/", "tests/")) for n in names)


@pytest.mark.e2e
def test_readme_client_runs_from_the_installed_wheel(tmp_path, stack):
    wheel = client.build(tmp_path / "dist", tmp_path / "src")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    r = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stdout + r.stderr

    player, token = pam_support.new_player(stack.database_url, cash="123.45")
    code = (_readme_client()
            .replace("127.0.0.1:50051", stack.grpc)
            .replace("7ca10daf12f2cac9fecf559b11f0f0c8bd21ae43", token)
            .replace("73619e57b3bc4b4e9014132be3bd12a9", player))
    code = ("import pitboss, sys\n"
            f"assert pitboss.__file__.startswith({str(venv)!r}), pitboss.__file__\n"
            f"assert not any(p.startswith({str(ROOT)!r}) for p in sys.path), sys.path\n") + code
    here = tmp_path / "elsewhere"
    here.mkdir()
    r = subprocess.run([str(py), "-I", "-c", code], cwd=here, capture_output=True, text=True, timeout=60,
                       env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.split() == ["OK", "123.45"]
