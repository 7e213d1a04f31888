"""devices: unsent-change count each device reports at sync; viewed-event receipts

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # app_version is already kept (0003, from the X-PACE-App-Version header on every call).
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_changes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("pending_reported_at", sa.DateTime(timezone=True), nullable=True)
        )
    # One row per audited "viewed" event id, so a batch sent twice is written once.
    op.create_table(
        "viewed_receipts",
        sa.Column("event_id", sa.String(length=36), primary_key=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("viewed_receipts")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("pending_reported_at")
        batch_op.drop_column("pending_changes")
