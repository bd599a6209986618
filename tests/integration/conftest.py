"""Fixtures of the integration tier: real databases on both backends."""

from tests.support.databases import app_factory, db_url, postgres  # noqa: F401 - fixtures
