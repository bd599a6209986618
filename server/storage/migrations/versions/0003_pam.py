"""pam tables

Revision ID: 0003_pam
Revises: 0001
Create Date: 2026-11-22 19:34:46.120315
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0003_pam'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = ('pam',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('pam_api_client',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('pam_player',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('blocked', sa.Boolean(), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('pam_provider',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('pam_account',
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('cash_amount', server.storage.types.Money(), nullable=False),
    sa.Column('bonus_amount', server.storage.types.Money(), nullable=False),
    sa.Column('promo_amount', server.storage.types.Money(), nullable=False),
    sa.Column('last_bet_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_bet_amount', server.storage.types.Money(), nullable=True),
    sa.Column('last_deposit_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_deposit_amount', server.storage.types.Money(), nullable=True),
    sa.Column('updated_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('bonus_amount >= 0', name='ck_pam_account_bonus'),
    sa.CheckConstraint('cash_amount >= 0', name='ck_pam_account_cash'),
    sa.CheckConstraint('promo_amount >= 0', name='ck_pam_account_promo'),
    sa.ForeignKeyConstraint(['player_id'], ['pam_player.id'], ),
    sa.PrimaryKeyConstraint('player_id')
    )
    op.create_table('pam_game',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('game_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.ForeignKeyConstraint(['provider'], ['pam_provider.name'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider', 'game_id')
    )
    op.create_table('pam_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('provider_round_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('provider_game_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('started_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('stake', server.storage.types.Money(), nullable=False),
    sa.Column('payout', server.storage.types.Money(), nullable=False),
    sa.ForeignKeyConstraint(['player_id'], ['pam_player.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('player_id', 'provider', 'provider_round_id')
    )
    with op.batch_alter_table('pam_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pam_round_player_id'), ['player_id'], unique=False)

    op.create_table('pam_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('game_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('refreshed_at', server.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('refresh_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['player_id'], ['pam_player.id'], ),
    sa.ForeignKeyConstraint(['provider'], ['pam_provider.name'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('pam_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pam_session_player_id'), ['player_id'], unique=False)

    op.create_table('pam_transaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('transaction_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('provider_transaction_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('provider_bet_ref', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('provider_game_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('provider_round_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('cash_amount', server.storage.types.Money(), nullable=False),
    sa.Column('bonus_amount', server.storage.types.Money(), nullable=False),
    sa.Column('promo_amount', server.storage.types.Money(), nullable=False),
    sa.Column('transaction_date_time', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('bet_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('is_game_over', sa.Boolean(), nullable=True),
    sa.Column('extras', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cancelled_by', sa.Integer(), nullable=True),
    sa.Column('cancels', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['player_id'], ['pam_player.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['pam_round.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider', 'provider_transaction_id', 'transaction_type'),
    sa.UniqueConstraint('public_id')
    )
    with op.batch_alter_table('pam_transaction', schema=None) as batch_op:
        batch_op.create_index('ix_pam_transaction_bet_ref', ['player_id', 'provider', 'provider_bet_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_pam_transaction_round_id'), ['round_id'], unique=False)
        batch_op.create_index('ix_pam_transaction_tx_id', ['player_id', 'provider', 'provider_transaction_id'], unique=False)

    op.create_table('pam_ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('player_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=True),
    sa.Column('cash_delta', server.storage.types.Money(), nullable=False),
    sa.Column('bonus_delta', server.storage.types.Money(), nullable=False),
    sa.Column('promo_delta', server.storage.types.Money(), nullable=False),
    sa.Column('cash_after', server.storage.types.Money(), nullable=False),
    sa.Column('bonus_after', server.storage.types.Money(), nullable=False),
    sa.Column('promo_after', server.storage.types.Money(), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['player_id'], ['pam_player.id'], ),
    sa.ForeignKeyConstraint(['transaction_id'], ['pam_transaction.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pam_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pam_ledger_player_id'), ['player_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pam_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pam_ledger_player_id'))

    op.drop_table('pam_ledger')
    with op.batch_alter_table('pam_transaction', schema=None) as batch_op:
        batch_op.drop_index('ix_pam_transaction_tx_id')
        batch_op.drop_index(batch_op.f('ix_pam_transaction_round_id'))
        batch_op.drop_index('ix_pam_transaction_bet_ref')

    op.drop_table('pam_transaction')
    with op.batch_alter_table('pam_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pam_session_player_id'))

    op.drop_table('pam_session')
    with op.batch_alter_table('pam_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pam_round_player_id'))

    op.drop_table('pam_round')
    op.drop_table('pam_game')
    op.drop_table('pam_account')
    op.drop_table('pam_provider')
    op.drop_table('pam_player')
    op.drop_table('pam_api_client')
