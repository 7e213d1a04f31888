"""The workspace shell: which workspaces the signed-in role sees (decisions.md #10).

The role comes from the server at sign-in (``session.user.role``, kept in the encrypted store's
``sync_state`` and refreshed at every re-authentication). Each workspace is a ``QWidget`` built
with the app state, like every screen; :data:`WORKSPACES` is the one table of workspace → roles →
factory. To add one (the lead does this at merge for Statistics and Administration), append a
:class:`WorkspaceSpec` to it or call :func:`register`; the shell numbers them Ctrl+1..n in table
order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QWidget

from .events import EventsPage
from .i18n import QT_TRANSLATE_NOOP
from .lead.caseload import CaseloadPage
from .lead.conflicts import ConflictsPage
from .lead.events_review import EventsReviewPage
from .lead.merge_review import DuplicatesPage
from .lead.referrals import ReferralsPage
from .people import PeoplePage
from .registration import RegistrationForm
from .state import AppState

ADVISER, TEAM_LEAD, ADMIN, ANALYST, SYSTEM_ADMIN = (
    "adviser",
    "team_lead",
    "admin",
    "analyst",
    "system_admin",
)
#: Roles that review their partner's casework (team leads and the admins above them).
LEADS = frozenset({TEAM_LEAD, ADMIN, SYSTEM_ADMIN})
#: Roles that see person records at all (analysts never do).
CASEWORKERS = frozenset({ADVISER}) | LEADS


class CaseworkWorkspace(QTabWidget):
    """Today's screens: register, people, events."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_tabs")
        self.registration = RegistrationForm(state)
        self.people = PeoplePage(state)
        self.events = EventsPage(state)
        # The main window's own strings (their translations predate the workspaces).
        self.addTab(self.registration, QCoreApplication.translate("MainWindow", "&1 Register"))
        self.addTab(self.people, QCoreApplication.translate("MainWindow", "&2 People"))
        self.addTab(self.events, QCoreApplication.translate("MainWindow", "&3 Events"))


Factory = Callable[[AppState], QWidget]

#: Roles that see the statistics (decisions.md #10): never advisers.
STATISTICIANS = frozenset({TEAM_LEAD, ADMIN, ANALYST, SYSTEM_ADMIN})
#: Roles that review probable duplicates and merge them (the server's merge API allows these).
MERGERS = frozenset({TEAM_LEAD, ADMIN})
#: Roles that manage users and devices (system admins: every partner, and the partners).
ADMINISTRATORS = frozenset({ADMIN, SYSTEM_ADMIN})


def _statistics(state: AppState) -> QWidget:
    # Imported when first shown: matplotlib loads only for those who see the dashboards.
    from .dashboards import DashboardsWorkspace

    return DashboardsWorkspace(state)


def _administration(state: AppState) -> QWidget:
    from .admin import AdminWorkspace

    return AdminWorkspace(state)


@dataclass(frozen=True, slots=True)
class WorkspaceSpec:
    key: str
    title: str  # marked with QT_TRANSLATE_NOOP("Workspaces", ...), translated when shown
    roles: frozenset[str]
    factory: Factory


#: workspace → roles → factory, in the order the shell shows them (Ctrl+1..n).
WORKSPACES: list[WorkspaceSpec] = [
    WorkspaceSpec(
        "casework", QT_TRANSLATE_NOOP("Workspaces", "Casework"), CASEWORKERS, CaseworkWorkspace
    ),
    WorkspaceSpec("caseload", QT_TRANSLATE_NOOP("Workspaces", "Caseload"), LEADS, CaseloadPage),
    WorkspaceSpec("conflicts", QT_TRANSLATE_NOOP("Workspaces", "Conflicts"), LEADS, ConflictsPage),
    WorkspaceSpec("referrals", QT_TRANSLATE_NOOP("Workspaces", "Referrals"), LEADS, ReferralsPage),
    WorkspaceSpec(
        "events_review", QT_TRANSLATE_NOOP("Workspaces", "Events"), LEADS, EventsReviewPage
    ),
    WorkspaceSpec(
        "duplicates", QT_TRANSLATE_NOOP("Workspaces", "Duplicates"), MERGERS, DuplicatesPage
    ),
    WorkspaceSpec(
        "statistics", QT_TRANSLATE_NOOP("Workspaces", "Statistics"), STATISTICIANS, _statistics
    ),
    WorkspaceSpec(
        "administration",
        QT_TRANSLATE_NOOP("Workspaces", "Administration"),
        ADMINISTRATORS,
        _administration,
    ),
]


