"""Duplicate candidates shown while a person is being typed in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import DuplicateCandidate

from .look import high_contrast
from .plain import plain_label


def describe_candidate(candidate: DuplicateCandidate) -> str:
    person = candidate.person
    name = f"{person.first_name} {person.last_name}".strip()
    details = [
        str(v)
        for v in (person.date_of_birth, person.ni_number, person.postcode, person.owner_partner)
        if v
    ]
    reasons = candidate.reasons
    line = name + (f"  ({', '.join(details)})" if details else "")
    if reasons:
        line += "\n    " + "; ".join(str(r) for r in reasons)
    return line


class DuplicatePanel(QGroupBox):
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Possible existing records"))
        self.setObjectName("duplicate_panel")
        self.setAccessibleName(self.tr("Possible duplicates"))
        self.summary = plain_label("", self, name="duplicate_summary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list = QListWidget(self)
        self.list.setObjectName("duplicate_list")
        self.list.setAccessibleName(self.tr("Possible duplicate people"))
        self.list.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open existing person instea&d"), self)
        self.open_button.setAccessibleName(self.tr("Open the selected existing person"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.open_button)
        self.open_button.clicked.connect(self._open)
        self.list.itemActivated.connect(lambda _i: self._open())
        self.set_candidates([])

    def set_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        self.list.clear()
        for candidate in candidates:
            item = QListWidgetItem(describe_candidate(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate.person.id)
            self.list.addItem(item)
        if candidates:
            self.list.setCurrentRow(0)
            count = len(candidates)
            self.summary.setText(
                self.tr(
                    "1 person already in the store may be this person. "
                    "Check before saving a new record."
                )
                if count == 1
                else self.tr(
                    "{count} persons already in the store may be this person. "
                    "Check before saving a new record."
                ).format(count=count)
            )
        else:
            self.summary.setText(self.tr("No similar person found so far."))
        # Said in words above; the amber frame only draws the eye.
        self.list.setVisible(bool(candidates))
        self.open_button.setVisible(bool(candidates))
        self.setProperty("warning", bool(candidates))
        self.setStyleSheet(
            "QGroupBox#duplicate_panel { border: 2px solid "
            + ("palette(highlight)" if high_contrast() else "#c77700")
            + "; border-radius: 4px;"
            " margin-top: 1.2em; padding-top: 4px; }"
            " QGroupBox#duplicate_panel::title { subcontrol-origin: margin; left: 8px; }"
            if candidates
            else ""
        )

    def count(self) -> int:
        return self.list.count()

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
