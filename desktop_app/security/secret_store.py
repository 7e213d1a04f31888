"""Where the wrapped store key and the access token are kept.

Preferred for the wrapped key: the OS keyring. Refused: keyring's ``fail`` and ``null``
backends and every ``keyrings.alt`` backend (plaintext or home-made file stores). Without a
secure keyring (headless Linux, CI, a fresh demo machine; decisions.md #1) the wrapped key,
which is already ciphertext, goes to a file beside the store; :data:`NO_KEYRING_NOTICE` is what
the app tells the user, once.

The sign-in token and the device secret are kept inside the encrypted store in every mode: a
keyring hands its entries in plain form to any program running as the user. Older versions kept
the token in the keyring; :func:`move_keyring_token` moves it out at unlock.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from desktop_app.errors import SessionError
from desktop_app.security.keywrap import WrappedKey

log = logging.getLogger(__name__)

SERVICE = "PACE Casework"

NO_KEYRING_NOTICE = (
    "No secure system keyring was found on this computer, so the encrypted store key is kept "
    "in a protected file beside the store, and the sign-in token inside the encrypted store. "
    "Both are still protected by your password."
)

_KEYRING_GONE = (
    "The system keyring that holds this profile's key is not available or not secure. "
    "Unlock the keyring (or sign in to the desktop session) and try again."
)
_INSECURE_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


class InsecureKeyringError(SessionError):
    """The profile's secrets are in the keyring, but no secure keyring is available now."""


def is_secure_backend(backend: KeyringBackend) -> bool:
    """True for a backend we trust with the wrapped key (chainers: if any member is secure)."""
    members = getattr(backend, "backends", None)
    if backend.__class__.__name__ == "ChainerBackend" and members is not None:
        return any(is_secure_backend(member) for member in members)
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULE_PREFIXES):
        return False
    # keyring marks backends it cannot use with priority <= 0.
    try:
        return float(backend.priority) > 0
    except Exception:
        return False


def secure_backend() -> KeyringBackend | None:
    """The active keyring backend if it is secure, else None (the caller falls back)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is the same as none
        return None
    return backend if is_secure_backend(backend) else None


def _entry(profile_id: str, what: str) -> str:
    return f"{profile_id}:{what}"


class WrappedKeyStore:
    """Keeps one profile's wrapped key in the keyring, or in ``key_file`` when there is none."""

    def __init__(self, profile_id: str, key_file: Path) -> None:
        self.profile_id = profile_id
        self.key_file = key_file

    def save(self, wrapped: WrappedKey, location: str) -> None:
        text = wrapped.to_json()
        if location == "keyring":
            backend = secure_backend()
            if backend is None:
                raise InsecureKeyringError(_KEYRING_GONE)
            backend.set_password(SERVICE, _entry(self.profile_id, "wrapped-key"), text)
            return
        tmp = self.key_file.with_name(self.key_file.name + ".tmp")
        # Ciphertext only, but still owner-readable only; written atomically so a crash
        # mid-password-change leaves the old wrapping intact.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.key_file)

    def load(self, location: str) -> WrappedKey | None:
        if location == "keyring":
            backend = secure_backend()
            if backend is None:
                raise InsecureKeyringError(_KEYRING_GONE)
            text = backend.get_password(SERVICE, _entry(self.profile_id, "wrapped-key"))
        else:
            text = self.key_file.read_text("utf-8") if self.key_file.exists() else None
        return WrappedKey.from_json(text) if text else None

    def delete(self) -> None:
        """Remove the wrapped key from both places (used by remote wipe)."""
        _delete_entry(_entry(self.profile_id, "wrapped-key"))
        with contextlib.suppress(FileNotFoundError):
            self.key_file.unlink()


class KeyringTokenStore:
    """Where older versions kept the access token (secure keyring only). Read once at unlock
    to move the token into the store, then deleted; never written any more."""

    def __init__(self, profile_id: str) -> None:
        self.name = _entry(profile_id, "access-token")

    def save(self, token: str) -> None:
        backend = secure_backend()
        if backend is None:
            raise InsecureKeyringError(_KEYRING_GONE)
        backend.set_password(SERVICE, self.name, token)

    def load(self) -> str | None:
        backend = secure_backend()
        return backend.get_password(SERVICE, self.name) if backend is not None else None

    def delete(self) -> None:
        _delete_entry(self.name)


def move_keyring_token(profile_id: str, keep: Callable[[str], None]) -> None:
    """Move an older version's token out of the keyring: ``keep`` puts it in the encrypted
    store before the keyring entry is deleted, so a crash in between leaves a copy, never none.
    """
    tokens = KeyringTokenStore(profile_id)
    token = tokens.load()
    if token is not None:
        keep(token)
    tokens.delete()


def profile_entry_names(profile_id: str) -> list[str]:
    """Every keyring entry any version of the app made for this profile."""
    return [_entry(profile_id, "wrapped-key"), _entry(profile_id, "access-token")]


def remove_profile_entries(profile_id: str, *, must_reach: bool) -> str | None:
    """Delete the profile's keyring entries; a sentence saying what could not be done, or None.

    ``must_reach``: the profile kept something in the keyring, so an unreachable keyring is a
    problem to report, not a reason to skip silently.
    """
    backend = secure_backend()
    if backend is None:
        if not must_reach:
            return None
        return (
            "The system keyring could not be reached, so this profile's key entry may still be "
            f'in it (service "{SERVICE}"). Unlock the keyring, or ask your IT team to remove '
            "that entry."
        )
    failed = 0
    for name in profile_entry_names(profile_id):
        try:
            backend.delete_password(SERVICE, name)
        except PasswordDeleteError:
            pass  # not there: nothing to remove
        except KeyringError:
            failed += 1
    if failed:
        return (
            f"The system keyring refused to remove {failed} of this profile's entries "
            f'(service "{SERVICE}"). Ask your IT team to remove them.'
        )
    return None


def _delete_entry(name: str) -> None:
    backend = secure_backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, name)
    except PasswordDeleteError:
        pass
    except KeyringError:
        log.warning("could not remove a keyring entry during cleanup")
