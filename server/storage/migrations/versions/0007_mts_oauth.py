"""MTS OAuth2 clients and access tokens (the WebSocket binding)

Revision ID: 0007_mts_oauth
Revises: 0006_merge_families
Create Date: 2026-12-01 19:51:56.087478
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0007_mts_oauth'
down_revision: Union[str, Sequence[str], None] = '0006_merge_families'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('mts_client',
    sa.Column('client_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['mts_operator.id'], ),
    sa.PrimaryKeyConstraint('client_id')
    )
    with op.batch_alter_table('mts_client', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mts_client_operator_id'), ['operator_id'], unique=False)

    op.create_table('mts_access_token',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('client_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('expires_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['mts_client.client_id'], ),
    sa.ForeignKeyConstraint(['operator_id'], ['mts_operator.id'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('mts_access_token', schema=None) as batch_op:
        batch_op.create_index('ix_mts_access_token_client_expiry', ['client_id', 'expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mts_access_token', schema=None) as batch_op:
        batch_op.drop_index('ix_mts_access_token_client_expiry')

    op.drop_table('mts_access_token')
    with op.batch_alter_table('mts_client', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mts_client_operator_id'))

    op.drop_table('mts_client')
