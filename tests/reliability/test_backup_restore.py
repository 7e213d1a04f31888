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
            "client", {"first_name": "Before", "last_name": "Backup", "share_with": ["DWP"]}
        )
        doomed = a.repo.save("client", {"first_name": "Deleted", "last_name": "After"})
        for device in devices.values():
            device.sync()

        backup = tmp_path / "backup.db"
        result = server.cli("backup", str(backup))
        assert "epoch" in result.stdout

        # Acknowledged after the backup: lost by the restore unless the devices bring it back.
        lost = a.repo.save(
            "client", {"first_name": "After", "last_name": "Backup", "share_with": ["DWP"]}
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
