"""The admin workspace: users, devices, partners (system admins), the audit log, the
data-sharing agreement, retention (system admins) and the server's health, each a tab that
talks to the server's admin API (online only)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..plain import plain_label
from ..state import AppState
from .audit import AuditPage
from .common import AdminPage
from .devices import DevicesPage
from .health import HealthPage
from .partners import PartnersPage
from .retention import RetentionPage
from .sharing import SharingPage
from .users import UsersPage

#: Which tabs each role sees; the server enforces the same on every call.
ADMIN_ROLES = ("admin", "system_admin")


class AdminWorkspace(QWidget):
    """Constructed like the other screens (``AdminWorkspace(state)``). Each tab loads when it
    is first shown; Refresh loads it again."""

    #: The server said this laptop is revoked (its store is wiped): the app shows why.
    device_revoked = Signal(str)
    #: The sign-in expired: the app asks for the password again.
    reauth_needed = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_workspace")
        self.setAccessibleName(self.tr("Administration"))
        self.state = state
        self.users = UsersPage(state, self)
        self.devices = DevicesPage(state, self)
        self.partners = PartnersPage(state, self)
        self.audit = AuditPage(state, self)
        self.sharing = SharingPage(state, self)
        self.retention = RetentionPage(state, self)
        self.health = HealthPage(state, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("admin_tabs")
        self.not_admin = plain_label(
            self.tr("Administration is for administrators. Your role does not include it."),
            self,
            name="not_admin",
        )
        for page in self.pages:
            page.device_revoked.connect(self.device_revoked)
            page.reauth_needed.connect(self.reauth_needed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.not_admin)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.load_current())
        state.session_changed.connect(self.arrange)
        self.arrange()

    @property
    def pages(self) -> tuple[AdminPage, ...]:
        return (
            self.users,
            self.devices,
            self.partners,
            self.audit,
            self.sharing,
            self.retention,
            self.health,
        )

    @property
    def role(self) -> str:
        session = self.state.session
        return "" if session is None else session.user.role

    def arrange(self) -> None:
        """The tabs the signed-in role may use (decisions.md #10)."""
        role = self.role
        self.tabs.blockSignals(True)
        self.tabs.clear()
        for page in self.pages:
            page.clear()
        if role in ADMIN_ROLES:
            self.tabs.addTab(self.users, self.tr("&Users"))
            self.tabs.addTab(self.devices, self.tr("De&vices"))
            if role == "system_admin":
                self.tabs.addTab(self.partners, self.tr("Pa&rtners"))
            else:  # the audit log is a partner's: its admins read it
                self.tabs.addTab(self.audit, self.tr("Audi&t log"))
            self.tabs.addTab(self.sharing, self.tr("&Data sharing"))
            if role == "system_admin":  # the rule runs across every partner
                self.tabs.addTab(self.retention, self.tr("Re&tention"))
            self.tabs.addTab(self.health, self.tr("Server &health"))
        self.tabs.blockSignals(False)
        for page in self.pages:
            if self.tabs.indexOf(page) < 0:
                page.hide()  # a child never added as a tab would float over the workspace
        self.tabs.setVisible(role in ADMIN_ROLES)
        self.not_admin.setVisible(role not in ADMIN_ROLES)
        if self.isVisible():
            self.load_current()

    def show_page(self, page: AdminPage) -> None:
        self.tabs.setCurrentWidget(page)
        self.load_current()

    def load_current(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, AdminPage) and not page.loaded and not page.busy:
            page.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.load_current()
