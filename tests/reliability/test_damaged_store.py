"""Fault 8: the encrypted store is damaged (bytes flipped in store.db, and in its WAL). The
damage is detected and reported as StoreDamagedError without touching the files; the app
rebuilds from the server keeping the damaged files aside; nothing garbled is ever uploaded."""

from __future__ import annotations

import hashlib
import signal
from pathlib import Path

import pytest

from desktop_app.session import Profile, Session, StoreDamagedError, WrongPasswordError
from tests.reliability.helpers import (
    FAST_KDF,
    assert_converged,
    enrol,
    run_driver,
    server_records,
    unlock,
)
from tests.support.live_server import DEMO_PASSWORD, LiveServer

PAGE = 4096


def flip(path: Path, offset: int, count: int = 8) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name.startswith("store.db")
    }


def _prepare(server: LiveServer, folder: Path, tag: str) -> tuple[dict[str, str], list[str]]:
    session = enrol(server, folder, "demo.adviser")
    synced = {
        session.repo.save("client", {"first_name": f"{tag}{i}", "last_name": "Damage"}): f"{tag}{i}"
        for i in range(150)
    }
    session.sync()
    queued = [
        session.repo.save("client", {"first_name": f"{tag}Queued{i}", "last_name": "Damage"})
        for i in range(5)
    ]
    session.lock()
    return synced, queued


def _rebuild_and_check(
    server: LiveServer, folder: Path, synced: dict[str, str], before: dict[str, str]
) -> None:
    profile = Profile(folder)
    server_before = server_records(server, "demo.adviser")
    with pytest.raises(WrongPasswordError):
        Session.rebuild_from_server(profile, "not the password", kdf_params=FAST_KDF)
    assert digests(folder) == before  # a refused rebuild moved nothing
    session, aside = Session.rebuild_from_server(profile, DEMO_PASSWORD, kdf_params=FAST_KDF)
    assert aside.parent == folder
    assert digests(aside) == before  # kept aside byte for byte
    assert (aside / "wrapped-key.json").exists()
    for rid, name in synced.items():
        assert session.repo.get(rid).fields["first_name"] == name
    session.sync()
    # Nothing from the damaged store reached the server: its view is exactly what it was.
    assert server_records(server, "demo.adviser") == server_before
    assert_converged(
        server, {"rebuilt": session}, {r: {"first_name": n} for r, n in synced.items()}
    )
    session.lock()
    unlock(folder).lock()  # the rebuilt profile opens normally


@pytest.mark.parametrize("where", ["header page", "data page", "last page"])
def test_flipped_bytes_in_store_file(module_server: LiveServer, tmp_path: Path, where: str) -> None:
    folder = tmp_path / "sds"
    synced, _queued = _prepare(module_server, folder, f"File{where[0]}")
    store = folder / "store.db"
    size = store.stat().st_size
    offset = {
        "header page": 200,
        "data page": (size // PAGE // 2) * PAGE + 1000,
        "last page": size - 300,
    }[where]
    flip(store, offset)
    before = digests(folder)
    with pytest.raises(StoreDamagedError) as raised:
        unlock(folder)
    assert "damaged" in str(raised.value)
    assert digests(folder) == before  # detection wrote nothing
    _rebuild_and_check(module_server, folder, synced, before)


def test_flipped_bytes_in_wal(module_server: LiveServer, tmp_path: Path) -> None:
    folder = tmp_path / "sds"
    synced, _queued = _prepare(module_server, folder, "Wal")
    # Few enough saves that SQLite never checkpoints and restarts the log (each save writes the
    # person, their consent entry, the indexes and the caseload row): every frame is live.
    died = run_driver(folder, "create", "15", "WalEdit", crash_at="save.before_commit@10")
    assert died.returncode == -signal.SIGKILL
    wal = folder / "store.db-wal"
    frames = (wal.stat().st_size - 32) // (24 + PAGE)
    assert frames > 10, "the killed client left no write-ahead log to damage"
    flip(wal, 32 + (frames // 3) * (24 + PAGE) + 24 + 500)
    before = digests(folder)
    with pytest.raises(StoreDamagedError) as raised:
        unlock(folder)
    assert "log" in str(raised.value)
    assert digests(folder) == before
    _rebuild_and_check(module_server, folder, synced, before)
