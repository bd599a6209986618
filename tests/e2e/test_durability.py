"""An acknowledged money movement is on disk.

- Killed process: bets acknowledged through Envoy are all in the database
  after every process of the stack is killed with SIGKILL right after the
  last answer (both backends).
- Power loss: a commit is acknowledged only after it is flushed to stable
  storage. That is a property of the database settings the server runs
  with, so the test reads them from the server's own connections: SQLite in
  WAL mode with synchronous=FULL (the log is fsynced at every commit, and a
  group commit covers its whole batch), PostgreSQL with fsync and
  synchronous_commit on.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.e2e.stack import start_stack
from tests.support.databases import new_database_url
from tests.support.pam_support import API_TOKEN, new_player, tx

pytestmark = [pytest.mark.e2e, pytest.mark.storage]


def _tree(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            out += _tree(int(child))
    return out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_acknowledged_bets_survive_sigkill(backend, request, tmp_path_factory):
    url = new_database_url(backend, request, tmp_path_factory)
    stack = start_stack(tmp_path_factory.mktemp("kill"), url)
    pid, token = new_player(url, cash="100")
    headers = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "Content-Type": "application/json"}
    acked = []
    try:
        with requests.Session() as http:
            for k in range(25):
                body = tx("WITHDRAW", f"{pid[:8]}-k{k}", cash="1", round_id=f"k{k}")
                r = http.post(stack.url(f"/players/{pid}/transactions?provider=evolution"), headers=headers,
                              data=json.dumps(body), timeout=30)
                assert r.status_code == 200 and r.json()["status"] == "OK", r.text
                acked.append(r.json()["transactionResult"]["transactionId"])
    finally:
        for p in reversed(_tree(stack.proc.pid)):
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        stack.proc.wait(30)
    engine = create_engine(url)
    with engine.connect() as c:
        stored = {row[0] for row in c.execute(text("SELECT public_id FROM pam_transaction WHERE player_id = :p"),
                                              {"p": pid})}
        cash = c.execute(text("SELECT cash_amount FROM pam_account WHERE player_id = :p"), {"p": pid}).scalar()
    engine.dispose()
    assert set(acked) <= stored
    assert cash == 75 * 10**6


def test_commits_wait_for_stable_storage(db_url, app_factory):
    app = app_factory(db_url)
    writer = app.db.new_sql_connection()  # how the group-commit writer connects
    try:
        if writer.postgres:
            assert writer.one("SHOW fsync")[0] == "on"
            assert writer.one("SHOW synchronous_commit")[0] in ("on", "remote_apply", "remote_write")
        else:
            assert writer.one("PRAGMA journal_mode")[0] == "wal"
            assert writer.one("PRAGMA synchronous")[0] == 2  # FULL
    finally:
        writer.close()
    with app.db.session(write=True) as s:  # the ORM's units of work, likewise
        if app.db.backend == "sqlite":
            assert s.execute(text("PRAGMA synchronous")).scalar() == 2
        else:
            assert s.execute(text("SHOW synchronous_commit")).scalar() == "on"
