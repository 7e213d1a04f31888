"""The device secret the server issues at this laptop's first sign-in (decisions.md #8).

Kept inside the encrypted store beside the sign-in token, never in the keyring or a file.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_state", sa.Column("device_secret", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("device_secret")
