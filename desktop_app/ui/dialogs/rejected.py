"""Changes the server rejected: its reasons, and fix-and-resend or discard for each."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pace_shared.records import FIELDS, validate_fields

from ..errors import describe
from ..models.records import humanise
from ..plain import error_label, plain_label


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _parse(text: str, original: Any) -> Any:
    text = text.strip()
    if isinstance(original, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(original, int) and not isinstance(original, bool):
        try:
            return int(text)
        except ValueError:
            return text
    return text or None


class FixChangeDialog(QDialog):
    """Edit the fields of one rejected change, validated by the shared rules before resending."""

    def __init__(self, change: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.change = change
        self.corrected: dict[str, Any] = {}
        self.setWindowTitle("Fix and resend")
        self.setMinimumWidth(460)
        reason = plain_label(
            f"The server said: {change.reason} — {change.detail or ''}".rstrip(" —"), self
        )
        reason.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        specs = FIELDS.get(str(change.record_type), {})
        for name, value in (change.fields or {}).items():
            edit = QLineEdit(_show(value))
            label = specs[name].label if name in specs else name
            edit.setAccessibleName(label)
            form.addRow(label, edit)
            self.edits[name] = edit
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Resend")
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def check(self) -> None:
        original = self.change.fields or {}
        fields = {
            name: _parse(edit.text(), original.get(name)) for name, edit in self.edits.items()
        }
        result = validate_fields(str(self.change.record_type), fields, creating=False)
        if not result.ok:
            self.error.setText(result.summary())
            self.error.setVisible(True)
            return
        self.corrected = result.values
        self.accept()


class RejectedDialog(QDialog):
    def __init__(self, repo: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.changed = False
        self.setWindowTitle("Rejected changes")
        self.resize(760, 360)
        intro = plain_label(
            "The server refused these changes. The rest of your changes were sent as usual. "
            "Correct a change and resend it, or discard it.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("rejected_table")
        self.table.setAccessibleName("Rejected changes")
        self.table.setHorizontalHeaderLabels(["Record", "Fields", "Reason", "Server's detail"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.fix_button = QPushButton("&Fix and resend…")
        self.discard_button = QPushButton("&Discard…")
        self.error = error_label(self)
        row = QHBoxLayout()
        row.addWidget(self.fix_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.fix_button.clicked.connect(self.fix_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.reload()

    def reload(self) -> None:
        self.changes = list(self.repo.rejected_changes())
        self.table.setRowCount(len(self.changes))
        for row, change in enumerate(self.changes):
            cells = (
                humanise(change.record_type),
                ", ".join(f"{k}={_show(v)}" for k, v in (change.fields or {}).items()),
                humanise(change.reason),
                str(change.detail or ""),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.changes:
            self.table.selectRow(0)
        for button in (self.fix_button, self.discard_button):
            button.setEnabled(bool(self.changes))

    def _selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.changes[rows[0].row()] if rows else None

    def fix_selected(self) -> None:
        change = self._selected()
        if change is None:
            return
        dialog = FixChangeDialog(change, self)
        if dialog.exec():
            try:
                self.repo.resend_rejected(change.change_id, dialog.corrected)
            except Exception as exc:
                self.error.setText(f"Could not resend: {describe(exc)}")
                self.error.setVisible(True)
                return
            self.changed = True
            self.reload()

    def discard_selected(self) -> None:
        change = self._selected()
        if change is None:
            return
        answer = QMessageBox.question(
            self,
            "Discard change",
            "Discard this change for good? It will not be sent to the server.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.repo.discard_rejected(change.change_id)
            self.changed = True
            self.reload()
