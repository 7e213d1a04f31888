"""Where profiles live on disk (one folder per enrolled user) and what each folder holds."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "PACE Casework"
APP_AUTHOR = "PACE"

#: Encrypted SQLCipher store; SQLite adds ``-wal`` and ``-shm`` beside it (also encrypted/opaque).
STORE_FILE = "store.db"
#: Non-secret profile facts (profile id, username, where the wrapped key lives).
PROFILE_FILE = "profile.json"
#: The wrapped (AES-GCM encrypted) store key, only when no secure OS keyring exists.
WRAPPED_KEY_FILE = "wrapped-key.json"
#: A rebuild moves a damaged store aside into ``damaged-<time>-<id>`` inside the profile.
DAMAGED_PREFIX = "damaged-"


def data_root() -> Path:
    """``PACE_DATA_DIR`` if set (tests, portable installs), else the user's data folder."""
    override = os.environ.get("PACE_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_profile_dir() -> Path:
    return data_root() / "profiles" / "default"


def store_files(store_path: Path) -> list[Path]:
    """The store and every companion file SQLite may create next to it."""
    return [store_path] + [
        store_path.with_name(store_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")
    ]
