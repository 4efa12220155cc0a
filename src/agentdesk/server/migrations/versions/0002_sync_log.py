"""sync: the op log (exactly-once push) and the change log (ordered pull)

Revision ID: 0002_sync
Revises: 0001
Create Date: 2026-11-28 12:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_ops",
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("op_type", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_sync_ops")),
    )
    with op.batch_alter_table("sync_ops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_ops_user_id"), ["user_id"], unique=False)

    op.create_table(
        "sync_changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("entity_type", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("old_assignee_id", sa.Uuid(), nullable=True),
        sa.Column("old_team_id", sa.Uuid(), nullable=True),
        sa.Column("new_assignee_id", sa.Uuid(), nullable=True),
        sa.Column("new_team_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_changes")),
    )
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.create_index("ix_sync_changes_case_seq", ["case_id", "seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_changes_case_seq")
    op.drop_table("sync_changes")
    with op.batch_alter_table("sync_ops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_ops_user_id"))
    op.drop_table("sync_ops")
