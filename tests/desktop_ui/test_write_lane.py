"""No store write on the GUI thread: every form writes through the job lane.

A listener on the real SQLCipher engine records each INSERT/UPDATE/DELETE with the thread it
ran on; after driving each form by keyboard and mouse, none ran on the GUI (main) thread, and
the writes did happen (on the lane's worker).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.storage.repository import Repository
from desktop_app.ui.dialogs.event_dialog import EventDialog
from desktop_app.ui.dialogs.timeline_entry import TimelineEntryDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler

from .conftest import GuiThreadWrites, add_person, settle


def _window(qtbot: Any, state: AppState) -> MainWindow:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _register_by_keyboard(qtbot: Any, window: MainWindow, first: str, last: str) -> None:
    form = window.registration
    window.tabs.setCurrentWidget(form)
    window.activateWindow()
    form.start_next()
    first_field = form.person.rows["first_name"].edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first_field, timeout=5000)
    for text in (first, last):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    # Alt+O: only this organisation (registration never pre-selects who may see the record).
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.registration.consent.nobody_button.isChecked)
    # Alt+W, Down: how consent was given (never chosen for the adviser either): Verbal. (Not
    # "v": people follow each other here faster than the list's type-ahead forgets a letter.)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.consent.method)
    qtbot.keyClick(form.consent.method, Qt.Key.Key_Down)
    assert form.consent.consent_method() == "verbal"
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_registration_writes_off_the_gui_thread(
    qtbot: Any, state: AppState, repo: Repository, gui_writes: GuiThreadWrites
) -> None:
    window = _window(qtbot, state)
    gui_writes.armed = True
    for n in range(3):
        _register_by_keyboard(qtbot, window, f"Lane{n}", "Person")
    settle(qtbot, state)
    assert gui_writes.on_gui == []
    assert any(verb == "INSERT INTO" for verb in gui_writes.off_gui)
    assert repo.people_count("Lane") == 3


def test_every_form_writes_off_the_gui_thread(
    qtbot: Any, state: AppState, repo: Repository, gui_writes: GuiThreadWrites
) -> None:
    person = add_person(repo, "Jane", "Smith")
    window = _window(qtbot, state)
    gui_writes.armed = True

    # Person edit.
    window.open_person(person)
    view = window.people.person_view
    view.details.rows["phone"].edit.setText("07700 900123")
    with qtbot.waitSignal(view.saved, timeout=10_000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    # A timeline entry of each kind.
    for kind in ("engagement", "referral", "outcome"):
        entry = TimelineEntryDialog(state, person, kind, view)
        qtbot.addWidget(entry)
        with qtbot.waitSignal(entry.accepted, timeout=10_000):
            entry.save()
            if kind == "referral":  # Jane has not agreed to share: consent first, then refer
                assert entry.consent_question is not None
                entry.consent_question.method.choose("verbal")
                entry.consent_question.agreed_button.click()
    # A new employer and event, made current.
    events = EventDialog(state, window)
    qtbot.addWidget(events)
    qtbot.keyClicks(events.employer.lineEdit(), "Forth Shipyards Ltd")
    with qtbot.waitSignal(events.accepted, timeout=10_000):
        events.save()
    # Choosing another current event on the Events tab.
    window.tabs.setCurrentWidget(window.events)
    window.events.table.selectRow(1)
    qtbot.mouseClick(window.events.current_button, Qt.MouseButton.LeftButton)
    # The idle-lock preference.
    window.lock_minutes_changed.connect(
        lambda minutes: state.write(lambda r: r.set_idle_minutes(minutes))
    )
    window.lock_minutes_changed.emit(25)
    settle(qtbot, state)

    assert gui_writes.on_gui == []
    assert len(gui_writes.off_gui) >= 10
    assert repo.get(person).fields["phone"] == "07700 900123"
    assert len(repo.timeline(person)) == 3
    assert repo.idle_minutes == 25
    assert repo.current_event_id != events.event_id
    # The views were told what changed: the new event is on the Events tab.
    assert window.events.model.rowCount() == 2
