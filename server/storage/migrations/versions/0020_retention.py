"""cost that does not grow with the data: the wallet's transactions lose an
index the unique key already serves and index bet references only where a
transaction has one; usage buckets are indexed by hour, for retention

Revision ID: 0020_retention
Revises: 0018_register_dormancy
Create Date: 2026-12-04 16:30:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0020_retention'
down_revision: Union[str, Sequence[str], None] = '0018_register_dormancy'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_HAS_REF = sa.text("provider_bet_ref IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table('pam_transaction', schema=None) as batch_op:
        batch_op.drop_index('ix_pam_transaction_tx_id')
        batch_op.drop_index('ix_pam_transaction_bet_ref')
        batch_op.create_index('ix_pam_transaction_bet_ref', ['player_id', 'provider', 'provider_bet_ref'],
                              unique=False, sqlite_where=_HAS_REF, postgresql_where=_HAS_REF)
    with op.batch_alter_table('protection_usage', schema=None) as batch_op:
        batch_op.create_index('ix_protection_usage_hour', ['hour'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('protection_usage', schema=None) as batch_op:
        batch_op.drop_index('ix_protection_usage_hour')
    with op.batch_alter_table('pam_transaction', schema=None) as batch_op:
        batch_op.drop_index('ix_pam_transaction_bet_ref')
        batch_op.create_index('ix_pam_transaction_bet_ref', ['player_id', 'provider', 'provider_bet_ref'],
                              unique=False)
        batch_op.create_index('ix_pam_transaction_tx_id', ['player_id', 'provider', 'provider_transaction_id'],
                              unique=False)
