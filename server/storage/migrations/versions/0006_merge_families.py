"""Join the partner families' migration branches into one head.

Each family's tables were added on its own branch from 0001; this revision
makes one head again, so the next migration has a single parent.

Revision ID: 0006_merge_families
Revises: 0002_vip, 0003_pam, 0004_gateway, 0005_mts
"""
from typing import Sequence, Union

revision: str = "0006_merge_families"
down_revision: Union[str, Sequence[str], None] = ("0002_vip", "0003_pam", "0004_gateway", "0005_mts")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
