"""player protection: limits, time-outs, self-exclusion, usage buckets, history

Revision ID: 0009_protection
Revises: 0008_journey
Create Date: 2026-12-02 00:18:10.746121
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0009_protection'
down_revision: Union[str, Sequence[str], None] = '0008_journey'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('protection_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=True),
    sa.Column('at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('before_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('after_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('protection_event', schema=None) as batch_op:
        batch_op.create_index('ix_protection_event_at', ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_protection_event_player_id'), ['player_id'], unique=False)

    op.create_table('protection_limit',
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('amount', server.storage.types.Money(), nullable=True),
    sa.Column('pending_amount', server.storage.types.Money(), nullable=True),
    sa.Column('pending_remove', sa.Boolean(), nullable=False),
    sa.Column('pending_from', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('player_id', 'kind', 'period')
    )
    with op.batch_alter_table('protection_limit', schema=None) as batch_op:
        batch_op.create_index('ix_protection_limit_pending_from', ['pending_from'], unique=False)

    op.create_table('protection_state',
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=True),
    sa.Column('timeout_until', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('excluded_until', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('excluded_permanent', sa.Boolean(), nullable=False),
    sa.Column('closed_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('play_day', sa.Integer(), nullable=False),
    sa.Column('play_seconds', sa.Integer(), nullable=False),
    sa.Column('last_play_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_play_session', sa.Integer(), nullable=True),
    sa.Column('changed_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('player_id')
    )
    op.create_table('protection_usage',
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('hour', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('deposit', server.storage.types.Money(), nullable=False),
    sa.Column('wager', server.storage.types.Money(), nullable=False),
    sa.Column('loss', server.storage.types.Money(), nullable=False),
    sa.PrimaryKeyConstraint('player_id', 'hour')
    )
    with op.batch_alter_table('pam_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('protected', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('pam_account', schema=None) as batch_op:
        batch_op.drop_column('protected')

    op.drop_table('protection_usage')
    op.drop_table('protection_state')
    with op.batch_alter_table('protection_limit', schema=None) as batch_op:
        batch_op.drop_index('ix_protection_limit_pending_from')

    op.drop_table('protection_limit')
    with op.batch_alter_table('protection_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_protection_event_player_id'))
        batch_op.drop_index('ix_protection_event_at')

    op.drop_table('protection_event')
