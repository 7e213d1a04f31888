"""``pace-casework --self-test``: what installers run on an installed copy."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_starts_qt_and_makes_an_encrypted_store() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.main", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("self-test ok: Qt 6.")
    assert "(offscreen)" in done.stdout
    assert "SQLCipher 4." in done.stdout
