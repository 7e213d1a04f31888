"""Alembic environment for the local store: always run programmatically on an open connection."""

from __future__ import annotations

from alembic import context

from desktop_app.storage.schema import metadata

connection = context.config.attributes["connection"]
# Batch mode: SQLite cannot ALTER most things, so later migrations copy-and-move tables.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
