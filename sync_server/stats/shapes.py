"""Table shapes with disclosure control applied: one-way, cross-tabulated, per-row shares."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pace_shared.disclosure import SUPPRESSED, protect, protect_column, share, with_totals
from pace_shared.stats_wire import Cell, StatsTable

TOTAL = "Total"
Labels = Sequence[tuple[Hashable, str]]


@dataclass(frozen=True, slots=True)
class Heading:
    id: str
    title: str
    unit: str
    notes: list[str] = field(default_factory=list)

    def table(self, columns: list[str], rows: list[list[Cell]]) -> StatsTable:
        return StatsTable(
            id=self.id,
            title=self.title,
            unit=self.unit,
            columns=columns,
            rows=rows,
            notes=self.notes,
        )


def protected_column(labels: Labels, counts: Mapping[Hashable, int]) -> list[int | str]:
    """One additive count column with its total last, protected as a table with its total."""
    grid = with_totals([[counts.get(key, 0)] for key, _ in labels])
    return [row[0] for row in protect(grid)]


def one_way(
    heading: Heading,
    row_header: str,
    labels: Labels,
    measures: Sequence[tuple[str, Mapping[Hashable, int]]],
) -> StatsTable:
    """Rows of categories and a Total row; each measure column protected on its own (the
    measures count different things, so no sum links them)."""
    columns = [protected_column(labels, counts) for _, counts in measures]
    names = [label for _, label in labels] + [TOTAL]
    rows: list[list[Cell]] = [
        [name, *(column[i] for column in columns)] for i, name in enumerate(names)
    ]
    return heading.table([row_header, *(name for name, _ in measures)], rows)


def cross_tab(
    heading: Heading,
    row_header: str,
    row_labels: Labels,
    column_labels: Labels,
    counts: Mapping[tuple[Any, Any], int],
) -> StatsTable:
    interior = [[counts.get((r, c), 0) for c, _ in column_labels] for r, _ in row_labels]
    published = protect(with_totals(interior))
    names = [label for _, label in row_labels] + [TOTAL]
    rows: list[list[Cell]] = [[name, *cells] for name, cells in zip(names, published, strict=True)]
    return heading.table([row_header, *(label for _, label in column_labels), TOTAL], rows)


def non_additive(
    heading: Heading,
    row_header: str,
    value_header: str,
    labels: Labels,
    counts: Mapping[Hashable, int],
    total: int,
) -> StatsTable:
    """A column whose Total counts each person once although they appear in several rows."""
    cells = protect_column([counts.get(key, 0) for key, _ in labels] + [total])
    names = [label for _, label in labels] + [TOTAL]
    return heading.table(
        [row_header, value_header], [[n, c] for n, c in zip(names, cells, strict=True)]
    )


def split_row(parts: Sequence[int]) -> tuple[list[int | str], int | str, bool]:
    """Counts that make up a base (e.g. in work / not in work): the parts and the base as
    published, and whether any of them is suppressed (then no share may be shown)."""
    published = protect(with_totals([list(parts)]))[0]
    return published[:-1], published[-1], SUPPRESSED in published


def shares_table(
    heading: Heading,
    row_header: str,
    labels: Labels,
    parts: Mapping[Hashable, Sequence[int]],
    part_names: Sequence[str],
    shown_parts: int,
    names: tuple[str, str],
) -> StatsTable:
    """Per row: the base, its first ``shown_parts`` parts, and the share those parts make of
    the base. Each row is protected as a small table of its parts and base. ``names`` are
    the base's and the share's column headings."""
    rows: list[list[Cell]] = []
    for key, label in labels:
        values = parts.get(key) or [0] * len(part_names)
        published, base, hidden = split_row(values)
        numerator = sum(values[:shown_parts])
        rate = share(numerator, sum(values), hidden=hidden)
        rows.append([label, base, *published[:shown_parts], rate])
    return heading.table([row_header, names[0], *part_names[:shown_parts], names[1]], rows)
