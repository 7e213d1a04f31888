"""Events review: each redundancy event with its figures so far; close an event."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import Changes, EventSummary, close_event, event_summaries
from desktop_app.ui.errors import describe
from desktop_app.ui.lead.models import EventSummaryModel
from desktop_app.ui.plain import plain_label
from desktop_app.ui.state import AppState

SUMMARY_TYPES = (
    "redundancy_event",
    "employer",
    "client",
    "engagement",
    "referral",
    "outcome",
)


class EventsReviewPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = EventSummaryModel()
        self.table = QTableView(self)
        self.table.setObjectName("event_summaries")
        self.table.setAccessibleName(self.tr("Redundancy events and their figures"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.close_button = QPushButton(self.tr("C&lose event…"), self)
        self.close_button.setAccessibleName(self.tr("Close the selected event"))
        self.message = plain_label("", self, name="events_review_message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.close_button.clicked.connect(self.close_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        state.changed.connect(self._on_changed)
        state.session_changed.connect(self.reload)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*SUMMARY_TYPES):
            self.reload()

    def reload(self) -> None:
        repo = self.state.repo
        selected = self.selected()
        self.model.set_rows([] if repo is None else event_summaries(repo))
        if selected is not None:
            for row in range(self.model.rowCount()):
                found = self.model.row_at(row)
                if found is not None and found.id == selected.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> EventSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.close_button.setEnabled(row is not None and row.status != "closed")

    def close_selected(self, *, confirm: bool = True) -> None:
        row = self.selected()
        if row is None or row.status == "closed":
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Close event"),
                self.tr(
                    "Close this event? Advisers can still record engagements and outcomes for "
                    "people already registered."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        event_id = row.id
        self.state.write(
            lambda repo: close_event(repo, event_id),
            on_done=lambda _c: self.message.setText(self.tr("Event closed.")),
            on_failure=lambda exc: self.message.setText(describe(exc)),
        )
