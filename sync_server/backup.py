"""Online, consistent backups of a SQLite server database.

The copy is stamped with a new epoch: a server started from it refuses cursors issued by the
live database (409 ``resync_required``), so devices re-pull and re-push what the backup lacks
instead of silently skipping it. For PostgreSQL use ``pg_dump`` and, after restoring, run
``pace-sync-server rotate-epoch``.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

from sync_server.db import make_private


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ValueError(
            "backup copies SQLite databases only; for PostgreSQL use pg_dump "
            "(see docs/operations.md)"
        )
    return Path(url.database)


def backup_sqlite(database_url: str, destination: Path) -> str:
    """Copy the live database to ``destination`` (which must not exist); returns the new epoch."""
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise ValueError(f"no database at {source_path}")
    if destination.exists():
        raise ValueError(f"{destination} already exists; choose a new file name")
    # 0600 before SQLite writes a byte (its journal takes the same mode): a backup holds the
    # same personal data as the live database.
    make_private(destination)
    epoch = str(uuid.uuid4())
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)  # SQLite's online backup API: consistent while the server runs
        target.execute("UPDATE server_meta SET value = ? WHERE key = 'epoch'", (epoch,))
        target.commit()
    finally:
        target.close()
        source.close()
    return epoch
