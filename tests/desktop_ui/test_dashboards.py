"""The Statistics workspace without a server: models, charts, gaps, accessibility, analysts.

Figures come from a made-up StatsResponse (``stats_samples``); the fetch and the export against
a real server process are in ``test_dashboards_live.py``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from matplotlib.patches import Rectangle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.session import UserInfo
from desktop_app.ui.dashboards import DashboardsWorkspace
from desktop_app.ui.dashboards.chart import ChartPanel
from desktop_app.ui.dashboards.series import chart_data, measure_groups, table_of
from desktop_app.ui.dashboards.table_model import StatsTableModel
from desktop_app.ui.dashboards.workspace import SECTIONS, report_format_of
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler
from pace_shared.stats_wire import StatsTable

from .conftest import StoreSession
from .stats_samples import sample_response

ALL_TABLE_IDS = [table_id for _title, ids in SECTIONS for table_id in ids]


def _table(table_id: str) -> StatsTable:
    table = table_of(sample_response(), table_id)
    assert table is not None
    return table


def _bars(panel: ChartPanel) -> list[Rectangle]:
    return [p for axes in panel.figure.axes for p in axes.patches if isinstance(p, Rectangle)]


@pytest.fixture
def workspace(qtbot: Any, state: AppState) -> DashboardsWorkspace:
    ws = DashboardsWorkspace(state)
    qtbot.addWidget(ws)
    return ws


def test_every_sample_table_passes_the_model_tester(qtmodeltester: Any) -> None:
    for table in sample_response().tables:
        model = StatsTableModel(table)
        qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(StatsTableModel(), force_py=True)  # empty, before a fetch


def test_ragged_rows_are_padded_so_the_model_stays_rectangular(qtmodeltester: Any) -> None:
    table = StatsTable(
        id="t", title="T", unit="people", columns=["A", "B", "C"], rows=[["x", 1], ["y", 2, 3, 4]]
    )
    model = StatsTableModel(table)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 2).data() == ""
    assert model.index(1, 2).data() == "3"


def test_suppressed_cells_are_shown_as_published_and_explained(qtbot: Any) -> None:
    model = StatsTableModel(_table("days_out_of_work"))
    suppressed, unavailable = model.index(2, 2), model.index(3, 2)
    assert suppressed.data() == "[c]"
    assert unavailable.data() == "[x]"
    assert "confidentiality" in suppressed.data(Qt.ItemDataRole.ToolTipRole)
    assert "not available" in unavailable.data(Qt.ItemDataRole.ToolTipRole)
    # A screen reader hears the row and column with the value, not a bare marker.
    spoken = suppressed.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("H Transportation and storage, Median days out of work: [c]")
    people = model.index(0, 1)
    assert people.data(Qt.ItemDataRole.AccessibleTextRole) == "C Manufacturing, People: 95"
    assert people.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(1, 2).data() == "28.5"


def test_shares_and_medians_get_an_axis_of_their_own(workspace: DashboardsWorkspace) -> None:
    workspace.show_response(sample_response())
    outcomes = workspace.panels["outcomes_at_3_6_12_months"]
    assert outcomes.data is not None
    assert measure_groups(outcomes.data) == [[0, 1, 2], [3]]
    left, right = outcomes.figure.axes
    assert right.get_ylabel() == "In work, training or study (%)"
    assert right.get_ylim() == (0.0, 100.0)
    assert left.get_ylabel() == "People"
    legend = outcomes.figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        "People with an outcome",
        "In work",
        "In training or study",
    ]
    days = workspace.panels["days_out_of_work"].figure.axes
    assert [a.get_xlabel() for a in days] == ["People", "Median days out of work"]


def test_numbers_have_thousands_separators(qtbot: Any) -> None:
    model = StatsTableModel(_table("events_by_council_area"))
    assert model.index(4, 2).data() == "1,987"


def test_a_suppressed_month_is_a_gap_with_its_marker_never_a_zero_bar(qtbot: Any) -> None:
    panel = ChartPanel("events_by_month")
    qtbot.addWidget(panel)
    panel.set_table(_table("events_by_month"))
    heights = [bar.get_height() for bar in _bars(panel)]
    assert len(heights) == 6
    assert math.isnan(heights[1])  # 2026-07 is [c]: no bar at all
    assert heights[4] == 0  # 2026-10 really is zero: a zero bar
    assert [h for i, h in enumerate(heights) if i != 1] == [7, 9, 12, 0, 6]
    markers = [text.get_text() for text in panel.figure.axes[0].texts]
    assert markers == ["[c]"]
    assert not panel.gap_note.isHidden()
    assert "not zero" in panel.gap_note.text()


def test_a_table_without_markers_has_no_gap_note(qtbot: Any) -> None:
    table = StatsTable(id="t", title="T", unit="people", columns=["M", "N"], rows=[["a", 3]])
    panel = ChartPanel("t")
    qtbot.addWidget(panel)
    panel.set_table(table)
    assert panel.gap_note.isHidden()


def test_totals_stay_in_the_table_but_out_of_the_chart(qtbot: Any) -> None:
    table = _table("engagements_by_kind_and_partner")
    data = chart_data(table)
    assert "Total" not in data.categories
    assert data.series_names == ["SDS", "DWP", "Fife Council"]
    assert StatsTableModel(table).rowCount() == 5
    # Suppressed cells of the chart: (category, series)
    assert {(g.category, g.series, g.marker) for g in data.gaps} == {(1, 1, "[c]"), (2, 2, "[c]")}


def test_too_many_series_draw_the_totals_and_say_so(qtbot: Any) -> None:
    partners = [f"P{i}" for i in range(8)]
    table = StatsTable(
        id="engagements_by_kind_and_partner",
        title="Engagements",
        unit="engagements",
        columns=["Kind", *partners, "Total"],
        rows=[["Initial session", *range(8), 28]],
    )
    panel = ChartPanel(table.id)
    qtbot.addWidget(panel)
    panel.set_table(table)
    assert panel.data is not None
    assert panel.data.series_names == ["Total"]
    assert "totals only" in panel.notes.text()


def test_measures_of_different_things_get_a_chart_each(workspace: DashboardsWorkspace) -> None:
    workspace.show_response(sample_response())
    panel = workspace.panels["events_by_council_area"]
    axes = panel.figure.axes
    assert [a.get_xlabel() for a in axes] == ["Events", "People affected"]
    # First category at the top, as in the table.
    assert axes[0].get_yticklabels()[0].get_text() == "Fife"
    assert axes[0].get_ylim()[0] > axes[0].get_ylim()[1]


def test_every_chart_has_labelled_axes(workspace: DashboardsWorkspace) -> None:
    workspace.show_response(sample_response())
    for table_id in ALL_TABLE_IDS:
        panel = workspace.panels[table_id]
        for axes in panel.figure.axes:
            assert axes.get_xlabel(), table_id
            assert axes.get_ylabel() or axes is not panel.figure.axes[0], table_id
        assert panel.title.text() == _table(table_id).title


def test_workspace_is_reachable_by_keyboard_and_named_for_screen_readers(
    workspace: DashboardsWorkspace,
) -> None:
    workspace.show_response(sample_response())
    for panel in workspace.panels.values():
        assert panel.canvas.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert panel.table.focusPolicy() != Qt.FocusPolicy.NoFocus
        assert panel.table.accessibleName().startswith("Table: ")
        assert panel.canvas.accessibleName().startswith("Chart: ")
    filters = workspace.filters
    for widget in (
        filters.period_from,
        filters.period_to,
        filters.council_area,
        filters.sector,
        filters.partner,
    ):
        assert widget.accessibleName()
        labels = [label for label in filters.findChildren(QLabel) if label.buddy() is widget]
        assert len(labels) == 1
        assert "&" in labels[0].text()
    assert "&" in filters.refresh.text()
    assert "&" in filters.export.text()
    titles = [workspace.sections.tabText(i) for i in range(workspace.sections.count())]
    assert all("&" in title for title in titles)


def test_filters_make_the_query(workspace: DashboardsWorkspace) -> None:
    filters = workspace.filters
    filters.council_area.setCurrentIndex(filters.council_area.findData("Fife"))
    filters.sector.setCurrentIndex(filters.sector.findData("C"))
    filters.partner.setCurrentIndex(filters.partner.findData("DWP"))
    params = filters.query().params()
    assert params["council_area"] == "Fife"
    assert params["sector"] == "C"
    assert params["partner"] == "DWP"
    filters.partner.setCurrentIndex(0)
    assert "partner" not in filters.query().params()


def test_a_period_that_ends_before_it_starts_is_refused(workspace: DashboardsWorkspace) -> None:
    filters = workspace.filters
    filters.period_to.setDate(filters.period_from.date().addDays(-1))
    assert workspace.refresh() is None
    assert not workspace.error.isHidden()
    assert "ends before it starts" in workspace.error.text()


def test_offline_fetch_says_so_and_keeps_the_figures(
    qtbot: Any, workspace: DashboardsWorkspace
) -> None:
    workspace.show_response(sample_response())
    with qtbot.waitSignal(workspace.finished, timeout=10_000) as result:
        assert workspace.refresh() is not None
    assert result.args == [False]
    assert "cannot be reached" in workspace.error.text()
    assert workspace.panels["events_by_month"].model.rowCount() == 6


def test_locking_clears_the_figures(workspace: DashboardsWorkspace, state: AppState) -> None:
    workspace.show_response(sample_response())
    state.set_session(None)
    assert all(p.model.rowCount() == 0 for p in workspace.panels.values())


def test_figures_that_arrive_after_locking_are_not_shown(
    qtbot: Any, workspace: DashboardsWorkspace, state: AppState
) -> None:
    job = workspace._run(sample_response, workspace.show_response, "test fetch")
    state.set_session(None)  # locked while the answer is on its way
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert all(p.model.rowCount() == 0 for p in workspace.panels.values())


@pytest.mark.parametrize(
    ("name", "chosen", "expected"),
    [
        ("report.xlsx", "", ("report.xlsx", "xlsx")),
        ("report.CSV", "", ("report.CSV", "csv")),
        ("report", "CSV file (*.csv)", ("report.csv", "csv")),
        ("report", "Excel workbook (*.xlsx)", ("report.xlsx", "xlsx")),
        ("q3.2026", "", ("q3.2026.xlsx", "xlsx")),
    ],
)
def test_report_format_follows_the_file_name(
    name: str, chosen: str, expected: tuple[str, str]
) -> None:
    path, fmt = report_format_of(Path("/tmp") / name, chosen)
    assert (path.name, fmt) == expected


def _window(qtbot: Any, state: AppState) -> MainWindow:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    return window


def _as(session: StoreSession, role: str) -> StoreSession:
    session.user = UserInfo(
        id="u-x", username="someone", display_name="Someone", role=role, partner="SDS"
    )
    return session


def test_an_analyst_sees_statistics_only_and_never_syncs(qtbot: Any, repo: Any) -> None:
    session = _as(StoreSession(repo), "analyst")
    state = AppState(session)
    window = _window(qtbot, state)
    assert window.workspaces.keys() == ["statistics"]
    assert window.statistics is not None
    assert window.workspaces.currentWidget() is window.statistics
    assert window.status_area.isHidden()
    assert not window.sync_action.isVisible()
    window.scheduler.start()
    window.scheduler.sync_now(manual=True)
    assert session.sync_calls == 0
    assert not window.scheduler.running
    state.runner.wait_for_idle()


def test_a_team_lead_reaches_statistics_from_the_view_menu(qtbot: Any, repo: Any) -> None:
    state = AppState(_as(StoreSession(repo), "team_lead"))
    window = _window(qtbot, state)
    assert "statistics" in list(window.workspaces.keys())
    assert window.workspaces.currentWidget() is not window.statistics
    assert window.statistics_action.isVisible()
    window.statistics_action.trigger()
    assert window.statistics is not None
    assert window.workspaces.currentWidget() is window.statistics
    assert all(window.tabs.isTabVisible(i) for i in range(window.tabs.count()))
    state.runner.wait_for_idle()


def test_an_adviser_has_no_statistics_action(qtbot: Any, repo: Any) -> None:
    window = _window(qtbot, AppState(StoreSession(repo)))
    assert not window.statistics_action.isVisible()
    assert window.statistics is None
