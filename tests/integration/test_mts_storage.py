"""Casino-sessions reports on both backends: stored whole or not at all,
replay of the first reply, concurrent duplicates."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from server.demo import load
from server.domain.mts.intake import inform
from server.storage.repositories import mts as repo_module
from server.storage.repositories.mts import SqlReportStore
from tests.support.mts_helpers import envelope

pytestmark = pytest.mark.storage


def counts(app) -> tuple[int, int]:
    with app.db.engine.connect() as c:
        return (c.execute(text("SELECT COUNT(*) FROM mts_report")).scalar(),
                c.execute(text("SELECT COUNT(*) FROM mts_session")).scalar())


@pytest.fixture
def app(db_url, app_factory):
    a = app_factory(db_url)
    load(a.db, a.vault)
    return a


def test_replay_answers_the_first_reply_and_stores_nothing_new(app):
    store = SqlReportStore(app.db)
    env = envelope()
    first = inform(env, 1, store, 1_000, 100)
    assert first.code == 0 and first.timestamp_ms == 1_000
    assert counts(app) == (1, 1)
    again = inform(env, 1, store, 2_000, 100)
    assert again == first
    assert counts(app) == (1, 1)


def test_concurrent_duplicates_store_one_report(app):
    env = envelope()
    env["content"]["sessions"] = [dict(env["content"]["sessions"][0], id=f"s-{i}") for i in range(5)]
    n = 8
    barrier = threading.Barrier(n)
    replies, errors = [], []

    def worker(i: int) -> None:
        store = SqlReportStore(app.db)
        barrier.wait()
        try:
            replies.append(inform(env, 1, store, 10_000 + i, 100))
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(replies) == n and len(set(replies)) == 1 and replies[0].code == 0
    assert counts(app) == (1, 5)


def test_save_loses_the_race_and_answers_the_winners_reply(app, monkeypatch):
    """The look-up before the insert misses a concurrent writer (the PostgreSQL
    case): the unique constraint refuses the second insert, and the loser
    answers the first reply."""
    env = envelope()
    store = SqlReportStore(app.db)
    winner = inform(env, 1, store, 5_000, 100)
    monkeypatch.setattr(repo_module.MtsRepository, "reply_for", lambda self, op, cid: None)
    calls = []
    real_find = SqlReportStore.find_reply

    def find_after_conflict(self, op, cid):
        calls.append(cid)
        monkeypatch.undo()
        return real_find(self, op, cid)

    from server.domain.mts.envelope import check_header, parse_report
    from server.domain.mts.intake import Reply

    report = parse_report(env, check_header(env))
    monkeypatch.setattr(SqlReportStore, "find_reply", find_after_conflict)
    got = store.save(report, Reply(env["correlationId"], 9_999, 0, "Transaction processed"))
    assert got == winner and calls == [env["correlationId"]]
    assert counts(app) == (1, 1)


def test_a_report_is_stored_whole_or_not_at_all(app, monkeypatch):
    env = envelope()
    env["content"]["sessions"] = [dict(env["content"]["sessions"][0], id=f"s-{i}") for i in range(3)]
    real_add = repo_module.MtsRepository.add

    def failing_add(self, report, reply):
        real_add(self, report, reply)  # report row and every session flushed ...
        raise RuntimeError("disk full")  # ... then the unit of work fails

    monkeypatch.setattr(repo_module.MtsRepository, "add", failing_add)
    with pytest.raises(RuntimeError):
        inform(env, 1, SqlReportStore(app.db), 1_000, 100)
    assert counts(app) == (0, 0)
    monkeypatch.undo()
    assert inform(env, 1, SqlReportStore(app.db), 1_000, 100).code == 0
    assert counts(app) == (1, 3)


def test_operator_tokens_are_stored_hashed(app):
    from server.security import hash_token

    with app.db.engine.connect() as c:
        rows = [tuple(map(str, r)) for r in c.execute(text("SELECT * FROM mts_operator"))]
    dump = " ".join(" ".join(r) for r in rows)
    assert "mts-demo-token" not in dump and hash_token("mts-demo-token") in dump
