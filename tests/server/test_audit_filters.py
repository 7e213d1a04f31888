"""The audit log for admins (decisions.md #8): filters by record, user, action and time; the
owner partner's admins see what anyone did to the records their partner owns; and every delivery
of a person's record to a device of another partner is logged as ``disclosed``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.support.live_server import DEMO_PASSWORD, LiveServer

AUDIT = "/api/v1/admin/audit"


def audit(admin: Device, **params: Any) -> list[dict[str, Any]]:
    response = admin.api.request("GET", AUDIT, params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    for item in items:
        assert {"action", "username", "device_id", "record_id", "detail"} <= set(item), item
    return items


def shared_person(owner: Device, *partners: str) -> str:
    person, _ = owner.create_client(share_with=list(partners))
    return person


def test_owner_admins_see_every_event_on_their_records(devices: Devices) -> None:
    alice, dwp = devices["demo.adviser"], devices["dwp.adviser"]
    person = shared_person(alice, "DWP")
    dwp.pull()
    engagement = new_id()
    pushed = dwp.push_one(
        dwp.upsert(
            "engagement",
            engagement,
            {"client_id": person, "kind": "benefits_advice", "occurred_on": "2026-11-27"},
        )
    )
    assert pushed["status"] == "applied", pushed
    edited = dwp.push_one(dwp.upsert("client", person, {"occupation": "Welder"}))
    assert edited["status"] == "applied", edited
    sds_view = audit(devices["demo.admin"], record_id=person)
    by_dwp = [e for e in sds_view if e["username"] == "dwp.adviser"]
    assert any(e["action"] == "change.applied" for e in by_dwp), sds_view
    assert {e["record_id"] for e in sds_view} == {person}
    # DWP's own events stay out of SDS's view unless they touch SDS's records.
    assert not [e for e in audit(devices["demo.admin"]) if e["record_id"] == engagement]


def test_filters_by_user_action_and_time(server: LiveServer, devices: Devices) -> None:
    admin = devices["demo.admin"]
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    lead = devices.new("demo.lead")
    person, _ = lead.create_client()
    mine = audit(admin, username="demo.lead", since=before.isoformat())
    assert mine
    assert {e["username"] for e in mine} == {"demo.lead"}
    assert {"login.succeeded", "change.applied"} <= {e["action"] for e in mine}
    applied = audit(admin, action="change.applied", username="demo.lead", record_id=person)
    assert [e["record_id"] for e in applied] == [person]
    ids = [e["id"] for e in audit(admin, since=before.isoformat())]
    assert ids == sorted(ids, reverse=True)  # newest first
    assert not audit(admin, username="demo.lead", until=before.isoformat(), record_id=person)
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert not audit(admin, since=later)
    bad = admin.api.request("GET", AUDIT, params={"since": "yesterday"})
    assert_error(bad, 422, "invalid_request")


def test_pulling_anothers_person_is_logged_as_disclosed(
    server: LiveServer, devices: Devices
) -> None:
    alice, admin = devices["demo.adviser"], devices["demo.admin"]
    shared = shared_person(alice, "DWP")
    everyone = shared_person(alice, "ALL")
    private = shared_person(alice)
    dwp = devices.new("dwp.adviser")
    items, _ = dwp.pull()
    assert {shared, everyone} <= set(items)
    assert private not in items

    def disclosures(record_id: str) -> list[dict[str, Any]]:
        return [
            e
            for e in audit(admin, record_id=record_id, action="disclosed")
            if e["device_id"] == dwp.device_id
        ]

    for person in (shared, everyone):
        (event,) = disclosures(person)
        assert event["detail"] == {"partner": "DWP", "device_id": dwp.device_id}
        assert event["username"] == "dwp.adviser"
    assert not disclosures(private)
    # One event per delivery: pulling again from the start delivers (and logs) it again.
    dwp.pull()
    assert len(disclosures(shared)) == 2
    # The owner's own devices disclose nothing; employers and events are not people.
    alice.pull()
    owner_pulls = audit(admin, action="disclosed", username="demo.adviser")
    assert not owner_pulls
    assert all(e["record_id"] not in (None, "") for e in audit(admin, action="disclosed"))
    # DWP's admins see the disclosures to their own devices too (their partner's events).
    dwp_admin = f"dwp.admin.{new_id()[:6]}"
    server.cli(
        "create-user", dwp_admin, "--partner", "DWP", "--role", "admin", "--password-stdin",
        stdin=DEMO_PASSWORD,
    )  # fmt: skip
    dwp_view = [e["record_id"] for e in audit(devices.new(dwp_admin), action="disclosed")]
    assert shared in dwp_view
