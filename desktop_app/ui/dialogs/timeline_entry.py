"""Add an engagement, a referral or an outcome to a person's timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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

from desktop_app.session import Changes, Repository
from desktop_app.storage.referrals import (
    ReferralConsent,
    ask_owner_message,
    partner_label,
    refer,
    referral_consent,
)
from pace_shared import reference
from pace_shared.records import (
    ENGAGEMENT_KINDS,
    FIELDS,
    OUTCOME_STATUSES,
    REFERRAL_STATUSES,
    referral_status_change,
)

from ..errors import describe
from ..fields import FieldRow
from ..i18n import choice_label
from ..registration import FieldValues
from ..state import AppState
from .consent_question import ConsentQuestion
from .form_dialog import lay_out_form_dialog


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _combo(values: tuple[tuple[str, str], ...], accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    # Long partner names must not squeeze the labels beside the box; the list shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(28)
    for code, text in values:
        combo.addItem(text, code)
    return combo


class TimelineEntryDialog(QDialog):
    """One dialog for the three child record types; ``kind`` picks the fields.

    A referral outside the person's consent first asks the adviser whether the person agreed
    (owner partner only; others are told to ask the owner), see desktop_app.storage.referrals.
    """

    def __init__(
        self, state: AppState, client_id: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        own_partner = state.own_partner
        self.client_id = client_id
        self.kind = kind
        self.saved_id: str | None = None
        #: The "has the person agreed, and how?" question while it is open, else None.
        self.consent_question: ConsentQuestion | None = None
        titles = {
            "engagement": self.tr("Add engagement"),
            "referral": self.tr("Add referral"),
            "outcome": self.tr("Add outcome"),
        }
        self.setWindowTitle(titles[kind])
        self.setMinimumWidth(420)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        if kind == "engagement":
            self.inputs["kind"] = _combo(
                tuple((k, choice_label(FIELDS["engagement"]["kind"], k)) for k in ENGAGEMENT_KINDS),
                self.tr("Kind"),
            )
            self.inputs["occurred_on"] = _date_edit()
            notes = QPlainTextEdit()
            notes.setTabChangesFocus(True)
            notes.setMaximumHeight(120)
            self.inputs["notes"] = notes
            labels = {
                "kind": self.tr("&Kind"),
                "occurred_on": self.tr("&Date"),
                "notes": self.tr("&Notes"),
            }
        elif kind == "referral":
            partners = tuple(
                (p["code"], p["name"]) for p in reference.partners() if p["code"] != own_partner
            )
            self.inputs["to_partner"] = _combo(partners, self.tr("Referred to"))
            reason = QPlainTextEdit()
            reason.setTabChangesFocus(True)
            reason.setMaximumHeight(120)
            self.inputs["reason"] = reason
            self.inputs["status"] = _combo(
                tuple(
                    (s, choice_label(FIELDS["referral"]["status"], s)) for s in REFERRAL_STATUSES
                ),
                self.tr("Status"),
            )
            labels = {
                "to_partner": self.tr("&To partner"),
                "reason": self.tr("&Reason"),
                "status": self.tr("St&atus"),
            }
        else:
            self.inputs["status"] = _combo(
                tuple((s, choice_label(FIELDS["outcome"]["status"], s)) for s in OUTCOME_STATUSES),
                self.tr("Outcome"),
            )
            self.inputs["recorded_on"] = _date_edit()
            months = QSpinBox()
            months.setRange(0, 120)
            self.inputs["months_after"] = months
            labels = {
                "status": self.tr("&Outcome"),
                "recorded_on": self.tr("&Date"),
                "months_after": self.tr("&Months after"),
                "started_on": self.tr("Started o&n (job, training or course)"),
            }
            # Optional, so a line edit that may stay blank (a date edit always has a date).
            self.started_on = FieldRow(
                "outcome", "started_on", labels["started_on"], placeholder=self.tr("DD/MM/YYYY")
            )
            self.inputs["started_on"] = self.started_on
        for name, widget in self.inputs.items():
            if isinstance(widget, FieldRow):
                form.addRow(widget.label, widget)
                continue
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
            elif isinstance(widget, FieldRow) and widget.value() is not None:
                fields[name] = widget.normalised()
        if self.kind == "referral":
            today = dt.date.today()
            fields["referred_on"] = today.isoformat()
            fields.update(referral_status_change(str(fields.get("status") or "open"), today))
        return fields

    def save(self) -> None:
        """Queue the entry on the write lane; the dialog closes once it is saved."""
        kind, fields = self.kind, self.values()
        if kind == "outcome" and not self.started_on.validate():
            self.started_on.edit.setFocus()
            return
        if kind != "referral":
            self._write(lambda repo: repo.save_record(kind, fields))
            return
        repo = self.state.repo
        if repo is None:
            self._failed_text(self.tr("The store is locked; unlock it and try again."))
            return
        to_partner = str(fields.get("to_partner") or "")
        need = referral_consent(repo, self.client_id, to_partner)
        if need is ReferralConsent.ASK_OWNER:
            self._failed_text(ask_owner_message(repo, self.client_id, to_partner))
        elif need is ReferralConsent.NEEDS_CONSENT:
            self._ask_consent(repo, fields, to_partner)
        else:
            self._write(lambda repo: self._refer(repo, fields, record_consent=False))

    def _refer(
        self,
        repo: Repository,
        fields: FieldValues,
        *,
        record_consent: bool,
        consent_method: str | None = None,
    ) -> Changes:
        referral = Changes.record(
            refer(
                repo,
                self.client_id,
                fields,
                record_consent=record_consent,
                consent_method=consent_method,
            ),
            "referral",
        )
        # A change of the person refreshes the person view, consent history included.
        return Changes.record(self.client_id, "client") | referral if record_consent else referral

    def _ask_consent(self, repo: Repository, fields: FieldValues, to_partner: str) -> None:
        person = repo.get(self.client_id)
        shown = person.fields if person is not None else {}
        name = f"{shown.get('first_name', '')} {shown.get('last_name', '')}".strip()
        question = ConsentQuestion(
            name or self.tr("This person"), partner_label(to_partner), parent=self
        )
        question.finished.connect(lambda result: self._on_consent_answer(question, result, fields))
        self.consent_question = question
        question.open()  # window-modal, without a nested event loop

    def _on_consent_answer(
        self, question: ConsentQuestion, result: int, fields: FieldValues
    ) -> None:
        self.consent_question = None
        question.deleteLater()
        method = question.consent_method()
        if result != QDialog.DialogCode.Accepted or method is None:
            self._failed_text(self.tr("Not saved: the person's consent was not recorded."))
            return
        self._write(
            lambda repo: self._refer(repo, fields, record_consent=True, consent_method=method)
        )

    def _write(self, op: Callable[[Repository], Changes]) -> None:
        self.error.setVisible(False)
        self.setEnabled(False)
        if self.state.write(op, on_done=self._saved, on_failure=self._failed) is None:
            self._failed_text(self.tr("The store is locked; unlock it and try again."))

    def _saved(self, changes: Changes) -> None:
        ids = changes.ids_of(self.kind)
        self.saved_id = ids[0] if ids else None
        self.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._failed_text(self.tr("Not saved: {reason}").format(reason=describe(exc)))

    def _failed_text(self, text: str) -> None:
        self.setEnabled(True)
        self.error.setText(text)
        self.error.setVisible(True)


def today() -> str:
    return dt.date.today().isoformat()
