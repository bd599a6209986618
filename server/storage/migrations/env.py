"""Alembic environment. Run through ``pitboss migrate`` (server.storage.migrate),
which passes the engine in ``config.attributes["connection"]``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import server.storage.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover
    raise SystemExit("offline migrations are not supported; use `pitboss migrate`")
run_migrations_online()
