"""The Retention tab (issue 11): a system administrator previews the retention rule (a dry run
on the server) and then erases exactly the people it lists; the laptops drop them at their next
sync. An administrator of one partner has no such tab. Own server per test: it erases people."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.session import Session
from tests.governance.helpers import stored
from tests.governance.test_retention import _age
from tests.support.live_server import LiveServer, start_server
from tests.support.memory_keyring import MemoryKeyring

from .test_accessibility import check_screen
from .test_admin_workspace import STRONG, click_action, enrol, settle, workspace_for


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    with start_server(tmp_path / "server") as server:
        yield server


def _person(session: Session, first: str, last: str) -> str:
    return session.repo.save(
        "client",
        {
            "first_name": first,
            "last_name": last,
            "share_with": ["DWP"],
            "consent_recorded_at": "2026-11-20T10:00:00.000Z",
        },
        consent_method="verbal",
    )


def test_a_system_admin_previews_then_erases_under_the_rule(
    qtbot: Any, own_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    own_server.cli(
        "create-user",
        "root.retention",
        "--partner",
        "SDS",
        "--role",
        "system_admin",
        "--password-stdin",
        stdin=STRONG + "\n",
    )
    adviser = enrol(own_server, tmp_path / "adviser", "demo.adviser")
    root = enrol(own_server, tmp_path / "root", "root.retention", STRONG)
    try:
        stale = _person(adviser, "Elspeth", "Oldrecord")
        current = _person(adviser, "Nina", "Newcome")
        adviser.sync()
        _age(own_server.database_url, stale, days=800)

        workspace = workspace_for(qtbot, root)
        page = workspace.retention
        assert workspace.tabs.indexOf(page) >= 0
        workspace.show_page(page)
        page.months.setValue(24)
        page.reload()
        settle(qtbot, page)
        assert page.model.rows == [stale]
        assert page.apply_button.isEnabled()
        assert "Nothing has been erased yet" in page.message.text()
        check_screen(qtbot, workspace, "Retention tab")

        page.months.setValue(25)  # another rule: the preview no longer applies
        assert not page.apply_button.isEnabled()
        assert page.ask_to_apply() is None
        page.reload()
        settle(qtbot, page)
        assert page.model.rows == [stale]

        box = page.ask_to_apply()
        assert box is not None
        click_action(box, "Erase")
        settle(qtbot, page)
        qtbot.waitUntil(lambda: "People erased: 1 " in page.message.text(), timeout=20_000)

        left = json.loads(own_server.cli("retention", "--months", "24", "--dry-run").stdout)
        assert left["people"] == []
        adviser.sync()
        held = stored(adviser)
        assert stale not in held
        assert current in held
    finally:
        root.lock()
        adviser.lock()


def test_an_admin_of_one_partner_has_no_retention_tab(
    qtbot: Any, own_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    session = enrol(own_server, tmp_path / "admin", "demo.admin")
    try:
        workspace = workspace_for(qtbot, session)
        assert workspace.tabs.indexOf(workspace.retention) < 0
        assert workspace.tabs.indexOf(workspace.sharing) >= 0
    finally:
        session.lock()
