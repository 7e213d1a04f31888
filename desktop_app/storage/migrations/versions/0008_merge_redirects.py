"""``merge_redirects``: ids of people merged into another record on the server (issue 11).

When a team lead merges two records of one person, the merged-away id keeps pointing at the
survivor on every device, so opening the old id (a recent list, a link) shows the survivor.
An undo arriving from the server removes the redirect.

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
# Given 0006 (main's head); 0007 is another branch's. The lead re-chains at merge.
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merge_redirects",
        sa.Column("old_id", sa.Text, primary_key=True),
        sa.Column("survivor_id", sa.Text, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("merge_redirects")
