"""gateway tables

Revision ID: 0004_gateway
Revises: 0001
Create Date: 2026-11-22 19:35:38.874322
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0004_gateway'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = ('gateway',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('gateway_brand',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('fraud_domains', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
    sa.Column('backoffice_url', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('gateway_login_guard',
    sa.Column('brand_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('key_hmac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('brand_id', 'key_hmac')
    )
    op.create_table('gateway_player',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('user_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_name_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('email_key', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('email_verified', sa.Boolean(), nullable=False),
    sa.Column('pending_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('password_change_required', sa.Boolean(), nullable=False),
    sa.Column('registration_complete', sa.Boolean(), nullable=False),
    sa.Column('tnc_signed_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('privacy_signed_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('btag', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('bonus_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('is_2fa_required', sa.Boolean(), nullable=False),
    sa.Column('test_account', sa.Boolean(), nullable=False),
    sa.Column('reality_check_period', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('vip_level', sa.Integer(), nullable=False),
    sa.Column('vip_level_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('vip_segment', sa.Integer(), nullable=False),
    sa.Column('marketing_segmentation', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('segmentation_id', sa.Integer(), nullable=False),
    sa.Column('tag_status', sa.Integer(), nullable=False),
    sa.Column('user_type', sa.Integer(), nullable=False),
    sa.Column('decline', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('billboard', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('bonus_opt_out', sa.Boolean(), nullable=False),
    sa.Column('free_traffic', sa.Boolean(), nullable=False),
    sa.Column('real_balance', server.storage.types.Money(), nullable=False),
    sa.Column('bonus_balance', server.storage.types.Money(), nullable=False),
    sa.Column('max_balance', server.storage.types.Money(), nullable=False),
    sa.Column('pending_withdrawal', server.storage.types.Money(), nullable=False),
    sa.Column('total_withdrawals', server.storage.types.Money(), nullable=False),
    sa.Column('deposit_count', sa.Integer(), nullable=False),
    sa.Column('deposits_amount', server.storage.types.Money(), nullable=False),
    sa.Column('last_deposit_amount', server.storage.types.Money(), nullable=False),
    sa.Column('last_deposit_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_bet_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('wagering_balance', server.storage.types.Money(), nullable=False),
    sa.Column('max_win', server.storage.types.Money(), nullable=False),
    sa.Column('wagering_complete', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['gateway_brand.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('brand_id', 'email_key'),
    sa.UniqueConstraint('brand_id', 'user_name_key')
    )
    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_player_brand_id'), ['brand_id'], unique=False)

    op.create_table('gateway_challenge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('player_id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('code_hmac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('code_expires_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('new_mobile', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sends', sa.Integer(), nullable=False),
    sa.Column('last_sent_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('verified_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('used_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['gateway_brand.id'], ),
    sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('gateway_challenge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_challenge_player_id'), ['player_id'], unique=False)

    op.create_table('gateway_custom_field',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('player_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('field_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('str_value', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=False),
    sa.Column('int_value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('player_id', 'kind', 'field_id')
    )
    with op.batch_alter_table('gateway_custom_field', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_custom_field_player_id'), ['player_id'], unique=False)

    op.create_table('gateway_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hash_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('player_id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('used_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['brand_id'], ['gateway_brand.id'], ),
    sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('hash_sha256')
    )
    with op.batch_alter_table('gateway_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_link_player_id'), ['player_id'], unique=False)

    op.create_table('gateway_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('player_id', sa.Integer(), nullable=True),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('body_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['gateway_brand.id'], ),
    sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('gateway_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_outbox_player_id'), ['player_id'], unique=False)

    op.create_table('gateway_player_details',
    sa.Column('player_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('birthdate', sa.Date(), nullable=True),
    sa.Column('gender', sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('zip_postal_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('opt_out_chat', sa.Boolean(), nullable=False),
    sa.Column('opt_out_sms', sa.Boolean(), nullable=False),
    sa.Column('opt_out_email', sa.Boolean(), nullable=False),
    sa.Column('opt_out_phone', sa.Boolean(), nullable=False),
    sa.Column('mobile_verification_status', sa.Integer(), nullable=False),
    sa.Column('mobile_verification_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('mobile_verification_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('pending_mobile_number', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('last_comment', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('last_operator', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('updated_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('player_id')
    )
    op.create_table('gateway_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('player_id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('reality_checked_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('balance_at_login', server.storage.types.Money(), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['gateway_brand.id'], ),
    sa.ForeignKeyConstraint(['player_id'], ['gateway_player.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('gateway_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_session_player_id'), ['player_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('gateway_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_session_player_id'))

    op.drop_table('gateway_session')
    op.drop_table('gateway_player_details')
    with op.batch_alter_table('gateway_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_outbox_player_id'))

    op.drop_table('gateway_outbox')
    with op.batch_alter_table('gateway_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_link_player_id'))

    op.drop_table('gateway_link')
    with op.batch_alter_table('gateway_custom_field', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_custom_field_player_id'))

    op.drop_table('gateway_custom_field')
    with op.batch_alter_table('gateway_challenge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_challenge_player_id'))

    op.drop_table('gateway_challenge')
    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_player_brand_id'))

    op.drop_table('gateway_player')
    op.drop_table('gateway_login_guard')
    op.drop_table('gateway_brand')
