"""sync retention: how far back the change log still reaches

The op log and the change log are pruned (`agentdesk-server sync prune`). A desktop
whose cursor is older than what was pruned must start again from a snapshot, so the
server keeps the highest pruned change-log position here.

Revision ID: 0005_sync_retention
Revises: 0004_case_follow_up
Create Date: 2026-11-28 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_sync_retention"
down_revision = "0004_case_follow_up"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_retention",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_retention")),
    )


def downgrade() -> None:
    op.drop_table("sync_retention")
