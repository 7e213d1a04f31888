"""The main window: the workspaces the role allows (casework: register, people, events), with
the sync status always in view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import sees_statistics, syncs_records

from .dialogs.about import AboutDialog
from .dialogs.import_dialog import ImportDialog
from .dialogs.rejected import RejectedDialog
from .events import EventsPage
from .people import PeoplePage
from .registration import RegistrationForm
from .state import AppState
from .status import SyncStatusBar
from .sync_scheduler import SyncScheduler
from .workspaces import CaseworkWorkspace, WorkspaceShell

#: Roles that may import people from a partner's existing files.
IMPORT_ROLES = frozenset({"team_lead", "admin", "system_admin"})

if TYPE_CHECKING:
    from .dashboards import DashboardsWorkspace


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
        self.workspaces = WorkspaceShell(state, self)
        # Casework is always built (its attributes are the window's API), shown only to the
        # roles that may use it.
        casework = self.workspaces.widget_for("casework", build=True)
        assert isinstance(casework, CaseworkWorkspace)
        self.tabs = casework
        self.registration: RegistrationForm = casework.registration
        self.people: PeoplePage = casework.people
        self.events: EventsPage = casework.events
        self.setCentralWidget(self.workspaces)
        self.status_area = SyncStatusBar(state, scheduler, self)
        self.statusBar().addPermanentWidget(self.status_area, 1)
        self.statusBar().setSizeGripEnabled(False)
        #: The Statistics workspace once the shell has built it for a role that sees it.
        self.statistics: DashboardsWorkspace | None = None
        self._wired: list[QWidget] = []
        self._build_menu()
        state.open_person.connect(self.open_person)
        state.session_changed.connect(self._update_title)
        state.session_changed.connect(self._apply_role)
        self.status_area.sync_clicked.connect(lambda: scheduler.sync_now(manual=True))
        self.status_area.rejected_clicked.connect(self.show_rejected)
        self._update_title()
        self._apply_role()

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
        statistics = QAction(self.tr("&Statistics"), self)
        statistics.setShortcut(QKeySequence("Ctrl+Shift+D"))
        statistics.triggered.connect(self.show_statistics)
        import_people = QAction(self.tr("&Import people…"), self)
        import_people.triggered.connect(self.show_import)
        prefs = QAction(self.tr("&Preferences…"), self)
        prefs.triggered.connect(self.show_preferences)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (sync, rejected, statistics, import_people, lock, prefs):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.sync_action = sync
        self.rejected_action = rejected
        self.lock_action = lock
        self.import_action = import_people
        self.statistics_action = statistics
        self._build_help_menu()

    def show_statistics(self) -> DashboardsWorkspace | None:
        """The Statistics workspace, for the roles that see it (None for others)."""
        if not self.workspaces.show_workspace("statistics"):
            return None
        self._wire_statistics()
        return self.statistics

    def _wire_statistics(self) -> None:
        """Revocation and expired sign-ins met by a workspace that talks to the server
        (statistics, administration, duplicates) are handled where a sync's are. The shell
        builds each workspace the first time a role shows it; each is wired once."""
        from .dashboards import DashboardsWorkspace

        for key in ("statistics", "administration", "duplicates"):
            widget = self.workspaces.widget_for(key)
            if widget is None or widget in self._wired:
                continue
            widget.device_revoked.connect(self.scheduler.device_revoked)  # type: ignore[attr-defined]
            widget.reauth_needed.connect(self.scheduler.reauth_needed)  # type: ignore[attr-defined]
            self._wired.append(widget)
            if isinstance(widget, DashboardsWorkspace):
                self.statistics = widget

    def _apply_role(self) -> None:
        """Analysts see statistics only (decisions.md #10): the shell shows them no record
        workspace, and here they get no sync, no rejected changes and no sync status."""
        session = self.state.session
        if session is None:
            return
        role = session.user.role
        self.statistics_action.setVisible(sees_statistics(role))
        records = syncs_records(role)
        for action in (self.sync_action, self.rejected_action):
            action.setVisible(records)
        self.status_area.setVisible(records)
        self._wire_statistics()
        if not records:
            self.show_statistics()

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About PACE Casework…"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.about_action = about

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.open()
        return dialog

    def _update_title(self) -> None:
        session = self.state.session
        # Bringing in a partner's existing caseload is a lead's or an administrator's job.
        self.import_action.setVisible(session is not None and session.user.role in IMPORT_ROLES)
        if session is None:
            self.setWindowTitle(QCoreApplication.translate("MainWindow", "PACE Casework"))
            return
        user = session.user
        name = user.display_name or user.username
        self.setWindowTitle(
            self.tr("PACE Casework — {name} ({partner})").format(name=name, partner=user.partner)
        )

    def open_person(self, person_id: str) -> None:
        self.workspaces.show_workspace("casework")
        self.tabs.setCurrentWidget(self.people)
        self.people.open_person(person_id)

    def show_rejected(self) -> RejectedDialog | None:
        if self.state.repo is None:
            return None
        dialog = RejectedDialog(self.state, self)
        dialog.open()  # fixes and discards go through the write lane
        return dialog

    def show_import(self) -> ImportDialog | None:
        if self.state.repo is None:
            return None
        dialog = ImportDialog(self.state, self)
        dialog.open()
        return dialog

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.lock_minutes, self)
        if dialog.exec():
            self.lock_minutes = dialog.minutes.value()
            self.lock_minutes_changed.emit(self.lock_minutes)

    def quit_now(self) -> None:
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        event.accept()
        if not self._quitting:
            self._quitting = True
            self.quit_requested.emit()
