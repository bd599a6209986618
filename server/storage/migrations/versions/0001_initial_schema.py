"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 19:23:11.024780
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    
    op.create_table('pitboss_meta',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('vip_operator',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('merchant_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('key1_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('key2_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deposit_limit', server.storage.types.Money(), nullable=False),
    sa.Column('min_deposit', server.storage.types.Money(), nullable=False),
    sa.Column('withdraw_limit', server.storage.types.Money(), nullable=False),
    sa.Column('min_withdraw', server.storage.types.Money(), nullable=False),
    sa.Column('online_deposit_limit', server.storage.types.Money(), nullable=False),
    sa.Column('online_min_deposit', server.storage.types.Money(), nullable=False),
    sa.Column('online_withdraw_limit', server.storage.types.Money(), nullable=False),
    sa.Column('online_min_withdraw', server.storage.types.Money(), nullable=False),
    sa.Column('notify_deposit_url', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('notify_withdraw_url', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('notify_error_url', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('return_bank_accounts', sa.Boolean(), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('vip_patron',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vip_card_number', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('product_type', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('enrollment_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('in_good_standing', sa.Boolean(), nullable=False),
    sa.Column('one_click_discount_eligible', sa.Boolean(), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('middle_initial', sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('ssn_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ssn_hmac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('ssn_last4', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('id_type', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('id_number_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('id_number_hmac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('id_number_last4', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('id_state', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('zip', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('home_phone_number', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('mobile_phone_number', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('member_since', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_transaction_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('most_recent_transaction_amount', server.storage.types.Money(), nullable=False),
    sa.Column('incremental_limit_amount', server.storage.types.Money(), nullable=False),
    sa.Column('max_limit_amount', server.storage.types.Money(), nullable=False),
    sa.Column('limit_amount', server.storage.types.Money(), nullable=False),
    sa.Column('available_amount', server.storage.types.Money(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('vip_patron', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_patron_id_number_hmac'), ['id_number_hmac'], unique=False)
        batch_op.create_index(batch_op.f('ix_vip_patron_ssn_hmac'), ['ssn_hmac'], unique=False)
        batch_op.create_index(batch_op.f('ix_vip_patron_vip_card_number'), ['vip_card_number'], unique=True)

    op.create_table('vip_bank_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patron_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('account_number_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('account_number_hmac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('account_number_mask', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('routing_number', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
    sa.Column('bank_name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('available_limit', server.storage.types.Money(), nullable=False),
    sa.Column('available_amount', server.storage.types.Money(), nullable=False),
    sa.Column('instant_payment_eligible', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['patron_id'], ['vip_patron.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('patron_id', 'position')
    )
    with op.batch_alter_table('vip_bank_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vip_bank_account_patron_id'), ['patron_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('vip_bank_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_bank_account_patron_id'))

    op.drop_table('vip_bank_account')
    with op.batch_alter_table('vip_patron', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vip_patron_vip_card_number'))
        batch_op.drop_index(batch_op.f('ix_vip_patron_ssn_hmac'))
        batch_op.drop_index(batch_op.f('ix_vip_patron_id_number_hmac'))

    op.drop_table('vip_patron')
    op.drop_table('vip_operator')
    op.drop_table('pitboss_meta')
    
