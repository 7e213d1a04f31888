"""Unlock, idle lock and unlock again, against a real enrolled profile and sync server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.session import Profile, Session
from desktop_app.ui.app import AppController
from tests.desktop_core.conftest import FAST_KDF, MemoryKeyring
from tests.support.live_server import DEMO_PASSWORD as PASSWORD
from tests.support.live_server import LiveServer


@pytest.fixture
def profile(tmp_path: Path, live_server: LiveServer, memory_keyring: MemoryKeyring) -> Profile:
    profile = Profile(tmp_path / "profile")
    session = Session.enrol(
        profile, live_server.url, "demo.adviser", PASSWORD, "test laptop", kdf_params=FAST_KDF
    )
    session.lock()
    return profile


def _unlock(qtbot: Any, controller: AppController, password: str) -> None:
    dialog = controller.dialog
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_unlock_lock_unlock(qtbot: Any, profile: Profile) -> None:
    controller = AppController(profile, Session, lock_minutes=10)
    controller.start()
    dialog = controller.dialog
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "unlock_dialog"

    _unlock(qtbot, controller, "not the password")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "Wrong password" in dialog.error.text()
    assert controller.state.session is None

    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        _unlock(qtbot, controller, PASSWORD)
    window = controller.window
    qtbot.addWidget(window)
    assert window.isVisible()
    assert controller.state.session is not None
    # The demo server's seeded event arrived with the first pull.
    assert window.events.model.rowCount() >= 1

    # Idle: the store closes, data is hidden, the unlock dialog returns.
    controller.idle.set_minutes(0.005)
    with qtbot.waitSignal(controller.locked, timeout=5_000):
        pass
    assert controller.state.session is None
    assert not window.isVisible()
    assert window.people.model.rowCount() == 0
    assert controller.dialog.objectName() == "unlock_dialog"
    controller.idle.set_minutes(10)

    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        _unlock(qtbot, controller, PASSWORD)
    assert window.isVisible()
    controller.lock()
    controller.runner.wait_for_idle()
    qtbot.addWidget(controller.dialog)
