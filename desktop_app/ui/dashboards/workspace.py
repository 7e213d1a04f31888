"""The Statistics workspace: filters, then the dashboards in sections, each chart with its table.

Figures come from the server's statistics API (disclosure control already applied) on the
job lane: a fetch is network work, and running it on the same serial lane as sync and lock
means the session's token and life cycle are never used from two threads at once. The
quarterly report is downloaded the same way into a file the user picks, written atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import REPORT_FORMATS, ReportFormat, StatsQuery, StatsResponse
from desktop_app.ui.errors import Failure, classify, describe
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP
from desktop_app.ui.jobs import Job
from desktop_app.ui.plain import error_label, plain_label
from desktop_app.ui.state import AppState

from .chart import ChartPanel
from .filters import FilterBar
from .series import table_of

#: (tab title, table ids shown on it, in order)
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("DashboardsWorkspace", "Re&dundancies"),
        (
            "events_by_month",
            "people_affected_by_month",
            "events_by_sector",
            "events_by_council_area",
        ),
    ),
    (QT_TRANSLATE_NOOP("DashboardsWorkspace", "Re&gistrations"), ("registrations_by_month",)),
    (
        QT_TRANSLATE_NOOP("DashboardsWorkspace", "E&ngagements"),
        ("engagements_by_kind_and_partner",),
    ),
    (QT_TRANSLATE_NOOP("DashboardsWorkspace", "Out&comes"), ("outcomes_at_3_6_12_months",)),
    (
        QT_TRANSLATE_NOOP("DashboardsWorkspace", "Time out of wor&k"),
        ("days_out_of_work", "days_out_of_work_distribution"),
    ),
)
#: Tables whose columns measure different things (events, people affected): one chart each.
PER_MEASURE = frozenset({"events_by_sector", "events_by_council_area"})
FILE_FILTERS: dict[ReportFormat, str] = {
    "xlsx": QT_TRANSLATE_NOOP("DashboardsWorkspace", "Excel workbook (*.xlsx)"),
    "csv": QT_TRANSLATE_NOOP("DashboardsWorkspace", "CSV file (*.csv)"),
}


def report_format_of(path: Path, chosen_filter: str = "") -> tuple[Path, ReportFormat]:
    """The format a file name asks for; a name without a known suffix gets the chosen one."""
    suffix = path.suffix.lower().lstrip(".")
    for fmt in REPORT_FORMATS:
        if suffix == fmt:
            return path, fmt
    fmt = "csv" if "*.csv" in chosen_filter else "xlsx"
    return path.with_name(f"{path.name}.{fmt}"), fmt


class DashboardsWorkspace(QWidget):
    """Statistics for team leads, admins and analysts. Never shows a person's record."""

    #: The server said this device is revoked (the session has wiped the store): message.
    device_revoked = Signal(str)
    #: The sign-in expired: the app should ask for the password again.
    reauth_needed = Signal()
    #: A fetch or export finished (True) or failed (False); for tests and the status line.
    finished = Signal(bool)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("dashboards_workspace")
        self.filters = FilterBar(self)
        self.filters.refresh_requested.connect(self.refresh)
        self.filters.export_requested.connect(lambda: self.export_report())
        self.status = plain_label("", self, name="stats_status")
        self.status.setWordWrap(True)
        self.error = error_label(self)
        self.error.setObjectName("stats_error")
        self.error.setAccessibleName(self.tr("Statistics error"))
        self.panels: dict[str, ChartPanel] = {}
        self.sections = QTabWidget(self)
        self.sections.setObjectName("stats_sections")
        for title, table_ids in SECTIONS:
            self.sections.addTab(self._section(table_ids), self.tr(title))
        self.response: StatsResponse | None = None
        self.job: Job | None = None
        self._fetched_once = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.sections, 1)
        state.session_changed.connect(self._on_session_changed)

    def _section(self, table_ids: tuple[str, ...]) -> QScrollArea:
        page = QWidget()
        column = QVBoxLayout(page)
        for table_id in table_ids:
            panel = ChartPanel(table_id, page, per_measure=table_id in PER_MEASURE)
            self.panels[table_id] = panel
            column.addWidget(panel)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    # -- fetching ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fetched_once:
            self.refresh()

    def refresh(self) -> Job | None:
        """Fetch the figures for the filters' selection (off the GUI thread)."""
        query = self._valid_query()
        session = self.state.session
        if query is None or session is None or self.busy:
            return None
        self._fetched_once = True
        self.error.setVisible(False)
        self.status.setText(
            self.tr("Fetching figures for {what}…").format(what=self.filters.describe())
        )
        return self._run(
            lambda: session.fetch_stats(query),
            self.show_response,
            self.tr("Fetching statistics from the server…"),
        )

    def _valid_query(self) -> StatsQuery | None:
        query = self.filters.query()
        if query.period_to < query.period_from:
            self._show_error(self.tr("The period ends before it starts: check the dates."))
            return None
        return query

    def show_response(self, response: StatsResponse) -> None:
        self.response = response
        for table_id, panel in self.panels.items():
            panel.set_table(table_of(response, table_id))
        self.status.setText(self.tr("Figures for {what}.").format(what=self.filters.describe()))

    # -- exporting ---------------------------------------------------------------------------
    def export_report(self, destination: Path | None = None) -> Job | None:
        """Download the quarterly report for the chosen period into a file the user picks."""
        query = self._valid_query()
        session = self.state.session
        if query is None or session is None or self.busy:
            return None
        if destination is None:
            destination = self._ask_destination(query)
            if destination is None:
                return None
        path, fmt = report_format_of(destination)
        self.error.setVisible(False)
        return self._run(
            lambda: session.download_report(query, fmt, path),
            lambda saved: self.status.setText(
                self.tr("Report saved to {path}.").format(path=str(saved))
            ),
            self.tr("Downloading the report…"),
        )

    def _ask_destination(self, query: StatsQuery) -> Path | None:
        suggested = f"pace-report-{query.period_from.isoformat()}-to-{query.period_to.isoformat()}"
        filters = ";;".join(
            QCoreApplication.translate("DashboardsWorkspace", FILE_FILTERS[f])
            for f in REPORT_FORMATS
        )
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export quarterly workbook"),
            str(Path.home() / f"{suggested}.xlsx"),
            filters,
        )
        if not name:
            return None
        path, _fmt = report_format_of(Path(name), chosen)
        return path

    # -- plumbing ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def _run(self, work: Callable[[], object], on_done: Callable[..., None], label: str) -> Job:
        session = self.state.session

        def succeeded(result: object) -> None:
            self.job = None
            if self.state.session is not session:
                return  # locked (or signed out) meanwhile: the figures went with the session
            on_done(result)
            self.finished.emit(True)

        self.job = self.state.runner.run(
            lambda _progress: work(),
            on_success=succeeded,
            on_failure=self._failed,
            label=label,
            parent_widget=self,
        )
        return self.job

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        failure = classify(exc)
        message = describe(exc)
        if failure is Failure.REVOKED:
            self.device_revoked.emit(message)
        elif failure is Failure.UNAUTHENTICATED:
            self.reauth_needed.emit()
        self._show_error(message)
        self.finished.emit(False)

    def _show_error(self, message: str) -> None:
        self.status.setText("")
        self.error.setText(message)
        self.error.setVisible(True)

    def _on_session_changed(self) -> None:
        """Locked or signed out: the figures go with the session."""
        if self.state.session is None:
            self.response = None
            self._fetched_once = False
            for panel in self.panels.values():
                panel.set_table(None)
            self.status.setText("")
            self.error.setVisible(False)
