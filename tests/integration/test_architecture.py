"""The architecture's rules, enforced (docs/architecture.md, "Rules"):

- the import-linter contracts of pyproject.toml (``lint-imports``): the domain
  imports no storage, transport, process code, gRPC, SQLAlchemy or SQLModel;
  the families are independent except through declared ports; no circles;
- no file in server/ is longer than about 400 lines;
- no servicer touches a raw session: storage is reached through the family's
  unit of work (``server.domain.unit``).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def test_import_contracts_are_kept():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    out = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_no_file_in_server_is_over_400_lines():
    long = {}
    for path in sorted((ROOT / "server").rglob("*")):
        if path.suffix not in (".py", ".lua", ".js", ".html") or "__pycache__" in path.parts:
            continue
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES:
            long[str(path.relative_to(ROOT))] = n
    assert not long, f"split these by concern (at most {MAX_LINES} lines): {long}"


def test_envoy_local_replies_come_from_the_error_tables(tmp_path):
    """Envoy's own answers (local_reply_config) are rendered from the same
    constants as the families' error tables, not written twice."""
    import json

    import yaml

    from server.api.errors import envoy_local_replies, vip
    from server.config import Settings
    from server.domain.mts.intake import MAX_MESSAGE_BYTES
    from server.process.envoy import TEMPLATE, render_config

    template = TEMPLATE.read_text()
    assert vip.PATRON_INVALID not in template and str(MAX_MESSAGE_BYTES) not in template
    cfg = render_config(Settings(), tmp_path / "envoy.yaml").read_text()
    yaml.safe_load(cfg)
    for body in envoy_local_replies().values():
        for value in json.dumps(body).split('"')[1::2]:
            if len(value) > 12:
                assert value in cfg, value
    assert f"over {MAX_MESSAGE_BYTES} bytes" in cfg and vip.PATRON_INVALID in cfg


# Modules of server/api that still reach a database session or connection
# themselves, and why. Every other module reaches storage through its
# family's unit of work.
RAW_SESSION_ALLOWED = {
    "server/api/auth.py": "the authenticators read the caller's credentials before any unit of work",
    "server/api/unit.py": "MTS's session-based units of work (not yet on server.domain.unit)",
    "server/api/mts_ws.py": "the MTS WebSocket handshake's bearer check, before any unit of work",
}


def raw_session_uses(source: str) -> list[str]:
    """Where ``source`` touches a session: a repository's ``.s``, a
    ``.session(...)``, ``.sql()`` or ``.engine``, or ``Session`` / ``SessionSql``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ("s", "engine"):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("session", "sql")):
            found.append(f"line {node.lineno}: .{node.func.attr}()")
        elif isinstance(node, ast.Name) and node.id in ("Session", "SessionSql"):
            found.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, ast.ImportFrom):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names if a.name in ("Session", "SessionSql")]
    return found


def test_no_servicer_touches_a_raw_session():
    bad = {}
    for path in sorted((ROOT / "server" / "api").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in RAW_SESSION_ALLOWED:
            continue
        uses = raw_session_uses(path.read_text(encoding="utf-8"))
        if uses:
            bad[rel] = uses
    assert not bad, f"servicers reach storage through their family's unit of work only: {bad}"


def test_the_raw_session_check_sees_each_way_in():
    source = ("gw.repo.s.execute(x)\nwith app.db.session(write=True) as s: pass\nSessionSql(s)\n"
              "db.sql().one('SELECT 1')\nfrom server.storage.sql import SessionSql\nself.units.read(f)\n")
    assert len(raw_session_uses(source)) == 5
