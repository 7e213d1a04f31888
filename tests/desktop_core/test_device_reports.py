"""What a laptop reports at each sync, over a real server: audited ``viewed`` events for
another partner's people, and its unsent-change count for the admin device list."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from desktop_app.session import Profile, Session
from desktop_app.storage.viewed import ViewedOutbox
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer


def enrol(server: LiveServer, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder),
        server.url,
        username,
        DEMO_PASSWORD,
        f"{username} laptop",
        kdf_params=FAST_KDF,
    )


def viewed(server: LiveServer, person: str) -> list[dict[str, Any]]:
    admin = server.client("demo.admin")
    answer = admin.request(
        "GET", "/api/v1/admin/audit", params={"record_id": person, "action": "viewed"}
    )
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_viewing_another_partners_person_is_audited_once_at_next_sync(
    live_server: LiveServer, tmp_path: Path
) -> None:
    sds = enrol(live_server, tmp_path / "sds", "demo.adviser")
    dwp = enrol(live_server, tmp_path / "dwp", "dwp.adviser")
    person = sds.repo.save(
        "client",
        {"first_name": "Iona", "last_name": "Viewed", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    sds.sync()
    dwp.sync()

    sds.record_view(person)  # the owner opening its own person is no event
    assert ViewedOutbox(sds.repo).count() == 0
    dwp.record_view(person)
    dwp.record_view(person)  # opened twice: two views
    assert ViewedOutbox(dwp.repo).count() == 2
    assert viewed(live_server, person) == []  # nothing leaves before the sync

    report = dwp.sync()
    assert report.viewed_sent == 2
    assert ViewedOutbox(dwp.repo).count() == 0
    events = viewed(live_server, person)
    assert len(events) == 2
    assert {(e["username"], e["device_id"]) for e in events} == {("dwp.adviser", dwp.device_id)}
    assert dwp.sync().viewed_sent == 0
    assert len(viewed(live_server, person)) == 2
    for session in (sds, dwp):
        session.lock()


def test_view_of_a_person_whose_consent_was_withdrawn_is_dropped_not_stuck(
    live_server: LiveServer, tmp_path: Path
) -> None:
    sds = enrol(live_server, tmp_path / "sds", "demo.adviser")
    dwp = enrol(live_server, tmp_path / "dwp", "dwp.adviser")
    kept = sds.repo.save(
        "client",
        {"first_name": "Kept", "last_name": "Shared", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    gone = sds.repo.save(
        "client",
        {"first_name": "Gone", "last_name": "Soon", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    sds.sync()
    dwp.sync()
    dwp.record_view(kept)
    dwp.record_view(gone)
    sds.repo.save("client", {"share_with": []}, gone, consent_method="verbal")
    sds.sync()
    assert dwp.sync().viewed_sent == 1  # the view of the withdrawn person is refused alone
    assert ViewedOutbox(dwp.repo).count() == 0
    assert len(viewed(live_server, kept)) == 1
    assert viewed(live_server, gone) == []
    for session in (sds, dwp):
        session.lock()


def test_admin_device_list_shows_version_and_unsent_changes(
    live_server: LiveServer, tmp_path: Path
) -> None:
    laptop = enrol(live_server, tmp_path / "laptop", "demo.adviser")
    # A person DWP shares with nobody: the laptop's edit of that id is refused and parked.
    dwp = live_server.client("dwp.adviser")
    hidden = str(uuid.uuid4())
    pushed = dwp.push(
        [
            {
                "change_id": str(uuid.uuid4()),
                "record_id": hidden,
                "record_type": "client",
                "op": "upsert",
                "hlc": f"1764158400000-0000-{dwp.device_id}",
                "fields": {"first_name": "Hidden", "last_name": "Person"},
                "base": {"first_name": None, "last_name": None},
            }
        ]
    )
    assert pushed["results"][0]["status"] == "applied"
    laptop.repo.save("client", {"first_name": "Not", "last_name": "Allowed"}, record_id=hidden)
    assert laptop.sync().rejected == 1

    admin = live_server.client("demo.admin")
    rows = admin.request("GET", "/api/v1/admin/devices").json()["items"]
    [row] = [r for r in rows if r["id"] == laptop.device_id]
    assert row["app_version"]
    assert row["pending_changes"] == 1  # the parked change has not reached the server
    laptop.repo.discard_rejected(laptop.repo.rejected_changes()[0].change_id)
    laptop.sync()
    rows = admin.request("GET", "/api/v1/admin/devices").json()["items"]
    assert [r["pending_changes"] for r in rows if r["id"] == laptop.device_id] == [0]
    laptop.lock()
