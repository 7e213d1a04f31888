"""``.ci/run`` on CI (``CI=true``) fails, saying why, when PostgreSQL cannot be reached: the
PostgreSQL-backed tests must never quietly skip there. Off CI they still skip with a reason.

The script runs from a copy of the repository's ``.ci`` folder beside a stand-in
``scripts/test`` (so the real suite never starts), with stand-in ``pg_isready`` and
``pg_ctlcluster`` that find no server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_ci(tmp_path: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    tree = tmp_path / "repo"
    shutil.copytree(ROOT / ".ci", tree / ".ci")
    (tree / "scripts").mkdir(parents=True)
    (tree / "scripts" / "test").write_text('echo "TEST SUITE STARTED"\n')
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("pg_isready", "pg_ctlcluster"):
        tool = tools / name
        tool.write_text("#!/bin/sh\nexit 2\n")
        tool.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PACE_TEST_POSTGRES_URL")}
    env["PATH"] = f"{tools}{os.pathsep}{env['PATH']}"
    env["PACE_CI_PG_PORT"] = "1"  # nothing listens there, whatever the machine runs
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        ["bash", str(tree / ".ci" / "run")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_on_ci_an_unreachable_postgresql_fails_the_run(tmp_path: Path) -> None:
    result = _run_ci(tmp_path, ci=True)
    assert result.returncode != 0
    assert "TEST SUITE STARTED" not in result.stdout
    assert "PostgreSQL" in result.stderr
    assert "CI=true" in result.stderr


def test_off_ci_an_unreachable_postgresql_skips_those_tests(tmp_path: Path) -> None:
    result = _run_ci(tmp_path, ci=False)
    assert result.returncode == 0, result.stderr
    assert "TEST SUITE STARTED" in result.stdout
    assert "skip" in result.stdout
