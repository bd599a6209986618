"""mts tables

Revision ID: 0005_mts
Revises: 0001
Create Date: 2026-11-22 19:33:51.640305
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0005_mts'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = ('mts',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('mts_operator',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mts_operator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mts_operator_token_hash'), ['token_hash'], unique=True)

    op.create_table('mts_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('correlation_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('report_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('request_timestamp_ms', sa.BigInteger(), nullable=False),
    sa.Column('reply_timestamp_ms', sa.BigInteger(), nullable=False),
    sa.Column('reply_code', sa.Integer(), nullable=False),
    sa.Column('reply_message', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('session_count', sa.Integer(), nullable=False),
    sa.Column('received_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['mts_operator.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('operator_id', 'correlation_id', name='uq_mts_report_operator_correlation')
    )
    with op.batch_alter_table('mts_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mts_report_operator_id'), ['operator_id'], unique=False)

    op.create_table('mts_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_pk', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('end_customer_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('wallet_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('channel_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('game_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('start_ms', sa.BigInteger(), nullable=False),
    sa.Column('end_ms', sa.BigInteger(), nullable=False),
    sa.Column('lines', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_pk'], ['mts_report.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('report_pk', 'position', name='uq_mts_session_report_position')
    )
    with op.batch_alter_table('mts_session', schema=None) as batch_op:
        batch_op.create_index('ix_mts_session_operator_start', ['operator_id', 'start_ms', 'id'], unique=False)
        batch_op.create_index('ix_mts_session_query', ['operator_id', 'end_customer_id', 'start_ms', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mts_session', schema=None) as batch_op:
        batch_op.drop_index('ix_mts_session_query')
        batch_op.drop_index('ix_mts_session_operator_start')

    op.drop_table('mts_session')
    with op.batch_alter_table('mts_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mts_report_operator_id'))

    op.drop_table('mts_report')
    with op.batch_alter_table('mts_operator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mts_operator_token_hash'))

    op.drop_table('mts_operator')
