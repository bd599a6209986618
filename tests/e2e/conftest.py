"""Fixtures of the end-to-end tier: real databases and the real stack."""

from tests.e2e.stack import http, pg_stack, stack  # noqa: F401 - fixtures
from tests.support.databases import app_factory, db_url, postgres  # noqa: F401 - fixtures
