"""Keyboard and screen-reader use of every screen that opens without a server: accessible names,
unique mnemonics, a Tab order that reaches every input, text that follows the system font size,
status never by colour alone, and a high-contrast theme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QWidget,
)

from desktop_app.session import Profile, RejectedChange
from desktop_app.ui import look
from desktop_app.ui.dialogs.enrol import EnrolDialog
from desktop_app.ui.dialogs.event_dialog import EventDialog
from desktop_app.ui.dialogs.rejected import FixChangeDialog, RejectedDialog
from desktop_app.ui.dialogs.timeline_entry import TimelineEntryDialog
from desktop_app.ui.dialogs.unlock import relogin_dialog, unlock_dialog
from desktop_app.ui.main_window import MainWindow, PreferencesDialog
from desktop_app.ui.person_view import PersonView
from desktop_app.ui.sync_scheduler import SyncScheduler

from .conftest import add_person

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QAbstractItemView,
    QAbstractButton,
)
_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


# -- walking a window ----------------------------------------------------------------------------
def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window)


def _is_inner_part(widget: QWidget) -> bool:
    """The line edit inside a combo or spin box, a header's buttons: the outer widget counts."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView | QTabBar):
            return True
        parent = parent.parentWidget()
    return False


def inputs_of(window: QWidget) -> list[QWidget]:
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or _is_inner_part(widget):
            continue
        if _shown(widget, window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return f"{type(widget).__name__}({widget.objectName() or text!r})"


def mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text)
    return match.group(1).casefold() if match else None


def _shown_keys(widget: QWidget) -> list[tuple[str, str]]:
    """The texts with a possible mnemonic that ``widget`` shows, with where they are."""
    if isinstance(widget, QLabel):
        return [(widget.text(), describe(widget))] if widget.buddy() is not None else []
    if isinstance(widget, QAbstractButton):
        # Standard dialog buttons: desktop themes show them as &OK, &Save, &Cancel, &Close.
        standard = isinstance(widget.parentWidget(), QDialogButtonBox) and "&" not in widget.text()
        return [("&" + widget.text() if standard else widget.text(), describe(widget))]
    if isinstance(widget, QGroupBox) and widget.isCheckable():
        return [(widget.title(), describe(widget))]
    if isinstance(widget, QTabBar):
        return [(widget.tabText(i), f"tab {widget.tabText(i)!r}") for i in range(widget.count())]
    if isinstance(widget, QMenuBar):
        return [(action.text(), f"menu {action.text()!r}") for action in widget.actions()]
    return []


def mnemonics_of(window: QWidget) -> list[tuple[str, str]]:
    """(key, where) for every Alt+key shortcut shown in ``window``."""
    keys = []
    for widget in window.findChildren(QWidget):
        if _shown(widget, window):
            for text, where in _shown_keys(widget):
                key = mnemonic(text)
                if key:
                    keys.append((key, where))
    return keys


def tab_cycle(qtbot: Any, window: QWidget, start: QWidget) -> set[QWidget]:
    """Press Tab from ``start`` until focus comes back round; answer every widget it reached."""
    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    reached = {start}
    left = False  # a date edit keeps focus while Tab moves through its day, month and year
    for _ in range(200):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start and left:
            break
        if now is not None and now is not start:
            left = True
            reached.add(now)
    return reached


def tab_stop(widget: QWidget) -> set[QWidget]:
    """The widgets any of which counts as Tab reaching ``widget``: a set of radio buttons is one
    stop (Tab lands on the checked one, the arrow keys choose), anything else is itself."""
    parent = widget.parentWidget()
    if isinstance(widget, QRadioButton) and widget.autoExclusive() and parent is not None:
        return {r for r in parent.findChildren(QRadioButton) if r.parentWidget() is parent}
    return {widget}


