"""Conflicts: each open field conflict side by side, resolved with one action.

The list is the partner's open conflicts as cached at the last sync (readable offline). A
resolution (keep the value shown now, keep the one set aside, or type another) is queued on
the job lane and sent at the next sync; until then the row says what was chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import (
    CONFLICTS_CHANGED,
    Changes,
    ConflictSideView,
    ConflictView,
    Repository,
)
from desktop_app.ui.errors import describe
from desktop_app.ui.lead.models import ConflictsModel, field_label, value_text
from desktop_app.ui.models.records import humanise
from desktop_app.ui.plain import plain_label
from desktop_app.ui.state import AppState
from pace_shared.records import FIELDS, Kind


def typed_value(record_type: str, field: str, text: str) -> Any:
    """What was typed, as the field's type (whole numbers, partner lists); validation of the
    result happens when the resolution is queued."""
    spec = FIELDS.get(record_type, {}).get(field)
    text = text.strip()
    if spec is None:
        return text
    if spec.kind is Kind.INT:
        try:
            return int(text)
        except ValueError:
            return text  # refused, with the field's own message, when queued
    if spec.kind is Kind.PARTNER_LIST:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text or None


class SidePanel(QGroupBox):
    """One side of a conflict: its value, who wrote it, on which device, and when."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.value = plain_label("", self, name=f"{name}_value")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.value.font()
        font.setBold(True)
        self.value.setFont(font)
        self.who = plain_label("", self, name=f"{name}_who")
        self.device = plain_label("", self, name=f"{name}_device")
        self.when = plain_label("", self, name=f"{name}_when")
        form = QFormLayout(self)
        # Captions of read-only text, not inputs: no buddy, so no mnemonic to give.
        form.addRow(plain_label(self.tr("Value:"), self), self.value)
        form.addRow(plain_label(self.tr("Who:"), self), self.who)
        form.addRow(plain_label(self.tr("Device:"), self), self.device)
        form.addRow(plain_label(self.tr("When:"), self), self.when)

    def show_side(self, side: ConflictSideView | None, own_device: str) -> None:
        if side is None:
            for label in (self.value, self.who, self.device, self.when):
                label.setText("")
            return
        self.value.setText(value_text(side.value))
        self.who.setText(side.user or self.tr("unknown"))
        device = side.device_id or ""
        self.device.setText(
            self.tr("this laptop") if device and device == own_device else device or "—"
        )
        self.when.setText((side.at or "").replace("T", " ").removesuffix("Z"))


class ConflictsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = ConflictsModel()
        self.table = self._build_table()
        self.kept = SidePanel(self.tr("Value shown now"), "conflict_winner", self)
        self.aside = SidePanel(self.tr("Value set aside"), "conflict_loser", self)
        self.heading = plain_label("", self, name="conflict_heading")
        self.keep_now = QPushButton(self.tr("&Keep the value shown now"), self)
        self.keep_now.setAccessibleName(self.tr("Resolve: keep the value shown now"))
        self.keep_aside = QPushButton(self.tr("Keep the value set &aside"), self)
        self.keep_aside.setAccessibleName(self.tr("Resolve: keep the value set aside"))
        self.other = QLineEdit(self)
        self.other.setObjectName("conflict_other_value")
        self.other.setAccessibleName(self.tr("Another value for this field"))
        self.use_other = QPushButton(self.tr("&Use this value"), self)
        self.use_other.setAccessibleName(self.tr("Resolve: use the value typed"))
        self.message = plain_label("", self, name="conflicts_message")
        self.message.setWordWrap(True)
        self.empty = plain_label(self.tr("No open conflicts."), self, name="conflicts_empty")
        self._lay_out()
        self.keep_now.clicked.connect(lambda: self.resolve("winner"))
        self.keep_aside.clicked.connect(lambda: self.resolve("loser"))
        self.use_other.clicked.connect(lambda: self.resolve("value"))
        self.other.returnPressed.connect(lambda: self.resolve("value"))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        state.changed.connect(self._on_changed)
        state.session_changed.connect(self.reload)
        self.reload()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("conflicts_table")
        table.setAccessibleName(self.tr("Open conflicts"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setWordWrap(False)
        for column, width in enumerate((120, 85, 110, 100)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        return table

    def _lay_out(self) -> None:
        sides = QHBoxLayout()
        sides.addWidget(self.kept, 1)
        sides.addWidget(self.aside, 1)
        other_label = QLabel(self.tr("Or type a&nother value:"), self)
        other_label.setBuddy(self.other)
        other_row = QHBoxLayout()
        other_row.addWidget(other_label)
        other_row.addWidget(self.other, 1)
        other_row.addWidget(self.use_other)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_now)
        keep_row.addWidget(self.keep_aside)
        keep_row.addStretch(1)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addLayout(sides)
        detail_layout.addLayout(keep_row)
        detail_layout.addLayout(other_row)
        detail_layout.addWidget(self.message)
        detail_layout.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setSizes([560, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- data --------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches_setting(CONFLICTS_CHANGED):
            self.reload()

    def reload(self) -> None:
        session = self.state.session
        selected = self.selected()
        if session is None or session.is_locked:
            conflicts: list[ConflictView] = []
        else:
            conflicts = session.open_conflicts()
            self.model.labels = _record_labels(session.repo, conflicts)
        self.model.set_rows(conflicts)
        self.empty.setVisible(not conflicts)
        row = next(
            (i for i, c in enumerate(conflicts) if selected and c.id == selected.id),
            0 if conflicts else -1,
        )
        if row >= 0:
            self.table.selectRow(row)
        self._show(self.selected())

    def selected(self) -> ConflictView | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.selected())

    def _show(self, conflict: ConflictView | None) -> None:
        own = ""
        session = self.state.session
        if session is not None and not session.is_locked:
            own = session.repo.clock.node
        for widget in (self.keep_now, self.keep_aside, self.use_other, self.other):
            widget.setEnabled(conflict is not None)
        if conflict is None:
            self.heading.setText("")
            self.kept.show_side(None, own)
            self.aside.show_side(None, own)
            return
        self.heading.setText(
            self.tr("{field} of {record} ({kind})").format(
                field=field_label(conflict.record_type, conflict.field),
                record=self.model.labels.get(conflict.record_id, ""),
                kind=humanise(conflict.record_type),
            )
        )
        self.kept.show_side(conflict.winner, own)
        self.aside.show_side(conflict.loser, own)

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, keep: str) -> None:
        conflict = self.selected()
        session = self.state.session
        if conflict is None or session is None:
            return
        value = None
        if keep == "value":
            value = typed_value(conflict.record_type, conflict.field, self.other.text())
        cid = conflict.id
        op: Callable[[Repository], Changes] = lambda _repo: session.queue_conflict_resolution(  # noqa: E731
            cid, keep, value
        )
        self.message.setText("")
        self.state.write(
            op,
            on_done=lambda _c: self._queued(),
            on_failure=lambda exc: self.message.setText(describe(exc)),
        )

    def _queued(self) -> None:
        self.other.clear()
        self.message.setText(self.tr("Resolution saved; it is sent at the next sync."))


def _record_labels(repo: Repository, conflicts: list[ConflictView]) -> dict[str, str]:
    """A name for each conflicted record: the person's name, or the record's kind."""
    labels: dict[str, str] = {}
    for conflict in conflicts:
        if conflict.record_id in labels:
            continue
        record = repo.get(conflict.record_id)
        fields = record.fields if record is not None else {}
        name = " ".join(
            str(fields.get(key) or "") for key in ("first_name", "last_name") if fields.get(key)
        )
        labels[conflict.record_id] = (
            name or str(fields.get("name") or "") or humanise(conflict.record_type)
        )
    return labels
