"""The Data sharing tab (issue 11): administrators read the data-sharing agreement in force; a
system administrator ticks fields and records a new version, which the server stores, audits
and applies. Each test runs its own server: a new agreement changes what every laptop of that
server receives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.session import Session
from desktop_app.ui.admin.sharing import WITHHELD_COLUMN, WithheldModel, withholdable_rules
from pace_shared.records import withholdable_fields
from tests.support.live_server import LiveServer, start_server
from tests.support.memory_keyring import MemoryKeyring

from .test_accessibility import check_screen
from .test_admin_workspace import STRONG, click_action, enrol, settle, workspace_for


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    with start_server(tmp_path / "server") as server:
        yield server


def _row(model: WithheldModel, record_type: str, field: str) -> int:
    return withholdable_rules().index((record_type, field))


def _tick(model: WithheldModel, record_type: str, field: str) -> bool:
    index = model.index(_row(model, record_type, field), WITHHELD_COLUMN)
    return model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def test_a_system_admin_records_a_new_version_from_the_tab(
    qtbot: Any, own_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    own_server.cli(
        "create-user",
        "root.sharing",
        "--partner",
        "SDS",
        "--role",
        "system_admin",
        "--password-stdin",
        stdin=STRONG + "\n",
    )
    session: Session = enrol(own_server, tmp_path / "root", "root.sharing", STRONG)
    try:
        workspace = workspace_for(qtbot, session)
        page = workspace.sharing
        assert workspace.tabs.indexOf(page) >= 0
        workspace.show_page(page)
        settle(qtbot, page)
        assert page.agreement is not None
        assert page.agreement.version == 0
        assert "No agreement has been recorded" in page.message.text()
        assert not page.save_button.isHidden()
        check_screen(qtbot, workspace, "Data sharing tab")

        assert _tick(page.rules, "client", "ni_number")
        assert _tick(page.rules, "engagement", "notes")
        box = page.ask_to_save()
        click_action(box, "Record version")
        settle(qtbot, page)
        qtbot.waitUntil(lambda: "Version 1 recorded" in page.message.text(), timeout=20_000)

        shown = json.loads(own_server.cli("sharing-agreement").stdout)
        assert shown["version"] == 1
        assert shown["terms"]["withheld"] == {"client": ["ni_number"], "engagement": ["notes"]}
        assert page.rules.withheld() == {"client": ["ni_number"], "engagement": ["notes"]}
    finally:
        session.lock()


def test_an_admin_reads_the_agreement_but_cannot_change_it(
    qtbot: Any, own_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    own_server.cli("sharing-agreement", "--example")
    session = enrol(own_server, tmp_path / "admin", "demo.admin")
    try:
        workspace = workspace_for(qtbot, session)
        page = workspace.sharing
        workspace.show_page(page)
        settle(qtbot, page)
        assert "Version 1" in page.message.text()
        assert page.save_button.isHidden()
        assert page.rules.withheld() == {"client": ["ni_number", "phone"], "engagement": ["notes"]}
        assert not _tick(page.rules, "client", "email")  # read-only for an admin
        index = page.rules.index(0, WITHHELD_COLUMN)
        assert not page.rules.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    finally:
        session.lock()


def test_the_model_passes_the_model_tester_and_offers_only_withholdable_fields(
    qtmodeltester: Any,
) -> None:
    model = WithheldModel()
    model.editable = True
    model.set_withheld([("client", "phone"), ("client", "first_name")])
    qtmodeltester.check(model)
    # A required field is never offered, so it can never be ticked.
    assert model.withheld() == {"client": ["phone"]}
    for record_type, field in withholdable_rules():
        assert field in withholdable_fields(record_type)
    assert ("client", "first_name") not in withholdable_rules()
