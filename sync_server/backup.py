"""Online, consistent backups of a SQLite server database, and restoring one.

The copy is stamped with a new epoch: a server started from it refuses cursors issued by the
live database (409 ``resync_required``), so devices re-pull and re-push what the backup lacks
instead of silently skipping it. Restoring stamps yet another epoch (the same backup restored
twice must not accept cursors issued after the first restore). For PostgreSQL use ``pg_dump``
/ ``pg_restore`` and then ``pace-sync-server rotate-epoch`` (docs/admin-guide.md).
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from sync_server.db import make_private


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ValueError(
            "backup copies SQLite databases only; for PostgreSQL use pg_dump "
            "(see docs/admin-guide.md, section 7)"
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


@dataclass(frozen=True, slots=True)
class Restored:
    epoch: str
    #: Where the database that was replaced now is (None when there was none).
    previous: Path | None


def _check_backup(path: Path) -> None:
    """A readable, intact PACE server database; ValueError otherwise (nothing touched)."""
    if not path.is_file():
        raise ValueError(f"no backup file at {path}")
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = source.execute("PRAGMA quick_check").fetchone()
            epoch = source.execute("SELECT value FROM server_meta WHERE key = 'epoch'").fetchone()
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path} is not a PACE server database ({exc})") from None
    if verdict != "ok":
        raise ValueError(f"{path} is damaged (SQLite quick_check: {verdict})")
    if epoch is None:
        raise ValueError(f"{path} is not a PACE server database (it has no epoch)")


def _copy(source_path: Path, target_path: Path) -> None:
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore_sqlite(database_url: str, backup: Path) -> Restored:
    """Replace the SQLite database of ``database_url`` with ``backup`` (stop the server first).

    The database being replaced is first copied aside (``<name>.before-restore-<UTC time>``,
    0600), so a restore of the wrong file can be undone by restoring that copy. The restored
    database gets a new epoch, so every device re-pulls and re-pushes what it lacks.
    """
    live = sqlite_path(database_url)
    _check_backup(backup)
    if live.exists() and live.resolve() == backup.resolve():
        raise ValueError("the backup is the live database itself")
    previous = None
    if live.exists():
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        previous = live.with_name(f"{live.name}.before-restore-{stamp}")
        make_private(previous)
        _copy(live, previous)
    make_private(live)
    epoch = str(uuid.uuid4())
    # SQLite's backup API writes the whole file through SQLite, its -wal included, so no
    # stale WAL frame of the replaced database can survive into the restored one.
    _copy(backup, live)
    target = sqlite3.connect(live)
    try:
        target.execute("UPDATE server_meta SET value = ? WHERE key = 'epoch'", (epoch,))
        target.commit()
    finally:
        target.close()
    return Restored(epoch, previous)
