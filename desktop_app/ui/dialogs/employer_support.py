"""Record support given to an employer (a meeting, a presentation, an information session) at a
redundancy event: public, like the employer and the event, so every partner sees it."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.session import Changes
from pace_shared.records import FIELDS, RecordType

from ..errors import describe
from ..person_statistics import model_text
from ..plain import plain_label
from ..registration import FieldValues
from ..state import AppState
from .form_dialog import lay_out_form_dialog

_SPECS = FIELDS[RecordType.EMPLOYER_SUPPORT]


class EmployerSupportDialog(QDialog):
    """Kind, date, attendees and notes for one event's employer; saved on the write lane."""

    def __init__(
        self, state: AppState, event_id: str, employer_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.event_id, self.employer_id = event_id, employer_id
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Record employer support"))
        self.setMinimumWidth(420)
        repo = state.repo
        self.event_name = plain_label(
            repo.event_label(event_id) if repo is not None else "", self, name="support_event"
        )
        self.event_name.setWordWrap(True)
        self.kind = QComboBox()
        kind_spec = _SPECS["kind"]
        for value in kind_spec.choices:
            self.kind.addItem(model_text(kind_spec.choice_label(value)), value)
        self.occurred_on = QDateEdit(QDate.currentDate())
        self.occurred_on.setCalendarPopup(True)
        self.occurred_on.setDisplayFormat("dd/MM/yyyy")
        self.attendees = QSpinBox()
        self.attendees.setRange(0, 100_000)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(100)
        form = QFormLayout()
        form.addRow(self.tr("Event:"), self.event_name)
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("&Kind of support"), self.kind),
            (self.tr("&Date"), self.occurred_on),
            (self.tr("&Attendees"), self.attendees),
            (self.tr("&Notes"), self.notes),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
        self.error = lay_out_form_dialog(self, form, self.save)

    def values(self) -> FieldValues:
        fields: FieldValues = {
            "employer_id": self.employer_id,
            "event_id": self.event_id,
            "kind": self.kind.currentData(),
            "occurred_on": self.occurred_on.date().toString(Qt.DateFormat.ISODate),
            "attendees": self.attendees.value(),
        }
        notes = self.notes.toPlainText().strip()
        if notes:
            fields["notes"] = notes
        return fields

    def save(self) -> None:
        fields = self.values()
        self.error.setVisible(False)
        self.setEnabled(False)
        job = self.state.write(
            lambda repo: repo.save_record(RecordType.EMPLOYER_SUPPORT, fields),
            on_done=self._saved,
            on_failure=self._failed,
        )
        if job is None:
            self._fail(self.tr("The store is locked; unlock it and try again."))

    def _saved(self, changes: Changes) -> None:
        ids = changes.ids_of(RecordType.EMPLOYER_SUPPORT)
        self.saved_id = ids[0] if ids else None
        self.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._fail(self.tr("Not saved: {reason}").format(reason=describe(exc)))

    def _fail(self, text: str) -> None:
        self.setEnabled(True)
        self.error.setText(text)
        self.error.setVisible(True)
