"""What tests and tools write inside the checkout never shows up as untracked files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Output folders of the tools the tests and scripts run (schemathesis writes crash reports to
#: ``.schemathesis/`` in the working directory when a check fails).
TOOL_OUTPUT = [
    ".schemathesis/default/cache/crashes/report.json",
    ".hypothesis/examples/x",
    ".pytest_cache/v/x",
    ".mypy_cache/3.11/x.json",
    ".import_linter_cache/x.json",
    ".ruff_cache/x",
    "benchmarks/results/figures.json",
    "server.db-wal",
]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
@pytest.mark.parametrize("path", TOOL_OUTPUT)
def test_tool_output_is_ignored_by_git(path: str) -> None:
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT, check=False
    )
    assert result.returncode == 0, f"{path} would show up as an untracked file"
