"""Storage on both backends: migrations, exact money, demo loading."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from server.demo import load
from server.storage import migrate
from server.storage.models import Meta, VipOperator, VipPatron
from server.storage.types import from_micros, to_micros

pytestmark = pytest.mark.storage


def test_migrations_match_models(db_url, app_factory):
    app = app_factory(db_url)
    assert migrate.pending_model_changes(app.db.engine) == []
    migrate.upgrade(app.db.engine)  # idempotent


def test_sqlite_settings(tmp_path, app_factory):
    app = app_factory(f"sqlite:///{tmp_path / 'x.db'}")
    with app.db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_money_is_exact_and_refuses_floats(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    amount = Decimal("123456789.123456")
    with app.db.session(write=True) as s:
        p = s.get(VipPatron, 1)
        p.available_amount = amount
        s.add(p)
    with app.db.session() as s:
        assert s.get(VipPatron, 1).available_amount == amount
        raw = s.execute(text("SELECT available_amount FROM vip_patron WHERE id = 1")).scalar()
        assert raw == 123456789123456 and isinstance(raw, int)
    with pytest.raises(Exception):
        with app.db.session(write=True) as s:
            p = s.get(VipPatron, 1)
            p.available_amount = 0.1  # float: refused, nothing written
            s.add(p)
    with app.db.session() as s:
        assert s.get(VipPatron, 1).available_amount == amount
    with pytest.raises(ValueError):
        to_micros(Decimal("0.0000001"))
    assert from_micros(to_micros("10.5")) == Decimal("10.500000")


def test_demo_load_is_idempotent_and_protects_other_data(db_url, app_factory):
    app = app_factory(db_url)
    with app.db.session(write=True) as s:
        s.add(Meta(key="someone-else", value="data"))
    assert "holds other data" in load(app.db, app.vault)
    with app.db.session() as s:
        assert s.get(VipOperator, "operator-1") is None
    assert load(app.db, app.vault, force=True) == "demo records loaded"
    assert load(app.db, app.vault) == "demo records present"
    with app.db.session() as s:
        assert s.execute(text("SELECT COUNT(*) FROM vip_patron")).scalar() == 4


def test_secrets_are_not_stored_in_clear(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    with app.db.engine.connect() as c:
        rows = [tuple(map(str, r)) for r in c.execute(text("SELECT * FROM vip_patron"))]
        rows += [tuple(map(str, r)) for r in c.execute(text("SELECT * FROM vip_bank_account"))]
        rows += [tuple(map(str, r)) for r in c.execute(text("SELECT * FROM vip_operator"))]
    dump = " ".join(" ".join(r) for r in rows)
    for secret in ("543083545", "000123459999", "991111", "600112222"):
        assert secret not in dump
    from server.demo import VIP_OPERATOR_KEYS

    assert VIP_OPERATOR_KEYS["operator-1"][0] not in dump


def test_a_failed_unit_of_work_writes_nothing(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    with pytest.raises(RuntimeError):
        with app.db.session(write=True) as s:
            p = s.get(VipPatron, 1)
            p.first_name = "CHANGED"
            s.add(p)
            s.flush()
            raise RuntimeError("boom")
    with app.db.session() as s:
        assert s.get(VipPatron, 1).first_name == "JOHN"


def test_migrations_have_a_single_head():
    """New migrations need one parent: family branches are merged back."""
    from alembic.script import ScriptDirectory

    from server.storage.migrate import MIGRATIONS

    script = ScriptDirectory(str(MIGRATIONS))
    assert len(script.get_heads()) == 1, script.get_heads()


def test_every_write_lock_wait_is_bounded(db_url, app_factory):
    """A writer that cannot get its lock within PITBOSS_PAM_LOCK_TIMEOUT_MS
    gives up with a busy error (the edge answers it as "try again"), in the
    process (the SQLite writer mutex) and in the database (another
    connection holds the lock)."""
    import threading
    import time

    from sqlalchemy import create_engine

    from server.storage.db import Database
    from server.storage.sql import LockTimeout, is_busy

    app_factory(db_url)  # migrated
    db = Database(db_url, pool_size=2, lock_timeout_ms=300)
    holder = create_engine(db_url, isolation_level="AUTOCOMMIT").connect()
    try:
        if db.backend == "sqlite":
            held, release = threading.Event(), threading.Event()

            def hold():
                with db.write_lock():
                    held.set()
                    release.wait(10)

            t = threading.Thread(target=hold)
            t.start()
            held.wait(5)
            started = time.monotonic()
            with pytest.raises(LockTimeout):
                with db.session(write=True):
                    pass
            assert 0.25 < time.monotonic() - started < 3
            release.set()
            t.join()
            holder.exec_driver_sql("BEGIN IMMEDIATE")  # another process's write transaction
        else:
            holder.exec_driver_sql("BEGIN")
            holder.exec_driver_sql("LOCK TABLE pitboss_meta IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        with pytest.raises(Exception) as caught:
            with db.session(write=True) as s:
                s.execute(text("INSERT INTO pitboss_meta (key, value) VALUES ('lock-test', 'x')"))
        assert is_busy(caught.value), caught.value
        assert 0.25 < time.monotonic() - started < 3
    finally:
        holder.exec_driver_sql("ROLLBACK")
        holder.close()
        db.dispose()