def register(spec: WorkspaceSpec) -> None:
    """Add (or replace, by key) a workspace in the table."""
    for i, existing in enumerate(WORKSPACES):
        if existing.key == spec.key:
            WORKSPACES[i] = spec
            return
    WORKSPACES.append(spec)


def allowed(role: str | None) -> list[WorkspaceSpec]:
    """The workspaces ``role`` may use; an unknown role gets none of them."""
    return [spec for spec in WORKSPACES if role in spec.roles]


class WorkspaceShell(QTabWidget):
    """One tab per workspace the role allows; the tab bar hides when there is only one."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("workspaces")
        self.setAccessibleName(self.tr("Workspaces"))
        self.setTabBarAutoHide(True)
        self.setDocumentMode(True)
        self._built: dict[str, QWidget] = {}
        self._actions: list[QAction] = []
        self.role: str | None = None
        state.session_changed.connect(self.apply_role)
        self.apply_role()

    def widget_for(self, key: str, *, build: bool = False) -> QWidget | None:
        if build and key not in self._built:
            spec = next((s for s in WORKSPACES if s.key == key), None)
            if spec is not None:
                self._built[key] = spec.factory(self.state)
        return self._built.get(key)

    def keys(self) -> list[str]:
        """Keys of the workspaces shown, in tab order."""
        shown = [self.widget(i) for i in range(self.count())]
        return [k for w in shown for k, built in self._built.items() if built is w]

    def apply_role(self) -> None:
        """Show exactly the workspaces of the signed-in role (kept built across re-sign-ins)."""
        session = self.state.session
        role = None if session is None else session.user.role
        if session is None and self.count():
            return  # locked: keep the screens as they are until the next unlock
        self.role = role
        specs = allowed(role)
        current = self.currentWidget()
        while self.count():
            self.removeTab(0)
        for number, spec in enumerate(specs, start=1):
            widget = self.widget_for(spec.key, build=True)
            assert widget is not None
            title = QCoreApplication.translate("Workspaces", spec.title)
            index = self.addTab(widget, title)
            self.setTabToolTip(index, self.tr("Ctrl+{n}").format(n=number))
            widget.setAccessibleName(self.tr("{name} workspace").format(name=title))
        if current is not None and self.indexOf(current) >= 0:
            self.setCurrentWidget(current)
        # A hidden tab bar must not be a Tab stop: focus would stick on the widget before it.
        policy = Qt.FocusPolicy.TabFocus if self.count() > 1 else Qt.FocusPolicy.NoFocus
        self.setFocusPolicy(policy)
        self.tabBar().setFocusPolicy(policy)
        self._install_shortcuts()

    def _install_shortcuts(self) -> None:
        for action in self._actions:
            self.removeAction(action)
        self._actions = []
        for i in range(min(self.count(), 9)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, i=i: self.show_index(i))
            self.addAction(action)
            self._actions.append(action)

    def show_index(self, index: int) -> None:
        if 0 <= index < self.count():
            self.setCurrentIndex(index)
            self.currentWidget().setFocus()

    def show_workspace(self, key: str) -> bool:
        widget = self._built.get(key)
        if widget is None or self.indexOf(widget) < 0:
            return False
        self.setCurrentWidget(widget)
        return True
