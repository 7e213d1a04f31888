"""The unlocked session the widgets work on, and the signals that keep them in step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class AppState(QObject):
    #: The session was unlocked, locked or replaced.
    session_changed = Signal()
    #: A local edit was saved (argument: record type); the sync scheduler listens for it.
    edited = Signal(str)
    #: Records changed under the views (a local edit or a sync pull); views re-read.
    data_changed = Signal()
    current_event_changed = Signal()
    #: Ask the main window to show one person.
    open_person = Signal(str)

    def __init__(self, session: Any | None = None) -> None:
        super().__init__()
        self.session: Any | None = session
        #: The app's JobRunner (its serial store lane), for widgets that write; None in tests
        #: that build widgets alone (they then make their own).
        self.runner: Any | None = None

    @property
    def repo(self) -> Any | None:
        # A session locked underneath us (quit, revocation) reads as no session at all.
        if self.session is None or getattr(self.session, "is_locked", False):
            return None
        return self.session.repo

    @property
    def own_partner(self) -> str | None:
        user = getattr(self.session, "user", None)
        return getattr(user, "partner", None)

    def set_session(self, session: Any | None) -> None:
        self.session = session
        self.session_changed.emit()

    def record_saved(self, record_type: str) -> None:
        self.edited.emit(record_type)
        self.data_changed.emit()

    def current_event_id(self) -> str | None:
        repo = self.repo
        return None if repo is None else repo.current_event_id

    def set_current_event(self, event_id: str | None) -> None:
        if self.repo is not None:
            self.repo.set_current_event(event_id)
            self.current_event_changed.emit()
