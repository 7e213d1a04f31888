"""``POST /api/v1/audit/viewed``: a person's record opened on another partner's device is an
audit event ``viewed``, written once per event id, only for records the partner can see; the
device's unsent-change count reaches the admin device list."""

from __future__ import annotations

from typing import Any

from sync_server.seed import EMPLOYER_ID
from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.support.live_server import LiveServer

VIEWED = "/api/v1/audit/viewed"


def event(record_id: str, event_id: str | None = None) -> dict[str, Any]:
    return {
        "event_id": event_id or new_id(),
        "record_id": record_id,
        "viewed_at": "2026-11-28T10:15:00.000Z",
    }


def send(device: Device, body: dict[str, Any]) -> Any:
    return device.api.request("POST", VIEWED, json=body)


def viewed_events(admin: Device, person: str) -> list[dict[str, Any]]:
    response = admin.api.request(
        "GET", "/api/v1/admin/audit", params={"record_id": person, "action": "viewed"}
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_viewed_event_is_audited_once_per_event_id(devices: Devices) -> None:
    alice, dwp = devices["demo.adviser"], devices["dwp.adviser"]
    person, _ = alice.create_client(share_with=["DWP"])
    first = event(person)
    answer = send(dwp, {"events": [first, first], "pending_changes": 3})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"accepted": 1, "duplicates": 1}
    again = send(dwp, {"events": [first]})
    assert again.json() == {"accepted": 0, "duplicates": 1}

    [audited] = viewed_events(devices["demo.admin"], person)  # the owner's admin sees it
    assert (audited["username"], audited["device_id"]) == ("dwp.adviser", dwp.device_id)
    assert audited["detail"]["event_id"] == first["event_id"]
    assert audited["detail"]["partner"] == "DWP"


def test_record_the_partner_cannot_see_is_forbidden_whether_it_exists_or_not(
    devices: Devices,
) -> None:
    alice, fife = devices["demo.adviser"], devices["fife.adviser"]
    private, _ = alice.create_client()
    hidden = send(fife, {"events": [event(private)]})
    missing = send(fife, {"events": [event(new_id())]})
    body_hidden = assert_error(hidden, 403, "forbidden")
    body_missing = assert_error(missing, 403, "forbidden")
    assert body_hidden == body_missing
    # One hidden record refuses the whole batch: nothing of it is written.
    shared, _ = alice.create_client(share_with=["FIFE_COUNCIL"])
    mixed = send(fife, {"events": [event(shared), event(private)]})
    assert_error(mixed, 403, "forbidden")
    assert viewed_events(devices["demo.admin"], shared) == []
    # Events and employers are not people: not a "viewed" record either.
    assert_error(send(fife, {"events": [event(EMPLOYER_ID)]}), 403, "forbidden")


def test_bad_batches_are_clear_errors(devices: Devices) -> None:
    dwp = devices["dwp.adviser"]
    for body in (
        {"events": [{"event_id": "not-an-id", "record_id": new_id(), "viewed_at": "x"}]},
        {"events": [], "pending_changes": -1},
        {"events": [], "surprise": True},
        {"events": [event(new_id()) for _ in range(401)]},
    ):
        assert_error(send(dwp, body), 422, "invalid_request")
    assert_error(dwp.post_raw(VIEWED, b"{"), 422, "invalid_request")


def test_pending_count_and_app_version_reach_the_admin_device_list(
    server: LiveServer, devices: Devices
) -> None:
    lead = devices.new("demo.lead")
    lead.api.http.headers["X-PACE-App-Version"] = "1.4.2"
    answer = send(lead, {"events": [], "pending_changes": 7})
    assert answer.status_code == 200, answer.text
    listing = devices["demo.admin"].api.request("GET", "/api/v1/admin/devices")
    [row] = [d for d in listing.json()["items"] if d["id"] == lead.device_id]
    assert (row["pending_changes"], row["app_version"]) == (7, "1.4.2")
    assert row["pending_reported_at"]


def test_sign_in_is_required(server: LiveServer) -> None:
    anonymous = server.client("demo.adviser", login=False)
    assert_error(anonymous.request("POST", VIEWED, json={"events": []}), 401, "unauthenticated")
