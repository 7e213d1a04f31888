"""Plain-text widgets: user data is never interpreted as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from .look import colour_style


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name.replace("_", " "))
    return label


def plain_tooltip(text: str) -> str:
    """``text`` for a tooltip, shown literally: Qt renders any tooltip that looks like HTML as
    HTML (so a name like ``<b>x</b><img src=x>`` would be bold and load an image)."""
    return GuiQt.convertFromPlainText(text) if GuiQt.mightBeRichText(text) else text


def error_label(parent: QWidget | None = None) -> QLabel:
    """The inline message under a field; hidden while there is nothing to say."""
    label = plain_label("", parent)
    label.setObjectName("field_error")
    # Red and bold; the message itself always says what is wrong, so colour is never alone.
    # Bold through the font, not the style sheet: QLabel sizes wrapped text by its font().
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setStyleSheet(colour_style("color: #b00020;"))
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def plain_message(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> QMessageBox:
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box
