"""Add an engagement, a referral or an outcome to a person's timeline."""

from __future__ import annotations

import datetime as dt

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
from pace_shared import reference
from pace_shared.records import ENGAGEMENT_KINDS, OUTCOME_STATUSES, REFERRAL_STATUSES

from ..errors import describe
from ..models.records import humanise
from ..registration import FieldValues
from ..state import AppState
from .form_dialog import lay_out_form_dialog


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _combo(values: tuple[tuple[str, str], ...], accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    for code, text in values:
        combo.addItem(text, code)
    return combo


class TimelineEntryDialog(QDialog):
    """One dialog for the three child record types; ``kind`` picks the fields."""

    def __init__(
        self, state: AppState, client_id: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        own_partner = state.own_partner
        self.client_id = client_id
        self.kind = kind
        self.saved_id: str | None = None
        self.setWindowTitle(
            {"engagement": "Add engagement", "referral": "Add referral", "outcome": "Add outcome"}[
                kind
            ]
        )
        self.setMinimumWidth(420)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        if kind == "engagement":
            self.inputs["kind"] = _combo(tuple((k, humanise(k)) for k in ENGAGEMENT_KINDS), "Kind")
            self.inputs["occurred_on"] = _date_edit()
            notes = QPlainTextEdit()
            notes.setTabChangesFocus(True)
            notes.setMaximumHeight(120)
            self.inputs["notes"] = notes
            labels = {"kind": "&Kind", "occurred_on": "&Date", "notes": "&Notes"}
        elif kind == "referral":
            partners = tuple(
                (p["code"], p["name"]) for p in reference.partners() if p["code"] != own_partner
            )
            self.inputs["to_partner"] = _combo(partners, "Referred to")
            reason = QPlainTextEdit()
            reason.setTabChangesFocus(True)
            reason.setMaximumHeight(120)
            self.inputs["reason"] = reason
            self.inputs["status"] = _combo(
                tuple((s, humanise(s)) for s in REFERRAL_STATUSES), "Status"
            )
            labels = {"to_partner": "&To partner", "reason": "&Reason", "status": "&Status"}
        else:
            self.inputs["status"] = _combo(
                tuple((s, humanise(s)) for s in OUTCOME_STATUSES), "Outcome"
            )
            self.inputs["recorded_on"] = _date_edit()
            months = QSpinBox()
            months.setRange(0, 120)
            self.inputs["months_after"] = months
            labels = {"status": "&Outcome", "recorded_on": "&Date", "months_after": "&Months after"}
        for name, widget in self.inputs.items():
            label = QLabel(labels[name])
            label.setBuddy(widget)
            widget.setAccessibleName(labels[name].replace("&", ""))
            form.addRow(label, widget)
        self.error = lay_out_form_dialog(self, form, self.save)

    def values(self) -> FieldValues:
        fields: FieldValues = {"client_id": self.client_id}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                fields[name] = widget.currentData()
            elif isinstance(widget, QDateEdit):
                fields[name] = widget.date().toString(Qt.DateFormat.ISODate)
            elif isinstance(widget, QSpinBox):
                fields[name] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText().strip()
                if text:
                    fields[name] = text
        return fields

    def save(self) -> None:
        """Queue the entry on the write lane; the dialog closes once it is saved."""
        kind, fields = self.kind, self.values()
        self.error.setVisible(False)
        self.setEnabled(False)
        job = self.state.write(
            lambda repo: repo.save_record(kind, fields),
            on_done=self._saved,
            on_failure=self._failed,
        )
        if job is None:
            self._failed_text("The store is locked; unlock it and try again.")

    def _saved(self, changes: Changes) -> None:
        ids = changes.ids_of(self.kind)
        self.saved_id = ids[0] if ids else None
        self.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._failed_text(f"Not saved: {describe(exc)}")

    def _failed_text(self, text: str) -> None:
        self.setEnabled(True)
        self.error.setText(text)
        self.error.setVisible(True)


def today() -> str:
    return dt.date.today().isoformat()
