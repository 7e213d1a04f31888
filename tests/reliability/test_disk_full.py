"""Fault 7: the client's disk fills up (a small tmpfs holds the profile). The edit fails with a
clear message, the store stays consistent (every committed edit queued once, nothing half
written), and work resumes once space is freed."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.errors import DiskFullError, SessionError
from tests.reliability.helpers import assert_converged, device_outbox, device_records, enrol, unlock
from tests.support.live_server import LiveServer

SIZE = "6m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(mount_point)],
            check=True,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN): {exc}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False, timeout=30)


def fill(folder: Path) -> Path:
    """Write a filler file until the disk is full; returns it."""
    filler = folder / "filler"
    block = b"\0" * 65536
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for _ in range(10_000):  # 640 MB at most: far beyond the tmpfs
            try:
                os.write(fd, block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
        for _ in range(64):  # the last partial block
            try:
                os.write(fd, b"\0" * 1024)
            except OSError:
                break
    finally:
        os.close(fd)
    return filler


def test_disk_full_edit_fails_clearly_store_stays_consistent(
    module_server: LiveServer, small_disk: Path
) -> None:
    profile = small_disk / "profile"
    sds = enrol(module_server, profile, "demo.adviser")
    filler = fill(small_disk)
    saved: list[str] = []
    failure: SessionError | None = None
    for i in range(500):
        try:
            saved.append(
                sds.repo.save(
                    "client",
                    {"first_name": f"Full{i}", "last_name": "Disk", "occupation": "x" * 200},
                )
            )
        except SessionError as exc:
            failure = exc
            break
    assert failure is not None, "the disk never filled"
    assert isinstance(failure, DiskFullError)
    assert "no space left" in str(failure)  # a sentence for the adviser, not SQLite's words
    # Consistent: every committed edit is a record with one queued change; nothing half written.
    local = {rid for rid, s in device_records(sds).items() if s.type == "client"}
    assert local == set(saved)
    assert sorted(r["record_id"] for r in device_outbox(sds)) == sorted(saved)
    with sds.repo.reading() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    filler.unlink()  # space freed: the same session goes on working
    more = sds.repo.save("client", {"first_name": "After", "last_name": "Space"})
    sds.sync()
    expected = {rid: {"last_name": "Disk"} for rid in saved} | {more: {"first_name": "After"}}
    assert_converged(module_server, {"sds": sds}, expected)
    sds.lock()
    again = unlock(profile)  # and the store opens again after a restart
    assert again.repo.get(more) is not None
    again.lock()
    with contextlib.suppress(OSError):
        filler.unlink()
