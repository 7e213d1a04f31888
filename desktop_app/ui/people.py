"""People page: search as you type over the whole store, with the person view beside the list."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Changes

from .models.people import PeopleModel
from .person_view import PersonView
from .plain import plain_label
from .registration import EVENT_TYPES
from .state import AppState

SEARCH_DEBOUNCE_MS = 150


class PeoplePage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.search = QLineEdit(self)
        self.search.setObjectName("people_search")
        self.search.setAccessibleName(self.tr("Search people"))
        self.search.setPlaceholderText(self.tr("Name, NI number, postcode or event"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        self.count_label = plain_label("", self, name="people_count")
        self.model = PeopleModel(lambda: self.state.repo)
        self.table = self._build_table()
        self.person_view = PersonView(state, self)
        self._lay_out(search_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._focus_first_row)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        state.session_changed.connect(self._on_session_changed)
        state.changed.connect(self._on_changed)
        self._on_session_changed()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("people_table")
        table.setAccessibleName(self.tr("People"))
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fits the list's half of the window; the last column (event) takes what is left.
        for column, width in enumerate((110, 100, 90, 90, 70)):
            header.resizeSection(column, width)
        return table

    def _lay_out(self, search_label: QLabel) -> None:
        left = QWidget(self)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.person_view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _on_session_changed(self) -> None:
        if self.state.session is None:
            self.model.clear()
            self.count_label.setText("")
        else:
            self.reload()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.search.text())
        self._update_count()

    def _on_changed(self, changes: Changes) -> None:
        # The list shows people with their event's label (event names come from employers).
        if changes.touches("client", *EVENT_TYPES):
            self.reload()

    def reload(self) -> None:
        """Re-read the list, keeping the selected person selected (the person view refreshes
        itself from the same Changes)."""
        if self.state.repo is None:
            return
        selected = self.person_view.person_id
        self.model.refresh()
        self._update_count()
        if selected:
            row = self.model.row_of(selected)
            if row >= 0:
                self.table.selectRow(row)

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(
            self.tr("1 person")
            if total == 1
            else self.tr("{count} people").format(count=f"{total:,}")
        )

    def _focus_first_row(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.open_row(indexes[0].row())

    def open_row(self, row: int) -> None:
        person_id = self.model.person_id(row)
        if person_id and person_id != self.person_view.person_id:
            self.person_view.show_person(person_id)

    def open_person(self, person_id: str) -> None:
        row = self.model.row_of(person_id)
        if row >= 0:
            self.table.selectRow(row)
        self.person_view.show_person(person_id)
        self.person_view.details.rows["first_name"].edit.setFocus()
