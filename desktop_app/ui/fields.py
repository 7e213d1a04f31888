"""A line edit with its label and an inline validation message, checked by the shared rules."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from pace_shared.records import FIELDS, Kind, validate_fields

from .i18n import field_label, translated
from .plain import error_label

_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def normalise_date_entry(text: str) -> str:
    """Advisers type dates the UK way (31/01/1980); the record model wants ISO 8601."""
    match = _UK_DATE.match(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text.strip()


class FieldRow(QWidget):
    """One record field: ``label`` (a buddy with a mnemonic) goes in the form's label column."""

    edited = Signal()

    def __init__(
        self,
        record_type: str,
        name: str,
        label_text: str,
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record_type = record_type
        self.name = name
        self.spec = FIELDS[record_type][name]
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(self.spec.max_length)
        label = field_label(self.spec)
        accessible = (
            self.tr("{field} (required)").format(field=label) if self.spec.required else label
        )
        self.edit.setAccessibleName(accessible)
        self.error = error_label(self)
        self.error.setAccessibleName(self.tr("{field} error").format(field=label))
        self.label = QLabel(label_text + (" *" if self.spec.required else ""))
        self.label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._on_finished)

    # -- values ------------------------------------------------------------------------------
    def raw(self) -> str:
        return self.edit.text()

    def value(self) -> str | None:
        """The entry as the record model wants it, or None when the field is empty."""
        text = self.edit.text().strip()
        if not text:
            return None
        if self.spec.kind is Kind.DATE:
            return normalise_date_entry(text)
        return text

    def set_value(self, value: object) -> None:
        self.edit.setText("" if value is None else str(value))
        self.show_error(None)

    def clear(self) -> None:
        self.set_value(None)

    # -- validation --------------------------------------------------------------------------
    def check(self) -> str | None:
        """Validate with the same rules the server applies; return the message or None."""
        value = self.value()
        if value is None:
            return (
                QCoreApplication.translate("FieldRow", "is required")
                if self.spec.required
                else None
            )
        result = validate_fields(self.record_type, {self.name: value}, creating=False)
        return translated(result.errors[0].message) if result.errors else None

    def normalised(self) -> object:
        value = self.value()
        if value is None:
            return None
        result = validate_fields(self.record_type, {self.name: value}, creating=False)
        return result.values.get(self.name, value)

    def validate(self) -> bool:
        message = self.check()
        self.show_error(message)
        return message is None

    def show_error(self, message: str | None) -> None:
        if message:
            self.error.setText(
                self.tr("{field} {problem}.").format(field=field_label(self.spec), problem=message)
            )
            self.error.setVisible(True)
            self.edit.setAccessibleDescription(self.error.text())
        else:
            self.error.clear()
            self.error.setVisible(False)
            self.edit.setAccessibleDescription("")

    def _on_edited(self) -> None:
        # Once a message shows, re-check on every keystroke so it disappears as soon as fixed.
        if self.error.isVisible():
            self.validate()
        self.edited.emit()

    def _on_finished(self) -> None:
        if self.edit.text().strip():
            self.validate()
