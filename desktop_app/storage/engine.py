"""SQLCipher engine for SQLAlchemy 2.

Every pooled connection runs ``PRAGMA key`` first (a raw 256-bit key, so no KDF per connection),
silences SQLCipher's own stderr logging, then proves the key by reading the schema *before* any
pragma that could write, so a wrong key or a damaged file leaves the bytes on disk untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from desktop_app.errors import InsecureEngineError, StoreDamagedError
from pace_shared.messages import user_message

Connect = Callable[..., Any]

#: Execution option that makes a transaction start with ``BEGIN IMMEDIATE`` (takes the write
#: lock up front, so two writers queue on busy_timeout instead of failing mid-transaction).
WRITE = {"pace_write": True}
BUSY_TIMEOUT_S = 15.0


class _DamagedStoreError(Exception):
    """Raised inside the pool's creator; turned into StoreDamagedError by open_engine."""


def cipher_version(dbapi_connection: Any) -> str:
    try:
        row = dbapi_connection.execute("PRAGMA cipher_version").fetchone()
    except Exception:
        return ""
    return (row[0] or "") if row else ""


PAGE_CACHE_KIB = 32_768


def require_sqlcipher(dbapi_connection: Any) -> str:
    """Refuse anything but SQLCipher: plain SQLite answers nothing to ``cipher_version``."""
    version = cipher_version(dbapi_connection)
    if not version:
        raise InsecureEngineError(
            user_message(
                "errors",
                "The database engine is plain SQLite, not SQLCipher; refusing to store data "
                "unencrypted. Reinstall PACE Casework.",
            )
        )
    return version


def _make_creator(path: Path, key_hex: str, connect: Connect) -> Callable[[], Any]:
    def creator() -> Any:
        conn = connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
        )
        try:
            require_sqlcipher(conn)
            # The key must be the very first statement on the connection.
            conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
            conn.execute("PRAGMA cipher_log_level = NONE")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except (sqlcipher3.DatabaseError, sqlite3.DatabaseError) as exc:
                raise _DamagedStoreError(str(exc)) from None
            conn.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
            conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")  # readers never block the sync writer
            conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL is durable per commit
            # SQLCipher decrypts a page each time it leaves this cache; searching 100,000
            # people touches thousands of pages, so keep them (in process memory only).
            conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        except BaseException:
            conn.close()
            raise
        return conn

    return creator


def open_engine(
    path: Path,
    key: bytes | bytearray,
    *,
    create: bool = False,
    connect: Connect | None = None,
) -> Engine:
    """An engine on the SQLCipher file at ``path``; ``create`` allows making a new, empty file.

    Raises StoreDamagedError when the file cannot be read with ``key`` (which, when the key came
    from a successful unwrap, means the file is damaged), and InsecureEngineError when
    ``connect`` gives plain SQLite.
    """
    if not create and not path.exists():
        raise StoreDamagedError(user_message("errors", "The encrypted store file is missing."))
    if create and path.exists():
        raise FileExistsError(path)
    key_hex = bytes(key).hex()
    engine = create_engine(
        "sqlite://",
        creator=_make_creator(path, key_hex, connect or sqlcipher3.connect),
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        # Reuse the most recent connection: its page cache is the warm one.
        pool_use_lifo=True,
    )
    del key_hex
    _install_transaction_hooks(engine)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, InsecureEngineError):
            raise
        cause = getattr(exc, "orig", None)  # SQLAlchemy wraps what the creator raised
        if isinstance(cause, InsecureEngineError):
            raise cause from None
        # Only the key check in the creator means damage; anything else is a bug, not damage.
        if not isinstance(exc, _DamagedStoreError) and not isinstance(cause, _DamagedStoreError):
            raise
        raise StoreDamagedError(
            user_message(
                "errors", "The encrypted store is damaged: it cannot be read with its key."
            )
        ) from None
    return engine


def _install_transaction_hooks(engine: Engine) -> None:
    # pysqlite's implicit transactions are off (isolation_level=None); SQLAlchemy emits BEGIN.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("pace_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
