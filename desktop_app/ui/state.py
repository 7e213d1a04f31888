"""The unlocked session the widgets work on, the write lane, and the signals that keep them in
step. Views listen to :attr:`AppState.changed` and refresh only what a write changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.session import CURRENT_EVENT, Changes, OpenSession, Repository

from .jobs import Job, JobRunner


class AppState(QObject):
    #: The session was unlocked, locked or replaced.
    session_changed = Signal()
    #: A local write was saved (argument: its Changes); the sync scheduler listens for it.
    edited = Signal(object)
    #: Records or settings changed under the views (a local write or a sync pull).
    changed = Signal(object)
    #: Ask the main window to show one person.
    open_person = Signal(str)

    def __init__(self, session: OpenSession | None = None, runner: JobRunner | None = None) -> None:
        super().__init__()
        self.session: OpenSession | None = session
        #: The serial lane every store write goes through.
        self.runner = runner or JobRunner(self)

    @property
    def repo(self) -> Repository | None:
        # A session locked underneath us (quit, revocation) reads as no session at all.
        if self.session is None or self.session.is_locked:
            return None
        return self.session.repo

    @property
    def own_partner(self) -> str | None:
        return None if self.session is None else self.session.user.partner

    def set_session(self, session: OpenSession | None) -> None:
        self.session = session
        self.session_changed.emit()

    def write(
        self,
        op: Callable[[Repository], Changes],
        *,
        on_done: Callable[[Changes], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Job | None:
        """Run ``op(repo)`` on the write lane; on success announce its Changes, then call
        ``on_done`` (on the GUI thread). None when no store is open."""
        repo = self.repo
        if repo is None:
            return None

        def succeeded(changes: Changes) -> None:
            self.announce(changes, local=True)
            if on_done is not None:
                on_done(changes)

        return self.runner.write(lambda: op(repo), on_success=succeeded, on_failure=on_failure)

    def announce(self, changes: Changes, *, local: bool) -> None:
        """Tell the views what changed; ``local`` edits also wake the sync scheduler."""
        if local and changes.records:
            self.edited.emit(changes)
        self.changed.emit(changes)

    def current_event_id(self) -> str | None:
        repo = self.repo
        return None if repo is None else repo.current_event_id

    def set_current_event(self, event_id: str | None) -> Job | None:
        return self.write(lambda repo: repo.set_current_event(event_id))


__all__ = ["CURRENT_EVENT", "AppState"]
