"""What every admin tab shares: a read-only table model over the server's answers, and a page
that runs admin API calls on the job lane and shows their failures plainly.

Admin calls go to the server (never the local store), but they run on the app's one job lane
like a sync: off the GUI thread, and in order with a sync that might answer ``device_revoked``
and wipe the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import AdminClient, AdminSession

from ..errors import Failure, classify, describe
from ..models.records import column_title
from ..plain import error_label, plain_label, plain_tooltip
from ..state import AppState

Row = TypeVar("Row")
Answer = TypeVar("Answer")
ItemIndex = QModelIndex | QPersistentModelIndex

#: The row's key (a username, device id, partner code or event id) in every admin table.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Column(Generic[Row]):
    #: Marked with QT_TRANSLATE_NOOP("Columns", ...); translated when shown.
    title: str
    text: Callable[[Row], str]


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of ``rows``, one per server item; every cell is plain text."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        key: Callable[[Row], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, key: str) -> Row | None:
        return next((r for r in self._rows if self._key(r) == key), None)

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == KEY_ROLE:
            return self._key(row)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self._columns[index.column()].text(row)
        return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title([c.title for c in self._columns], section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def short_time(iso: str | None) -> str:
    """An ISO 8601 time from the server as local ``YYYY-MM-DD HH:MM`` ("" for none)."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def table_view(
    model: QAbstractTableModel, accessible_name: str, *, sortable: bool = True
) -> QTableView:
    """A single-row-selection, read-only table over ``model``; ``sortable`` ones start sorted
    by their first column, A to Z (the others keep the server's order)."""
    table = QTableView()
    # Owned by the view (the C++ tree): a proxy owned by a Python-owned model crashed Python's
    # garbage collector when both were collected together.
    proxy = QSortFilterProxyModel(table)
    proxy.setSourceModel(model)
    table.setModel(proxy)
    table.setAccessibleName(accessible_name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if sortable:
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def selected_key(table: QTableView) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    key = rows[0].data(KEY_ROLE)
    return str(key) if key is not None else None


class AdminPage(QWidget):
    """One tab: buttons, a message line, a table; calls the admin API through the lane."""

    #: The server said this laptop is revoked (the session has wiped the store).
    device_revoked = Signal(str)
    #: The sign-in expired: the app asks for the password again.
    reauth_needed = Signal()
    #: The page's table (each page sets its own).
    model: RowsModel[Any]

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.error = error_label(self)
        self.error.setAccessibleName(self.tr("Error"))
        self.message = plain_label("", self, name="admin_message")
        self.message.setWordWrap(True)
        self.loaded = False
        self.busy = False

    def lay_out(self, buttons: Sequence[QPushButton], body: QWidget | QLayout) -> None:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        if isinstance(body, QWidget):
            layout.addWidget(body, 1)
        else:
            layout.addLayout(body, 1)

    def button(self, text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- calling the server --------------------------------------------------------------------
    def call(
        self,
        work: Callable[[AdminClient], Answer],
        on_done: Callable[[Answer], None],
        *,
        label: str,
        on_refused: Callable[[str], object] | None = None,
    ) -> bool:
        """Run ``work`` with the admin API on the lane; ``on_done`` gets its answer on the GUI
        thread. Failures show in this page's message line, or go to ``on_refused`` (a dialog
        that shows them beside its fields). False when there is no online session."""
        session = self.state.session
        if not isinstance(session, AdminSession):
            self.show_error(
                self.tr("Administration needs the server: sign in online with an admin account.")
            )
            return False
        self.busy = True

        def succeeded(answer: Any) -> None:
            self.busy = False
            self.error.setVisible(False)
            on_done(answer)

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.on_failure(exc, on_refused)

        self.state.runner.run(
            lambda _progress: session.admin_call(work),
            on_success=succeeded,
            on_failure=failed,
            label=label,
            parent_widget=self,
        )
        return True

    def on_failure(
        self, exc: BaseException, on_refused: Callable[[str], object] | None = None
    ) -> None:
        failure = classify(exc)
        text = describe(exc)
        if failure is Failure.REVOKED:
            self.device_revoked.emit(text)
        elif failure is Failure.UNAUTHENTICATED:
            self.reauth_needed.emit()
        if on_refused is not None and failure is not Failure.REVOKED:
            on_refused(text)
        else:
            self.show_error(text)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def say(self, text: str) -> None:
        self.message.setText(text)

    def reload(self) -> None:
        """Ask the server again; pages override."""

    def clear(self) -> None:
        """Forget what was shown (locked or signed out: nothing stays on screen)."""
        self.model.set_rows([])
        self.loaded = False
        self.say("")
        self.show_error("")


def described(label: QLabel, text: str) -> None:
    """Show ``text`` in a dialog's error line (hidden when empty)."""
    label.setText(text)
    label.setVisible(bool(text))
