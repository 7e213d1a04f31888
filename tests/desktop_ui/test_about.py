"""Help > About shows the installed version (package metadata), reachable by keyboard alone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from desktop_app.ui.dialogs.about import AboutDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler
from pace_shared.version import app_version


def _window(qtbot: Any, state: AppState) -> MainWindow:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window


def _about_dialog() -> AboutDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog)]
    return next((w for w in found if w.isVisible()), None)


def test_about_opens_by_keyboard_and_shows_the_version(qtbot: Any, state: AppState) -> None:
    window = _window(qtbot, state)
    help_menu = window.about_action.associatedObjects()[0]
    assert isinstance(help_menu, QMenu)
    assert help_menu.title() == "&Help"
    assert window.about_action.text().startswith("&About")
    # From the Events tab, where no field's mnemonic could share Alt+H with the Help menu
    # (this branch's Register tab still has "P&hone"; Qt would then cycle between the two).
    window.tabs.setCurrentWidget(window.events)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # &Help
    qtbot.waitUntil(help_menu.isVisible, timeout=5000)
    qtbot.keyClick(help_menu, Qt.Key.Key_A)  # &About PACE Casework…
    qtbot.waitUntil(lambda: _about_dialog() is not None, timeout=5000)
    dialog = _about_dialog()
    assert dialog is not None

    label = dialog.findChild(QLabel, "app_version")
    assert label is not None
    assert app_version() != "0+unknown"
    assert app_version() in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.accessibleName()
    assert dialog.accessibleName() == "About PACE Casework"

    # Escape closes it, and focus returns to the window.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
