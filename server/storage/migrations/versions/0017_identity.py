"""licence gates, identity and age: the brands' minimum age, verification
policy, vendor URL and secret; the players' verification status; the PAM
wallet's verification hold; the nonces of the vendor's signed callbacks

Existing brands keep their behaviour (minimum age 18, policy nothing);
existing players start at status none (docs/compliance.md, "Licence gates").

Revision ID: 0017_identity
Revises: 0016_significant_events
Create Date: 2026-12-04 16:30:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0017_identity'
down_revision: Union[str, Sequence[str], None] = '0016_significant_events'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.add_column(sa.Column('min_age', sa.Integer(), server_default='18', nullable=False))
        batch_op.add_column(sa.Column('verification_policy', sqlmodel.sql.sqltypes.AutoString(length=24),
                                      server_default='nothing', nullable=False))
        batch_op.add_column(sa.Column('verification_url', sqlmodel.sql.sqltypes.AutoString(length=256),
                                      server_default='', nullable=False))
        batch_op.add_column(sa.Column('verification_secret_enc', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verification_status', sqlmodel.sql.sqltypes.AutoString(length=8),
                                      server_default='none', nullable=False))
        batch_op.add_column(sa.Column('verification_updated_at', server.storage.types.UtcDateTime(timezone=True),
                                      nullable=True))

    with op.batch_alter_table('pam_player', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verification_hold', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('gateway_verification_nonce',
    sa.Column('received_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('brand_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('nonce', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('brand_id', 'nonce')
    )
    with op.batch_alter_table('gateway_verification_nonce', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gateway_verification_nonce_received_at'), ['received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('gateway_verification_nonce', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_verification_nonce_received_at'))
    op.drop_table('gateway_verification_nonce')
    with op.batch_alter_table('pam_player', schema=None) as batch_op:
        batch_op.drop_column('verification_hold')
    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.drop_column('verification_updated_at')
        batch_op.drop_column('verification_status')
    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.drop_column('verification_secret_enc')
        batch_op.drop_column('verification_url')
        batch_op.drop_column('verification_policy')
        batch_op.drop_column('min_age')
