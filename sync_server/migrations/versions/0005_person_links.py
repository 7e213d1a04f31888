"""linkage: person_links, duplicate_pairs and linkage_runs (issue 9)

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_links",
        sa.Column("record_id", sa.String(length=36), primary_key=True),
        sa.Column("person_key", sa.String(length=36), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_person_links_person_key", "person_links", ["person_key"])
    op.create_table(
        "duplicate_pairs",
        sa.Column("record_id_1", sa.String(length=36), primary_key=True),
        sa.Column("record_id_2", sa.String(length=36), primary_key=True),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_duplicate_pairs_record_id_2", "duplicate_pairs", ["record_id_2"])
    op.create_index("ix_duplicate_pairs_probability", "duplicate_pairs", ["match_probability"])
    op.create_table(
        "linkage_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("links", sa.Integer(), nullable=False),
        sa.Column("pairs", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("linkage_runs")
    op.drop_index("ix_duplicate_pairs_probability", table_name="duplicate_pairs")
    op.drop_index("ix_duplicate_pairs_record_id_2", table_name="duplicate_pairs")
    op.drop_table("duplicate_pairs")
    op.drop_index("ix_person_links_person_key", table_name="person_links")
    op.drop_table("person_links")
