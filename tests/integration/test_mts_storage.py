"""Casino-sessions reports on both backends: stored whole or not at all,
replay of the first reply, concurrent duplicates."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from server.api.mts import intake
from server.api.unit import Units
from server.demo import load
from server.storage.repositories import mts as repo_module
from server.storage.repositories.mts import MtsRepository
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


def units(app) -> Units:
    return Units(app.db, MtsRepository)


def test_replay_answers_the_first_reply_and_stores_nothing_new(app):
    store = units(app)
    env = envelope()
    first = intake(store, env, 1, 1_000, 100)
    assert first.code == 0 and first.timestamp_ms == 1_000
    assert counts(app) == (1, 1)
    again = intake(store, env, 1, 2_000, 100)
    assert again == first
    assert counts(app) == (1, 1)


def test_concurrent_duplicates_store_one_report(app):
    env = envelope()
    env["content"]["sessions"] = [dict(env["content"]["sessions"][0], id=f"s-{i}") for i in range(5)]
    n = 8
    barrier = threading.Barrier(n)
    replies, errors = [], []

    def worker(i: int) -> None:
        store = units(app)
        barrier.wait()
        try:
            replies.append(intake(store, env, 1, 10_000 + i, 100))
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
    case): the unique constraint keeps the second insert from writing, and the
    loser answers the first reply."""
    env = envelope()
    store = units(app)
    winner = intake(store, env, 1, 5_000, 100)
    real_reply_for = repo_module.MtsRepository.reply_for
    calls = []

    def missed_once(self, op, cid):
        calls.append(cid)
        return None if len(calls) == 1 else real_reply_for(self, op, cid)

    monkeypatch.setattr(repo_module.MtsRepository, "reply_for", missed_once)
    got = intake(store, env, 1, 9_999, 100)
    assert got == winner and calls == [env["correlationId"]] * 2
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
        intake(units(app), env, 1, 1_000, 100)
    assert counts(app) == (0, 0)
    monkeypatch.undo()
    assert intake(units(app), env, 1, 1_000, 100).code == 0
    assert counts(app) == (1, 3)


def test_operator_tokens_are_stored_hashed(app):
    from server.security import hash_token

    with app.db.engine.connect() as c:
        rows = [tuple(map(str, r)) for r in c.execute(text("SELECT * FROM mts_operator"))]
    dump = " ".join(" ".join(r) for r in rows)
    assert "mts-demo-token" not in dump and hash_token("mts-demo-token") in dump
