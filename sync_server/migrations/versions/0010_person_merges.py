"""person merges: the merge log and records.merged_into (issue 11, duplicates across partners)

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
# Given 0008 (main's head); 0009 is another branch's. The lead re-chains at merge.
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain nullable ADD COLUMN (no batch copy of the biggest table).
    op.add_column("records", sa.Column("merged_into", sa.String(length=36), nullable=True))
    op.create_table(
        "person_merges",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("survivor_id", sa.String(length=36), nullable=False),
        sa.Column("merged_id", sa.String(length=36), nullable=False),
        sa.Column("partner", sa.String(length=32), nullable=False),
        sa.Column("merged_by", sa.String(length=100), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_merges_survivor", "person_merges", ["survivor_id"])
    op.create_index("ix_person_merges_merged", "person_merges", ["merged_id"])


def downgrade() -> None:
    op.drop_index("ix_person_merges_merged", table_name="person_merges")
    op.drop_index("ix_person_merges_survivor", table_name="person_merges")
    op.drop_table("person_merges")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("merged_into")
