"""Errors the session façade raises, shared by the layers below it so none imports upwards.

Messages are written for the adviser who will read them; they never contain field values.
"""

from __future__ import annotations


class SessionError(Exception):
    """Anything that stops a session from opening or working; ``str()`` is fit to show a user."""


class WrongPasswordError(SessionError):
    """The password did not unlock the store's key. The store file was not touched."""

    def __init__(self, message: str = "That password is not right for this profile.") -> None:
        super().__init__(message)


class StoreDamagedError(SessionError):
    """The key unlocked but the store (or its wrapped key) cannot be read. Nothing was written."""


class NotEnrolledError(SessionError):
    """The profile has no store yet: the first run must enrol online."""


class InsecureEngineError(SessionError):
    """The database engine is plain SQLite, not SQLCipher: refuse rather than write plaintext."""


class StoreLockedError(SessionError):
    """The session was locked; unlock again before reading or writing."""


class DiskFullError(SessionError):
    """The disk holding the store is full (or failed): the change was not saved, nothing is
    half written. Free some space and try again."""

    def __init__(
        self,
        message: str = (
            "There is no space left on this computer's disk, so the change was not saved. "
            "Free some disk space and try again; nothing else was lost."
        ),
    ) -> None:
        super().__init__(message)
