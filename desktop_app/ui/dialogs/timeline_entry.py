"""Add an engagement, a referral or an outcome to a person's timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.storage.referrals import (
    ReferralConsent,
    ask_owner_message,
    partner_label,
    refer,
    referral_consent,
)
from pace_shared import reference
from pace_shared.records import ENGAGEMENT_KINDS, OUTCOME_STATUSES, REFERRAL_STATUSES

from ..errors import describe
from ..jobs import JobRunner
from ..models.records import humanise
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
    """One dialog for the three child record types; ``kind`` picks the fields.

    The save runs on ``runner`` (the app's serial store lane), never on the GUI thread. A
    referral outside the person's consent first asks the adviser whether the person agreed
    (owner partner only; others are told to ask the owner), see desktop_app.storage.referrals.
    """

    def __init__(
        self,
        repo: Any,
        client_id: str,
        kind: str,
        own_partner: str | None,
        parent: QWidget | None,
        *,
        runner: JobRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.client_id = client_id
        self.kind = kind
        self.runner = runner or JobRunner(self)
        self.saved_id: str | None = None
        #: The "has the person agreed?" question while it is open, else None.
        self.consent_question: QMessageBox | None = None
        #: True once the save also recorded the person's consent (the person view reloads).
        self.consent_recorded = False
        self._records_consent = False
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

    def values(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"client_id": self.client_id}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                fields[name] = widget.currentData()
            elif isinstance(widget, QDateEdit):
                fields[name] = widget.date().toPython().isoformat()
            elif isinstance(widget, QSpinBox):
                fields[name] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText().strip()
                if text:
                    fields[name] = text
        return fields

    def save(self) -> None:
        values = self.values()
        if self.kind != "referral":
            self._write(lambda: self.repo.save(self.kind, values))
            return
        to_partner = str(values.get("to_partner") or "")
        try:
            need = referral_consent(self.repo, self.client_id, to_partner)
        except Exception as exc:
            self._show_error(f"Not saved: {describe(exc)}")
            return
        if need is ReferralConsent.ASK_OWNER:
            self._show_error(ask_owner_message(self.repo, self.client_id, to_partner))
        elif need is ReferralConsent.NEEDS_CONSENT:
            self._ask_consent(values, to_partner)
        else:
            self._write(lambda: refer(self.repo, self.client_id, values))

    def _ask_consent(self, values: dict[str, Any], to_partner: str) -> None:
        person = self.repo.get(self.client_id)
        fields = person.fields if person is not None else {}
        name = f"{fields.get('first_name', '')} {fields.get('last_name', '')}".strip()
        box = QMessageBox(QMessageBox.Icon.Question, "Record consent first?", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name is user data: never rendered
        box.setText(
            f"{name or 'This person'} has not agreed to share their record with "
            f"{partner_label(to_partner)}, so the referral cannot be sent yet.\n\n"
            "Has the person agreed to share their record with them? If so, their consent is "
            "recorded now and the referral is saved after it."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("The person agreed: record && refer")
        box.button(QMessageBox.StandardButton.No).setText("Cancel")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._on_consent_answer(box, result, values))
        self.consent_question = box
        box.open()  # window-modal, without a nested event loop

    def _on_consent_answer(self, box: QMessageBox, result: int, values: dict[str, Any]) -> None:
        self.consent_question = None
        box.deleteLater()
        if result != QMessageBox.StandardButton.Yes:
            self._show_error("Not saved: the person's consent was not recorded.")
            return
        self._write(
            lambda: refer(self.repo, self.client_id, values, record_consent=True),
            records_consent=True,
        )

    def _write(self, work: Any, *, records_consent: bool = False) -> None:
        self._records_consent = records_consent
        self.error.setVisible(False)
        self.setEnabled(False)
        self.runner.run(
            lambda _progress: str(work()),
            on_success=self._on_saved,
            on_failure=self._on_failed,
            label="Saving…",
            parent_widget=self,
        )

    def _on_saved(self, record_id: str) -> None:
        self.saved_id = record_id
        self.consent_recorded = self._records_consent
        self.setEnabled(True)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self._show_error(f"Not saved: {describe(exc)}")

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


def today() -> str:
    return dt.date.today().isoformat()
