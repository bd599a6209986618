"""significant events (GLI-19 §2.8.8, AGCO 4.02): one queryable stream of
failed-login bursts, lockouts, failed 2FA, adjustments, large wins,
protection, personal-data and configuration changes, dead letters and
service start / stop; each brand's large-win threshold (10,000 in the
brand's currency by default)

Revision ID: 0016_significant_events
Revises: 0014_ledger_chain
Create Date: 2026-12-04 16:30:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0016_significant_events'
down_revision: Union[str, Sequence[str], None] = '0014_ledger_chain'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'significant_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=True),
        sa.Column('subject_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('subject_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column('client', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('detail_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_significant_event_at', 'significant_event', ['at'], unique=False)
    op.create_index('ix_significant_event_kind', 'significant_event', ['kind', 'id'], unique=False)
    op.create_index('ix_significant_event_brand', 'significant_event', ['brand_id', 'id'], unique=False)
    op.create_index('ix_significant_event_subject', 'significant_event', ['subject_type', 'subject_id', 'id'],
                    unique=False)
    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.add_column(sa.Column('large_win_threshold', server.storage.types.Money(),
                                      server_default='10000000000', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.drop_column('large_win_threshold')
    op.drop_index('ix_significant_event_subject', table_name='significant_event')
    op.drop_index('ix_significant_event_brand', table_name='significant_event')
    op.drop_index('ix_significant_event_kind', table_name='significant_event')
    op.drop_index('ix_significant_event_at', table_name='significant_event')
    op.drop_table('significant_event')
