"""Security: after a workload that includes SIGKILLed clients (mid-commit, after a push, mid
pull), a damaged store rebuilt from the server and a resync, the canaries ``AB123456C`` (NI
number field) and ``QQ123456C`` (notes) never appear as plain bytes in the client's database,
WAL, journal, temp folder or logs, nor in the server's log."""

from __future__ import annotations

import logging
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.session import Profile, Session, StoreDamagedError
from tests.reliability.helpers import FAST_KDF, enrol, run_driver, unlock
from tests.support.live_server import DEMO_PASSWORD, LiveServer, start_server

NI_CANARY = "AB123456C"
NOTES_CANARY = "QQ123456C"


def needles() -> list[bytes]:
    found: list[bytes] = []
    for canary in (NI_CANARY, NOTES_CANARY):
        for variant in (canary, canary.lower(), f"{canary[:2]} {canary[2:4]} {canary[4:6]}"):
            found += [variant.encode(), variant.encode("utf-16-le"), variant.encode("utf-16-be")]
    return found


def leaks_in(path: Path) -> list[str]:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return [f"{f}: {n!r}" for f in files for n in needles() if n in f.read_bytes()]


def leaks_in_text(label: str, text: str) -> list[str]:
    return [f"{label}: {n!r}" for n in needles() if n in text.encode()]


@pytest.fixture
def debug_server(tmp_path: Path) -> Iterator[LiveServer]:
    (tmp_path / "server").mkdir()
    with start_server(tmp_path / "server", env={"PACE_LOG_LEVEL": "DEBUG"}) as server:
        yield server


def test_canaries_never_in_plain_bytes_after_crashes(
    debug_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    for name in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(temp))  # the driver processes inherit these
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "profile"
    outputs: list[subprocess.CompletedProcess[str]] = []
    enrol(debug_server, folder, "demo.adviser").lock()

    # Killed while committing the engagement with the notes canary, then again for real.
    outputs.append(
        run_driver(folder, "canary", NI_CANARY, NOTES_CANARY, crash_at="save.before_commit@1")
    )
    assert outputs[-1].returncode == -signal.SIGKILL
    outputs.append(run_driver(folder, "canary", NI_CANARY, f"Second {NOTES_CANARY} note"))
    assert outputs[-1].returncode == 0, outputs[-1].stderr
    assert leaks_in(folder) == []  # the WAL of the killed process included
    # Killed after the push was answered; then a sync that finishes.
    outputs.append(run_driver(folder, "sync", crash_at="push.after_send"))
    assert outputs[-1].returncode == -signal.SIGKILL
    outputs.append(run_driver(folder, "sync"))
    assert outputs[-1].returncode == 0, outputs[-1].stderr
    # A second laptop killed while applying the pulled canaries.
    other = tmp_path / "other"
    enrol(debug_server, other, "dwp.adviser").lock()
    outputs.append(run_driver(other, "sync", crash_at="pull.before_commit"))
    outputs.append(run_driver(other, "sync"))
    assert outputs[-1].returncode == 0, outputs[-1].stderr
    assert leaks_in(other) == []

    # Damage the store, detect it, rebuild from the server (the damaged copy stays aside).
    store = folder / "store.db"
    data = bytearray(store.read_bytes())
    data[len(data) // 2] ^= 0xFF
    store.write_bytes(bytes(data))
    with pytest.raises(StoreDamagedError):
        unlock(folder)
    session, _aside = Session.rebuild_from_server(
        Profile(folder), DEMO_PASSWORD, kdf_params=FAST_KDF
    )
    people = session.repo.search_people("Canary", limit=10)
    assert [p.ni_number for p in people] == [NI_CANARY, NI_CANARY]  # the data really is there
    session.sync()
    session.lock()

    assert leaks_in_text("self-check", f"x{NOTES_CANARY.lower()}x")  # the scan can see one
    leaks = leaks_in(folder) + leaks_in(other) + leaks_in(temp)
    leaks += leaks_in(debug_server.log_path)
    for i, result in enumerate(outputs):
        leaks += leaks_in_text(f"client run {i} stdout", result.stdout)
        leaks += leaks_in_text(f"client run {i} stderr", result.stderr)
    leaks += leaks_in_text("in-process log", caplog.text)
    assert leaks == []
