"""The admin workspace (issue 10) against a real sync server process, with real encrypted
profiles: an admin creates a user (the password policy's refusal shown in the dialog), revokes
that user's laptop, and the laptop wipes itself at its next contact; the audit log filters and
exports; partners for system admins; keyboard and screen-reader use of every tab."""

from __future__ import annotations

import csv
import gc
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QTableView

from desktop_app.session import (
    AdminDevice,
    AdminPartner,
    AdminUser,
    AuditEvent,
    DeviceRevoked,
    Profile,
    Session,
)
from desktop_app.ui.admin import AdminWorkspace
from desktop_app.ui.admin.audit import AUDIT_COLUMNS
from desktop_app.ui.admin.common import KEY_ROLE, AdminPage, RowsModel
from desktop_app.ui.admin.devices import DEVICE_COLUMNS, PENDING_COLUMN, DeviceRow
from desktop_app.ui.admin.health import HEALTH_COLUMNS, flatten
from desktop_app.ui.admin.partners import PARTNER_COLUMNS
from desktop_app.ui.admin.users import USER_COLUMNS
from desktop_app.ui.state import AppState
from tests.desktop_core.conftest import FAST_KDF
from tests.desktop_core.test_device_security import leftovers
from tests.support.live_server import DEMO_PASSWORD, LiveServer
from tests.support.memory_keyring import MemoryKeyring

from .conftest import RICH_NAME
from .test_accessibility import check_screen, show

STRONG = "a long admin-set password 2026"
WAIT_MS = 20_000


def enrol(
    server: LiveServer, folder: Path, username: str, password: str = DEMO_PASSWORD
) -> Session:
    return Session.enrol(
        Profile(folder), server.url, username, password, "Admin test laptop", kdf_params=FAST_KDF
    )


@pytest.fixture
def admin_session(live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring) -> Any:
    session = enrol(live_server, tmp_path / "admin", "demo.admin")
    yield session
    if not session.is_locked:
        session.lock()


_opened: list[AdminWorkspace] = []


@pytest.fixture(autouse=True)
def close_workspaces(qtbot: Any) -> Any:
    """Each test's workspaces and their lanes end with the test, in order: the lane idle,
    then the widgets and their state deleted while Qt can still deliver the events."""
    yield
    while _opened:
        workspace = _opened.pop()
        workspace.state.runner.wait_for_idle()
        qtbot.waitUntil(lambda w=workspace: not w.state.runner.busy, timeout=WAIT_MS)
        workspace.close()
        workspace.deleteLater()
        workspace.state.deleteLater()
    gc.collect()


def workspace_for(qtbot: Any, session: Session) -> AdminWorkspace:
    state = AppState(session)
    workspace = AdminWorkspace(state)
    show(qtbot, workspace)
    _opened.append(workspace)
    return workspace


def settle(qtbot: Any, page: AdminPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.state.runner.busy, timeout=WAIT_MS)


