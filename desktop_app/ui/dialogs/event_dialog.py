"""Create a redundancy event offline, picking an existing employer or creating one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.session import Changes, Repository
from pace_shared import reference

from ..errors import describe
from ..registration import FieldValues
from ..state import AppState
from .form_dialog import lay_out_form_dialog


class EventDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        repo = state.repo
        self.event_id: str | None = None
        self.setWindowTitle(self.tr("New redundancy event"))
        self.setMinimumWidth(460)
        self.employer = QComboBox()
        self.employer.setEditable(True)
        self.employer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.employer.setAccessibleName(self.tr("Employer (pick or type a new name)"))
        self._employers = sorted(
            (
                (str(e.fields.get("name") or ""), str(e.id))
                for e in (repo.employers() if repo is not None else [])
            ),
            key=lambda pair: pair[0].casefold(),
        )
        for name, employer_id in self._employers:
            self.employer.addItem(name, employer_id)
        self.employer.setCurrentIndex(-1)
        line = self.employer.lineEdit()
        if line is not None:  # always, as the box is editable
            line.setPlaceholderText(self.tr("Pick an employer or type a new one"))
        self.sector = QComboBox()
        self.sector.setAccessibleName(self.tr("Sector of a new employer"))
        # SIC section names run to 120 characters: size the box by a short name, not the
        # longest, or it squeezes the labels beside it.
        self.sector.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sector.setMinimumContentsLength(24)
        self.sector.addItem(self.tr("(not known)"), None)
        for section in reference.sic_sections():
            self.sector.addItem(f"{section['code']} — {section['name']}", section["code"])
        self.site = QLineEdit()
        self.site.setAccessibleName(self.tr("Site"))
        self.council = QComboBox()
        self.council.setAccessibleName(self.tr("Council area"))
        self.council.addItem(self.tr("(not known)"), None)
        for area in reference.council_areas():
            self.council.addItem(area, area)
        self.announced = QDateEdit(QDate.currentDate())
        self.announced.setCalendarPopup(True)
        self.announced.setDisplayFormat("dd/MM/yyyy")
        self.announced.setAccessibleName(self.tr("Date announced"))
        self.affected = QSpinBox()
        self.affected.setRange(0, 100_000)
        self.affected.setAccessibleName(self.tr("Number affected"))
        self.make_current = QCheckBox(self.tr("&Make this the current event"))
        self.make_current.setChecked(True)

        form = QFormLayout()
        for text, widget in (
            (self.tr("&Employer *"), self.employer),
            (self.tr("Sec&tor (new employer)"), self.sector),
            (self.tr("S&ite"), self.site),
            (self.tr("Co&uncil area"), self.council),
            (self.tr("Date &announced"), self.announced),
            (self.tr("&Number affected"), self.affected),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.make_current)
        self.error = lay_out_form_dialog(self, form, self.save)
        self.employer.currentTextChanged.connect(self._on_employer_text)
        self._on_employer_text(self.employer.currentText())

    def _existing_employer_id(self) -> str | None:
        text = self.employer.currentText().strip().casefold()
        for name, employer_id in self._employers:
            if name.casefold() == text:
                return employer_id
        return None

    def _on_employer_text(self, _text: str) -> None:
        # Sector belongs to the employer: only asked for when a new one is being created.
        self.sector.setEnabled(self._existing_employer_id() is None)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def save(self) -> None:
        name = self.employer.currentText().strip()
        if not name:
            self._fail(self.tr("Employer is required: pick one or type a new name."))
            self.employer.setFocus()
            return
        employer_id = self._existing_employer_id()
        employer: FieldValues = {"name": name}
        if self.sector.currentData():
            employer["sector"] = self.sector.currentData()
        if self.council.currentData():
            employer["local_authority"] = self.council.currentData()
        event: FieldValues = {
            "announced_on": self.announced.date().toString(Qt.DateFormat.ISODate),
            "affected_count": self.affected.value(),
            "status": "open",
        }
        if self.site.text().strip():
            event["site_name"] = self.site.text().strip()
        if self.council.currentData():
            event["local_authority"] = self.council.currentData()
        make_current = self.make_current.isChecked()

        def op(repo: Repository) -> Changes:
            # One lane job: the employer (if new), its event, and maybe the current event.
            made = Changes()
            owner = employer_id
            if owner is None:
                made = repo.save_record("employer", employer)
                owner = made.ids_of("employer")[0]
            made |= repo.save_record("redundancy_event", {**event, "employer_id": owner})
            if make_current:
                made |= repo.set_current_event(made.ids_of("redundancy_event")[0])
            return made

        self.error.setVisible(False)
        self.setEnabled(False)
        if self.state.write(op, on_done=self._saved, on_failure=self._failed) is None:
            self.setEnabled(True)
            self._fail(self.tr("The store is locked; unlock it and try again."))

    def _saved(self, changes: Changes) -> None:
        self.setEnabled(True)
        self.event_id = changes.ids_of("redundancy_event")[0]
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self._fail(self.tr("Not saved: {reason}").format(reason=describe(exc)))
