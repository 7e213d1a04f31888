"""statistics facts: the counted fields of each live record in typed, indexed columns (issue 9)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stats_facts",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("partner", sa.String(length=32), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("employer_id", sa.String(), nullable=True),
        sa.Column("event_id", sa.String(), nullable=True),
        sa.Column("council_area", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("to_partner", sa.String(), nullable=True),
        sa.Column("sex", sa.String(), nullable=True),
        sa.Column("qualification", sa.String(), nullable=True),
        sa.Column("occupation", sa.String(), nullable=True),
        sa.Column("age_band", sa.String(), nullable=True),
        sa.Column("leaving_date", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("months_after", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("record_id"),
    )
    # Filled from the records already stored; from here on every writer keeps it in step.
    # The row rules are the application's own (one definition of what a fact is).
    from sync_server.sync.stats_facts import backfill

    backfill(op.get_bind())
    # Indexes after the fill: building them once is faster than updating them per row.
    op.create_index(
        "ix_stats_facts_type_day",
        "stats_facts",
        [
            "record_type",
            "day",
            "partner",
            "kind",
            "client_id",
            "status",
            "months_after",
            "started_on",
        ],
    )
    op.create_index(
        "ix_stats_facts_type_client", "stats_facts", ["record_type", "client_id", "kind"]
    )


def downgrade() -> None:
    op.drop_index("ix_stats_facts_type_client", table_name="stats_facts")
    op.drop_index("ix_stats_facts_type_day", table_name="stats_facts")
    op.drop_table("stats_facts")
