"""Statistical disclosure control for published tables (decisions.md #11).

Scottish Government practice for small numbers: a count of 1 to 4 is shown as ``[c]`` and zero
as 0. After that primary suppression, any row or column (totals included) with exactly one
suppressed cell gets its next smallest non-zero cell suppressed too, repeated until none has
exactly one. A rate or median whose base is under 10 is ``[c]``; ``[x]`` marks not available.

One strengthening, because the rule above alone can leave a cell recoverable: a table with its
totals is a grid whose every row and column adds up, so a suppressed cell can only be worked
out when it is a *bridge* of the graph whose nodes are the grid's rows and columns and whose
edges are the suppressed cells (no cycle of suppressed cells runs through it). "At least two
per line" does not rule that out: two separate rectangles of small cells joined by one more
small cell leave that cell's value fixed by the sums. So after the rule, every bridge gets one
more cell suppressed, the smallest non-zero cell that closes a cycle through it, and the rule
runs again. Every suppressed cell is then on a cycle of cells that are all at least 1, so
adding and subtracting 1 around that cycle gives a second table consistent with everything
published: no suppressed cell can be recovered (tests/shared/test_disclosure.py proves it by
integer programming on random tables).

Pure functions over lists of ints: the server applies them; the app can show the markers.
"""

from __future__ import annotations

from collections.abc import Sequence

SUPPRESSED = "[c]"
NOT_AVAILABLE = "[x]"
#: Counts from 1 to this are suppressed.
SMALLEST_SHOWN = 5
#: Rates and medians need a base of at least this many.
MINIMUM_BASE = 10

Grid = Sequence[Sequence[int]]
Mask = list[list[bool]]
Cell = tuple[int, int]


def with_totals(interior: Grid) -> list[list[int]]:
    """The published grid: each row followed by its total, then a row of column totals."""
    rows = [[*row, sum(row)] for row in interior]
    width = len(rows[0]) if rows else 1
    totals = [sum(row[j] for row in rows) for j in range(width)]
    return [*rows, totals]


def is_primary(value: int) -> bool:
    return 0 < value < SMALLEST_SHOWN


def _lines(height: int, width: int) -> list[list[Cell]]:
    rows = [[(i, j) for j in range(width)] for i in range(height)]
    columns = [[(i, j) for i in range(height)] for j in range(width)]
    return rows + columns


def _smallest(grid: Grid, mask: Mask, cells: Sequence[Cell]) -> Cell | None:
    """The smallest non-zero cell not yet suppressed (the first of equals)."""
    open_cells = [c for c in cells if not mask[c[0]][c[1]] and grid[c[0]][c[1]] > 0]
    return min(open_cells, key=lambda c: grid[c[0]][c[1]], default=None)


def _secondary_pass(grid: Grid, mask: Mask) -> None:
    """Decision 11: no line may have exactly one suppressed cell."""
    lines = _lines(len(mask), len(mask[0]))
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(mask[i][j] for i, j in line) != 1:
                continue
            cell = _smallest(grid, mask, line)
            if cell is not None:  # only possible in a table whose totals are not sums
                mask[cell[0]][cell[1]] = True
                changed = True


# The graph: row i is node ("r", i), column j is node ("c", j); a suppressed cell is an edge.
Node = tuple[str, int]


def _edges(mask: Mask) -> list[Cell]:
    return [(i, j) for i, row in enumerate(mask) for j, hidden in enumerate(row) if hidden]


def _reachable(edges: Sequence[Cell], start: Node, without: Cell) -> set[Node]:
    adjacent: dict[Node, list[Node]] = {}
    for i, j in edges:
        if (i, j) != without:
            adjacent.setdefault(("r", i), []).append(("c", j))
            adjacent.setdefault(("c", j), []).append(("r", i))
    seen, todo = {start}, [start]
    while todo:
        for nxt in adjacent.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _bridges(mask: Mask) -> list[tuple[Cell, set[Node], set[Node]]]:
    """Suppressed cells on no cycle, with the two sides their removal leaves."""
    edges = _edges(mask)
    found = []
    for i, j in edges:
        side_row = _reachable(edges, ("r", i), (i, j))
        if ("c", j) not in side_row:
            found.append(((i, j), side_row, _reachable(edges, ("c", j), (i, j))))
    return found


