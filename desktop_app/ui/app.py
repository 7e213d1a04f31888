"""The application's life cycle: first run, unlock, work, idle lock, revocation, re-login, quit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_app.session import OpenSession, Profile, Session
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from .dialogs.enrol import EnrolDialog
from .dialogs.unlock import PasswordDialog, relogin_dialog, unlock_dialog
from .errors import describe
from .idle import DEFAULT_MINUTES, IdleWatcher
from .jobs import JobRunner, ProgressFn
from .main_window import MainWindow
from .plain import plain_message
from .state import AppState
from .sync_scheduler import SyncScheduler

REVOKED_MESSAGE = QT_TRANSLATE_NOOP(
    "AppController",
    "An administrator has revoked this laptop's access to PACE Casework, so the local data on "
    "it has been wiped. If this is a mistake, ask your team lead or IT team, then set the "
    "laptop up again.",
)
WIPE_INCOMPLETE_MESSAGE = QT_TRANSLATE_NOOP(
    "AppController",
    "An administrator has revoked this laptop's access to PACE Casework. Its local store was "
    "deleted, but not everything could be removed: {problem}",
)


class AppController(QObject):
    """Owns the session and decides which window is on screen."""

    unlocked = Signal()
    locked = Signal()

    def __init__(
        self,
        profile: Profile,
        session_api: type[Session] = Session,
        *,
        server_url: str = "",
        username: str = "",
        lock_minutes: float | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.profile = profile
        self.session_api = session_api
        self.server_url = server_url
        self.username = username
        self.settings = settings or QSettings("PACE", "PACE Casework")
        stored = self.settings.value("lock_minutes", DEFAULT_MINUTES)
        minutes = lock_minutes or (
            float(stored) if isinstance(stored, int | float | str) else DEFAULT_MINUTES
        )
        self.runner = JobRunner(self)
        self.state = AppState(runner=self.runner)
        self.scheduler = SyncScheduler(self.state, self.runner, self)
        self.idle = IdleWatcher(minutes, self)
        self.window: MainWindow | None = None
        self._cli_minutes = lock_minutes
        self._notice_shown = False
        self._notice: QMessageBox | None = None
        self.dialog: QDialog | None = None
        self.idle.idle.connect(self.lock)
        self.scheduler.device_revoked.connect(self.on_device_revoked)
        self.scheduler.reauth_needed.connect(self.ask_relogin)

    # -- entry -------------------------------------------------------------------------------
    def start(self) -> None:
        self.start_dialog()

    def auto_sign_in(self, password: str, *, device_name: str | None = None) -> None:
        """Enrol or unlock without asking (the demo); fall back to the dialogs on failure."""
        api, profile = self.session_api, self.profile

        def unlock(_progress: ProgressFn) -> Session:
            return api.unlock(profile, password)

        def enrol(progress: ProgressFn) -> Session:
            name = device_name or self.tr("PACE demo laptop")
            return api.enrol(profile, self.server_url, self.username, password, name, progress)

        work = unlock if profile.is_enrolled() else enrol
        label = (
            self.tr("Unlocking…")
            if profile.is_enrolled()
            else self.tr("Setting up the demo: downloading…")
        )
        self.runner.run(
            work,
            on_success=self.on_unlocked,
            on_failure=self._auto_failed,
            label=label,
        )

    def _auto_failed(self, exc: BaseException) -> None:
        dialog = self.start_dialog()
        dialog.show_error(describe(exc))

    def start_dialog(self) -> PasswordDialog | EnrolDialog:
        return self.show_unlock() if self.profile.is_enrolled() else self.show_enrol()

    def show_enrol(self, intro: str = "") -> EnrolDialog:
        dialog = EnrolDialog(
            self.profile,
            self.runner,
            self.session_api.enrol,
            server_url=self.server_url,
            username=self.username,
            intro=intro,
        )
        dialog.accepted.connect(lambda: self.on_unlocked(dialog.session))
        dialog.rejected.connect(self._quit_if_nothing_open)
        self.dialog = dialog
        dialog.show()
        return dialog

    def show_unlock(self) -> PasswordDialog:
        api, profile = self.session_api, self.profile
        dialog = unlock_dialog(
            self.runner,
            lambda pw: api.unlock(profile, pw),
            profile.username or self.username,
            rebuild=lambda pw, progress: api.rebuild_from_server(profile, pw, progress=progress)[0],
        )
        dialog.accepted.connect(lambda: self.on_unlocked(dialog.result_value))
        dialog.rejected.connect(self._quit_if_nothing_open)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- unlocked ----------------------------------------------------------------------------
    def on_unlocked(self, session: OpenSession | None) -> None:
        if session is None:
            return
        self.dialog = None
        self.state.set_session(session)
        if self.window is None:
            self.window = MainWindow(self.state, self.scheduler, int(self.idle.minutes))
            self.window.lock_requested.connect(self.lock)
            self.window.quit_requested.connect(self.quit)
            self.window.lock_minutes_changed.connect(self._set_lock_minutes)
        self.window.show()
        self.window.raise_()
        self.window.registration.start_next()
        repo_minutes = session.repo.idle_minutes
        if self._cli_minutes is None and repo_minutes:
            self.idle.set_minutes(repo_minutes)
            self.window.lock_minutes = int(repo_minutes)
        self.idle.start()
        self.scheduler.start()
        notice = session.keyring_notice
        if notice and not self._notice_shown:
            # decisions.md #1: say once, plainly, that the wrapped key lives in a file.
            self._notice_shown = True
            # The notice itself comes from the core (no Qt there): English for now.
            box = plain_message(self.window, self.tr("No secure keyring"), str(notice))
            box.setModal(False)
            box.show()
            self._notice = box
        self.unlocked.emit()

    def _set_lock_minutes(self, minutes: int) -> None:
        self.idle.set_minutes(minutes)
        self.settings.setValue("lock_minutes", minutes)
        self.state.write(lambda repo: repo.set_idle_minutes(minutes))

    def _close_session(self) -> None:
        """Hide every record now; close the store once any running store job has finished."""
        session = self.state.session
        self.scheduler.stop()
        self.idle.stop()
        self.state.set_session(None)
        if self.window is not None:
            self.window.hide()
        if session is not None:
            # Through the serial lane, so a sync in flight finishes before the store closes.
            self.runner.run(lambda _p: session.lock(), show_progress=False)

    def lock(self) -> None:
        if self.state.session is None:
            return
        self._close_session()
        self.locked.emit()
        self.show_unlock()

    # -- server verdicts ---------------------------------------------------------------------
    def on_device_revoked(self, _detail: str) -> None:
        session = self.state.session
        self._close_session()
        if self.window is not None:
            self.window.registration.start_next()
            self.window.deleteLater()
            self.window = None
        if session is not None and self.profile.is_enrolled():
            self.runner.run(lambda _p: session.wipe(), show_progress=False)
        problem = session.wipe_problem if session is not None else None
        revoked = QCoreApplication.translate("AppController", REVOKED_MESSAGE)
        text = (
            QCoreApplication.translate("AppController", WIPE_INCOMPLETE_MESSAGE).format(
                problem=problem
            )
            if problem
            else revoked
        )
        box = plain_message(
            None, self.tr("This laptop was revoked"), text, QMessageBox.Icon.Warning
        )
        box.setObjectName("revoked_message")
        self.dialog = box
        box.finished.connect(lambda _r: self.show_enrol(intro=revoked))
        box.show()

    def ask_relogin(self) -> None:
        session = self.state.session
        if session is None:
            return
        dialog = relogin_dialog(self.runner, session.reauthenticate, self.window)
        dialog.accepted.connect(self.scheduler.start)
        # Sign-in can answer device_revoked too (the session wiped itself): same as a sync.
        dialog.revoked.connect(self.on_device_revoked)
        self.dialog = dialog
        dialog.show()

    # -- exit --------------------------------------------------------------------------------
    def _quit_if_nothing_open(self) -> None:
        if self.window is None or not self.window.isVisible():
            self.quit()

    def quit(self) -> None:
        session = self.state.session
        self.scheduler.stop()
        self.idle.stop()
        self.state.set_session(None)
        if session is not None:
            self.runner.run(lambda _p: session.lock(), show_progress=False)
        self.runner.wait_for_idle(30_000)
        if self.window is not None:
            self.window.quit_now()
        app = QApplication.instance()
        if app is not None:
            app.quit()
