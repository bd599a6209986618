"""the tamper-evident chains: every ledger entry and audit-log entry carries
its place in its chain and a SHA-256 over its canonical fields and its
predecessor's hash; the player's chain head on the account, the audit
chain's head, the daily anchors

Existing history is chained once here: each player's entries in the order
they were written (by id), then the audit log likewise (docs/architecture.md,
"The chain").

Revision ID: 0014_ledger_chain
Revises: 0013_jurisdiction
Create Date: 2026-12-04 16:30:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import server.storage.types

from server.domain.records.chain import EMPTY, GENESIS, AuditFields, Head, audit_hash
from server.storage.chain import micro_link
from server.storage.sql import SqlConnection

revision: str = '0014_ledger_chain'
down_revision: Union[str, Sequence[str], None] = '0013_jurisdiction'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

PAGE = 5_000
_LEDGER = ("SELECT l.id, l.player_id, l.kind, COALESCE(t.public_id, ''), l.cash_delta, l.bonus_delta, l.promo_delta,"
           " l.cash_after, l.bonus_after, l.promo_after, l.created_at FROM pam_ledger l"
           " LEFT JOIN pam_transaction t ON t.id = l.transaction_id"
           " WHERE l.player_id > :p OR (l.player_id = :p AND l.id > :i) ORDER BY l.player_id, l.id LIMIT :n")
_AUDIT = ("SELECT id, at, client, actor, action, subject_type, subject_id, reason, before_json, after_json"
          " FROM audit_log WHERE id > :i ORDER BY id LIMIT :n")


def _chain_ledger(bind) -> None:
    read = SqlConnection.read_time
    p, i = "", 0
    player, head = None, EMPTY
    heads: list[dict] = []

    def close():
        if player is not None:
            heads.append({"p": player, "s": head.seq, "h": head.hash})
        if len(heads) >= PAGE or player is None:
            _flush_heads(bind, heads)

    while True:
        rows = bind.execute(sa.text(_LEDGER), {"p": p, "i": i, "n": PAGE}).fetchall()
        links = []
        for r in rows:
            if r[1] != player:
                close()
                player, head = r[1], EMPTY
            head = micro_link(r[1], head, r[2], r[3], tuple(int(v) for v in r[4:10]), read(r[10]))
            links.append({"id": r[0], "s": head.seq, "h": head.hash})
        if links:
            bind.execute(sa.text("UPDATE pam_ledger SET seq = :s, chain_hash = :h WHERE id = :id"), links)
        if len(rows) < PAGE:
            break
        p, i = rows[-1][1], rows[-1][0]
    if player is not None:
        heads.append({"p": player, "s": head.seq, "h": head.hash})
    _flush_heads(bind, heads)


def _flush_heads(bind, heads: list[dict]) -> None:
    if heads:
        bind.execute(sa.text("UPDATE pam_account SET chain_seq = :s, chain_hash = :h WHERE player_id = :p"), heads)
        heads.clear()


def _chain_audit(bind) -> Head:
    read = SqlConnection.read_time
    head, i = EMPTY, 0
    while True:
        rows = bind.execute(sa.text(_AUDIT), {"i": i, "n": PAGE}).fetchall()
        links = []
        for r in rows:
            h = audit_hash(AuditFields(head.seq + 1, read(r[1]), *r[2:10]), head.hash)
            head = head.next(h)
            links.append({"id": r[0], "s": head.seq, "h": h})
        if links:
            bind.execute(sa.text("UPDATE audit_log SET seq = :s, chain_hash = :h WHERE id = :id"), links)
        if len(rows) < PAGE:
            return head
        i = rows[-1][0]


def upgrade() -> None:
    with op.batch_alter_table('pam_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain_seq', sa.BigInteger(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('chain_hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      server_default=GENESIS, nullable=False))
    with op.batch_alter_table('pam_ledger', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('chain_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('chain_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.create_table('audit_chain_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('ledger_anchor',
    sa.Column('day', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('anchor', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('chains', sa.Integer(), nullable=False),
    sa.Column('entries', sa.BigInteger(), nullable=False),
    sa.Column('audit_seq', sa.BigInteger(), nullable=False),
    sa.Column('audit_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('created_at', server.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    bind = op.get_bind()
    _chain_ledger(bind)
    audit = _chain_audit(bind)
    bind.execute(sa.text("INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, :s, :h)"),
                 {"s": audit.seq, "h": audit.hash})
    with op.batch_alter_table('pam_ledger', schema=None) as batch_op:
        batch_op.create_index('ux_pam_ledger_chain', ['player_id', 'seq'], unique=True)
        batch_op.drop_index('ix_pam_ledger_player_id')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ux_audit_log_seq', ['seq'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ux_audit_log_seq')
        batch_op.drop_column('chain_hash')
        batch_op.drop_column('seq')
    with op.batch_alter_table('pam_ledger', schema=None) as batch_op:
        batch_op.create_index('ix_pam_ledger_player_id', ['player_id'], unique=False)
        batch_op.drop_index('ux_pam_ledger_chain')
        batch_op.drop_column('chain_hash')
        batch_op.drop_column('seq')
    with op.batch_alter_table('pam_account', schema=None) as batch_op:
        batch_op.drop_column('chain_hash')
        batch_op.drop_column('chain_seq')
    op.drop_table('ledger_anchor')
    op.drop_table('audit_chain_head')