def select(table: QTableView, key: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(KEY_ROLE) == key:
            table.selectRow(row)
            return
    raise AssertionError(f"{key} is not in the table")


def click_action(box: QMessageBox, fragment: str) -> None:
    button = next(b for b in box.buttons() if fragment in b.text())
    button.click()


def test_done_when_admin_creates_user_revokes_device_and_it_is_wiped(
    qtbot: Any,
    live_server: LiveServer,
    admin_session: Session,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    workspace = workspace_for(qtbot, admin_session)
    users = workspace.users
    settle(qtbot, users)
    assert users.loaded
    assert "demo.adviser" in {u.username for u in users.model.rows}

    # Create a user; the server's password policy refusal shows in the dialog, plainly.
    username = f"new.{uuid.uuid4().hex[:6]}"
    dialog = users.new_user()
    dialog.username.setText(username)
    dialog.display_name.setText(RICH_NAME)
    dialog.role.setCurrentIndex(dialog.role.findData("adviser"))
    dialog.password.setText("too short")
    dialog.confirm.setText("too short")
    dialog.check()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    assert "at least 12 characters" in dialog.error.text()
    assert dialog.isVisible()
    dialog.password.setText(STRONG)
    dialog.confirm.setText(STRONG)
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    settle(qtbot, users)
    created = users.model.row_of(username)
    assert created is not None
    assert created.display_name == RICH_NAME  # shown as plain text: the model's cell is literal

    # The new user sets up a laptop and records someone on it.
    laptop_folder = tmp_path / "laptop"
    laptop = enrol(live_server, laptop_folder, username, STRONG)
    laptop.repo.save("client", {"first_name": "Lost", "last_name": "Laptop"})

    # The admin revokes it from the Devices tab, after a confirmation that says it is wiped.
    devices = workspace.devices
    workspace.show_page(devices)
    settle(qtbot, devices)
    row = devices.model.row_of(laptop.device_id)
    assert row is not None
    assert (row.username, row.device.revoked_at) == (username, None)
    assert row.device.app_version  # the app reports its version with every call
    select(devices.table, laptop.device_id)
    box = devices.revoke()
    assert box is not None
    assert "wiped on its next contact" in box.text()
    click_action(box, "Revoke")
    qtbot.waitUntil(lambda: devices.model.row_of(laptop.device_id) is not None, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: bool(devices.model.row_of(laptop.device_id).device.revoked_at),  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )

    # Its next contact: the server says device_revoked and the laptop wipes itself.
    with pytest.raises(DeviceRevoked):
        laptop.sync()
    assert laptop.is_locked
    assert not Profile(laptop_folder).is_enrolled()
    assert leftovers(laptop_folder) == []


def test_user_operations_and_plain_errors(
    qtbot: Any, live_server: LiveServer, admin_session: Session
) -> None:
    username = f"ops.{uuid.uuid4().hex[:6]}"
    live_server.cli(
        "create-user",
        username,
        "--partner",
        "SDS",
        "--role",
        "adviser",
        "--password-stdin",
        stdin=STRONG + "\n",
    )
    workspace = workspace_for(qtbot, admin_session)
    users = workspace.users
    settle(qtbot, users)
    # Nothing selected: the page says so instead of guessing.
    assert users.reset_password() is None
    assert "Select a user" in users.error.text()
    select(users.table, username)
    dialog = users.reset_password()
    assert dialog is not None
    dialog.password.setText(username + " is mine")
    dialog.confirm.setText(username + " is mine")
    dialog.check()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    assert "must not contain the username" in dialog.error.text()
    dialog.password.setText("another long password 2026")
    dialog.confirm.setText("another long password 2026")
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    settle(qtbot, users)

    select(users.table, username)
    role = users.change_role()
    assert role is not None
    assert role.role.findData("system_admin") == -1  # an admin never makes system admins
    role.role.setCurrentIndex(role.role.findData("team_lead"))
    role.check()
    qtbot.waitUntil(lambda: not role.isVisible(), timeout=WAIT_MS)
    settle(qtbot, users)
    assert users.model.row_of(username).role == "team_lead"  # type: ignore[union-attr]

    select(users.table, username)
    box = users.deactivate()
    assert box is not None
    assert "wipes its local data" in box.text()
    click_action(box, "Deactivate")
    qtbot.waitUntil(lambda: not users.model.row_of(username).active, timeout=WAIT_MS)  # type: ignore[union-attr]
    settle(qtbot, users)
    select(users.table, username)
    users.reactivate()
    qtbot.waitUntil(lambda: users.model.row_of(username).active, timeout=WAIT_MS)  # type: ignore[union-attr]

    # The server down: said plainly, nothing crashes.
    live_server.kill()
    try:
        users.reload()
        settle(qtbot, users)
        assert "cannot be reached" in users.error.text()
    finally:
        from tests.support.live_server import spawn_server

        restarted = spawn_server(
            live_server.database_url,
            live_server.log_path,
            port=int(live_server.url.rsplit(":", 1)[1]),
        )
        live_server.process = restarted.process


def test_audit_filters_and_atomic_csv_export(
    qtbot: Any, admin_session: Session, tmp_path: Path
) -> None:
    workspace = workspace_for(qtbot, admin_session)
    audit = workspace.audit
    workspace.show_page(audit)
    settle(qtbot, audit)
    assert any(e.action == "login.succeeded" for e in audit.model.rows)
    audit.username.setText("demo.admin")
    audit.action.setCurrentText("login.succeeded")
    audit.since.setText("2000-01-01")
    audit.until.setText("2999-12-31")
    audit.reload()
    settle(qtbot, audit)
    rows = audit.model.rows
    assert rows
    assert {(e.action, e.username) for e in rows} == {("login.succeeded", "demo.admin")}
    audit.until.setText("2000-01-01")
    audit.reload()
    settle(qtbot, audit)
    assert audit.model.rows == []
    audit.until.setText("yesterday")
    audit.reload()
    assert "is not a date" in audit.error.text()

    audit.until.setText("")
    audit.reload()
    settle(qtbot, audit)
    target = tmp_path / "exports" / "audit.csv"
    target.parent.mkdir()
    target.write_text("an older export\n")
    audit.export(target)
    settle(qtbot, audit)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:2] == ["at", "action"]
    assert len(lines) == 1 + len(audit.model.rows)
    assert sorted(p.name for p in target.parent.iterdir()) == ["audit.csv"]  # no temp file left
    assert (target.stat().st_mode & 0o777) == 0o600
    audit.export(tmp_path / "no-such-folder" / "audit.csv")
    settle(qtbot, audit)
    assert "could not be written" in audit.error.text()


def test_audit_loads_older_events_a_page_at_a_time(qtbot: Any, admin_session: Session) -> None:
    workspace = workspace_for(qtbot, admin_session)
    audit = workspace.audit
    workspace.show_page(audit)
    settle(qtbot, audit)
    everything = [e.id for e in audit.model.rows]
    assert len(everything) >= 3  # sign-ins, the device's registration, ...
    assert not audit.more_button.isEnabled()  # all of them fitted in one page
    audit.page_size = 2
    audit.reload()
    settle(qtbot, audit)
    assert [e.id for e in audit.model.rows] == everything[:2]
    while audit.more_button.isEnabled():
        audit.more_button.click()
        settle(qtbot, audit)
    shown = [e.id for e in audit.model.rows]
    # Newest first, nothing twice, nothing missing (events written since come on a reload).
    assert shown[: len(everything)] == everything
    assert shown == sorted(set(shown), reverse=True)
    assert f"{len(shown)} events" in audit.message.text()


def test_system_admin_manages_partners(
    qtbot: Any, live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    root = f"root.{uuid.uuid4().hex[:6]}"
    live_server.cli(
        "create-user",
        root,
        "--partner",
        "SDS",
        "--role",
        "system_admin",
        "--password-stdin",
        stdin=STRONG + "\n",
    )
    session = enrol(live_server, tmp_path / "root", root, STRONG)
    try:
        workspace = workspace_for(qtbot, session)
        assert workspace.tabs.indexOf(workspace.partners) >= 0
        assert workspace.tabs.indexOf(workspace.audit) < 0
        partners = workspace.partners
        workspace.show_page(partners)
        settle(qtbot, partners)
        assert partners.model.row_of("DWP") is not None
        code = f"T_{uuid.uuid4().hex[:6].upper()}"
        dialog = partners.new_partner()
        dialog.code.setText("lower case")
        dialog.name.setText("Borders College")
        dialog.check()
        qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
        assert "code" in dialog.error.text()
        dialog.code.setText(code)
        dialog.check()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        settle(qtbot, partners)
        assert partners.model.row_of(code) is not None
        select(partners.table, code)
        box = partners.deactivate()
        assert box is not None
        click_action(box, "Deactivate")
        qtbot.waitUntil(lambda: not partners.model.row_of(code).active, timeout=WAIT_MS)  # type: ignore[union-attr]
        settle(qtbot, partners)
        check_screen(qtbot, workspace, "Partners tab")
    finally:
        session.lock()


def test_every_tab_by_keyboard_and_screen_reader(qtbot: Any, admin_session: Session) -> None:
    workspace = workspace_for(qtbot, admin_session)
    for page, name in (
        (workspace.users, "Users tab"),
        (workspace.devices, "Devices tab"),
        (workspace.audit, "Audit tab"),
        (workspace.health, "Health tab"),
    ):
        workspace.show_page(page)
        settle(qtbot, page)
        assert page.loaded, name
        check_screen(qtbot, workspace, name)
    health = dict(workspace.health.model.rows)
    assert workspace.health.source == "/api/v1/admin/health"
    assert (health["status"], health["partner"], health["users.admin"]) == ("ok", "SDS", "1")
    assert "devices.active" in health
    for dialog in (workspace.users.new_user(),):
        check_screen(qtbot, dialog, "New user dialog")
        dialog.reject()


def test_non_admins_see_no_admin_tabs(qtbot: Any, state: AppState) -> None:
    workspace = AdminWorkspace(state)
    show(qtbot, workspace)
    assert workspace.not_admin.isVisible()
    assert not workspace.tabs.isVisible()
    assert all(not page.isVisible() for page in workspace.pages)


def test_admin_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    user = AdminUser(
        id="u1", username="a", display_name=RICH_NAME, role="adviser", partner="SDS", active=True
    )
    device = AdminDevice(
        id="d1",
        name="Laptop",
        user_id="u1",
        partner="SDS",
        registered_at="2026-11-28T10:00:00Z",
        last_seen_at="2026-11-28T11:00:00Z",
        revoked_at=None,
        app_version="1.0",
        pending_changes=3,
    )
    partner = AdminPartner(
        code="SDS", name=RICH_NAME, active=False, created_at="2026-11-28T10:00:00Z"
    )
    event = AuditEvent(id=1, at="2026-11-28T11:00:00Z", action="user.created", detail={"user": "a"})
    for columns, rows, key in (
        (USER_COLUMNS, [user], lambda r: r.username),
        (DEVICE_COLUMNS, [DeviceRow(device, "a")], lambda r: r.device.id),
        (AUDIT_COLUMNS, [event], lambda r: str(r.id)),
        (HEALTH_COLUMNS, flatten({"status": "ok", "db": {"ok": True}}), lambda r: r[0]),
        (PARTNER_COLUMNS, [partner], lambda r: r.code),
    ):
        model: RowsModel[Any] = RowsModel(columns, key)
        model.set_rows(rows)
        qtmodeltester.check(model)
    assert DEVICE_COLUMNS[PENDING_COLUMN].text(DeviceRow(device, "a")) == "3"


def test_an_admin_laptop_revoked_meanwhile_is_wiped_by_its_next_admin_call(
    qtbot: Any, live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    folder = tmp_path / "admin-laptop"
    session = enrol(live_server, folder, "demo.admin")
    workspace = workspace_for(qtbot, session)
    settle(qtbot, workspace.users)
    live_server.cli("revoke-device", session.device_id)
    with qtbot.waitSignal(workspace.device_revoked, timeout=WAIT_MS) as revoked:
        workspace.users.reload()
    assert "wiped" in revoked.args[0]
    settle(qtbot, workspace.users)
    assert session.is_locked
    assert leftovers(folder) == []
