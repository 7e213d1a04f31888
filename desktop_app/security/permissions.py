"""Owner-only profile folders: 0700 for folders, 0600 for files (issue 8).

The folder is made private before anything is written into it, so the moment between SQLite
creating a file with its default mode and :func:`make_private` tightening it exposes nothing:
nobody else can enter the folder. Symbolic links are never followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) if needed, then make it owner-only."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, DIR_MODE)


def make_private(folder: Path) -> None:
    """``folder`` 0700 and everything under it: folders 0700, files 0600."""
    os.chmod(folder, DIR_MODE)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            _chmod_no_follow(Path(root) / name, DIR_MODE)
        for name in files:
            _chmod_no_follow(Path(root) / name, FILE_MODE)


def _chmod_no_follow(path: Path, mode: int) -> None:
    try:
        if stat.S_ISLNK(path.lstat().st_mode):
            return  # never change what a link points at
        os.chmod(path, mode)
    except FileNotFoundError:
        pass  # SQLite removed a -wal/-shm meanwhile
