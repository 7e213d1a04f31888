"""UI behaviour about sync and errors, with the real Session against a real server process."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.session import Profile, Session
from desktop_app.ui.app import AppController
from desktop_app.ui.dialogs.rejected import RejectedDialog
from desktop_app.ui.dialogs.unlock import PasswordDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler
from tests.desktop_core.conftest import FAST_KDF, MemoryKeyring
from tests.support.live_server import DEMO_PASSWORD, LiveServer, start_server

from .conftest import GuiThreadWrites, settle

PAGE = 4096


def _submit_password(qtbot: Any, dialog: PasswordDialog, password: str) -> None:
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def _window(qtbot: Any, state: AppState) -> MainWindow:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    return window


def test_rejected_changes_are_fixed_and_discarded_through_the_lane(
    qtbot: Any, live_server: LiveServer, live_session: Session
) -> None:
    # DWP registers a person it shares with nobody; SDS writes to that id twice (valid
    # locally), so the server refuses both changes as forbidden.
    hidden = "0190dddd-0000-7000-8000-0000000000a1"
    dwp = live_server.client("dwp.adviser")
    result = dwp.push(
        [
            {
                "change_id": "0190dddd-0000-7000-8000-0000000000c9",
                "record_id": hidden,
                "record_type": "client",
                "op": "upsert",
                "hlc": f"1764158400000-0000-{dwp.device_id}",
                "fields": {"first_name": "Hidden", "last_name": "Person"},
                "base": {"first_name": None, "last_name": None},
            }
        ]
    )
    assert result["results"][0]["status"] == "applied"
    repo = live_session.repo
    repo.save("client", {"first_name": "Not", "last_name": "Allowed"}, record_id=hidden)
    repo.save("client", {"occupation": "Welder"}, record_id=hidden)
    assert live_session.sync().rejected == 2
    state = AppState(live_session)
    window = _window(qtbot, state)
    writes = GuiThreadWrites(repo.engine)
    writes.armed = True

    dialog = window.show_rejected()
    assert isinstance(dialog, RejectedDialog)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert window.status_area.rejected.text() == "2 rejected changes…"
    fix = dialog.fix_selected()
    assert fix is not None
    fix.edits["first_name"].setText("Corrected")
    fix.check()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    box = dialog.discard_selected()
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10_000)
    settle(qtbot, state)
    writes.close()

    assert writes.on_gui == []
    assert writes.off_gui
    assert not window.status_area.rejected.isVisible()  # the status bar heard of the Changes
    assert window.status_area.pending.text() == "Pending changes: 1"  # the corrected resend
    queued = repo.get(hidden)
    assert queued is not None
    assert queued.fields["first_name"] == "Corrected"
    assert live_session.sync().rejected == 1  # the server still refuses: parked again


def test_unreachable_server_shows_offline_and_schedules_a_retry(
    qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    (tmp_path / "server").mkdir()
    with start_server(tmp_path / "server") as server:
        session = Session.enrol(
            Profile(tmp_path / "profile"),
            server.url,
            "demo.adviser",
            DEMO_PASSWORD,
            "UI test laptop",
            kdf_params=FAST_KDF,
        )
        server.kill()
    state = AppState(session)
    window = _window(qtbot, state)
    scheduler = window.scheduler
    with qtbot.waitSignal(scheduler.attempt_finished, timeout=30_000) as attempt:
        scheduler.start()
    assert attempt.args[0] is False
    assert scheduler.online is False
    assert scheduler.retry_in_ms > 0
    assert window.status_area.connection.text().startswith("● Offline")
    assert "(retry in " in window.status_area.connection.text()
    assert "reach" in window.status_area.connection.toolTip()
    scheduler.stop()
    settle(qtbot, state)
    session.lock()


def test_expired_sign_in_asks_for_the_password_and_keeps_changes(
    qtbot: Any, live_session: Session
) -> None:
    controller = AppController(live_session.profile, Session, lock_minutes=10)
    live_session.repo.save("client", {"first_name": "Kept", "last_name": "Queued"})
    live_session._save_token("expired-or-forged-token")  # the server answers 401
    controller.on_unlocked(live_session)
    qtbot.addWidget(controller.window)
    qtbot.waitUntil(lambda: isinstance(controller.dialog, PasswordDialog), timeout=30_000)
    dialog = controller.dialog
    assert isinstance(dialog, PasswordDialog)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "relogin_dialog"
    assert live_session.status().pending == 1

    _submit_password(qtbot, dialog, "not the password")
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert "Wrong password" in dialog.error.text()
    with qtbot.waitSignal(controller.scheduler.attempt_finished, timeout=30_000) as attempt:
        _submit_password(qtbot, dialog, DEMO_PASSWORD)
    assert attempt.args[0] is True
    assert live_session.status().pending == 0
    controller.scheduler.stop()
    settle(qtbot, controller.state)


def test_a_bug_at_unlock_is_not_reported_as_damage(
    qtbot: Any, live_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    # A store that opens and decrypts but holds what our code cannot read is a bug in our
    # code, not damage: the adviser must not be told to rebuild, and IT gets a clean log.
    live_session.sync_store.set_user({"username": "Moira Kerr AB123456C"})
    profile = live_session.profile
    live_session.lock()
    controller = AppController(profile, Session, lock_minutes=10)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, PasswordDialog)
    qtbot.addWidget(dialog)
    with caplog.at_level(logging.ERROR):
        _submit_password(qtbot, dialog, DEMO_PASSWORD)
        qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert "Something unexpected went wrong" in dialog.error.text()
    assert "damaged" not in dialog.error.text()
    assert not dialog.rebuild_button.isVisible()
    assert "unexpected" in caplog.text
    assert "AB123456C" not in caplog.text
    assert "Moira" not in caplog.text


def test_damaged_store_is_set_aside_and_rebuilt_from_the_server(
    qtbot: Any, live_server: LiveServer, live_session: Session
) -> None:
    synced = live_session.repo.save("client", {"first_name": "Safe", "last_name": "OnServer"})
    live_session.sync()
    profile = live_session.profile
    live_session.lock()
    store = profile.store_path
    data = bytearray(store.read_bytes())
    middle = (len(data) // PAGE // 2) * PAGE + 1000
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    store.write_bytes(bytes(data))

    controller = AppController(profile, Session, lock_minutes=10)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, PasswordDialog)
    qtbot.addWidget(dialog)
    _submit_password(qtbot, dialog, DEMO_PASSWORD)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert "looks damaged" in dialog.error.text()
    assert dialog.rebuild_button.isVisible()
    assert dialog.rebuild_button.accessibleName()

    qtbot.mouseClick(dialog.rebuild_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    assert box is not None
    assert box.isVisible()
    assert "cannot be recovered" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    go = next(b for b in box.buttons() if "rebuild" in b.text())
    with qtbot.waitSignal(controller.unlocked, timeout=120_000):
        qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    session = controller.state.session
    assert session is not None
    record = session.repo.get(synced)
    assert record is not None
    assert record.fields["first_name"] == "Safe"
    [aside] = [p for p in profile.path.iterdir() if p.name.startswith("damaged-")]
    assert (aside / "store.db").read_bytes() == bytes(data)  # kept aside byte for byte
    controller.scheduler.stop()
    controller.lock()
    controller.runner.wait_for_idle()
    qtbot.addWidget(controller.dialog)
