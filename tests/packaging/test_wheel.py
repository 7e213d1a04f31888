"""The built wheel, installed into fresh virtual environments, runs both programs by itself.

Builds ``pace_casework-*.whl`` from a copy of the sources, then:

* ``[server]`` into a new venv: no Qt comes with it; from a folder outside the checkout (so the
  checkout cannot be imported) ``pace-sync-server init`` and ``seed-demo`` run (the demo partners
  come from the packaged reference data) and ``serve`` answers ``/healthz``;
* ``[desktop]`` into another: none of the server's libraries come with it (decisions.md #12),
  ``pace-casework --self-test`` passes offscreen and the reference data loads.

pip installs from its configured index and cache. Not marked ``slow``: CI runs it. It takes
minutes (two venvs, PySide6), hence its own timeout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support.live_server import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "pace_shared", "sync_server", "desktop_app")
PIP_TIMEOUT_S = 900

pytestmark = pytest.mark.timeout(1800)


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user who never saw the checkout: nothing points into it."""
    keep = ("PATH", "LANG", "LC_ALL", "PIP_CACHE_DIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")
    env = {k: v for k, v in os.environ.items() if k in keep or k.startswith("PIP_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), **extra)
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))
    )
    return env


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    """This module's own scratch folder. Not pytest's tmp_path: the run takes minutes, and other
    pytest sessions on the machine prune older basetemp folders while it runs."""
    with tempfile.TemporaryDirectory(prefix="pace-wheel-test-") as folder:
        yield Path(folder)


def new_folder(work: Path, name: str) -> Path:
    folder = work / name
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def wheel(work: Path) -> Path:
    """The wheel, built from a copy so the checkout gains no build/ or egg-info folders."""
    src = new_folder(work, "src")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, src / name)
    out = new_folder(work, "dist")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        out,
        src,
        cwd=src,
        timeout=PIP_TIMEOUT_S,
    )
    [built] = out.glob("pace_casework-*.whl")
    print(f"wheel: {built.name}, {built.stat().st_size / 1024:.0f} KiB")
    return built


def fresh_venv(folder: Path, requirement: str, home: Path) -> Path:
    run(sys.executable, "-m", "venv", folder, cwd=home)
    python = folder / "bin" / "python"
    run(
        python,
        "-m",
        "pip",
        "install",
        "-q",
        requirement,
        cwd=home,
        env=clean_env(home),
        timeout=PIP_TIMEOUT_S,
    )
    return python


def installed(python: Path, home: Path) -> set[str]:
    listing = run(python, "-m", "pip", "list", "--format=json", cwd=home, env=clean_env(home))
    # Names as PEP 503 normalises them: PySide6_Essentials -> pyside6-essentials.
    return {re.sub(r"[-_.]+", "-", e["name"]).lower() for e in json.loads(listing.stdout)}


def module_file(python: Path, module: str, home: Path) -> Path:
    code = f"import {module}; print({module}.__file__)"
    return Path(run(python, "-c", code, cwd=home, env=clean_env(home)).stdout.strip())


@pytest.fixture(scope="module")
def home(work: Path) -> Path:
    """The working folder for the installed programs: outside the checkout, so that
    ``import sync_server`` can only find the installed copy."""
    folder = new_folder(work, "home")
    assert ROOT not in folder.parents
    return folder


@pytest.fixture(scope="module")
def server_python(wheel: Path, home: Path, work: Path) -> Path:
    return fresh_venv(work / "venv-server", f"{wheel}[server]", home)


@pytest.fixture
def served(server_python: Path, home: Path) -> Iterator[str]:
    """``pace-sync-server serve`` from the installed copy, on a new SQLite database."""
    bin_dir = server_python.parent
    env = clean_env(home, PACE_DATABASE_URL=f"sqlite:///{home / 'pace.db'}")
    run(bin_dir / "pace-sync-server", "init", cwd=home, env=env)
    run(bin_dir / "pace-sync-server", "seed-demo", cwd=home, env=env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (home / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [bin_dir / "pace-sync-server", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=home,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_server_extra_brings_no_qt(server_python: Path, home: Path) -> None:
    packages = installed(server_python, home)
    assert "pace-casework" in packages
    assert not {p for p in packages if p.startswith(("pyside6", "shiboken6"))}, packages
    # The programs run from site-packages, never from the checkout.
    assert ROOT not in module_file(server_python, "sync_server", home).parents


def test_installed_server_answers_healthz(served: str, server_python: Path, home: Path) -> None:
    answer = requests.get(f"{served}/healthz", timeout=10)
    assert answer.status_code == 200, answer.text
    # seed-demo named the partners from the packaged reference data.
    listing = run(
        server_python.parent / "pace-sync-server",
        "list-devices",
        cwd=home,
        env=clean_env(home, PACE_DATABASE_URL=f"sqlite:///{home / 'pace.db'}"),
    )
    assert listing.stdout.strip() == "no devices"


@pytest.fixture(scope="module")
def desktop_python(wheel: Path, home: Path, work: Path) -> Path:
    return fresh_venv(work / "venv-desktop", f"{wheel}[desktop]", home)


def test_desktop_extra_brings_no_server_libraries(desktop_python: Path, home: Path) -> None:
    packages = installed(desktop_python, home)
    assert "pyside6-essentials" in packages
    # Record linkage (Splink, DuckDB) is the server's alone (decisions.md #12).
    server_only = {
        "fastapi", "uvicorn", "starlette", "psycopg", "psycopg-binary", "splink", "duckdb"
    }  # fmt: skip
    assert not packages & server_only, packages & server_only


def test_installed_desktop_app_passes_its_self_test(desktop_python: Path, home: Path) -> None:
    env = clean_env(home, QT_QPA_PLATFORM="offscreen")
    result = run(desktop_python.parent / "pace-casework", "--self-test", cwd=home, env=env)
    assert result.stdout.startswith("self-test ok"), result.stdout
    assert ROOT not in module_file(desktop_python, "desktop_app", home).parents


def test_installed_reference_data_loads(desktop_python: Path, home: Path) -> None:
    code = (
        "from pace_shared import reference as r; "
        "print(len(r.partners()), len(r.council_areas()), len(r.sic_sections()))"
    )
    counts = run(desktop_python, "-c", code, cwd=home, env=clean_env(home)).stdout.split()
    assert [int(c) for c in counts] == [22, 32, 21]
