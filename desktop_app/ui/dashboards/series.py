"""What a chart draws from one statistics table: categories, series, and where values are missing.

A suppressed (``[c]``) or unavailable (``[x]``) cell becomes a gap (NaN), never zero: plotting
it as zero would state a number the disclosure control deliberately withheld. Total rows and
columns are left out of the chart (they would dwarf the bars) but stay in the table view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pace_shared.stats_wire import NOT_AVAILABLE, SUPPRESSED, Cell, StatsResponse, StatsTable

#: The markers that stand for a value never to be shown or plotted as a number.
MARKERS = (SUPPRESSED, NOT_AVAILABLE)
#: A row or column with this label (any case) holds totals.
TOTAL_LABEL = "total"
#: More series than this in one chart cannot be told apart; then only the totals are drawn.
MAX_SERIES = 6

__all__ = [
    "MAX_SERIES",
    "ChartData",
    "Gap",
    "StatsTable",
    "chart_data",
    "is_marker",
    "is_rate",
    "measure_groups",
    "table_of",
]


def table_of(response: StatsResponse, table_id: str) -> StatsTable | None:
    return next((t for t in response.tables if t.id == table_id), None)


def is_rate(column: str) -> bool:
    """A share or a median: a different scale from the counts beside it."""
    lowered = column.lower()
    return "%" in lowered or "median" in lowered


def is_marker(cell: Cell) -> bool:
    return isinstance(cell, str) and cell in MARKERS


def _number(cell: Cell) -> float:
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return math.nan
    return float(cell)


def _is_total(label: object) -> bool:
    return str(label).strip().lower() == TOTAL_LABEL


@dataclass(frozen=True, slots=True)
class Gap:
    """A value the chart leaves out: which category and series, and the marker shown instead."""

    category: int
    series: int
    marker: str


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    category_label: str
    value_label: str
    categories: list[str]
    series_names: list[str]
    #: values[s][c]: series s at category c; NaN where the table has a marker or nothing.
    values: list[list[float]]
    gaps: list[Gap] = field(default_factory=list)
    #: True when more series existed than one chart can show (only totals are drawn).
    series_left_out: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.categories or not self.series_names

    def subset(self, series: list[int]) -> ChartData:
        """The same categories with only these series (for one chart per measure)."""
        position = {s: i for i, s in enumerate(series)}
        return ChartData(
            title=self.title,
            category_label=self.category_label,
            value_label=self.series_names[series[0]] if len(series) == 1 else self.value_label,
            categories=self.categories,
            series_names=[self.series_names[s] for s in series],
            values=[self.values[s] for s in series],
            gaps=[
                Gap(g.category, position[g.series], g.marker)
                for g in self.gaps
                if g.series in position
            ],
        )

    def plotted_values(self) -> list[float]:
        return [v for series in self.values for v in series if not math.isnan(v)]


def _series_columns(table: StatsTable) -> tuple[list[int], bool]:
    """Indexes of the columns to draw, and whether some were left out."""
    numeric = [i for i in range(1, len(table.columns)) if not _is_total(table.columns[i])]
    totals = [i for i in range(1, len(table.columns)) if _is_total(table.columns[i])]
    if len(numeric) <= MAX_SERIES:
        return (numeric or totals), False
    return (totals or numeric[:MAX_SERIES]), True


def measure_groups(data: ChartData, *, per_measure: bool = False) -> list[list[int]]:
    """Which series share an axis: counts together, each share or median on its own axis;
    with ``per_measure`` every series on its own (events and people affected)."""
    names = data.series_names
    if per_measure:
        return [[i] for i in range(len(names))]
    counts = [i for i, name in enumerate(names) if not is_rate(name)]
    rates = [[i] for i, name in enumerate(names) if is_rate(name)]
    return ([counts] if counts else []) + rates


def chart_data(table: StatsTable) -> ChartData:
    """The chart's view of ``table``: first column = categories, the others = series."""
    rows = [row for row in table.rows if row and not _is_total(row[0])]
    columns, left_out = _series_columns(table)
    values: list[list[float]] = []
    gaps: list[Gap] = []
    for s, column in enumerate(columns):
        series: list[float] = []
        for c, row in enumerate(rows):
            cell = row[column] if column < len(row) else None
            series.append(_number(cell))
            if is_marker(cell):
                gaps.append(Gap(c, s, str(cell)))
        values.append(series)
    return ChartData(
        title=table.title,
        category_label=table.columns[0] if table.columns else "",
        value_label=table.unit,
        categories=["" if row[0] is None else str(row[0]) for row in rows],
        series_names=[table.columns[i] for i in columns],
        values=values,
        gaps=gaps,
        series_left_out=left_out,
    )
