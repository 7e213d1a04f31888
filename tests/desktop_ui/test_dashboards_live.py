"""The Statistics workspace and the analyst's app against a real sync server process."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate

from desktop_app.session import Profile, ReportFormat, ServerError, Session, StatsQuery
from desktop_app.sync.errors import Forbidden
from desktop_app.ui.dashboards import DashboardsWorkspace
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer
from tests.support.memory_keyring import MemoryKeyring

from .test_dashboards import ALL_TABLE_IDS

ANALYST_PASSWORD = "analyst password for the tests 2026"


def _new_user(server: LiveServer, role: str, partner: str = "SDS") -> str:
    username = f"{role}.{uuid.uuid4().hex[:8]}"
    server.cli(
        "create-user",
        username,
        "--partner",
        partner,
        "--role",
        role,
        "--display-name",
        f"Test {role}",
        "--password-stdin",
        stdin=ANALYST_PASSWORD + "\n",
    )
    return username


def _enrol(server: LiveServer, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder / "profile"),
        server.url,
        username,
        ANALYST_PASSWORD,
        "Statistics laptop",
        kdf_params=FAST_KDF,
    )


@pytest.fixture
def analyst_session(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Session]:
    session = _enrol(live_server, tmp_path, _new_user(live_server, "analyst"))
    yield session
    if not session.is_locked:
        session.lock()


def test_an_analyst_enrols_without_pulling_a_single_record(
    live_server: LiveServer, analyst_session: Session, memory_keyring: MemoryKeyring
) -> None:
    # The demo seed put an employer and an event on the server; a team lead would get them.
    lead = live_server.client("demo.lead")
    items, _cursor = lead.pull_all()
    assert items
    assert analyst_session.user.role == "analyst"
    assert analyst_session.repo.events() == []
    assert analyst_session.repo.employers() == []
    report = analyst_session.sync()
    assert (report.pulled, report.pushed, report.pages) == (0, 0, 0)
    assert analyst_session.repo.events() == []


def test_an_analyst_unlocks_offline_and_still_never_syncs(
    live_server: LiveServer, analyst_session: Session, tmp_path: Path, memory_keyring: Any
) -> None:
    analyst_session.lock()
    again = Session.unlock(Profile(tmp_path / "profile"), ANALYST_PASSWORD)
    try:
        assert again.user.role == "analyst"
        assert again.sync().pages == 0
        assert again.repo.events() == []
    finally:
        again.lock()


# -- figures and the report from the real statistics API -------------------------------------
NOVEMBER = StatsQuery(period_from=date(2026, 11, 1), period_to=date(2026, 11, 30))


@pytest.fixture
def lead_session(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Session]:
    session = Session.enrol(
        Profile(tmp_path / "lead"),
        live_server.url,
        "demo.lead",
        DEMO_PASSWORD,
        "Team lead laptop",
        kdf_params=FAST_KDF,
    )
    yield session
    if not session.is_locked:
        session.lock()


def _workspace(qtbot: Any, session: Session) -> DashboardsWorkspace:
    workspace = DashboardsWorkspace(AppState(session))
    qtbot.addWidget(workspace)
    filters = workspace.filters
    filters.period_from.setDate(QDate(2026, 11, 1))
    filters.period_to.setDate(QDate(2026, 11, 30))
    return workspace


def _refresh(qtbot: Any, workspace: DashboardsWorkspace) -> bool:
    with qtbot.waitSignal(workspace.finished, timeout=30_000) as done:
        assert workspace.refresh() is not None
    return bool(done.args[0])


def test_a_team_lead_sees_the_servers_figures_with_small_counts_as_gaps(
    qtbot: Any, lead_session: Session
) -> None:
    workspace = _workspace(qtbot, lead_session)
    assert _refresh(qtbot, workspace), workspace.error.text()
    # The demo seed's one event, announced in November 2026 with 180 people affected.
    events = workspace.panels["events_by_month"]
    assert events.model.rowCount() >= 1
    november = next(
        r for r in range(events.model.rowCount()) if events.model.cell(r, 0) == "2026-11"
    )
    assert events.model.index(november, 1).data() == "[c]"  # one event: a small count
    assert events.data is not None
    assert math.isnan(events.data.values[0][november])  # a gap, never a zero bar
    assert not events.gap_note.isHidden()
    affected = workspace.panels["people_affected_by_month"]
    assert affected.model.index(november, 1).data() == "180"
    for table_id in ALL_TABLE_IDS:
        assert workspace.panels[table_id].title.text(), f"{table_id} missing from the answer"


def test_an_adviser_is_refused_statistics_and_told_so(qtbot: Any, live_session: Session) -> None:
    with pytest.raises(Forbidden):
        live_session.fetch_stats(NOVEMBER)
    workspace = _workspace(qtbot, live_session)
    assert not _refresh(qtbot, workspace)
    assert "statistics" in workspace.error.text()


@pytest.mark.parametrize("report_format", ["xlsx", "csv"])
def test_the_report_is_downloaded_whole_and_nothing_else_is_left(
    lead_session: Session, tmp_path: Path, report_format: ReportFormat
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / f"quarter.{report_format}"
    saved = lead_session.download_report(NOVEMBER, report_format, target)
    assert saved == target.resolve()
    content = target.read_bytes()
    if report_format == "xlsx":
        assert content.startswith(b"PK\x03\x04")
    else:
        assert b"events_by_month" in content or b"Redundancy events" in content
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_a_refused_download_keeps_the_old_file_and_leaves_no_temporary_file(
    lead_session: Session, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "quarter.xlsx"
    target.write_bytes(b"last quarter's report")
    backwards = StatsQuery(period_from=date(2026, 11, 30), period_to=date(2026, 11, 1))
    with pytest.raises(ServerError):
        lead_session.download_report(backwards, "xlsx", target)
    assert target.read_bytes() == b"last quarter's report"
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_export_from_the_workspace_writes_the_chosen_file(
    qtbot: Any, lead_session: Session, tmp_path: Path
) -> None:
    workspace = _workspace(qtbot, lead_session)
    with qtbot.waitSignal(workspace.finished, timeout=30_000) as done:
        assert workspace.export_report(tmp_path / "november") is not None
    assert done.args == [True], workspace.error.text()
    assert (tmp_path / "november.xlsx").read_bytes().startswith(b"PK")
    assert "november.xlsx" in workspace.status.text()


def test_an_analysts_window_shows_the_servers_statistics_only(
    qtbot: Any, analyst_session: Session
) -> None:
    state = AppState(analyst_session)
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    workspace = window.statistics
    assert workspace is not None
    assert window.workspaces.currentWidget() is workspace
    workspace.filters.period_from.setDate(QDate(2026, 11, 1))
    workspace.filters.period_to.setDate(QDate(2026, 11, 30))
    assert _refresh(qtbot, workspace), workspace.error.text()
    assert workspace.panels["people_affected_by_month"].model.rowCount() >= 1
    assert analyst_session.repo.events() == []  # figures, never records


def test_an_analysts_revoked_laptop_wipes_itself_at_its_next_fetch(
    qtbot: Any, live_server: LiveServer, analyst_session: Session
) -> None:
    live_server.cli("revoke-device", analyst_session.device_id)
    workspace = _workspace(qtbot, analyst_session)
    with qtbot.waitSignal(workspace.device_revoked, timeout=30_000):
        workspace.refresh()
    assert analyst_session.is_locked
    assert not analyst_session.profile.is_enrolled()
