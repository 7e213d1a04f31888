"""Disclosure control: nothing suppressed can be worked out from what is published.

For small random tables, every suppressed cell's least and greatest value over all
non-negative integer tables consistent with the published cells and totals are found by
integer programming (scipy's HiGHS): they must differ, so the cell can take at least two values.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from pace_shared.disclosure import (
    NOT_AVAILABLE,
    SUPPRESSED,
    median_cell,
    protect,
    rate,
    suppression_mask,
    with_totals,
)

Grid = list[list[int]]


def _line_equations(grid: Grid) -> list[list[tuple[int, int, int]]]:
    """Each row and column of a grid with totals: its cells with +1, its total with -1."""
    height, width = len(grid), len(grid[0])
    rows = [[(i, j, 1) for j in range(width - 1)] + [(i, width - 1, -1)] for i in range(height)]
    cols = [[(i, j, 1) for i in range(height - 1)] + [(height - 1, j, -1)] for j in range(width)]
    return rows + cols


def _value_range(grid: Grid, mask: list[list[bool]], cell: tuple[int, int]) -> tuple[float, float]:
    """Least and greatest value ``cell`` can take in any non-negative integer table that shows
    the same published cells and totals (inf when unbounded)."""
    unknown = [(i, j) for i, row in enumerate(mask) for j, hidden in enumerate(row) if hidden]
    index = {c: k for k, c in enumerate(unknown)}
    matrix, rhs = [], []
    for line in _line_equations(grid):
        coefficients = np.zeros(len(unknown))
        known = 0
        for i, j, sign in line:
            if (i, j) in index:
                coefficients[index[(i, j)]] += sign
            else:
                known += sign * grid[i][j]
        matrix.append(coefficients)
        rhs.append(-known)
    constraint = LinearConstraint(np.array(matrix), rhs, rhs)
    objective = np.zeros(len(unknown))
    objective[index[cell]] = 1
    ends = []
    for direction in (1, -1):
        result = milp(
            direction * objective,
            constraints=[constraint],
            integrality=np.ones(len(unknown)),
            bounds=Bounds(0, np.inf),
        )
        # The real table is a solution, so "unbounded or infeasible" (4) means unbounded.
        if result.status in (3, 4):
            ends.append(float(np.inf))
            continue
        assert result.status == 0, result.message
        ends.append(direction * result.fun)
    return ends[0], ends[1]


def _recoverable(grid: Grid, mask: list[list[bool]]) -> list[tuple[int, int]]:
    cells = [(i, j) for i, row in enumerate(mask) for j, hidden in enumerate(row) if hidden]
    found = []
    for cell in cells:
        low, high = _value_range(grid, mask, cell)
        assert low <= grid[cell[0]][cell[1]] <= high
        if low == high:
            found.append(cell)
    return found


# Small tables whose cells are mostly small, so that suppression patterns are rich.
tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 6), st.integers(0, 25)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=400, deadline=None)
@given(tables)
def test_no_suppressed_cell_is_recoverable(interior: Grid) -> None:
    grid = with_totals(interior)
    mask = suppression_mask(grid)
    assert _recoverable(grid, mask) == []


@settings(max_examples=400, deadline=None)
@given(tables)
def test_published_cells_never_show_1_to_4(interior: Grid) -> None:
    grid = with_totals(interior)
    for row in protect(grid):
        for value in row:
            assert value == SUPPRESSED or not (1 <= int(value) <= 4)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_no_line_has_exactly_one_suppressed_cell(interior: Grid) -> None:
    grid = with_totals(interior)
    mask = suppression_mask(grid)
    lines = [list(row) for row in mask] + [list(col) for col in zip(*mask, strict=True)]
    assert all(sum(line) != 1 for line in lines)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_zero_is_shown_and_never_suppressed(interior: Grid) -> None:
    grid = with_totals(interior)
    published = protect(grid)
    for row, shown in zip(grid, published, strict=True):
        for value, cell in zip(row, shown, strict=True):
            if value == 0:
                assert cell == 0


# Two 2 x 2 blocks of small counts joined by one more small count (row B, column 3).
BRIDGED = [
    [2, 3, 9, 9, 9],
    [3, 2, 4, 9, 9],
    [9, 9, 2, 3, 9],
    [9, 9, 3, 2, 9],
]


def test_decision_11_alone_leaves_a_bridge_recoverable() -> None:
    """The rule as written: every line has two or more suppressed cells, yet the cell joining
    the two blocks is fixed by the totals (so the rule is strengthened)."""
    grid = with_totals(BRIDGED)
    mask = suppression_mask(grid, close_bridges=False)
    assert mask[1][2]
    assert _recoverable(grid, mask) == [(1, 2)]


# What hypothesis found for the rule alone: the last column's total (1 + 1 = 2) joins two
# cycles of suppressed cells, so the sums fix it.
FOUND = [[0, 0, 0, 1], [0, 0, 0, 1], [0, 1, 4, 0]]


def test_hypothesis_found_pattern_is_recoverable_under_the_rule_alone() -> None:
    grid = with_totals(FOUND)
    assert _recoverable(grid, suppression_mask(grid, close_bridges=False)) == [(3, 3)]
    assert _recoverable(grid, suppression_mask(grid)) == []


def test_strengthened_rule_protects_the_bridge_with_one_more_cell() -> None:
    grid = with_totals(BRIDGED)
    plain = suppression_mask(grid, close_bridges=False)
    strong = suppression_mask(grid)
    assert _recoverable(grid, strong) == []
    added = sum(map(sum, strong)) - sum(map(sum, plain))
    assert added == 1


def test_decision_11_example_secondary_picks_next_smallest() -> None:
    # Row 0 has one small count (3); its next smallest non-zero cell (6) goes too, and the
    # columns they sit in then need a second cell each.
    grid = with_totals([[3, 6, 0, 20], [10, 12, 7, 30], [11, 8, 9, 40]])
    published = protect(grid)
    assert published[0][:2] == [SUPPRESSED, SUPPRESSED]
    assert published[0][2] == 0
    assert all(sum(1 for v in col if v == SUPPRESSED) != 1 for col in zip(*published, strict=True))


@pytest.mark.parametrize(
    ("numerator", "base", "expected"),
    [
        (0, 0, NOT_AVAILABLE),
        (5, 9, SUPPRESSED),
        (3, 40, SUPPRESSED),
        (37, 40, SUPPRESSED),
        (0, 12, 0.0),
        (12, 12, 100.0),
        (10, 40, 25.0),
    ],
)
def test_rates(numerator: int, base: int, expected: float | str) -> None:
    assert rate(numerator, base) == expected


def test_medians_need_a_base_of_ten() -> None:
    assert median_cell([]) == NOT_AVAILABLE
    assert median_cell([5.0] * 9) == SUPPRESSED
    assert median_cell([float(v) for v in range(10)]) == 4.5
    assert median_cell([float(v) for v in range(11)]) == 5.0
