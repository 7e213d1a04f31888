"""The ``caseload`` table, kept current by triggers on ``records``, filled from existing data.

A team lead's caseload review filters every person by adviser, employer, council area and
follow-up state; deriving those from the records' JSON at each open took seconds at 100,000
people. See ``desktop_app/storage/caseload_table.py`` for the columns and the triggers.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from desktop_app.storage.caseload_table import DDL, REBUILD, TRIGGER_NAMES, TRIGGERS

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in (*DDL, *TRIGGERS, REBUILD):
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE caseload")
