"""Schema migrations (Alembic), applied by ``pitboss migrate`` and at start-up."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine, connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to every head (each partner family may add its own branch)."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(engine, conn), "heads")


def pending_model_changes(engine: Engine) -> list:
    """What the models have that the migrated schema lacks (empty when in
    sync). Works with any number of heads (one branch per partner family)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import server.storage.models  # noqa: F401

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, SQLModel.metadata)


def revision(engine: Engine, message: str) -> None:
    """Autogenerate a migration from the models (developers: `pitboss migrate --new MSG`)."""
    with engine.begin() as conn:
        command.revision(alembic_config(engine, conn), message=message, autogenerate=True)
