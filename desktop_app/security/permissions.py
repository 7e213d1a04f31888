"""Owner-only profile folders: 0700 for folders, 0600 for files (issue 8).

The folder is made private before anything is written into it, so the moment between SQLite
creating a file with its default mode and :func:`make_private` tightening it exposes nothing:
nobody else can enter the folder. Only the files the app itself makes are touched (the folder
may be one the user chose with ``--profile``), and symbolic links are never followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop_app.paths import DAMAGED_PREFIX, PROFILE_FILE, STORE_FILE, WRAPPED_KEY_FILE

DIR_MODE = 0o700
FILE_MODE = 0o600
_STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) if needed, then make it owner-only."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, DIR_MODE)


def app_file_names() -> list[str]:
    """Every file name the app writes directly in a profile folder."""
    names = [STORE_FILE + suffix for suffix in _STORE_SUFFIXES]
    return names + [name + tmp for name in (PROFILE_FILE, WRAPPED_KEY_FILE) for tmp in ("", ".tmp")]


def make_private(folder: Path) -> None:
    """``folder`` 0700, the app's files in it 0600, ``damaged-*`` folders 0700 all through."""
    os.chmod(folder, DIR_MODE)
    for name in app_file_names():
        _chmod_no_follow(folder / name, FILE_MODE)
    for damaged in folder.glob(f"{DAMAGED_PREFIX}*"):
        if not _chmod_no_follow(damaged, DIR_MODE) or not damaged.is_dir():
            continue
        for root, dirs, files in os.walk(damaged):
            for name in dirs:
                _chmod_no_follow(Path(root) / name, DIR_MODE)
            for name in files:
                _chmod_no_follow(Path(root) / name, FILE_MODE)


def _chmod_no_follow(path: Path, mode: int) -> bool:
    """chmod unless ``path`` is missing or a link; True when it was changed."""
    try:
        if stat.S_ISLNK(path.lstat().st_mode):
            return False  # never change what a link points at
        os.chmod(path, mode)
    except FileNotFoundError:
        return False  # not there (SQLite may have removed a -wal/-shm meanwhile)
    return True
