"""Fault 6: the server is restored from an older backup (``pace-sync-server backup`` stamps the
copy with a new epoch; the restore is a server started on the copy). Devices get
``resync_required``, re-pull from the start and re-push what the server lost: every change any
device had acknowledged before the restore is back, deletions included."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.helpers import assert_converged, enrol, server_records
from tests.support.live_server import free_port, run_cli, spawn_server


def test_restore_from_older_backup(tmp_path: Path) -> None:
    live_url = f"sqlite:///{tmp_path / 'live.db'}"
    run_cli("init", database_url=live_url)
    run_cli("seed-demo", database_url=live_url)
    port = free_port()
    server = spawn_server(live_url, tmp_path / "live.log", port=port)
    try:
        a = enrol(server, tmp_path / "a", "demo.adviser")
        b = enrol(server, tmp_path / "b", "demo.adviser")
        c = enrol(server, tmp_path / "c", "dwp.adviser")
        devices = {"a": a, "b": b, "c": c}
        kept = a.repo.save(
            "client",
            {"first_name": "Before", "last_name": "Backup", "share_with": ["DWP"]},
            consent_method="verbal",
        )
        doomed = a.repo.save("client", {"first_name": "Deleted", "last_name": "After"})
        for device in devices.values():
            device.sync()

        backup = tmp_path / "backup.db"
        result = server.cli("backup", str(backup))
        assert "epoch" in result.stdout

        # Acknowledged after the backup: lost by the restore unless the devices bring it back.
        lost = a.repo.save(
            "client",
            {"first_name": "After", "last_name": "Backup", "share_with": ["DWP"]},
            consent_method="verbal",
        )
        a.repo.save("client", {"phone": "07700 900111"}, kept)
        a.repo.delete(doomed)
        c.repo.save("client", {"occupation": "Joiner"}, kept)
        from_b = b.repo.save("client", {"first_name": "OnlyOn", "last_name": "DeviceB"})
        for device in (a, c, b, a, c):
            report = device.sync()
            assert report.rejected == 0
        assert all(d.status().pending == 0 for d in devices.values())

        server.kill()
        server = spawn_server(f"sqlite:///{backup}", tmp_path / "restored.log", port=port)
        resynced = [device.sync().resynced for device in (a, b, c)]
        assert resynced == [True, True, True]  # every device was told its cursor is foreign
        # Each device re-pushed what the server lost in that same run, deletions included.
        restored = server_records(server, "demo.adviser")
        assert restored[kept].fields["phone"] == "07700 900111"
        assert restored[kept].fields["occupation"] == "Joiner"
        assert restored[doomed].deleted
        assert lost in restored
        for device in (a, b, c):
            device.sync()
        views = assert_converged(
            server,
            devices,
            {
                kept: {"phone": "07700 900111", "occupation": "Joiner", "last_name": "Backup"},
                lost: {"first_name": "After"},
                from_b: {"last_name": "DeviceB"},
            },
        )
        assert views["SDS"][doomed].deleted  # the deletion came back too, not the person
        assert a.repo.get(doomed).deleted
        assert b.repo.get(doomed) is None or b.repo.get(doomed).deleted
        for device in devices.values():
            device.lock()
    finally:
        server.kill()


def test_restore_command_round_trip_loses_nothing_devices_had_not_pushed(tmp_path: Path) -> None:
    """``pace-sync-server restore FILE``: back up, change, restore over the live database,
    restart; devices get ``resync_required`` and bring back what the backup lacks, both what
    the server had acknowledged and what they had not pushed yet."""
    live_url = f"sqlite:///{tmp_path / 'live.db'}"
    run_cli("init", database_url=live_url)
    run_cli("seed-demo", database_url=live_url)
    port = free_port()
    server = spawn_server(live_url, tmp_path / "live.log", port=port)
    try:
        a = enrol(server, tmp_path / "a", "demo.adviser")
        b = enrol(server, tmp_path / "b", "dwp.adviser")
        devices = {"a": a, "b": b}
        kept = a.repo.save(
            "client",
            {"first_name": "Kept", "last_name": "Person", "share_with": ["DWP"]},
            consent_method="verbal",
        )
        for device in (a, b):
            device.sync()
        backup = tmp_path / "backup.db"
        server.cli("backup", str(backup))

        acknowledged = a.repo.save(
            "client",
            {"first_name": "Acked", "last_name": "Later", "share_with": ["DWP"]},
            consent_method="verbal",
        )
        a.repo.save("client", {"phone": "07700 900222"}, kept)
        assert a.sync().rejected == 0
        # Device b works offline through the restore: nothing of this has reached the server.
        b.repo.save("client", {"occupation": "Electrician"}, kept)
        b_new = b.repo.save("client", {"first_name": "Offline", "last_name": "Work"})
        assert b.status().pending == 2

        server.kill()
        done = run_cli("restore", str(backup), database_url=live_url)
        assert "new epoch" in done.stdout
        [previous] = tmp_path.glob("live.db.before-restore-*")
        assert previous.stat().st_mode & 0o077 == 0
        server = spawn_server(live_url, tmp_path / "restored.log", port=port)

        assert b.sync().resynced
        assert a.sync().resynced
        for device in (b, a, b):
            device.sync()
        assert_converged(
            server,
            devices,
            {
                kept: {"phone": "07700 900222", "occupation": "Electrician"},
                acknowledged: {"last_name": "Later"},
                b_new: {"first_name": "Offline"},
            },
        )
        for device in devices.values():
            device.lock()
    finally:
        server.kill()


def test_restore_refuses_what_it_cannot_restore(tmp_path: Path) -> None:
    live_url = f"sqlite:///{tmp_path / 'live.db'}"
    run_cli("init", database_url=live_url)
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_bytes(b"this is not SQLite at all" * 100)
    cases = {
        "missing": (str(tmp_path / "nowhere.db"), live_url, "no backup file"),
        "not sqlite": (str(not_a_database), live_url, "not a PACE server database"),
        "postgres": (
            str(not_a_database),
            "postgresql+psycopg://postgres@127.0.0.1:5432/none",
            "pg_dump",
        ),
    }
    for name, (file, url, says) in cases.items():
        result = run_cli("restore", file, database_url=url, check=False)
        assert result.returncode == 1, name
        assert says in result.stderr, (name, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, name
    assert not list(tmp_path.glob("live.db.before-restore-*"))  # nothing was touched