def check_screen(qtbot: Any, window: QWidget, name: str) -> None:
    inputs = inputs_of(window)
    assert inputs, name
    unnamed = [
        describe(w)
        for w in inputs
        if not w.accessibleName().strip()
        and not (isinstance(w, QAbstractButton) and w.text().replace("&", "").strip())
    ]
    assert not unnamed, f"{name}: inputs without an accessible name: {unnamed}"
    labels = [w for w in window.findChildren(QLabel) if w.buddy() is not None and _shown(w, window)]
    no_key = [describe(label) for label in labels if mnemonic(label.text()) is None]
    assert not no_key, f"{name}: labels with a buddy but no mnemonic: {no_key}"
    seen: dict[str, str] = {}
    clashes = []
    for key, where in mnemonics_of(window):
        if key in seen:
            clashes.append(f"Alt+{key}: {seen[key]} and {where}")
        seen.setdefault(key, where)
    assert not clashes, f"{name}: mnemonic clashes: {clashes}"
    enabled = [w for w in inputs if w.isEnabled()]
    reached = tab_cycle(qtbot, window, enabled[0])
    missed = [describe(w) for w in enabled if not (reached & tab_stop(w))]
    assert not missed, f"{name}: Tab never reaches {missed}"


def show(qtbot: Any, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


# -- the screens ---------------------------------------------------------------------------------
@pytest.fixture
def main_window(qtbot: Any, state: Any) -> MainWindow:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    show(qtbot, window)
    return window


def test_main_window_tabs(qtbot: Any, main_window: MainWindow, repo: Any) -> None:
    person = add_person(repo, "Jane", "Smith")
    main_window.tabs.setCurrentWidget(main_window.registration)
    check_screen(qtbot, main_window, "Register tab")
    main_window.open_person(person)  # the person view's inputs are enabled once one is shown
    assert main_window.people.person_view.save_button.isEnabled()
    check_screen(qtbot, main_window, "People tab")
    main_window.tabs.setCurrentWidget(main_window.events)
    check_screen(qtbot, main_window, "Events tab")


def test_statistics_workspace(qtbot: Any, state: Any, repo: Any) -> None:
    session = state.session
    session.user = session.user.model_copy(update={"role": "team_lead"})
    window = MainWindow(state, SyncScheduler(state, state.runner))
    show(qtbot, window)
    workspace = window.show_statistics()
    qtbot.waitUntil(lambda: not workspace.busy, timeout=10_000)  # offline here: an error line
    check_screen(qtbot, window, "Statistics tab")
    state.runner.wait_for_idle()


def test_registration_chosen_partners_by_keyboard(qtbot: Any, main_window: MainWindow) -> None:
    """The partner list is disabled until "Chosen partners"; then Tab reaches it."""
    consent = main_window.registration.consent
    consent.all_button.setFocus()
    assert not consent.has_choice()  # nothing is pre-selected
    qtbot.keyClick(consent.all_button, Qt.Key.Key_Down)  # arrows move among the options
    qtbot.keyClick(consent.chosen_button, Qt.Key.Key_Space)  # Space chooses
    assert consent.chosen_button.isChecked()
    check_screen(qtbot, main_window, "Register tab, chosen partners")
    assert consent.partners in tab_cycle(qtbot, main_window, consent.chosen_button)


def test_dialogs(qtbot: Any, state: Any, repo: Any) -> None:
    person = add_person(repo, "Jane", "Smith")
    dialogs: list[tuple[str, QWidget]] = [
        ("preferences", PreferencesDialog(10)),
        ("new event", EventDialog(state)),
        ("rejected changes", RejectedDialog(state)),
        ("unlock", unlock_dialog(state.runner, lambda _pw: None, "alice")),
        ("sign in again", relogin_dialog(state.runner, lambda _pw: None)),
    ]
    dialogs += [
        (kind, TimelineEntryDialog(state, person, kind))
        for kind in ("engagement", "referral", "outcome")
    ]
    for name, dialog in dialogs:
        show(qtbot, dialog)
        check_screen(qtbot, dialog, name)
        dialog.close()


def test_enrol_dialog(qtbot: Any, state: Any, tmp_path: Path) -> None:
    dialog = EnrolDialog(Profile(tmp_path / "p"), state.runner, lambda *_a: None)  # type: ignore[arg-type, return-value]
    show(qtbot, dialog)
    check_screen(qtbot, dialog, "set up this laptop")


def test_fix_and_resend_fields_have_keys(qtbot: Any) -> None:
    """The form is built from whatever fields the server refused: each still gets a key."""
    change = RejectedChange(
        change_id="c1",
        record_id="r1",
        record_type="client",
        op="update",
        fields={"first_name": "Jane", "last_name": "Smith", "postcode": "KY7", "phone": "1"},
        reason="invalid_request",
        detail="postcode is not a UK postcode",
    )
    dialog = FixChangeDialog(change)
    show(qtbot, dialog)
    check_screen(qtbot, dialog, "fix and resend")


# -- text size -----------------------------------------------------------------------------------
def test_no_fixed_font_sizes_in_the_ui() -> None:
    fixed = [
        f"{path.name}: {line.strip()}"
        for path in UI.rglob("*.py")
        for line in path.read_text().splitlines()
        if re.search(r"font-size\s*:|setPointSize\(\s*\d|setPixelSize\(\s*\d", line)
    ]
    assert not fixed, fixed


@pytest.fixture
def big_font() -> Iterator[QFont]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(20)
    app.setFont(font)
    yield font
    app.setFont(before)


def test_headings_follow_the_system_font_size(qtbot: Any, state: Any, big_font: QFont) -> None:
    view = PersonView(state)
    qtbot.addWidget(view)
    assert view.title.font().pointSizeF() > big_font.pointSizeF()
    assert view.title.font().bold()
    assert view.save_button.font().pointSizeF() == big_font.pointSizeF()


# -- status never by colour alone ----------------------------------------------------------------
def test_status_and_errors_say_it_in_words(qtbot: Any, main_window: MainWindow) -> None:
    status = main_window.status_area
    assert "Offline" in status.connection.text()  # the fake session has no server
    row = main_window.registration.person.rows["date_of_birth"]
    qtbot.keyClicks(row.edit, "31/02/1980")
    assert not row.validate()
    assert row.error.isVisibleTo(main_window)
    assert row.error.text().strip()
    assert row.error.font().bold() or "font-weight: bold" in row.error.styleSheet()
    assert row.error.text() in row.edit.accessibleDescription()


# -- high contrast -------------------------------------------------------------------------------
@pytest.fixture
def high_contrast() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style, sheet = app.palette(), app.style().name(), app.styleSheet()
    look.apply_high_contrast(app)
    yield app
    look._state["high_contrast"] = False
    app.setStyleSheet(sheet)
    app.setStyle(style)
    app.setPalette(palette)  # also drops the per-class palettes


def test_high_contrast_is_requested_by_flag_or_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(look.HIGH_CONTRAST_ENV, raising=False)
    assert not look.high_contrast_requested(["pace-casework"])
    assert look.high_contrast_requested(["pace-casework", "--high-contrast"])
    monkeypatch.setenv(look.HIGH_CONTRAST_ENV, "1")
    assert look.high_contrast_requested(["pace-casework"])


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_high_contrast_palette_meets_wcag_aaa() -> None:
    palette = look.high_contrast_palette()
    role = QPalette.ColorRole
    for text, back in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
    ):
        assert _contrast(palette.color(text), palette.color(back)) >= 7, text


def test_high_contrast_main_window(
    qtbot: Any, high_contrast: QApplication, state: Any, repo: Any, tmp_path: Path
) -> None:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    show(qtbot, window)
    # No hard-coded colour survives to fight the palette (status and error colours drop out).
    status = window.status_area.connection
    assert "color" not in status.styleSheet()
    assert "color" not in window.registration.person.rows["first_name"].error.styleSheet()
    image = window.grab().toImage()
    dark = sum(
        1
        for x in range(0, image.width(), 16)
        for y in range(0, image.height(), 16)
        if QColor(image.pixel(x, y)).lightness() < 40
    )
    total = len(range(0, image.width(), 16)) * len(range(0, image.height(), 16))
    assert dark > total * 0.7  # black background throughout
    preferences = PreferencesDialog(10)
    show(qtbot, preferences)
    # Spin boxes keep their arrows (no style sheet) and get a light frame from their palette.
    assert preferences.minutes.palette().color(QPalette.ColorRole.Window) == QColor("#ffffff")
    assert preferences.minutes.palette().color(QPalette.ColorRole.Text) == QColor("#ffffff")
    window.grab().save(str(tmp_path / "high-contrast.png"))
