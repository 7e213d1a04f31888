"""The app's side of a revoked laptop and of an unsafe server address, with the real Session,
a real sync server process and a real SQLCipher profile."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from desktop_app.security.keywrap import KdfParams
from desktop_app.security.transport import ALLOW_INSECURE_HTTP_ENV
from desktop_app.session import Profile, Session
from desktop_app.ui.app import AppController
from desktop_app.ui.dialogs.enrol import EnrolDialog
from desktop_app.ui.jobs import JobRunner
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "demo-password-2026"
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)
TTL_S = 2


@pytest.fixture(scope="module")
def ttl_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.support.live_server import start_server

    env = {"PACE_TOKEN_TTL_SECONDS": str(TTL_S)}
    with start_server(tmp_path_factory.mktemp("server"), env=env) as live:
        yield live


def _type_password(qtbot: Any, dialog: Any, password: str) -> None:
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def _dialog_name(controller: AppController) -> str:
    return controller.dialog.objectName() if controller.dialog is not None else ""


def test_revoked_laptop_whose_token_expired_is_wiped_and_says_so(
    qtbot: Any, ttl_server: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    profile = Profile(tmp_path / "profile")
    session = Session.enrol(
        profile, ttl_server.url, "demo.adviser", PASSWORD, "test laptop", kdf_params=FAST_KDF
    )
    session.repo.save("client", {"first_name": "Lost", "last_name": "Laptop"})
    ttl_server.cli("revoke-device", session.device_id)
    session.lock()
    time.sleep(TTL_S + 1)  # the laptop was away long enough for its token to run out

    controller = AppController(profile, Session, lock_minutes=10)
    controller.start()
    qtbot.addWidget(controller.dialog)
    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        _type_password(qtbot, controller.dialog, PASSWORD)  # offline unlock still works
    qtbot.addWidget(controller.window)
    # The first sync meets the server: either straight away device_revoked, or (a server
    # that checks the token first) 401 and the app asks for the password to sign in again.
    qtbot.waitUntil(
        lambda: _dialog_name(controller) in ("relogin_dialog", "revoked_message"),
        timeout=20_000,
    )
    if _dialog_name(controller) == "relogin_dialog":
        _type_password(qtbot, controller.dialog, PASSWORD)
    qtbot.waitUntil(lambda: _dialog_name(controller) == "revoked_message", timeout=20_000)
    qtbot.addWidget(controller.dialog)
    controller.runner.wait_for_idle()
    assert "wiped" in controller.dialog.text()
    assert not profile.is_enrolled()
    assert sorted(p.name for p in profile.path.iterdir()) == []
    assert memory_keyring.entries == {}
    assert controller.state.session is None
    assert controller.window is None


def test_wipe_that_cannot_reach_the_keyring_says_what_is_left(
    qtbot: Any, live_server: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    profile = Profile(tmp_path / "profile")
    Session.enrol(
        profile, live_server.url, "demo.adviser", PASSWORD, "test laptop", kdf_params=FAST_KDF
    ).lock()
    controller = AppController(profile, Session, lock_minutes=10)
    controller.start()
    qtbot.addWidget(controller.dialog)
    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        _type_password(qtbot, controller.dialog, PASSWORD)
    qtbot.addWidget(controller.window)
    qtbot.waitUntil(lambda: controller.scheduler.online is True, timeout=20_000)
    session = controller.state.session
    assert session is not None
    live_server.cli("revoke-device", session.device_id)
    keyring.set_keyring(fail.Keyring())  # the keyring is locked when the revocation arrives
    try:
        controller.scheduler.sync_now(manual=True)
        qtbot.waitUntil(lambda: _dialog_name(controller) == "revoked_message", timeout=20_000)
        controller.runner.wait_for_idle()
    finally:
        keyring.set_keyring(memory_keyring)
    qtbot.addWidget(controller.dialog)
    text = controller.dialog.text()
    assert "not everything could be removed" in text
    assert "keyring" in text
    assert not profile.is_enrolled()
    assert sorted(p.name for p in profile.path.iterdir()) == []
    assert any(name.endswith(":wrapped-key") for _service, name in memory_keyring.entries)


@pytest.mark.parametrize("address", ["http://pace.example.org", "http://10.1.2.3:8000"])
def test_enrol_dialog_refuses_remote_plain_http(
    qtbot: Any, tmp_path: Path, address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_INSECURE_HTTP_ENV, raising=False)
    profile = Profile(tmp_path / "profile")
    runner = JobRunner()
    dialog = EnrolDialog(profile, runner, Session.enrol, server_url=address, username="x")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(PASSWORD)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    runner.wait_for_idle()
    message = dialog.error.text()
    assert "https://" in message
    assert ALLOW_INSECURE_HTTP_ENV in message
    assert dialog.session is None
    assert not profile.path.exists()
