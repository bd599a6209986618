"""Real databases for the integration and end-to-end tiers: an SQLite file
and throwaway PostgreSQL databases.

PostgreSQL: PITBOSS_TEST_POSTGRES_URL (default: the local server, database
`test`, trust auth). Each test run creates its own databases there and drops
them at the end. Without PostgreSQL the PostgreSQL cases are skipped, except
in CI (CI=true), where a missing PostgreSQL fails the run.

With several pytest-xdist workers each worker has its own ``postgres``
fixture (its own admin engine, its own databases, dropped when it ends).
"""

from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.support import SECRET

PG_ADMIN_URL = os.environ.get("PITBOSS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


class PostgresDatabases:
    """Creates throwaway databases on the PostgreSQL server; drops them all at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def available(self) -> str | None:
        try:
            with self.engine.connect() as c:
                c.execute(text("SELECT 1"))
            return None
        except Exception as e:  # noqa: BLE001
            return f"{type(e).__name__}: {e}"

    def create(self) -> str:
        name = f"pitboss_test_{secrets.token_hex(6)}"
        with self.engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.engine.connect() as c:
            for name in self.created:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres():
    pg = PostgresDatabases(PG_ADMIN_URL)
    problem = pg.available()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI and not reachable at {PG_ADMIN_URL}: {problem}")
        pytest.skip(f"PostgreSQL not reachable ({problem})")
    yield pg
    pg.drop_all()


def new_database_url(backend: str, request, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'pitboss.db'}"
    return request.getfixturevalue("postgres").create()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory) -> str:
    """A fresh, empty database on each backend."""
    return new_database_url(request.param, request, tmp_path_factory)


@pytest.fixture
def app_factory(monkeypatch):
    """Builds a server.process.app.App for a database URL (migrated)."""
    from server.process.app import App
    from server.config import Settings
    from server.storage import migrate

    made = []

    def make(url: str):
        app = App.create(Settings(database_url=url, secret_key=SECRET))
        migrate.upgrade(app.db.engine)
        made.append(app)
        return app

    yield make
    for app in made:
        app.db.dispose()
