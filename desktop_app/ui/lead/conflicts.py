"""Conflicts: each open field conflict side by side, resolved with one action."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.ui.plain import plain_label
from desktop_app.ui.state import AppState


class ConflictsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("No open conflicts."), self, name="conflicts_empty"))
        layout.addStretch(1)
