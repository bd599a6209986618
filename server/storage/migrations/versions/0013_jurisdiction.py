"""a player's jurisdiction (and a pending change of it); the brands' settings
that an email or phone change needs the current password, and that every
phone change waits for the SMS code sent to the new number

Existing players get their jurisdiction from the country of their personal
details as it is now; the PAM wallet of a gateway player takes the same
country (docs/gateway.md, "Jurisdiction").

Revision ID: 0013_jurisdiction
Revises: 0011_column_limits
Create Date: 2026-12-09 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types


revision: str = '0013_jurisdiction'
down_revision: Union[str, Sequence[str], None] = '0011_column_limits'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_change_reauth', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('phone_verification', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))

    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.add_column(sa.Column('jurisdiction', sqlmodel.sql.sqltypes.AutoString(length=2), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('pending_jurisdiction', sqlmodel.sql.sqltypes.AutoString(length=2),
                                      server_default='', nullable=False))
        batch_op.add_column(sa.Column('jurisdiction_requested_at', server.storage.types.UtcDateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_gateway_player_jurisdiction_requested_at'),
                              ['jurisdiction_requested_at'], unique=False)

    # Existing players: the country of their personal details as it is now.
    op.execute(
        "UPDATE gateway_player SET jurisdiction = (SELECT d.country FROM gateway_player_details d"
        " WHERE d.player_id = gateway_player.id)"
        " WHERE EXISTS (SELECT 1 FROM gateway_player_details d WHERE d.player_id = gateway_player.id)"
    )
    # Their PAM wallet (the PAM player whose id is the gateway ID as text)
    # takes the same country: what the aggregator sees is the jurisdiction.
    op.execute(
        "UPDATE pam_player SET country = (SELECT g.jurisdiction FROM gateway_player g"
        " WHERE CAST(g.id AS VARCHAR(20)) = pam_player.id)"
        " WHERE EXISTS (SELECT 1 FROM gateway_player g WHERE CAST(g.id AS VARCHAR(20)) = pam_player.id"
        " AND g.jurisdiction <> '')"
    )


def downgrade() -> None:
    with op.batch_alter_table('gateway_player', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gateway_player_jurisdiction_requested_at'))
        batch_op.drop_column('jurisdiction_requested_at')
        batch_op.drop_column('pending_jurisdiction')
        batch_op.drop_column('jurisdiction')

    with op.batch_alter_table('gateway_brand', schema=None) as batch_op:
        batch_op.drop_column('phone_verification')
        batch_op.drop_column('contact_change_reauth')
