"""The Linux installer end to end: build the .deb with installers/linux/build-deb.sh, unpack it
into a temporary root (as dpkg would install it, without needing root), and start the installed
binary offscreen. Slow (the PyInstaller build takes a minute or two), so built once per module."""

from __future__ import annotations

import configparser
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_DEB = ROOT / "installers" / "linux" / "build-deb.sh"

pytestmark = [
    pytest.mark.timeout(1500),  # the build, not a hang: PyInstaller plus packing ~240 MB
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian tools)"),
]

# What Qt's xcb platform plugin links and a fresh desktop may lack.
QT_XCB_SYSTEM_PACKAGES = [
    "libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-randr0", "libegl1", "libfontconfig1",
    "libdbus-1-3",
]
# Only the server and the tests need these: none may ship to advisers' laptops.
NOT_IN_BUNDLE = ["sync_server", "fastapi", "uvicorn", "psycopg", "pytest", "hypothesis", "httpx"]


@dataclass(frozen=True)
class Installed:
    deb: Path
    root: Path

    @property
    def app(self) -> Path:
        return self.root / "opt" / "pace-casework"


def build_deb(out: Path, tmp: Path) -> Path:
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "TMPDIR": str(tmp),
        # gzip packs in seconds where xz (the release default) takes minutes on CI's cores.
        "PACE_DEB_COMPRESSION": "gzip",
    }
    done = subprocess.run(
        ["bash", str(BUILD_DEB), str(out)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"build-deb.sh failed:\n{done.stdout}\n{done.stderr}"
    return Path(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("deb")
    (base / "tmp").mkdir()
    deb = build_deb(base / "out", base / "tmp")
    root = base / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    yield Installed(deb, root)
    shutil.rmtree(base, ignore_errors=True)  # ~600 MB: do not leave it for pytest's retention


def control_fields(deb: Path) -> dict[str, str]:
    text = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields: dict[str, str] = {}
    name = ""
    for line in text.splitlines():
        if line.startswith(" ") and name:
            fields[name] += "\n" + line.strip()
        else:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return fields


def depends_alternatives(depends: str) -> set[str]:
    """Every package named in Depends, alternatives included, without version constraints."""
    names = set()
    for clause in depends.split(","):
        for alternative in clause.split("|"):
            names.add(alternative.split("(")[0].strip())
    return names


def test_control_names_the_version_and_the_qt_xcb_libraries(installed: Installed) -> None:
    fields = control_fields(installed.deb)
    assert fields["Package"] == "pace-casework"
    # Debian spells a PEP 440 pre-release with a tilde so that it sorts before the release.
    version = importlib.metadata.version("pace-casework")
    assert fields["Version"] == re.sub(r"([0-9])\.?(a|b|rc|dev)([0-9]*)", r"\1~\2\3", version)
    assert fields["Architecture"] == subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    missing = set(QT_XCB_SYSTEM_PACKAGES) - depends_alternatives(fields["Depends"])
    assert not missing, f"Depends lacks {sorted(missing)}"
    assert int(fields["Installed-Size"]) > 10_000  # KiB: the bundle is really in it


def test_desktop_entry_starts_the_installed_command_with_its_icon(installed: Installed) -> None:
    entry_file = installed.root / "usr/share/applications/pace-casework.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    entry.read(entry_file, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "PACE Casework"
    command = desktop["Exec"].split()[0]
    assert command == "pace-casework"
    assert os.access(installed.root / "usr/bin" / command, os.X_OK)
    icons = installed.root / "usr/share/icons/hicolor"
    assert (icons / "scalable/apps" / f"{desktop['Icon']}.svg").is_file()
    assert (icons / "48x48/apps" / f"{desktop['Icon']}.png").is_file()


def test_installed_binary_starts_qt_and_makes_an_encrypted_store(
    installed: Installed, tmp_path: Path
) -> None:
    """--self-test creates a SQLCipher store, checks it is not plain SQLite, reopens it with its
    key and prints SQLCipher's own version (plain SQLite has none)."""
    env = {
        "PATH": "/usr/bin:/bin",  # not the venv: the bundle must carry its own Python
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    done = subprocess.run(
        [str(installed.root / "usr/bin/pace-casework"), "--self-test"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, f"self-test failed:\n{done.stdout}\n{done.stderr}"
    assert "self-test ok: Qt 6." in done.stdout
    assert "(offscreen), SQLCipher 4." in done.stdout
    assert not list(tmp_path.glob("pace-self-test-*")), "the throwaway store was left behind"


def bundled_modules(executable: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    pyz = CArchiveReader(str(executable)).open_embedded_archive("PYZ.pyz")
    return {name.split(".")[0] for name in pyz.toc}


def test_bundle_carries_reference_data_and_no_server_or_test_libraries(
    installed: Installed,
) -> None:
    modules = bundled_modules(installed.app / "pace-casework")
    assert {"desktop_app", "pace_shared", "PySide6", "sqlcipher3"} <= modules
    assert not modules & set(NOT_IN_BUNDLE)
    # Either layout of the reference data: pace_shared's package data or resources/ beside it.
    shipped = {p.name for p in (installed.app / "_internal").rglob("*.json")}
    assert {"partners.json", "council_areas.json", "sic2007_sections.json"} <= shipped