def _closing_cell(grid: Grid, mask: Mask, bridge: Cell, one: set[Node], other: set[Node]) -> Cell:
    """The smallest non-zero open cell joining the bridge's two sides (closing a cycle through
    it); failing that, one in its row or column, failing that any (never reached in practice:
    each step still adds a cell, so the loop ends)."""
    height, width = len(grid), len(grid[0])
    across = [
        (i, j)
        for i in range(height)
        for j in range(width)
        if (("r", i) in one and ("c", j) in other) or (("r", i) in other and ("c", j) in one)
    ]
    row_and_column = [(bridge[0], j) for j in range(width)] + [
        (i, bridge[1]) for i in range(height)
    ]
    everywhere = [(i, j) for i in range(height) for j in range(width)]
    for candidates in (across, row_and_column, everywhere):
        cell = _smallest(grid, mask, candidates)
        if cell is not None:
            return cell
    return bridge


def suppression_mask(grid: Grid, *, close_bridges: bool = True) -> Mask:
    """Which cells of a published grid (totals included) to show as ``[c]``.

    ``close_bridges=False`` applies decision 11's rule alone (the tests show where it fails).
    """
    if not grid or not grid[0]:
        return [[] for _ in grid]
    mask = [[is_primary(v) for v in row] for row in grid]
    while True:
        _secondary_pass(grid, mask)
        bridges = _bridges(mask) if close_bridges else []
        if not bridges:
            return mask
        bridge, one, other = bridges[0]
        cell = _closing_cell(grid, mask, bridge, one, other)
        if mask[cell[0]][cell[1]]:
            return mask  # nothing left to suppress
        mask[cell[0]][cell[1]] = True


def publish(grid: Grid, mask: Mask) -> list[list[int | str]]:
    return [
        [SUPPRESSED if hidden else value for value, hidden in zip(row, hidden_row, strict=True)]
        for row, hidden_row in zip(grid, mask, strict=True)
    ]


def protect(grid: Grid) -> list[list[int | str]]:
    """The grid as published: small counts and what would reveal them as ``[c]``."""
    return publish(grid, suppression_mask(grid))


def rate(numerator: int, base: int, *, digits: int = 1) -> float | str:
    """A percentage. ``[x]`` without a base; ``[c]`` when the base is under 10, and also when
    the numerator or the rest of the base is 1 to 4, since with the base published the rate
    would give those small counts away."""
    if base <= 0:
        return NOT_AVAILABLE
    if base < MINIMUM_BASE or is_primary(numerator) or is_primary(base - numerator):
        return SUPPRESSED
    return round(100 * numerator / base, digits)


def median_cell(values: Sequence[float]) -> float | str:
    """The median of ``values``: ``[x]`` when there are none, ``[c]`` when fewer than 10."""
    if not values:
        return NOT_AVAILABLE
    if len(values) < MINIMUM_BASE:
        return SUPPRESSED
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def protect_column(values: Sequence[int]) -> list[int | str]:
    """A column whose total is not the sum of its cells (a person counted under each partner
    they had help from): small counts, then, if exactly one is suppressed, the next smallest."""
    grid = [[v] for v in values]
    mask = [[is_primary(v)] for v in values]
    if sum(hidden for (hidden,) in mask) == 1:
        cell = _smallest(grid, mask, [(i, 0) for i in range(len(values))])
        if cell is not None:
            mask[cell[0]][0] = True
    return [SUPPRESSED if hidden else v for v, (hidden,) in zip(values, mask, strict=True)]


def share(numerator: int, base: int, *, hidden: bool = False) -> float | str:
    """:func:`rate`, and ``[c]`` when any count it derives from is ``hidden`` (suppressed
    where it is published): with the base shown, the rate would give that count away."""
    return SUPPRESSED if hidden and base > 0 else rate(numerator, base)
