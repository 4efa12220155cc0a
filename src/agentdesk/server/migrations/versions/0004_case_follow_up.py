"""the case's next action (follow-up) on the case row

Until now "next action due" was worked out from the contact attempts' next follow-up
times. It becomes the case's own: `next_action_at`, a short `next_action_reason` and
`next_action_decided_at` (the latest decision stands). Existing cases take the latest
follow-up any of their attempts named, decided when that attempt was recorded.

Revision ID: 0004_case_follow_up
Revises: 0003_contact_prefs
Create Date: 2026-11-28 15:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_case_follow_up"
down_revision = "0003_contact_prefs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_action_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("next_action_reason", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("next_action_decided_at", sa.DateTime(timezone=True), nullable=True)
        )
    # What the queue showed before: the latest follow-up an attempt named.
    op.execute(
        """
        UPDATE cases SET
            next_action_at = (
                SELECT max(a.next_follow_up_at) FROM contact_attempts a
                WHERE a.case_id = cases.id
            ),
            next_action_decided_at = (
                SELECT max(a.created_at) FROM contact_attempts a
                WHERE a.case_id = cases.id AND a.next_follow_up_at IS NOT NULL
            )
        WHERE EXISTS (
            SELECT 1 FROM contact_attempts a
            WHERE a.case_id = cases.id AND a.next_follow_up_at IS NOT NULL
        )
        """
    )


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch "copy and
    # move" of `cases` would have to drop a table that every case item refers to.
    for column in ("next_action_decided_at", "next_action_reason", "next_action_at"):
        op.drop_column("cases", column)
