"""Events page: redundancy events, creating one offline, and choosing the current event."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import CURRENT_EVENT, Changes

from .dialogs.employer_support import EmployerSupportDialog
from .dialogs.event_dialog import EventDialog
from .models.records import EventsModel
from .plain import plain_label
from .registration import EVENT_TYPES
from .state import AppState


class EventsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = EventsModel()
        self.table = QTableView(self)
        self.table.setObjectName("events_table")
        self.table.setAccessibleName(self.tr("Redundancy events"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.new_button = QPushButton(self.tr("&New event…"))
        self.new_button.setAccessibleName(self.tr("Create a new redundancy event"))
        self.current_button = QPushButton(self.tr("Make c&urrent"))
        self.current_button.setAccessibleName(self.tr("Make the selected event the current event"))
        self.support_button = QPushButton(self.tr("Employer &support…"))
        self.support_button.setAccessibleName(
            self.tr("Record support given to the selected event's employer")
        )
        self.hint = plain_label(
            self.tr("The current event is where new registrations are recorded."),
            self,
            name="events_hint",
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.current_button)
        buttons.addWidget(self.support_button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.create_event)
        self.current_button.clicked.connect(self.make_selected_current)
        self.support_button.clicked.connect(self.record_support)
        self.table.activated.connect(lambda _i: self.make_selected_current())
        state.session_changed.connect(self.reload)
        state.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*EVENT_TYPES) or changes.touches_setting(CURRENT_EVENT):
            self.reload()

    def reload(self) -> None:
        repo = self.state.repo
        if repo is None:
            self.model.set_records([])
            return
        self.model.set_data(repo.events(), repo.employers(), repo.current_event_id)

    def selected_event_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return None if record is None else str(record.id)

    def make_selected_current(self) -> None:
        event_id = self.selected_event_id()
        if event_id:
            self.state.set_current_event(event_id)

    def create_event(self) -> EventDialog | None:
        if self.state.repo is None:
            return None
        dialog = EventDialog(self.state, self)
        dialog.open()  # it writes through the lane; the Changes refresh this page
        return dialog

    def record_support(self) -> EmployerSupportDialog | None:
        """Support for the selected event's employer (the current event if none is selected)."""
        repo = self.state.repo
        if repo is None:
            return None
        event_id = self.selected_event_id() or self.state.current_event_id()
        event = repo.get(event_id) if event_id else None
        if event is None or not event.fields.get("employer_id"):
            self.hint.setText(self.tr("Select an event first, then record the support given."))
            return None
        dialog = EmployerSupportDialog(self.state, event.id, str(event.fields["employer_id"]), self)
        dialog.open()
        return dialog
