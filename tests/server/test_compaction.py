"""Tombstone compaction (``pace-sync-server compact-tombstones``), on SQLite and PostgreSQL.

Deleted records older than the horizon are pruned, ``min_cursor_seq`` moves to the highest
pruned sequence, an older pull cursor answers 409 ``resync_required``, a pull from the start
works and lacks the pruned records, and a late edit from a device that was offline since before
the deletion does not bring the record back.
"""

from __future__ import annotations

from typing import Any

from tests.server.conftest import Devices
from tests.server.helpers import assert_error, new_id
from tests.support.live_server import LiveServer


def _compact(server: LiveServer, *args: str, env_days: str | None = None) -> list[str]:
    import os
    import subprocess

    from tests.support.live_server import server_command

    env = {**os.environ, "PACE_DATABASE_URL": server.database_url}
    if env_days is not None:
        env["PACE_TOMBSTONE_MAX_AGE_DAYS"] = env_days
    done = subprocess.run(
        [*server_command(), "compact-tombstones", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _pull_page(device: Any, cursor: str | None) -> Any:
    return device.api.pull_page(cursor, limit=1000)


def test_compaction_prunes_old_tombstones_and_refuses_older_cursors(
    server: LiveServer, devices: Devices
) -> None:
    alice, lead = devices.new("demo.adviser"), devices.new("demo.lead")
    gone, _ = alice.create_client(first_name="Gone")
    kept, _ = alice.create_client(first_name="Kept")
    _, before_delete = lead.pull()
    assert alice.push_one(alice.delete("client", gone))["status"] == "applied"
    seen, after_delete = lead.pull(before_delete)
    assert seen[gone]["deleted"] is True

    # The default horizon (180 days) keeps a deletion made a moment ago.
    assert any(" 0 tombstones" in line for line in _compact(server))
    assert lead.pull()[0][gone]["deleted"] is True

    dry = _compact(server, "--older-than-days", "0", "--dry-run")
    assert any(line.startswith(f"would prune {gone} (client") for line in dry)
    assert lead.pull()[0][gone]["deleted"] is True  # a dry run changes nothing
    assert _pull_page(lead, before_delete).status_code == 200

    done = _compact(server, env_days="0")  # the horizon from PACE_TOMBSTONE_MAX_AGE_DAYS
    assert any(line.startswith(f"pruned {gone} (client") for line in done)
    assert "resync_required" in done[-1]

    # A cursor from before the pruned deletion could have missed it: 409, pull from the start.
    assert_error(_pull_page(lead, before_delete), 409, "resync_required")
    assert _pull_page(lead, after_delete).status_code == 200  # it saw the deletion: fine
    fresh, _ = lead.pull()
    assert gone not in fresh  # the pruned tombstone is gone
    assert fresh[kept]["fields"]["first_name"] == "Kept"
    # Compacting again finds nothing new; the horizon stays.
    assert any(" 0 tombstones" in line for line in _compact(server, "--older-than-days", "0"))
    assert_error(_pull_page(lead, before_delete), 409, "resync_required")


def test_a_late_edit_from_before_the_horizon_does_not_bring_a_pruned_record_back(
    server: LiveServer, devices: Devices
) -> None:
    alice, offline = devices.new("demo.adviser"), devices.new("demo.adviser")
    record_id, created = alice.create_client(first_name="Deleted", last_name="Late")
    _, offline_cursor = offline.pull()  # the laptop has the person, then goes offline
    assert alice.push_one(alice.delete("client", record_id))["status"] == "applied"
    _compact(server, "--older-than-days", "0")

    # Back online months later: it pushes first (a full re-create, as a resync re-push does,
    # and a plain edit), then pulls with its old cursor.
    recreate = offline.upsert(
        "client", record_id, {"first_name": "Deleted", "last_name": "Late", "phone": "07700 900123"}
    )
    edit = offline.upsert("client", record_id, {"phone": "07700 900456"}, base={"phone": None})
    results = offline.push(recreate, edit)
    assert [(r["status"], r.get("reason")) for r in results] == [("rejected", "deleted")] * 2
    assert offline.push_one(recreate)["status"] == "rejected"  # retried: still refused
    # A late delete of it (a resync re-pushing its tombstone) is simply done.
    late_delete = offline.delete("client", record_id)
    assert offline.push_one(late_delete)["status"] == "applied"
    assert offline.push_one(late_delete)["status"] == "duplicate"
    assert_error(_pull_page(offline, offline_cursor), 409, "resync_required")
    for device in (offline, alice, devices.new("dwp.adviser")):
        assert record_id not in device.pull()[0]
    assert created  # the original create stays the only one the server applied


def test_a_new_record_is_still_created_after_compaction(devices: Devices) -> None:
    alice = devices.new("demo.adviser")
    record_id = new_id()
    result = alice.push_one(
        alice.upsert("client", record_id, {"first_name": "New", "last_name": "After"})
    )
    assert result["status"] == "applied"
    assert alice.pull()[0][record_id]["fields"]["first_name"] == "New"
