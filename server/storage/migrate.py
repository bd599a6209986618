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


def check(engine: Engine) -> None:
    """Raise if the tables differ from the migrations (used by the tests)."""
    with engine.begin() as conn:
        command.check(alembic_config(engine, conn))


def revision(engine: Engine, message: str) -> None:
    """Autogenerate a migration from the models (developers: `pitboss migrate --new MSG`)."""
    with engine.begin() as conn:
        command.revision(alembic_config(engine, conn), message=message, autogenerate=True)
