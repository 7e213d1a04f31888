"""What a chart draws from one statistics table: categories, series, and where values are missing.

A suppressed (``[c]``) or unavailable (``[x]``) cell becomes a gap (NaN), never zero: plotting
it as zero would state a number the disclosure control deliberately withheld. Total rows and
columns are left out of the chart (they would dwarf the bars) but stay in the table view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pace_shared.stats_wire import MARKERS, Cell, StatsTable

#: A row or column with this label (any case) holds totals.
TOTAL_LABEL = "total"
#: More series than this in one chart cannot be told apart; then only the totals are drawn.
MAX_SERIES = 6

__all__ = ["MAX_SERIES", "ChartData", "Gap", "StatsTable", "chart_data", "is_marker"]


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

    def single(self, series: int) -> ChartData:
        """The same categories with one series only (for one chart per measure)."""
        return ChartData(
            title=self.title,
            category_label=self.category_label,
            value_label=self.series_names[series],
            categories=self.categories,
            series_names=[self.series_names[series]],
            values=[self.values[series]],
            gaps=[Gap(g.category, 0, g.marker) for g in self.gaps if g.series == series],
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
