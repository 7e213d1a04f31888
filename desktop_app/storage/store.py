"""Create or open the encrypted store and bring its schema to head with Alembic."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from desktop_app.errors import StoreDamagedError
from desktop_app.paths import store_files
from desktop_app.storage.engine import Connect, open_engine
from desktop_app.storage.walcheck import wal_damage

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not exists:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Upgrade to head; a store already at head is only read, never written."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, "head")
        except Exception as exc:
            raise StoreDamagedError(
                "The store was written by a newer or unknown version of PACE Casework."
            ) from exc
    log.info("local store schema upgraded from %s to %s", current, head)


def create_store(path: Path, key: bytes | bytearray, *, connect: Connect | None = None) -> Engine:
    """A new, empty, encrypted store at ``path`` with the current schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = open_engine(path, key, create=True, connect=connect)
    except BaseException:
        remove_store_files(path)  # never leave an empty (or plaintext) file behind
        raise
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        remove_store_files(path)
        raise
    return engine


def open_store(path: Path, key: bytes | bytearray, *, connect: Connect | None = None) -> Engine:
    """Open an existing store; StoreDamagedError (files untouched) when it or its log is damaged.

    The WAL is checked before SQLite sees it (SQLite would silently drop everything after a
    damaged frame), and every page's HMAC is verified (``PRAGMA cipher_integrity_check``)."""
    damage = wal_damage(path.with_name(path.name + "-wal"))
    if damage:
        raise StoreDamagedError(
            f"The encrypted store is damaged: {damage}."
        )
    engine = open_engine(path, key, connect=connect)
    try:
        verify_pages(engine)
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def verify_pages(engine: Engine) -> None:
    """Every page's HMAC checks out; otherwise StoreDamagedError (nothing written)."""
    with engine.connect() as conn:
        failures = conn.exec_driver_sql("PRAGMA cipher_integrity_check").all()
    if failures:
        log.error("store integrity check failed on %d pages", len(failures))
        raise StoreDamagedError(
            "The encrypted store is damaged: some of its pages fail their integrity check."
        )


def remove_store_files(path: Path) -> None:
    for file in store_files(path):
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
