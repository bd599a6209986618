"""column limits: PAM's betCode is stored whole (issue 20)

The aggregator's document sets no maximum for betCode; a longer one than the
former VARCHAR(64) was accepted on SQLite and failed on PostgreSQL.

SQLite does not enforce a VARCHAR's length (and rebuilding pam_transaction
there would copy every transaction for nothing), so only PostgreSQL changes;
on PostgreSQL dropping a varchar's length rewrites nothing.

Revision ID: 0011_column_limits
Revises: 0010_outbox_limits
Create Date: 2026-12-03 14:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlmodel


revision: str = '0011_column_limits'
down_revision: Union[str, Sequence[str], None] = '0010_outbox_limits'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.alter_column('pam_transaction', 'bet_code', existing_type=sqlmodel.sql.sqltypes.AutoString(length=64),
                        type_=sqlmodel.sql.sqltypes.AutoString(), existing_nullable=True)


def downgrade() -> None:
    # Fails while a stored betCode is longer than 64 characters.
    if op.get_bind().dialect.name == 'postgresql':
        op.alter_column('pam_transaction', 'bet_code', existing_type=sqlmodel.sql.sqltypes.AutoString(),
                        type_=sqlmodel.sql.sqltypes.AutoString(length=64), existing_nullable=True)
