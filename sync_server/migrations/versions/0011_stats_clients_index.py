"""stats facts: an index covering the people registered in a period (issue 9, workbook speed)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns as the application declares them (sync_server.sync.stats_facts.COVERED_CLIENTS),
# written out: a migration keeps the shape it had when it was written.
COLUMNS = [
    "record_type",
    "day",
    "record_id",
    "partner",
    "event_id",
    "age_band",
    "sex",
    "qualification",
    "occupation",
    "leaving_date",
]


def upgrade() -> None:
    op.create_index("ix_stats_facts_clients", "stats_facts", COLUMNS)
    # Planner statistics for the facts table that 0009 filled in one go: without them both
    # databases plan the statistics' reads as if it were empty.
    op.execute("ANALYZE stats_facts")


def downgrade() -> None:
    op.drop_index("ix_stats_facts_clients", table_name="stats_facts")
