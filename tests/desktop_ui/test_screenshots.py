"""The user guide's screenshots come from the real app, so the script that makes them must keep
working: run it (real demo server, real store, offscreen) into a temporary folder and check
every picture it promises is a real image with something on it, and that the guide shows them.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screenshots.py"
GUIDE = ROOT / "docs" / "user-guide.md"
#: The admin workspace's pictures are in the admin guide.
ADMIN_GUIDE = ROOT / "docs" / "admin-guide.md"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pace_screenshots", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _distinct_colours(image: QImage, step: int = 4) -> int:
    seen: set[int] = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_the_script_draws_every_screen_of_the_guide(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PACE_LOG_FORMAT": "text"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=420,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    shots: tuple[str, ...] = _script().SHOTS
    for name in shots:
        image = QImage(str(out / name))
        assert not image.isNull(), f"{name} is not an image"
        assert image.width() >= 300, f"{name} is {image.width()} px wide"
        assert image.height() >= 20, f"{name} is {image.height()} px high"
        # A blank or single-colour grab (a window that never painted) has a handful of colours.
        assert _distinct_colours(image) >= 8, f"{name} looks blank"
    assert sorted(p.name for p in out.iterdir()) == sorted(shots)


def test_the_guide_shows_every_screenshot_and_only_generated_ones() -> None:
    shots = set(_script().SHOTS)
    guide = GUIDE.read_text(encoding="utf-8") + ADMIN_GUIDE.read_text(encoding="utf-8")
    assert {name for name in shots if f"screenshots/{name}" not in guide} == set()
    committed = {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert committed == shots  # no stale picture the script no longer makes
