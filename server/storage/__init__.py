"""Persistence: SQLModel tables, repositories and Alembic migrations."""
