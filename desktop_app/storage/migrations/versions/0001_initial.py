"""Initial local schema: records, outbox, sync state, settings, people search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("owner_partner", sa.Text),
        sa.Column("parent_id", sa.Text),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("versions", sa.Text, nullable=False),
        sa.Column("server_fields", sa.Text),
        sa.Column("server_versions", sa.Text),
        sa.Column("deleted", sa.Integer, nullable=False, server_default="0"),
        sa.Column("has_conflict", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    op.create_index("ix_records_type", "records", ["type"])
    op.create_index("ix_records_parent", "records", ["parent_id"])

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("change_id", sa.Text, nullable=False, unique=True),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("record_type", sa.Text, nullable=False),
        sa.Column("op", sa.Text, nullable=False),
        sa.Column("hlc", sa.Text, nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("base", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False, server_default="pending"),
        sa.Column("reason", sa.Text),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_outbox_state_seq", "outbox", ["state", "seq"])
    op.create_index("ix_outbox_record", "outbox", ["record_id"])

    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("server_url", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("user_json", sa.Text, nullable=False),
        sa.Column("cursor", sa.Text),
        sa.Column("last_sync_at", sa.Text),
        sa.Column("hlc_last", sa.Text),
        sa.Column("access_token", sa.Text),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text),
    )

    op.create_table(
        "people",
        sa.Column("rid", sa.Integer, primary_key=True),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("first_name", sa.Text, nullable=False, server_default=""),
        sa.Column("last_name", sa.Text, nullable=False, server_default=""),
        sa.Column("date_of_birth", sa.Text),
        sa.Column("ni_number", sa.Text),
        sa.Column("postcode", sa.Text),
        sa.Column("event_id", sa.Text),
        sa.Column("event_label", sa.Text, nullable=False, server_default=""),
        sa.Column("owner_partner", sa.Text),
        sa.Column("first_key", sa.Text, nullable=False, server_default=""),
        sa.Column("last_key", sa.Text, nullable=False, server_default=""),
        sa.Column("event_key", sa.Text, nullable=False, server_default=""),
        sa.Column("search_doc", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_people_last_first", "people", ["last_key", "first_key"])
    op.create_index("ix_people_first", "people", ["first_key"])
    op.create_index("ix_people_dob", "people", ["date_of_birth"])
    op.create_index("ix_people_ni", "people", ["ni_number"])
    op.create_index("ix_people_postcode", "people", ["postcode"])
    op.create_index("ix_people_event", "people", ["event_id"])
    op.create_index("ix_people_event_key", "people", ["event_key"])
    op.create_index("ix_people_owner", "people", ["owner_partner"])
    # Trigram FTS5: substring search over names, NI numbers, postcodes and event labels.
    op.execute("CREATE VIRTUAL TABLE people_fts USING fts5(doc, tokenize = 'trigram')")


def downgrade() -> None:
    op.execute("DROP TABLE people_fts")
    for table in ("people", "settings", "sync_state", "outbox", "records"):
        op.drop_table(table)
