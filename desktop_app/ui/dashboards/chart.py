"""One statistics table as a chart (matplotlib's Qt Agg backend) beside a table of its numbers.

The table is the accessible form of the chart: keyboard focus goes to it (the picture takes
none), and a screen reader reads each cell with its row and column. Withheld values are gaps
in the chart with their marker drawn where the bar would start, and a note under the chart
says they are not zero.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.i18n import QT_TRANSLATE_NOOP
from desktop_app.ui.plain import plain_label
from pace_shared.stats_wire import StatsTable

from .series import ChartData, chart_data, measure_groups
from .table_model import StatsTableModel

#: Colour-blind-safe palette (Okabe-Ito), so series are told apart without relying on hue alone
#: (the legend and the table name them too).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
#: Above this many categories, or with long names, bars run sideways so labels stay readable.
SIDEWAYS_CATEGORIES = 12
SIDEWAYS_LABEL_CHARS = 14
FONT_SIZE = 9
CANVAS_MIN_WIDTH = 480
#: Longest category name drawn on an axis.
LABEL_CHARS = 30
TABLE_MAX_HEIGHT = 560
#: A table wider than this many columns, or with longer names, goes under its chart.
SIDE_BY_SIDE_COLUMNS = 3
GAP_NOTE = QT_TRANSLATE_NOOP(
    "ChartPanel",
    "Values marked [c] (withheld to protect confidentiality) or [x] (not available) are "
    "left out of the chart; they are not zero. The table gives every value.",
)
LEFT_OUT_NOTE = QT_TRANSLATE_NOOP(
    "ChartPanel", "The chart shows totals only; the table gives every column."
)
EMPTY_TEXT = QT_TRANSLATE_NOOP("ChartPanel", "No figures for this selection")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChartPanel", text)


def is_sideways(data: ChartData) -> bool:
    longest = max((len(c) for c in data.categories), default=0)
    return len(data.categories) > SIDEWAYS_CATEGORIES or longest > SIDEWAYS_LABEL_CHARS


def chart_height(data: ChartData) -> int:
    """Pixels the chart needs: sideways bars get room per category for every bar in it."""
    if is_sideways(data):
        per_category = max(22, 8 + 8 * len(data.series_names))
        return max(260, per_category * len(data.categories) + 110)
    return 300


def short_label(text: str) -> str:
    """A category name short enough for an axis; the table beside it gives it whole."""
    if len(text) <= LABEL_CHARS:
        return text
    return text[: LABEL_CHARS - 1].rstrip(" ;,:") + "…"


def draw(figure: Figure, data: ChartData, *, per_measure: bool = False) -> None:
    """Draw ``data`` on ``figure``, replacing what was there: grouped bars of the counts, with
    each share or median on an axis of its own (and with ``per_measure`` every column on its
    own: events and people affected never share an axis)."""
    figure.clear()
    if data.is_empty or (not data.plotted_values() and not data.gaps):
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.text(0.5, 0.5, _tr(EMPTY_TEXT), ha="center", va="center", fontsize=FONT_SIZE + 1)
        return
    sideways = is_sideways(data)
    groups = measure_groups(data, per_measure=per_measure)
    grid = figure.subplots(1, len(groups), sharey=sideways, squeeze=False)[0]
    legend: list[int] = []
    for index, (axes, group) in enumerate(zip(grid, groups, strict=True)):
        part = data.subset(group)
        _bars(axes, part, sideways=sideways, first_colour=group[0])
        _label_axes(axes, part, sideways=sideways)
        if index and sideways:
            axes.set_ylabel("")
            axes.tick_params(labelleft=False)  # the categories are named once, on the left
        if len(group) > 1:
            legend += group
    if legend:
        # Above the plots, never over the bars.
        handles = [h for axes in grid for h in axes.get_legend_handles_labels()[0]]
        names = [h.get_label() for h in handles]
        wanted = [data.series_names[i] for i in legend]
        figure.legend(
            [handles[names.index(name)] for name in wanted],
            wanted,
            loc="outside upper center",
            ncols=min(len(wanted), 3),
            fontsize=FONT_SIZE,
            frameon=False,
        )


def _bars(axes: Axes, data: ChartData, *, sideways: bool, first_colour: int = 0) -> None:
    count = len(data.series_names)
    width = 0.8 / count
    for s, (name, values) in enumerate(zip(data.series_names, data.values, strict=True)):
        offsets = [c - 0.4 + width * (s + 0.5) for c in range(len(data.categories))]
        colour = PALETTE[(first_colour + s) % len(PALETTE)]
        if sideways:
            axes.barh(offsets, values, height=width, label=name, color=colour)
        else:
            axes.bar(offsets, values, width=width, label=name, color=colour)
    _mark_gaps(axes, data, width, sideways=sideways)


def _mark_gaps(axes: Axes, data: ChartData, width: float, *, sideways: bool) -> None:
    """Write the marker where a withheld bar would start, so the gap reads as withheld."""
    for gap in data.gaps:
        position = gap.category - 0.4 + width * (gap.series + 0.5)
        point = (0.0, position) if sideways else (position, 0.0)
        axes.annotate(
            gap.marker,
            point,
            xytext=(4, 0) if sideways else (0, 3),
            textcoords="offset points",
            ha="left" if sideways else "center",
            va="center" if sideways else "bottom",
            fontsize=FONT_SIZE,
            color="#444444",
        )


def _label_axes(
    axes: Axes, data: ChartData, *, sideways: bool, value_label: str | None = None
) -> None:
    positions = list(range(len(data.categories)))
    value_label = value_label or data.value_label[:1].upper() + data.value_label[1:]
    top = max(data.plotted_values(), default=0.0)
    limit = 1.0 if math.isnan(top) or top <= 0 else top * 1.08
    if len(data.series_names) == 1 and "%" in data.series_names[0]:
        limit = 100.0  # shares on their whole scale
    if sideways:
        axes.set_yticks(positions, [short_label(c) for c in data.categories], fontsize=FONT_SIZE)
        # First category at the top, as in the table, with half a bar of room at both ends.
        axes.set_ylim(len(data.categories) - 0.5, -0.5)
        axes.set_xlabel(value_label, fontsize=FONT_SIZE)
        axes.set_ylabel(data.category_label, fontsize=FONT_SIZE)
        axes.set_xlim(0, limit)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.grid(axis="x", alpha=0.3)
    else:
        rotate = len(data.categories) > 8
        axes.set_xlim(-0.7, len(data.categories) - 0.3)  # room for a marker at either end
        axes.set_xticks(
            positions,
            [short_label(c) for c in data.categories],
            fontsize=FONT_SIZE,
            rotation=45 if rotate else 0,
            ha="right" if rotate else "center",
        )
        axes.set_xlabel(data.category_label, fontsize=FONT_SIZE)
        axes.set_ylabel(value_label, fontsize=FONT_SIZE)
        axes.set_ylim(0, limit)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.grid(axis="y", alpha=0.3)
    axes.tick_params(labelsize=FONT_SIZE)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


class ChartPanel(QWidget):
    """Title, chart and notes on the left; the table of the same numbers on the right."""

    def __init__(
        self, table_id: str, parent: QWidget | None = None, *, per_measure: bool = False
    ) -> None:
        super().__init__(parent)
        self.table_id = table_id
        self.per_measure = per_measure
        self.setObjectName(f"chart_{table_id}")
        self.title = plain_label("", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.figure = Figure(figsize=(6, 3), dpi=100, layout="constrained")
        # matplotlib's Qt backend has no type hints.
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table is the keyboard's way in
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Wide enough to lay out even before it is shown (else matplotlib's layout collapses).
        self.canvas.setMinimumWidth(CANVAS_MIN_WIDTH)
        self.gap_note = plain_label(_tr(GAP_NOTE), self)
        self.notes = plain_label("", self)
        for label in (self.gap_note, self.notes):
            label.setWordWrap(True)
        self.model = StatsTableModel()
        self.table = self._table_view()
        self.data: ChartData | None = None
        self._layout()
        self.set_table(None)

    def _table_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setObjectName(f"table_{self.table_id}")
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        # Compact rows: a line of text and a little air, like a spreadsheet.
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setTabKeyNavigation(False)  # Tab moves on to the next table, arrows move inside
        return view

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.canvas)
        left.addWidget(self.gap_note)
        left.addWidget(self.notes)
        left.addStretch(1)
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._row.addLayout(left, 3)
        self._row.addWidget(self.table, 2)

    def set_table(self, table: StatsTable | None) -> None:
        """Show ``table`` (None: nothing fetched yet, or the server did not send it)."""
        self.model.set_table(table)
        title = table.title if table is not None else ""
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.canvas.setAccessibleName(self.tr("Chart: {title}").format(title=title))
        self.canvas.setAccessibleDescription(
            self.tr("Bar chart. The same figures are in the table next to it.")
        )
        self.table.setAccessibleName(self.tr("Table: {title}").format(title=title))
        self.data = chart_data(table) if table is not None else None
        notes = list(table.notes) if table is not None else []
        if self.data is not None and self.data.series_left_out:
            notes.insert(0, _tr(LEFT_OUT_NOTE))
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.gap_note.setVisible(bool(self.data and self.data.gaps))
        self._arrange(table)
        self._redraw()

    def _arrange(self, table: StatsTable | None) -> None:
        """Narrow tables beside the chart; wide ones (many columns, long names) under it, at
        full width and tall enough for every row, so no column hides behind a scroll bar."""
        longest = max((len(str(row[0])) for row in table.rows if row), default=0) if table else 0
        wide = table is not None and (
            len(table.columns) > SIDE_BY_SIDE_COLUMNS or longest > LABEL_CHARS
        )
        self._row.setDirection(
            QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight
        )
        header = self.table.horizontalHeader().sizeHint().height()
        rows = self.table.verticalHeader().defaultSectionSize() * self.model.rowCount()
        frame = 2 * self.table.frameWidth()
        scroll = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(min(TABLE_MAX_HEIGHT, header + rows + frame + scroll))

    def _redraw(self) -> None:
        data = self.data or ChartData("", "", "", [], [], [])
        self.canvas.setFixedHeight(chart_height(data))
        draw(self.figure, data, per_measure=self.per_measure)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]
