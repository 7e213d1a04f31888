"""The optional questions asked for statistics (decisions.md #9), after the required details.

Labels and allowed values come from the record model (``pace_shared.records``), declared once;
every question offers "Prefer not to say" and may be left unanswered. Choices are combo boxes
an adviser drives by keyboard: Tab in, type the first letter or use the arrow keys, Tab on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from pace_shared.records import FIELDS, FieldError, Kind, RecordType

from .fields import FieldRow
from .plain import error_label

#: (field, mnemonic letter) in tab order. The letters are free on the Register and People tabs.
STATISTICS_FIELDS: tuple[tuple[str, str], ...] = (
    ("leaving_date", "j"),
    ("occupation_group", "i"),
    ("qualification_level", "q"),
    ("sex", "x"),
    ("disability", "y"),
)
#: Qt translation context of the record model's labels.
MODEL_CONTEXT = "RecordModel"


def model_text(text: str) -> str:
    """A label from the record model, through the translator (shown in English until a
    catalogue translates it)."""
    return QCoreApplication.translate(MODEL_CONTEXT, text)


def with_mnemonic(label: str, letter: str) -> str:
    """``label`` with ``&`` before the first ``letter``; unchanged if it has none."""
    at = label.lower().find(letter.lower())
    return label if at < 0 else f"{label[:at]}&{label[at:]}"


class ChoiceRow(QWidget):
    """One enum field of the record model as a combo box: blank (not answered) first."""

    def __init__(self, name: str, label_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.spec = FIELDS[RecordType.CLIENT][name]
        self.edit = QComboBox(self)
        self.edit.setObjectName(name)
        self.edit.addItem(self.tr("Not answered"), None)
        for value in self.spec.choices:
            self.edit.addItem(model_text(self.spec.choice_label(value)), value)
        self.edit.setAccessibleName(model_text(self.spec.label))
        self.error = error_label(self)
        self.label = QLabel(label_text)
        self.label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)

    def raw(self) -> str:
        return "" if self.value() is None else str(self.value())

    def value(self) -> str | None:
        data = self.edit.currentData()
        return data if isinstance(data, str) else None

    def normalised(self) -> object:
        return self.value()

    def set_value(self, value: object) -> None:
        index = self.edit.findData(value) if isinstance(value, str) else 0
        self.edit.setCurrentIndex(max(index, 0))
        self.show_error(None)

    def clear(self) -> None:
        self.set_value(None)

    def validate(self) -> bool:
        return True  # only the model's own values can be chosen

    def show_error(self, message: str | None) -> None:
        self.error.setText(
            self.tr("{field} {problem}.").format(field=self.spec.label, problem=message)
            if message
            else ""
        )
        self.error.setVisible(bool(message))


Row = FieldRow | ChoiceRow


class StatisticsFields(QGroupBox):
    """The statistics questions as one group, with the interface of ``PersonFields``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("About their job and themselves (optional)"))
        self.setObjectName("statistics_fields")
        self.setAccessibleName(self.tr("Optional questions for statistics"))
        self.rows: dict[str, Row] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, letter in STATISTICS_FIELDS:
            spec = FIELDS[RecordType.CLIENT][name]
            label = with_mnemonic(model_text(spec.label), letter)
            row: Row
            if spec.kind is Kind.ENUM:
                row = ChoiceRow(name, label, self)
            else:
                row = FieldRow(
                    "client", name, label, placeholder=self.tr("DD/MM/YYYY"), parent=self
                )
            self.rows[name] = row
            form.addRow(row.label, row)

    def editors(self) -> list[QWidget]:
        """The input widgets in tab order."""
        return [row.edit for row in self.rows.values()]

    def values(self) -> dict[str, object]:
        return {name: row.normalised() for name, row in self.rows.items()}

    def validate(self) -> Row | None:
        first: Row | None = None
        for row in self.rows.values():
            if not row.validate() and first is None:
                first = row
        return first

    def show_errors(self, errors: list[FieldError]) -> Row | None:
        first: Row | None = None
        for error in errors:
            row = self.rows.get(error.field)
            if row is not None:
                row.show_error(error.message)
                first = first or row
        return first

    def clear(self) -> None:
        for row in self.rows.values():
            row.clear()

    def load(self, fields: dict[str, object]) -> None:
        for name, row in self.rows.items():
            row.set_value(fields.get(name))

    def is_blank(self) -> bool:
        return not any(row.raw() for row in self.rows.values())
