"""Typed sync failures, so the UI can say the right thing and the scheduler can back off."""

from __future__ import annotations

from desktop_app.errors import SessionError


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
