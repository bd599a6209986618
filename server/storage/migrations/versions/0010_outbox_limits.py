"""bounded work: indexes for the status aggregates, outbox delivery state
(dead letters, claims, failing since)

Revision ID: 0010_outbox_limits
Revises: 0009_protection
Create Date: 2026-12-03 00:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0010_outbox_limits'
down_revision: Union[str, Sequence[str], None] = '0009_protection'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _ts(name: str) -> sa.Column:
    return sa.Column(name, server.storage.types.UtcDateTime(timezone=True), nullable=True)


def upgrade() -> None:
    # Online status and the reality check: a player's rounds of a period.
    with op.batch_alter_table('pam_round', schema=None) as batch_op:
        batch_op.drop_index('ix_pam_round_player_id')
        batch_op.create_index('ix_pam_round_player_started', ['player_id', 'started_at'], unique=False)
    # In-game status: the transactions of one game session.
    with op.batch_alter_table('pam_transaction', schema=None) as batch_op:
        batch_op.create_index('ix_pam_transaction_session', ['session_id'], unique=False)

    with op.batch_alter_table('vip_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False,
                                      server_default=''))
        batch_op.add_column(_ts('failing_since'))
        batch_op.add_column(_ts('dead_at'))
        batch_op.add_column(sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(_ts('claimed_until'))
        batch_op.create_index('ix_vip_outbox_operator_due',
                              ['operator_id', 'delivered_at', 'dead_at', 'next_attempt_at'], unique=False)

    with op.batch_alter_table('gateway_outbox', schema=None) as batch_op:
        batch_op.add_column(_ts('next_attempt_at'))
        batch_op.add_column(_ts('failing_since'))
        batch_op.add_column(_ts('dead_at'))
        batch_op.add_column(sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(_ts('claimed_until'))
        batch_op.create_index('ix_gateway_outbox_due', ['channel', 'sent_at', 'dead_at', 'next_attempt_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('gateway_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_gateway_outbox_due')
        for name in ('claimed_until', 'claimed_by', 'dead_at', 'failing_since', 'next_attempt_at'):
            batch_op.drop_column(name)
    with op.batch_alter_table('vip_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_vip_outbox_operator_due')
        for name in ('claimed_until', 'claimed_by', 'dead_at', 'failing_since', 'last_error'):
            batch_op.drop_column(name)
    with op.batch_alter_table('pam_transaction', schema=None) as batch_op:
        batch_op.drop_index('ix_pam_transaction_session')
    with op.batch_alter_table('pam_round', schema=None) as batch_op:
        batch_op.drop_index('ix_pam_round_player_started')
        batch_op.create_index('ix_pam_round_player_id', ['player_id'], unique=False)
