"""Asking before a change: one confirmation box for every screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    action: str,
    on_yes: Callable[[], object],
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    wide: bool = False,
) -> QMessageBox:
    """Ask before a change; ``on_yes`` runs only after ``action``. Cancel is the default, so
    Return alone changes nothing. The text is plain (it may name people); ``wide`` keeps long
    sentences reading as lines rather than a narrow column."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if wide:
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 30em; }")
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(lambda _result: on_yes() if box.clickedButton() is go else None)
    box.open()
    return box
