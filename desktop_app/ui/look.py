"""Language and appearance: the translator for the system locale, the high-contrast palette,
and text sizes relative to the application font (so they follow the system font size)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: Compiled translations (``pace_casework_<locale>.qm``) live here beside the ``.ts`` sources.
TRANSLATIONS_DIR = Path(__file__).with_name("translations")
CATALOGUE = "pace_casework"
HIGH_CONTRAST_ENV = "PACE_HIGH_CONTRAST"
HIGH_CONTRAST_FLAG = "--high-contrast"

_state = {"high_contrast": False}


def install_translator(
    app: QApplication, locale: QLocale | None = None, directory: Path = TRANSLATIONS_DIR
) -> QTranslator | None:
    """Load ``pace_casework_<lang>.qm`` for ``locale`` (default: the system's) if one exists.

    Answers the installed translator, or None when there is no catalogue for the language (the
    app then shows its English source text)."""
    translator = QTranslator(app)
    if not translator.load(locale or QLocale(), CATALOGUE, "_", str(directory)):
        return None
    app.installTranslator(translator)
    return translator


def high_contrast_requested(argv: list[str]) -> bool:
    env = os.environ.get(HIGH_CONTRAST_ENV, "").strip().lower()
    return HIGH_CONTRAST_FLAG in argv or env in {"1", "true", "yes", "on"}


def high_contrast_palette() -> QPalette:
    """White on black, yellow highlights and links, greys only for disabled text."""
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.BrightText, yellow),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0")),
        (QPalette.ColorRole.Link, yellow),
        (QPalette.ColorRole.Light, white),
        (QPalette.ColorRole.Midlight, QColor("#c0c0c0")),
        (QPalette.ColorRole.Mid, QColor("#808080")),
        (QPalette.ColorRole.Dark, white),
        (QPalette.ColorRole.Shadow, white),
    ):
        palette.setColor(role, colour)
    disabled = QColor("#a0a0a0")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


#: Fusion derives field frames and check-box outlines from the window colour made darker, which
#: on black is black: draw them in white, the focus in yellow, the chosen option filled.
HIGH_CONTRAST_STYLE = """
QLineEdit, QComboBox, QPlainTextEdit, QAbstractItemView {
    border: 1px solid white; padding: 2px;
}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QAbstractItemView:focus,
QPushButton:focus {
    border: 2px solid yellow;
}
QLineEdit:disabled, QComboBox:disabled, QAbstractItemView:disabled {
    border: 1px dashed #a0a0a0;
}
QHeaderView { border: none; padding: 0; }
QPushButton { border: 1px solid white; padding: 3px 10px; }
QPushButton:disabled { border: 1px dashed #a0a0a0; }
QRadioButton::indicator, QCheckBox::indicator, QAbstractItemView::indicator {
    width: 0.8em; height: 0.8em; border: 1px solid white; background: black;
}
QRadioButton::indicator { border-radius: 0.4em; }
QRadioButton::indicator:checked, QCheckBox::indicator:checked,
QAbstractItemView::indicator:checked {
    background: yellow; border: 2px solid white;
}
QRadioButton:focus, QCheckBox:focus { outline: 1px solid yellow; }
QGroupBox { border: 1px solid white; margin-top: 1.2em; padding-top: 4px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; }
QTabBar::tab { border: 1px solid white; padding: 3px 10px; }
QTabBar::tab:selected { background: yellow; color: black; }
"""


def apply_high_contrast(app: QApplication) -> None:
    # Fusion draws with the palette everywhere (native styles may ignore it).
    app.setStyle("Fusion")
    app.setPalette(high_contrast_palette())
    app.setStyleSheet(HIGH_CONTRAST_STYLE)
    # Spin and date boxes lose their arrows under a style sheet; a light window colour makes
    # Fusion draw their frame light instead.
    framed = high_contrast_palette()
    framed.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    app.setPalette(framed, "QAbstractSpinBox")  # type: ignore[arg-type]  # stubs say bytes; Qt takes the class name as str
    _state["high_contrast"] = True


def high_contrast() -> bool:
    return _state["high_contrast"]


def colour_style(css: str) -> str:
    """``css`` (a colour rule) unless high contrast is on: then the palette's own colours stand,
    as hard-coded greens and ambers are unreadable on black. Meaning never rests on colour:
    every coloured status also says what it is in words."""
    return "" if high_contrast() else css


def relative_font(widget: QWidget, scale: float = 1.0, *, bold: bool = False) -> QFont:
    """The application font scaled by ``scale``: headings grow with the system font size."""
    font = QFont(QApplication.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    else:  # a pixel-sized application font
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    font.setBold(bold)
    widget.setFont(font)
    return font
