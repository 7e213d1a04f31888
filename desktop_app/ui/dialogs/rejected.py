"""Changes the server rejected: its reasons, and fix-and-resend or discard for each."""

from __future__ import annotations

from collections.abc import Callable

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

from desktop_app.session import Changes, RejectedChange, Repository
from pace_shared.records import FIELDS, validate_fields

from ..errors import describe
from ..i18n import field_label
from ..models.records import humanise
from ..plain import error_label, plain_label
from ..registration import FieldValues
from ..state import AppState


def _show(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def with_mnemonic(label: str, used: set[str]) -> str:
    """``label`` with an ``&`` before its first letter not in ``used`` (which it then joins),
    so every field of a generated form is reachable with Alt+letter."""
    for at, char in enumerate(label):
        key = char.casefold()
        if char.isalnum() and key not in used:
            used.add(key)
            return label[:at] + "&" + label[at:]
    return label


def _parse(text: str, original: object) -> object:
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

    def __init__(self, change: RejectedChange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.change = change
        self.corrected: FieldValues = {}
        self.setWindowTitle(self.tr("Fix and resend"))
        self.setMinimumWidth(460)
        said = (
            self.tr("The server said: {reason} — {detail}")
            if change.detail
            else self.tr("The server said: {reason}")
        )
        reason = plain_label(said.format(reason=change.reason, detail=change.detail), self)
        reason.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        specs = FIELDS.get(str(change.record_type), {})
        used: set[str] = {"r", "c"}  # &Resend and &Cancel
        for name, value in (change.fields or {}).items():
            edit = QLineEdit(_show(value))
            label = field_label(specs[name]) if name in specs else name
            edit.setAccessibleName(label)
            form.addRow(with_mnemonic(label, used), edit)
            self.edits[name] = edit
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Resend"))
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
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.changes: list[RejectedChange] = []
        self.confirm: QMessageBox | None = None
        self.setWindowTitle(self.tr("Rejected changes"))
        self.resize(760, 360)
        intro = plain_label(
            self.tr(
                "The server refused these changes. The rest of your changes were sent as usual. "
                "Correct a change and resend it, or discard it."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("rejected_table")
        self.table.setAccessibleName(self.tr("Rejected changes"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Fields"), self.tr("Reason"), self.tr("Server's detail")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Field values (ids, codes) can be long: that column is capped so the server's
        # explanation, the part the adviser needs, stays in view; the full text is wrapped.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 220)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.fix_button = QPushButton(self.tr("&Fix and resend…"))
        self.discard_button = QPushButton(self.tr("&Discard…"))
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
        repo = self.state.repo
        self.changes = repo.rejected_changes() if repo is not None else []
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
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.fix_button, self.discard_button):
            button.setEnabled(bool(self.changes) and not busy)

    def _selected(self) -> RejectedChange | None:
        rows = self.table.selectionModel().selectedRows()
        return self.changes[rows[0].row()] if rows else None

    def fix_selected(self) -> FixChangeDialog | None:
        change = self._selected()
        if change is None:
            return None
        dialog = FixChangeDialog(change, self)
        dialog.accepted.connect(lambda: self._resend(change, dialog.corrected))
        dialog.open()
        return dialog

    def _resend(self, change: RejectedChange, corrected: FieldValues) -> None:
        self._run(
            lambda repo: repo.resend_rejected(change.change_id, corrected),
            self.tr("Could not resend: {reason}"),
        )

    def discard_selected(self) -> QMessageBox | None:
        change = self._selected()
        if change is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard change"),
            self.tr("Discard this change for good? It will not be sent to the server."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(
            lambda answer: (
                self._discard(change) if answer == QMessageBox.StandardButton.Yes else None
            )
        )
        self.confirm = box
        box.open()
        return box

    def _discard(self, change: RejectedChange) -> None:
        self._run(
            lambda repo: repo.discard_rejected(change.change_id),
            self.tr("Could not discard: {reason}"),
        )

    def _run(self, op: Callable[[Repository], Changes], failure: str) -> None:
        self._set_busy(True)
        self.error.setVisible(False)

        def failed(exc: BaseException) -> None:
            self.reload()
            self.error.setText(failure.format(reason=describe(exc)))
            self.error.setVisible(True)

        self.state.write(op, on_done=lambda _changes: self.reload(), on_failure=failed)
