"""accounts and devices: device secrets

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SHA-256 of the device's secret (decisions.md #8); NULL until its next successful sign-in.
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("secret_hash", sa.String(length=64), nullable=True))
    # No new audit indexes: every pull now writes audit rows (disclosures), and each index
    # would slow that hot path for the sake of the rare admin query.


def downgrade() -> None:
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("secret_hash")
