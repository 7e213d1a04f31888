"""Remote wipe of one profile: every file the app made in its folder, and its keyring entries.

Only names the app itself creates are removed (the folder may be one the user chose), but all
of them: the store with -wal/-shm/-journal, the wrapped-key file, profile.json, their
half-written ``.tmp`` twins, and the ``damaged-*`` folders a rebuild keeps for support. The
store key dies with the wrapped key, so what a disk may still hold in freed blocks is
ciphertext nobody can unwrap.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from desktop_app.errors import SessionError
from desktop_app.paths import (
    DAMAGED_PREFIX,
    PROFILE_FILE,
    STORE_FILE,
    WRAPPED_KEY_FILE,
    store_files,
)
from desktop_app.security.secret_store import remove_profile_entries


class WipeIncompleteError(SessionError):
    """The profile's files are gone but something could not be removed; ``str()`` says what."""


def wipe_files(folder: Path) -> None:
    """Delete every file and folder the app makes in a profile folder (the folder stays)."""
    files = store_files(folder / STORE_FILE)
    for name in (WRAPPED_KEY_FILE, PROFILE_FILE):
        files += [folder / name, folder / f"{name}.tmp"]
    for leftover in files:
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    if folder.is_dir():
        for damaged in folder.glob(f"{DAMAGED_PREFIX}*"):
            if damaged.is_dir() and not damaged.is_symlink():
                shutil.rmtree(damaged)
            else:
                damaged.unlink()


def wipe_profile(folder: Path, profile_id: str | None, *, keyring_used: bool) -> None:
    """Remove the profile's files and keyring entries; WipeIncompleteError (after removing all
    it could) when the keyring held something and could not be cleaned."""
    wipe_files(folder)
    problem = remove_profile_entries(profile_id, must_reach=keyring_used) if profile_id else None
    if problem:
        raise WipeIncompleteError(problem)
