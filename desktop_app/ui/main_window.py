"""The main window: register, people and events tabs, with the sync status always in view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMainWindow,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .admin import AdminWorkspace
from .dialogs.about import AboutDialog
from .dialogs.rejected import RejectedDialog
from .events import EventsPage
from .people import PeoplePage
from .registration import RegistrationForm
from .state import AppState
from .status import SyncStatusBar
from .sync_scheduler import SyncScheduler


class PreferencesDialog(QDialog):
    def __init__(self, lock_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 240)
        self.minutes.setValue(lock_minutes)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.setAccessibleName(self.tr("Lock after this many idle minutes"))
        form = QFormLayout()
        form.addRow(self.tr("&Lock when idle for"), self.minutes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    lock_minutes_changed = Signal(int)

    def __init__(self, state: AppState, scheduler: SyncScheduler, lock_minutes: int = 10) -> None:
        super().__init__()
        self.state = state
        self.scheduler = scheduler
        self.lock_minutes = lock_minutes
        self._quitting = False
        self.setObjectName("main_window")
        self.resize(1200, 760)
        self.registration = RegistrationForm(state)
        self.people = PeoplePage(state)
        self.events = EventsPage(state)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.tabs.addTab(self.registration, self.tr("&1 Register"))
        self.tabs.addTab(self.people, self.tr("&2 People"))
        self.tabs.addTab(self.events, self.tr("&3 Events"))
        self.setCentralWidget(self.tabs)
        self.status_area = SyncStatusBar(state, scheduler, self)
        self.statusBar().addPermanentWidget(self.status_area, 1)
        self.statusBar().setSizeGripEnabled(False)
        self._build_menu()
        state.open_person.connect(self.open_person)
        state.session_changed.connect(self._update_title)
        state.session_changed.connect(self._close_admin_if_locked)
        self.status_area.sync_clicked.connect(lambda: scheduler.sync_now(manual=True))
        self.status_area.rejected_clicked.connect(self.show_rejected)
        self._update_title()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Tools"))
        sync = QAction(self.tr("Sync &now"), self)
        sync.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Shift+S")])
        sync.triggered.connect(lambda: self.scheduler.sync_now(manual=True))
        rejected = QAction(self.tr("&Rejected changes…"), self)
        rejected.triggered.connect(self.show_rejected)
        lock = QAction(self.tr("&Lock"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_requested)
        prefs = QAction(self.tr("&Preferences…"), self)
        prefs.triggered.connect(self.show_preferences)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        # Temporary way in until the role-based workspace shell (leadui) takes the workspace.
        admin = QAction(self.tr("A&dministration…"), self)
        admin.triggered.connect(self.show_admin)
        for action in (sync, rejected, lock, prefs, admin):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.sync_action = sync
        self.lock_action = lock
        self.admin_action = admin
        self.admin_window: AdminWorkspace | None = None
        self._build_help_menu()

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About PACE Casework…"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.about_action = about

    def show_admin(self) -> AdminWorkspace:
        """The admin workspace in its own window (temporary: the shell will host it)."""
        if self.admin_window is None:
            workspace = AdminWorkspace(self.state)
            workspace.setWindowTitle(self.tr("PACE Casework — Administration"))
            workspace.resize(1100, 640)
            # The app's own handling: a revoked laptop wipes and says so; 401 asks to sign in.
            workspace.device_revoked.connect(self.scheduler.device_revoked)
            workspace.device_revoked.connect(lambda _t: workspace.close())
            workspace.reauth_needed.connect(self.scheduler.reauth_needed)
            self.admin_window = workspace
        self.admin_window.show()
        self.admin_window.raise_()
        return self.admin_window

    def _close_admin_if_locked(self) -> None:
        if self.state.session is None and self.admin_window is not None:
            self.admin_window.close()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.open()
        return dialog

    def _update_title(self) -> None:
        session = self.state.session
        if session is None:
            self.setWindowTitle(QCoreApplication.translate("MainWindow", "PACE Casework"))
            return
        user = session.user
        name = user.display_name or user.username
        self.setWindowTitle(
            self.tr("PACE Casework — {name} ({partner})").format(name=name, partner=user.partner)
        )

    def open_person(self, person_id: str) -> None:
        self.tabs.setCurrentWidget(self.people)
        self.people.open_person(person_id)

    def show_rejected(self) -> RejectedDialog | None:
        if self.state.repo is None:
            return None
        dialog = RejectedDialog(self.state, self)
        dialog.open()  # fixes and discards go through the write lane
        return dialog

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.lock_minutes, self)
        if dialog.exec():
            self.lock_minutes = dialog.minutes.value()
            self.lock_minutes_changed.emit(self.lock_minutes)

    def quit_now(self) -> None:
        self._quitting = True
        if self.admin_window is not None:
            self.admin_window.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        event.accept()
        if not self._quitting:
            self._quitting = True
            self.quit_requested.emit()
