"""Map the core's errors (``desktop_app.errors``) to what the UI does about them, by type.

Only the core's own error classes are known failures. Every other exception is a bug: logged
(type and stack only, never the message, which might quote a field value) and the adviser is
told plainly that something unexpected went wrong.
"""

from __future__ import annotations

import logging
import traceback
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from desktop_app.errors import (
    DeviceRevoked,
    DiskFullError,
    Offline,
    RecordValidationError,
    SessionError,
    StoreDamagedError,
    Unauthenticated,
    WrongPasswordError,
)
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP, translated
from pace_shared.messages import UserMessage

log = logging.getLogger(__name__)


class Failure(StrEnum):
    REVOKED = "revoked"
    UNAUTHENTICATED = "unauthenticated"
    OFFLINE = "offline"
    WRONG_PASSWORD = "wrong_password"
    DAMAGED = "damaged"
    INVALID = "invalid"
    DISK_FULL = "disk_full"
    #: Another error the core raises on purpose; its message is fit to show.
    KNOWN = "known"
    #: Not one of the core's errors: a bug.
    UNEXPECTED = "unexpected"


_BY_TYPE: dict[type, Failure] = {
    DeviceRevoked: Failure.REVOKED,
    Unauthenticated: Failure.UNAUTHENTICATED,
    Offline: Failure.OFFLINE,
    WrongPasswordError: Failure.WRONG_PASSWORD,
    StoreDamagedError: Failure.DAMAGED,
    RecordValidationError: Failure.INVALID,
    DiskFullError: Failure.DISK_FULL,
}

UNEXPECTED_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Something unexpected went wrong ({name}). Nothing you typed was lost. The details were "
    "written to the log for the IT team; please try again, and tell them if it happens again.",
)


def classify(exc: BaseException) -> Failure:
    """The failure for ``exc``: the nearest class in its hierarchy that the UI knows."""
    if not isinstance(exc, SessionError):
        return Failure.UNEXPECTED
    for klass in type(exc).__mro__:
        failure = _BY_TYPE.get(klass)
        if failure is not None:
            return failure
    return Failure.KNOWN


def describe(exc: BaseException) -> str:
    """A sentence for a person: never a traceback. Unexpected errors are logged here."""
    if classify(exc) is Failure.UNEXPECTED:
        report_unexpected(exc)
        message = QCoreApplication.translate("errors", UNEXPECTED_MESSAGE)
        return message.format(name=type(exc).__name__)
    return core_message(exc).strip() or type(exc).__name__


def core_message(exc: BaseException) -> str:
    """The core's own message in the user's language: the core imports no Qt, so its messages
    are ``UserMessage`` templates the catalogue translates here."""
    if isinstance(exc, RecordValidationError):
        return "; ".join(f"{e.field}: {translated(e.message)}" for e in exc.errors)
    first = exc.args[0] if len(exc.args) == 1 else None
    return translated(first if isinstance(first, UserMessage) else str(exc))


def report_unexpected(exc: BaseException) -> None:
    """Log a bug without personal data: the exception's type and stack, not its message."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s.%s\n%s", type(exc).__module__, type(exc).__name__, stack)
