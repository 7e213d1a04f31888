"""partners: active flag (a deactivated partner's users cannot sign in)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
# Given 0003 (main's head); chained after serverops' 0006 once h-serverops was merged into
# this branch (one head). The lead re-chains at merge.
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every existing partner stays active. A plain ADD COLUMN, not a batch copy of the table:
    # SQLite would drop and re-create ``partners``, which users and devices reference.
    op.add_column(
        "partners", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    op.drop_column("partners", "active")
