"""The core's one error hierarchy. The UI maps these by type (``desktop_app.ui.errors``).

Every error the desktop core raises on purpose is a :class:`SessionError`; ``str()`` of one is a
sentence fit to show the adviser and never contains field values. Anything that is not a
``SessionError`` is a bug: the UI logs it (without personal data) and says so plainly.

The layers below the session (storage, sync, security) import from here, so none imports
upwards.
"""

from __future__ import annotations

from pace_shared.messages import user_message
from pace_shared.records import FieldError

__all__ = [
    "DeviceRevoked",
    "DiskFullError",
    "FieldError",
    "Forbidden",
    "InsecureEngineError",
    "NotEnrolledError",
    "Offline",
    "PayloadTooLarge",
    "RateLimited",
    "RecordNotFoundError",
    "RecordValidationError",
    "ResyncRequired",
    "ServerError",
    "SessionError",
    "StoreDamagedError",
    "StoreLockedError",
    "SyncError",
    "Unauthenticated",
    "WrongPasswordError",
]


class SessionError(Exception):
    """Base of every error the core raises on purpose; ``str()`` is fit to show a user."""


# --- opening a profile ------------------------------------------------------------------


class WrongPasswordError(SessionError):
    """The password did not unlock the store's key. The store file was not touched."""

    def __init__(
        self, message: str = user_message("errors", "That password is not right for this profile.")
    ) -> None:
        super().__init__(message)


class StoreDamagedError(SessionError):
    """Known damage: the store, its log, its wrapped key or the profile file cannot be read.

    Nothing was written; the store can be set aside and rebuilt from the server."""


class NotEnrolledError(SessionError):
    """The profile has no store yet: the first run must enrol online."""


class InsecureEngineError(SessionError):
    """The database engine is plain SQLite, not SQLCipher: refuse rather than write plaintext."""


# --- working on the store ---------------------------------------------------------------


class StoreLockedError(SessionError):
    """The session was locked; unlock again before reading or writing."""


class DiskFullError(SessionError):
    """The disk holding the store is full (or failed): the change was not saved, nothing is
    half written. Free some space and try again."""

    def __init__(
        self,
        message: str = user_message(
            "errors",
            "There is no space left on this computer's disk, so the change was not saved. "
            "Free some disk space and try again; nothing else was lost.",
        ),
    ) -> None:
        super().__init__(message)


class RecordValidationError(SessionError, ValueError):
    """A save was refused; ``errors`` says which field and why, in words for the adviser."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class RecordNotFoundError(SessionError, KeyError):
    """No (live) record or queued change with that id in the local store."""

    def __str__(self) -> str:
        return user_message("errors", "That record is no longer in this store.")


# --- talking to the server --------------------------------------------------------------


class SyncError(SessionError):
    """Base of every sync failure."""


class Offline(SyncError):  # noqa: N818 - reads as a state in the UI: "except Offline"
    """The server could not be reached (no network, DNS, refused, timed out)."""


class Unauthenticated(SyncError):  # noqa: N818
    """401: the access token is missing, unknown or expired. Sign in again; the outbox is kept."""

    code = "unauthenticated"


class DeviceRevoked(SyncError):  # noqa: N818
    """403 device_revoked: an administrator revoked this laptop; the local store was wiped."""

    code = "device_revoked"


class Forbidden(SyncError):  # noqa: N818
    """403 forbidden on a whole request (not one change)."""


class ResyncRequired(SyncError):  # noqa: N818
    """409: the server cannot honour our cursor (restored from backup, or too old)."""

    code = "resync_required"


class ServerError(SyncError):
    """Any other non-2xx answer, or an answer that breaks the contract."""

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class PayloadTooLarge(ServerError):  # noqa: N818
    """413: the push body was too big; the engine halves the batch and retries."""


class RateLimited(ServerError):  # noqa: N818
    """429: too many attempts; back off."""
