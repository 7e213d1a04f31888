"""The local schema as SQLAlchemy Core tables (Core, not ORM: pull pages go in with executemany).

``records`` holds every record as JSON fields + per-field HLC versions. ``server_fields`` /
``server_versions`` keep the last server state of a record while it has local changes in the
outbox, so discarding a rejected change can put the server's value back. ``people`` and the FTS5
trigram table ``people_fts`` (rowid = people.rid) are a derived index for search-as-you-type.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, Table, Text

metadata = MetaData()

records = Table(
    "records",
    metadata,
    Column("id", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("owner_partner", Text, nullable=True),
    Column("parent_id", Text, nullable=True),  # client_id of engagements/referrals/outcomes
    Column("fields", Text, nullable=False),
    Column("versions", Text, nullable=False),
    Column("server_fields", Text, nullable=True),
    Column("server_versions", Text, nullable=True),
    Column("deleted", Integer, nullable=False, server_default="0"),
    Column("has_conflict", Integer, nullable=False, server_default="0"),
    Column("updated_at", Text, nullable=False),
    Index("ix_records_type", "type"),
    Index("ix_records_parent", "parent_id"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("change_id", Text, nullable=False, unique=True),
    Column("record_id", Text, nullable=False),
    Column("record_type", Text, nullable=False),
    Column("op", Text, nullable=False),
    Column("hlc", Text, nullable=False),
    Column("fields", Text, nullable=False),
    Column("base", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("state", Text, nullable=False, server_default="pending"),  # pending | rejected
    Column("reason", Text, nullable=True),
    Column("detail", Text, nullable=True),
    Index("ix_outbox_state_seq", "state", "seq"),
    Index("ix_outbox_record", "record_id"),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("server_url", Text, nullable=False),
    Column("device_id", Text, nullable=False),
    Column("username", Text, nullable=False),
    Column("user_json", Text, nullable=False),
    Column("cursor", Text, nullable=True),
    Column("last_sync_at", Text, nullable=True),
    Column("hlc_last", Text, nullable=True),
    # Secrets, kept only here inside the encrypted store (never in the keyring or a file).
    Column("access_token", Text, nullable=True),
    Column("device_secret", Text, nullable=True),
)

settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=True),
)

people = Table(
    "people",
    metadata,
    Column("rid", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("first_name", Text, nullable=False, server_default=""),
    Column("last_name", Text, nullable=False, server_default=""),
    Column("date_of_birth", Text, nullable=True),
    Column("ni_number", Text, nullable=True),
    Column("postcode", Text, nullable=True),
    Column("event_id", Text, nullable=True),
    Column("event_label", Text, nullable=False, server_default=""),
    Column("owner_partner", Text, nullable=True),
    Column("first_key", Text, nullable=False, server_default=""),
    Column("last_key", Text, nullable=False, server_default=""),
    Column("event_key", Text, nullable=False, server_default=""),
    Column("search_doc", Text, nullable=False, server_default=""),
    Index("ix_people_last_first", "last_key", "first_key"),
    Index("ix_people_first", "first_key"),
    Index("ix_people_dob", "date_of_birth"),
    Index("ix_people_ni", "ni_number"),
    Index("ix_people_postcode", "postcode"),
    Index("ix_people_event", "event_id"),
    Index("ix_people_event_key", "event_key"),
    Index("ix_people_owner", "owner_partner"),
)

# Team leads' cache of the partner's open conflicts (replaced at each sync), resolutions
# queued offline, and audit "viewed" events waiting for the next sync (migration 0004).
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Text, primary_key=True),
    Column("record_id", Text, nullable=False),
    Column("record_type", Text, nullable=False),
    Column("owner_partner", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("winner", Text, nullable=False),
    Column("loser", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Index("ix_conflicts_record", "record_id"),
)

conflict_resolutions = Table(
    "conflict_resolutions",
    metadata,
    Column("conflict_id", Text, primary_key=True),
    Column("keep", Text, nullable=False),
    Column("value", Text, nullable=True),
    Column("queued_at", Text, nullable=False),
)

viewed_outbox = Table(
    "viewed_outbox",
    metadata,
    Column("event_id", Text, primary_key=True),
    Column("record_id", Text, nullable=False),
    Column("viewed_at", Text, nullable=False),
)

PEOPLE_FTS_DDL = "CREATE VIRTUAL TABLE people_fts USING fts5(doc, tokenize = 'trigram')"
