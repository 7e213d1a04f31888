"""No test asserts on how long something took: such floors fail on a busy machine and pass on a
fast one whatever the code does. Timings belong in ``benchmarks/``, printed as figures.

Flags any ``assert`` comparing a value measured with ``time.perf_counter``/``time.monotonic``
(directly, or through a variable or list filled from one) with ``<``, ``<=``, ``>`` or ``>=``.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CLOCKS = {"perf_counter", "monotonic", "perf_counter_ns", "monotonic_ns"}
ORDERINGS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _reads_clock(node: ast.AST, timed: set[str]) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CLOCKS:
                return True
        if isinstance(sub, ast.Name) and sub.id in timed:
            return True
    return False


def _timed_names(function: ast.AST) -> set[str]:
    """Names holding a duration: assigned from a clock reading, or filled with one."""
    timed: set[str] = set()
    changed = True
    while changed:
        changed = False
        for node in ast.walk(function):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign) and _reads_clock(node.value, timed):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign) and node.value is not None:
                if _reads_clock(node.value, timed):
                    targets = [node.target]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend")
                and any(_reads_clock(arg, timed) for arg in node.args)
            ):
                targets = [node.func.value]
            for target in targets:
                if isinstance(target, ast.Name) and target.id not in timed:
                    timed.add(target.id)
                    changed = True
    return timed


def timing_assertions(source: str) -> list[int]:
    tree = ast.parse(source)
    found: list[int] = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        timed = _timed_names(function)
        for node in ast.walk(function):
            if not isinstance(node, ast.Assert):
                continue
            for compare in ast.walk(node.test):
                if (
                    isinstance(compare, ast.Compare)
                    and any(isinstance(op, ORDERINGS) for op in compare.ops)
                    and _reads_clock(compare, timed)
                ):
                    found.append(node.lineno)
                    break
    return sorted(set(found))


def test_the_check_finds_a_throughput_floor() -> None:
    source = (
        "import time\n"
        "def test_speed():\n"
        "    started = time.perf_counter()\n"
        "    rate = 10 / (time.perf_counter() - started)\n"
        "    timings = []\n"
        "    timings.append(time.perf_counter() - started)\n"
        "    assert rate > 2_000\n"
        "    assert max(timings) < 0.5\n"
        "    assert time.monotonic() - started < 50, 'too slow'\n"
        "    assert rate\n"
    )
    assert timing_assertions(source) == [7, 8, 9]


def test_no_test_asserts_on_elapsed_time() -> None:
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in timing_assertions(path.read_text())
    ]
    assert not offenders, f"timing assertions (move them to benchmarks/): {offenders}"
