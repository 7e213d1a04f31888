"""End to end over a real sync server process: two partners' laptops, consent, revocation."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.session import (
    DeviceRevoked,
    Offline,
    Profile,
    Session,
    Unauthenticated,
)
from desktop_app.sync.client import SyncClient
from tests.desktop_core.conftest import FAST_KDF, MemoryKeyring
from tests.support.live_server import DEMO_PASSWORD, LiveServer


def enrol(server: LiveServer, folder: Path, username: str) -> Session:
    progress: list[tuple[int, int | None, str]] = []
    session = Session.enrol(
        Profile(folder),
        server.url,
        username,
        DEMO_PASSWORD,
        f"{username} laptop",
        lambda done, total, message: progress.append((done, total, message)),
        kdf_params=FAST_KDF,
    )
    assert progress
    assert progress[-1][2] == "Up to date"
    return session


@pytest.fixture
def sds(live_server: LiveServer, tmp_path: Path) -> Session:
    return enrol(live_server, tmp_path / "sds", "demo.adviser")


@pytest.fixture
def dwp(live_server: LiveServer, tmp_path: Path) -> Session:
    return enrol(live_server, tmp_path / "dwp", "dwp.adviser")


def names(session: Session) -> list[str]:
    return [f"{p.first_name} {p.last_name}" for p in session.repo.search_people("", limit=1000)]


def test_two_partners_converge_with_consent_governing_sharing(sds: Session, dwp: Session) -> None:
    event = sds.repo.events()[0].id  # the seeded event reached both laptops
    assert {e.id for e in dwp.repo.events()} == {event}
    shared = sds.repo.save(
        "client",
        {"first_name": "Ann", "last_name": "Shared", "share_with": ["DWP"], "event_id": event},
        consent_method="verbal",
    )
    sds.repo.save("client", {"first_name": "Pat", "last_name": "Private", "event_id": event})
    note = sds.repo.save(
        "engagement",
        {
            "client_id": shared,
            "kind": "cv_support",
            "occurred_on": "2026-11-20",
            "notes": "CV drafted",
        },
    )
    report = sds.sync()
    # Two people, Ann's consent history entry (she agreed to share) and the engagement.
    assert (report.applied, report.rejected) == (4, 0)
    assert sds.status().pending == 0
    dwp.sync()
    assert names(dwp) == ["Ann Shared"]  # the private person never reaches DWP
    assert [v.id for v in dwp.repo.timeline(shared)] == [note]

    # DWP edits the shared person offline while SDS edits another field: both survive.
    dwp.repo.save("client", {"phone": "07700 900123"}, shared)
    sds.repo.save("client", {"occupation": "Welder"}, shared)
    dwp.sync()
    sds.sync()
    dwp.sync()
    for side in (sds, dwp):
        fields = side.repo.get(shared).fields
        assert (fields["phone"], fields["occupation"]) == ("07700 900123", "Welder")
    assert sds.repo.get(shared).versions == dwp.repo.get(shared).versions

    # Same field edited on both laptops: one deterministic winner everywhere, conflict recorded.
    sds.repo.save("client", {"occupation": "Fabricator"}, shared)
    dwp.repo.save("client", {"occupation": "Machinist"}, shared)
    sds.sync()
    report = dwp.sync()
    sds.sync()
    assert report.conflicts == 1
    assert dwp.repo.get(shared).has_conflict
    assert sds.repo.get(shared).fields["occupation"] == dwp.repo.get(shared).fields["occupation"]

    # Consent narrowed: the person and their engagement leave the DWP laptop.
    sds.repo.save("client", {"share_with": []}, shared, consent_method="verbal")
    sds.sync()
    report = dwp.sync()
    assert report.revoked >= 1
    assert dwp.repo.get(shared) is None
    assert dwp.repo.get(note) is None
    assert dwp.repo.people_count() == 0
    for session in (sds, dwp):
        session.lock()


def test_unauthenticated_keeps_outbox_and_relogin_recovers(sds: Session) -> None:
    sds.repo.save("client", {"first_name": "Kept", "last_name": "Queued"})
    sds._save_token("expired-or-forged-token")
    with pytest.raises(Unauthenticated):
        sds.sync()
    assert sds.status().pending == 1
    sds.reauthenticate(DEMO_PASSWORD)
    assert sds.sync().applied == 1
    assert sds.status().pending == 0
    sds.lock()


def test_rejected_change_is_parked_and_the_rest_flows(
    live_server: LiveServer, sds: Session
) -> None:
    # DWP registers a person it shares with nobody; SDS cannot see that record.
    dwp = live_server.client("dwp.adviser")
    hidden = "0190dddd-0000-7000-8000-000000000001"
    result = dwp.push(
        [
            {
                "change_id": "0190dddd-0000-7000-8000-0000000000c1",
                "record_id": hidden,
                "record_type": "client",
                "op": "upsert",
                "hlc": f"1764158400000-0000-{dwp.device_id}",  # its own device (decisions #8)
                "fields": {"first_name": "Hidden", "last_name": "Person"},
                "base": {"first_name": None, "last_name": None},
            }
        ]
    )
    assert result["results"][0]["status"] == "applied"
    # SDS writes to that id (valid locally) and registers someone else in the same push.
    sds.repo.save("client", {"first_name": "Not", "last_name": "Allowed"}, record_id=hidden)
    good = sds.repo.save("client", {"first_name": "Good", "last_name": "Change"})
    report = sds.sync()
    assert report.rejected == 1
    assert report.applied == 1
    [parked] = sds.repo.rejected_changes()
    assert parked.record_id == hidden
    assert parked.reason == "forbidden"
    assert sds.status().rejected == 1
    assert sds.status().pending == 0
    assert sds.sync().rejected == 0  # parked changes are not resent by themselves
    sds.repo.discard_rejected(parked.change_id)
    assert sds.repo.get(hidden) is None
    assert sds.repo.get(good) is not None
    assert sds.status().rejected == 0
    sds.lock()


def test_revoked_device_wipes_store_and_keyring(
    live_server: LiveServer, sds: Session, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    sds.repo.save("client", {"first_name": "Lost", "last_name": "Laptop"})
    # An SDS admin revokes the laptop through the admin API (what the admin console does).
    admin = live_server.client("demo.admin")
    response = admin.request("POST", f"/api/v1/admin/devices/{sds.device_id}/revoke")
    assert response.status_code == 200, response.text
    with pytest.raises(DeviceRevoked):
        sds.sync()
    folder = tmp_path / "sds"
    assert not Profile(folder).is_enrolled()
    assert [p.name for p in folder.iterdir()] == []
    assert memory_keyring.entries == {}
    assert sds.is_locked


def test_resync_required_repulls_and_keeps_unsynced_changes(sds: Session) -> None:
    sds.sync()
    kept = sds.repo.save("client", {"first_name": "Still", "last_name": "Queued"})
    with sds.repo.writing() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET cursor = 'not-a-cursor-from-this-server'")
    report = sds.sync()
    assert report.resynced
    assert sds.repo.get(kept) is not None
    assert sds.status().pending == 0
    assert sds.repo.events()
    sds.lock()


def test_offline_is_a_typed_error(tmp_path: Path) -> None:
    client = SyncClient("http://127.0.0.1:9", "token", timeout=(0.5, 0.5))
    with pytest.raises(Offline):
        client.pull(None)
