"""Caseload review: every person the partner can see, filtered, sorted and counted per adviser.

The caseload is the store's derived ``caseload`` table (kept current at every write), opened
and queried on a reader thread of its own, so neither typing in a filter nor a sync blocks the
window.
"""

from __future__ import annotations

import itertools
import re

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import (
    CaseloadFilter,
    CaseloadIndex,
    CaseloadOptions,
    CaseloadResult,
    Changes,
    Choice,
    FollowUp,
    open_caseload,
)
from desktop_app.ui.i18n import translated
from desktop_app.ui.jobs import JobRunner
from desktop_app.ui.lead.models import CaseloadModel
from desktop_app.ui.plain import plain_label
from desktop_app.ui.state import AppState

FILTER_DEBOUNCE_MS = 120
#: A burst of saves or a sync rebuilds the index once, after this quiet time.
REBUILD_DEBOUNCE_MS = 1000
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CASE_TYPES = ("client", "engagement", "referral", "outcome", "redundancy_event", "employer")


class CaseloadPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.index: CaseloadIndex | None = None
        self.result: CaseloadResult | None = None
        self._generation = 0
        self._stale = True
        self._sort = ("last_name", False)
        # Queries read only the in-memory index: their own lane, never queued behind a sync.
        self.queries = JobRunner(self)
        self.model = CaseloadModel()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_filters)
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(REBUILD_DEBOUNCE_MS)
        self._rebuild.timeout.connect(self.reload)
        self._build_filters()
        self.table = self._build_table()
        self.per_adviser = self._build_counts()
        self.count_label = plain_label("", self, name="caseload_count")
        self._lay_out()
        self.model.sort_requested.connect(self._on_sort)
        self.table.activated.connect(self.open_row)
        state.changed.connect(self._on_changed)
        state.session_changed.connect(self._on_session_changed)
        # Built as soon as a lead's session opens, so it is ready when the workspace is shown.
        self._on_session_changed(build_now=True)

    # -- building --------------------------------------------------------------------------
    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setMinimumContentsLength(14)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(lambda _i: self._timer.start())
        return combo

    def _date_edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        edit.setMaxLength(10)
        edit.textChanged.connect(lambda _t: self._timer.start())
        return edit

    def _build_filters(self) -> None:
        self.adviser = self._combo("caseload_adviser", self.tr("Filter by adviser"))
        self.event_combo = self._combo("caseload_event", self.tr("Filter by event"))
        self.employer = self._combo("caseload_employer", self.tr("Filter by employer"))
        self.area = self._combo("caseload_area", self.tr("Filter by council area"))
        self.date_from = self._date_edit("caseload_from", self.tr("Registered on or after"))
        self.date_to = self._date_edit("caseload_to", self.tr("Registered on or before"))
        self.follow_up = self._combo("caseload_follow_up", self.tr("Follow-up needed"))
        self.follow_up.addItem(self.tr("Anyone"), None)
        self.follow_up.addItem(self.tr("Open referral older than N days"), FollowUp.OPEN_REFERRAL)
        self.follow_up.addItem(self.tr("No engagement for N days"), FollowUp.NO_ENGAGEMENT)
        self.follow_up.addItem(self.tr("3-month outcome missing"), FollowUp.OUTCOME_3)
        self.follow_up.addItem(self.tr("6-month outcome missing"), FollowUp.OUTCOME_6)
        self.follow_up.addItem(self.tr("12-month outcome missing"), FollowUp.OUTCOME_12)
        self.days = QSpinBox(self)
        self.days.setObjectName("caseload_days")
        self.days.setAccessibleName(self.tr("Number of days for the follow-up filter"))
        self.days.setRange(0, 3650)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.valueChanged.connect(lambda _v: self._timer.start())
        self._fill_options(None)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("caseload_table")
        table.setAccessibleName(self.tr("Caseload"))
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((95, 80, 120, 85, 140, 90, 110, 100)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        return table

    def _build_counts(self) -> QTableWidget:
        counts = QTableWidget(0, 2, self)
        counts.setObjectName("caseload_per_adviser")
        counts.setAccessibleName(self.tr("People per adviser"))
        counts.setHorizontalHeaderLabels([self.tr("Adviser"), self.tr("People")])
        counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        counts.verticalHeader().setVisible(False)
        counts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        counts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        counts.setTabKeyNavigation(False)
        return counts

    def _lay_out(self) -> None:
        grid = QGridLayout()
        labelled: tuple[tuple[str, QWidget, int, int], ...] = (
            (self.tr("A&dviser:"), self.adviser, 0, 0),
            (self.tr("E&vent:"), self.event_combo, 0, 2),
            (self.tr("E&mployer:"), self.employer, 0, 4),
            (self.tr("Council &area:"), self.area, 1, 0),
            (self.tr("Registered &from:"), self.date_from, 1, 2),
            (self.tr("Registered &until:"), self.date_to, 1, 4),
            (self.tr("F&ollow-up:"), self.follow_up, 2, 0),
            (self.tr("&Within:"), self.days, 2, 2),
        )
        for text, widget, row, column in labelled:
            label = plain_label(text, self)
            label.setTextFormat(Qt.TextFormat.AutoText)  # our own text: the & is a mnemonic
            label.setBuddy(widget)
            grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(self.count_label, 2, 4, 1, 2)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(plain_label(self.tr("People per adviser"), right))
        right_layout.addWidget(self.per_adviser, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([940, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(splitter, 1)
        order: list[QWidget] = [self.adviser, self.event_combo, self.employer, self.area]
        order += [self.date_from, self.date_to, self.follow_up, self.days, self.table]
        order.append(self.per_adviser)
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # -- filter options --------------------------------------------------------------------
    def _fill(self, combo: QComboBox, everyone: str, choices: list[Choice]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for choice in choices:
            combo.addItem(translated(choice.label), choice.value)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)

    def _fill_options(self, options: CaseloadOptions | None) -> None:
        self._fill(self.adviser, self.tr("All advisers"), options.advisers if options else [])
        self._fill(self.event_combo, self.tr("All events"), options.events if options else [])
        self._fill(self.employer, self.tr("All employers"), options.employers if options else [])
        self._fill(
            self.area, self.tr("All council areas"), options.council_areas if options else []
        )

    def current_filter(self) -> CaseloadFilter:
        def date(edit: QLineEdit) -> str | None:
            text = edit.text().strip()
            return text if _DATE.fullmatch(text) else None

        follow = self.follow_up.currentData()
        return CaseloadFilter(
            adviser=self.adviser.currentData(),
            event_id=self.event_combo.currentData(),
            employer_id=self.employer.currentData(),
            council_area=self.area.currentData(),
            registered_from=date(self.date_from),
            registered_to=date(self.date_to),
            follow_up=FollowUp(follow) if follow else None,
            days=self.days.value(),
        )

    # -- loading ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_session_changed(self, *, build_now: bool = False) -> None:
        self._stale = True
        if self.state.session is None:
            self._set_index(None)
        elif build_now or self.isVisible():
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*CASE_TYPES):
            self._stale = True
            if self.isVisible():
                self._rebuild.start()

    def reload(self) -> None:
        """Reopen the caseload (device list, employer names), then query it. It only reads, so it
        runs on the reader thread, not the store's lane: registrations never wait for it (the
        store is in WAL mode, so a reader and the writer do not block each other)."""
        session = self.state.session
        if session is None or session.is_locked:
            return
        self._stale = False
        self._rebuild.stop()
        own = session.user.display_name or session.user.username

        def build(_progress: object) -> CaseloadIndex:
            # Other devices are named after their users where a conflict record says who they are.
            names = {
                side.device_id: side.user
                for conflict in session.open_conflicts()
                for side in (conflict.winner, conflict.loser)
                if side.device_id and side.user
            }
            return open_caseload(session.repo, own, names)

        self.count_label.setText(self.tr("Reading the caseload…"))
        self.queries.run(build, on_success=self._set_index, show_progress=False)

    def _set_index(self, index: CaseloadIndex | None) -> None:
        if index is not None and self.state.repo is None:
            index.close()  # built just before a lock: its people must not stay in memory
            index = None
        old, self.index = self.index, index
        self._fill_options(None if index is None else index.options())
        if index is None:
            self.model.set_result(None, None)
            self._show_counts(None)
        else:
            self.apply_filters()
        if old is not None:
            # Queries already queued on the old index finish first (one reader thread).
            self.queries.run(lambda _p: old.close(), show_progress=False)

    def apply_filters(self) -> None:
        self._timer.stop()
        index = self.index
        if index is None:
            return
        self._generation += 1
        generation = self._generation
        wanted = self.current_filter()
        sort, descending = self._sort
        self.queries.run(
            lambda _p: index.query(wanted, sort, descending),
            on_success=lambda result: self._show(generation, index, result),
            show_progress=False,
        )

    def _on_sort(self, sort: str, descending: bool) -> None:
        self._sort = (sort, descending)
        self.apply_filters()

    def _show(self, generation: int, index: CaseloadIndex, result: CaseloadResult) -> None:
        if generation != self._generation or index is not self.index:
            return  # a newer filter is on its way
        self.result = result
        self.model.set_result(index, result)
        self._show_counts(result)

    def _show_counts(self, result: CaseloadResult | None) -> None:
        rows = [] if result is None else result.per_adviser
        self.per_adviser.setRowCount(len(rows))
        for i, (name, count) in enumerate(rows):
            self.per_adviser.setItem(i, 0, QTableWidgetItem(translated(name)))
            number = QTableWidgetItem(f"{count:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.per_adviser.setItem(i, 1, number)
        total = 0 if result is None else result.total
        self.count_label.setText(
            self.tr("1 person") if total == 1 else self.tr("{n} people").format(n=f"{total:,}")
        )

    def open_row(self, index: QModelIndex) -> None:
        person_id = self.model.person_id(index.row())
        if person_id:
            self.state.open_person.emit(person_id)


__all__ = ["CaseloadPage"]
