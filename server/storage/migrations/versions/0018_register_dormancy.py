"""the national self-exclusion register of a brand (vendor, bridge URL,
secret, outage policies) with each player's last answer and the register
events; dormancy (a brand's period, each player's last activity, notice and
dormant state)

Existing players count as last active when they were created (the dormancy
job gives each the notice first: docs/compliance.md).

Revision ID: 0018_register_dormancy
Revises: 0017_identity
Create Date: 2026-12-04 16:30:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0018_register_dormancy'
down_revision: Union[str, Sequence[str], None] = '0017_identity'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _text(name: str, length: int, default: str) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), server_default=default, nullable=False)


def _stamp(name: str) -> sa.Column:
    return sa.Column(name, server.storage.types.UtcDateTime(timezone=True), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.add_column(_text('register_vendor', 16, ''))
        batch_op.add_column(_text('register_url', 256, ''))
        batch_op.add_column(_text('register_secret_enc', 512, ''))
        batch_op.add_column(_text('register_outage_registration', 8, 'closed'))
        batch_op.add_column(_text('register_outage_play', 8, 'closed'))
        batch_op.add_column(sa.Column('dormancy_months', sa.Integer(), server_default='12', nullable=False))

    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.add_column(_stamp('register_checked_at'))
        batch_op.add_column(sa.Column('register_listed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(_stamp('last_activity_at'))
        batch_op.add_column(_stamp('dormancy_notice_at'))
        batch_op.add_column(_stamp('dormant_at'))
        batch_op.create_index('ix_gateway_player_activity', ['brand_id', 'dormant_at', 'last_activity_at'],
                              unique=False)

    op.execute("UPDATE gateway_player SET last_activity_at = created_at")

    op.create_table(
        'gateway_register_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('brand_id', sa.Integer(), nullable=False),
        sa.Column('player_id', sa.Integer(), nullable=False),
        sa.Column('door', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['brand_id'], ['gateway_brand.id']),
        sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('gateway_register_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_register_event_player_id'), ['player_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('gateway_register_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_register_event_player_id'))
    op.drop_table('gateway_register_event')

    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.drop_index('ix_gateway_player_activity')
        for name in ('dormant_at', 'dormancy_notice_at', 'last_activity_at', 'register_listed',
                     'register_checked_at'):
            batch_op.drop_column(name)

    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        for name in ('dormancy_months', 'register_outage_play', 'register_outage_registration',
                     'register_secret_enc', 'register_url', 'register_vendor'):
            batch_op.drop_column(name)
