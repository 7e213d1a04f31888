"""What an installed copy must be able to do: make an encrypted store and read it back.

Used by ``pace-casework --self-test`` (installers and their tests run it on the installed
binary): a bundle that lost SQLCipher, or picked up plain SQLite, fails here and not at an
adviser's first registration.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import text

from desktop_app.security.keywrap import forget, generate_store_key
from desktop_app.storage.engine import cipher_version
from desktop_app.storage.store import create_store, open_store

_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def check_encrypted_store() -> str:
    """Create a throwaway store, reopen it with its key, and answer the SQLCipher version.

    Raises RuntimeError when the file is readable without the key."""
    key = generate_store_key()
    try:
        with tempfile.TemporaryDirectory(prefix="pace-self-test-") as folder:
            path = Path(folder) / "store.db"
            create_store(path, key).dispose()
            if path.read_bytes()[:16] == _PLAIN_SQLITE_HEADER:
                raise RuntimeError("the new store is plain SQLite, not encrypted")
            engine = open_store(path, key)
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT count(*) FROM records")).scalar_one()
                raw = engine.raw_connection()
                try:
                    version = cipher_version(raw.driver_connection)
                finally:
                    raw.close()
            finally:
                engine.dispose()
    finally:
        forget(key)
    return version
