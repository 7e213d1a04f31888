"""Map core exceptions to what the UI does about them.

The core's exception classes are matched by name and by their ``code`` attribute as well as by
type, so the UI keeps working while the core's error hierarchy is still settling.
"""

from __future__ import annotations

from enum import StrEnum


class Failure(StrEnum):
    REVOKED = "revoked"
    UNAUTHENTICATED = "unauthenticated"
    OFFLINE = "offline"
    WRONG_PASSWORD = "wrong_password"
    DAMAGED = "damaged"
    OTHER = "other"


_BY_NAME: tuple[tuple[str, Failure], ...] = (
    ("revoked", Failure.REVOKED),
    ("wrongpassword", Failure.WRONG_PASSWORD),
    ("damaged", Failure.DAMAGED),
    ("unauthenticated", Failure.UNAUTHENTICATED),
    ("unauthorized", Failure.UNAUTHENTICATED),
    ("authentication", Failure.UNAUTHENTICATED),
    ("reauth", Failure.UNAUTHENTICATED),
    ("offline", Failure.OFFLINE),
    ("unreachable", Failure.OFFLINE),
    ("network", Failure.OFFLINE),
    ("connection", Failure.OFFLINE),
    ("timeout", Failure.OFFLINE),
)


def classify(exc: BaseException) -> Failure:
    code = str(getattr(exc, "code", "") or getattr(exc, "error", "") or "")
    if code == "device_revoked":
        return Failure.REVOKED
    if code == "unauthenticated" or getattr(exc, "status_code", None) == 401:
        return Failure.UNAUTHENTICATED
    for klass in type(exc).__mro__:
        lowered = klass.__name__.lower()
        for needle, failure in _BY_NAME:
            if needle in lowered:
                return failure
    if isinstance(exc, OSError):
        return Failure.OFFLINE
    return Failure.OTHER


def describe(exc: BaseException) -> str:
    """A sentence for a person: never a traceback."""
    text = str(exc).strip()
    return text or type(exc).__name__
