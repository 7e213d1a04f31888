"""Open conflicts cached for team leads, resolutions queued offline, and a ``viewed`` outbox.

``conflicts`` is a cache of the partner's open conflicts, replaced at each sync (team leads
and administrators only). ``conflict_resolutions`` holds a resolution chosen offline until the
next sync sends it. ``viewed_outbox`` holds audit events "a person's record was opened here"
until the next sync delivers them (idempotent by ``event_id`` on the server).

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("record_type", sa.Text, nullable=False),
        sa.Column("owner_partner", sa.Text, nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("winner", sa.Text, nullable=False),  # JSON: value, hlc, device_id, user
        sa.Column("loser", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_index("ix_conflicts_record", "conflicts", ["record_id"])
    op.create_table(
        "conflict_resolutions",
        sa.Column("conflict_id", sa.Text, primary_key=True),
        sa.Column("keep", sa.Text, nullable=False),  # winner | loser | value
        sa.Column("value", sa.Text, nullable=True),  # JSON, for keep = value
        sa.Column("queued_at", sa.Text, nullable=False),
    )
    op.create_table(
        "viewed_outbox",
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("viewed_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("viewed_outbox")
    op.drop_table("conflict_resolutions")
    op.drop_index("ix_conflicts_record", table_name="conflicts")
    op.drop_table("conflicts")
