"""Unlock, idle lock and unlock again, against a real enrolled profile and sync server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from desktop_app.security.keywrap import KdfParams
from desktop_app.session import Profile, Session
from desktop_app.ui.app import AppController

PASSWORD = "demo-password-2026"
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.support.live_server import start_server

    with start_server(tmp_path_factory.mktemp("server")) as live:
        yield live


@pytest.fixture
def profile(tmp_path: Path, server: Any) -> Iterator[Profile]:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    profile = Profile(tmp_path / "profile")
    session = Session.enrol(
        profile, server.url, "demo.adviser", PASSWORD, "test laptop", kdf_params=FAST_KDF
    )
    session.lock()
    yield profile
    keyring.set_keyring(previous)


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
