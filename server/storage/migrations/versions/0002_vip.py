"""vip tables

Revision ID: 0002_vip
Revises: 0001
Create Date: 2026-11-22 19:33:56.347074
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0002_vip'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = ('vip',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('vip_card_guard',
    sa.Column('vip_card_number', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('locked_until', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('vip_card_number')
    )
    op.create_table('vip_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('payload', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_status', sa.Integer(), nullable=True),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['vip_operator.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('vip_session',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('operator_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('patron_id', sa.Integer(), nullable=False),
    sa.Column('operator_patron_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('transaction_amount', server.storage.types.Money(), nullable=False),
    sa.Column('wallet_balance', server.storage.types.Money(), nullable=False),
    sa.Column('remaining_daily_deposit', server.storage.types.Money(), nullable=False),
    sa.Column('return_url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
    sa.Column('cancel_redirect_url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
    sa.Column('product_type', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('one_click_discount_applied', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['vip_operator.id'], ),
    sa.ForeignKeyConstraint(['patron_id'], ['vip_patron.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('vip_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_session_operator_id'), ['operator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vip_session_patron_id'), ['patron_id'], unique=False)

    op.create_table('vip_transaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('transaction_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('session_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('patron_id', sa.Integer(), nullable=False),
    sa.Column('bank_account_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('amount', server.storage.types.Money(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['bank_account_id'], ['vip_bank_account.id'], ),
    sa.ForeignKeyConstraint(['operator_id'], ['vip_operator.id'], ),
    sa.ForeignKeyConstraint(['patron_id'], ['vip_patron.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['vip_session.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('operator_id', 'transaction_id')
    )
    with op.batch_alter_table('vip_transaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_transaction_patron_id'), ['patron_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vip_transaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_transaction_patron_id'))

    op.drop_table('vip_transaction')
    with op.batch_alter_table('vip_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_session_patron_id'))
        batch_op.drop_index(batch_op.f('ix_vip_session_operator_id'))

    op.drop_table('vip_session')
    op.drop_table('vip_outbox')
    op.drop_table('vip_card_guard')
