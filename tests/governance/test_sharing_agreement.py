"""The data-sharing agreement: versioned, audited, edited by system admins (API and CLI);
withheld fields never reach another partner's device and cannot be written by it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error
from tests.support.live_server import LiveServer

AGREEMENT = "/api/v1/admin/sharing-agreement"
EXAMPLE = {"withheld": {"client": ["ni_number", "phone"], "engagement": ["notes"]}}
NOTES = "Talked through QQ123456C and money worries"


def _put(device: Device, terms: dict[str, Any]) -> Any:
    return device.api.request("PUT", AGREEMENT, json=terms)


@pytest.fixture
def example_in_force(sysadmin: Device) -> Iterator[None]:
    answer = _put(sysadmin, EXAMPLE)
    assert answer.status_code == 200, answer.text
    yield
    assert _put(sysadmin, {"withheld": {}}).status_code == 200


def _shared_person(sds: Device) -> tuple[str, str]:
    person, _ = sds.create_client(
        ni_number="AB123456C", phone="07700 900789", postcode="KY7 5QF", share_with=["DWP"]
    )
    engagement = sds.upsert(
        "engagement",
        _new(),
        {"client_id": person, "kind": "money_advice", "occurred_on": "2026-11-20", "notes": NOTES},
    )
    assert sds.push_one(engagement)["status"] == "applied"
    return person, engagement["record_id"]


def _new() -> str:
    from tests.server.helpers import new_id

    return new_id()


def test_only_system_admins_change_it_and_each_version_is_audited(
    server: LiveServer, devices: Devices, sysadmin: Device
) -> None:
    assert_error(_put(devices["demo.admin"], EXAMPLE), 403, "forbidden")
    assert_error(_put(devices["demo.adviser"], EXAMPLE), 403, "forbidden")
    assert_error(devices["demo.adviser"].api.request("GET", AGREEMENT), 403, "forbidden")
    bad = _put(sysadmin, {"withheld": {"client": ["first_name"]}})
    assert "first_name" in assert_error(bad, 422, "invalid_request")["detail"]
    assert_error(
        _put(sysadmin, {"withheld": {"client": ["no_such_field"]}}), 422, "invalid_request"
    )
    assert_error(_put(sysadmin, {"partners": {"NOBODY": {}}}), 422, "invalid_request")

    before = devices["demo.admin"].api.request("GET", AGREEMENT).json()["version"]
    first = _put(sysadmin, EXAMPLE).json()
    second = _put(sysadmin, {"withheld": {}, "partners": {"DWP": {"client": ["phone"]}}}).json()
    assert (first["version"], second["version"]) == (before + 1, before + 2)
    assert first["terms"]["withheld"] == {"client": ["ni_number", "phone"], "engagement": ["notes"]}
    current = devices["demo.admin"].api.request("GET", AGREEMENT).json()
    assert current["version"] == second["version"]
    assert current["terms"]["partners"] == {"DWP": {"client": ["phone"]}}
    audit = devices["demo.admin"].api.request(
        "GET", "/api/v1/admin/audit", params={"action": "sharing_agreement.changed"}
    )
    # The system admin is an SDS user: SDS's admin sees the event of each version.
    versions = [e["detail"]["version"] for e in audit.json()["items"]]
    assert {first["version"], second["version"]} <= set(versions)
    assert _put(sysadmin, {"withheld": {}}).status_code == 200


def test_the_cli_shows_and_records_versions(server: LiveServer, tmp_path: Path) -> None:
    shown = json.loads(server.cli("sharing-agreement").stdout)
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps({"withheld": {"referral": ["reason"]}}), encoding="utf-8")
    recorded = json.loads(server.cli("sharing-agreement", "--set", str(terms)).stdout)
    assert recorded["version"] == shown["version"] + 1
    assert recorded["terms"]["withheld"] == {"referral": ["reason"]}
    terms.write_text(json.dumps({"withheld": {"client": ["last_name"]}}), encoding="utf-8")
    refused = server.cli("sharing-agreement", "--set", str(terms), check=False)
    assert refused.returncode != 0
    assert "last_name" in refused.stderr
    example = json.loads(server.cli("sharing-agreement", "--example").stdout)
    assert example["terms"]["withheld"]["engagement"] == ["notes"]
    terms.write_text(json.dumps({"withheld": {}}), encoding="utf-8")
    server.cli("sharing-agreement", "--set", str(terms))


def test_withheld_fields_never_reach_another_partners_device(
    devices: Devices, example_in_force: None
) -> None:
    sds, dwp = devices["demo.adviser"], devices.new("dwp.adviser")
    person, engagement = _shared_person(sds)
    items, _ = dwp.pull()
    seen = items[person]
    assert {"ni_number", "phone"}.isdisjoint(seen["fields"])
    assert {"ni_number", "phone"}.isdisjoint(seen["versions"])
    assert seen["withheld"] == ["ni_number", "phone"]
    assert seen["fields"]["postcode"] == "KY7 5QF"
    assert "notes" not in items[engagement]["fields"]
    assert items[engagement]["withheld"] == ["notes"]
    raw = json.dumps(dwp.api.pull_all()[0])
    for secret in ("AB123456C", "QQ123456C", "900789"):
        assert secret not in raw
    page = dwp.api.pull_page().json()
    assert page["withheld_fields"] == {"client": ["ni_number", "phone"], "engagement": ["notes"]}
    # The owner receives everything.
    own, _ = devices.new("demo.adviser").pull()
    assert own[person]["fields"]["ni_number"] == "AB123456C"
    assert own[engagement]["fields"]["notes"] == NOTES
    assert "withheld" not in own[person]


def test_a_push_to_a_withheld_field_is_refused_and_the_rest_applies(
    devices: Devices, example_in_force: None
) -> None:
    sds, dwp = devices["demo.adviser"], devices.new("dwp.adviser")
    person, _ = _shared_person(sds)
    refused, allowed = dwp.push(
        dwp.upsert("client", person, {"phone": "07700 900000"}),
        dwp.upsert("client", person, {"occupation": "Welder"}),
    )
    assert (refused["status"], refused["reason"]) == ("rejected", "forbidden")
    assert "phone" in refused["detail"]
    assert allowed["status"] == "applied"
    # DWP's own engagement about the person keeps its notes for DWP.
    own = dwp.upsert(
        "engagement",
        _new(),
        {"client_id": person, "kind": "job_search", "occurred_on": "2026-11-21", "notes": "ok"},
    )
    assert dwp.push_one(own)["status"] == "applied"
    assert dwp.record(own["record_id"])["fields"]["notes"] == "ok"  # type: ignore[index]
    # And SDS, which did not write it, does not get those notes.
    sds_view = devices.new("demo.adviser").record(own["record_id"])
    assert sds_view is not None
    assert "notes" not in sds_view["fields"]


def test_conflict_listings_never_show_a_withheld_value(
    devices: Devices, example_in_force: None
) -> None:
    sds = devices["demo.adviser"]
    person, _ = _shared_person(sds)
    other = devices.new("demo.adviser")
    first = sds.upsert("client", person, {"occupation": "Welder"}, base={"occupation": None})
    second = other.upsert("client", person, {"occupation": "Fitter"}, base={"occupation": None})
    sds.push_one(first)
    assert other.push_one(second)["status"] == "conflict"
    # DWP's team lead (if any) and DWP's adviser cannot list SDS's conflicts at all; SDS's lead
    # (the owner) sees its own record whole.
    listed = devices["demo.lead"].api.request("GET", "/api/v1/conflicts", params={"status": "all"})
    assert listed.status_code == 200
    forbidden_to_dwp = devices["dwp.adviser"].api.request("GET", "/api/v1/conflicts")
    assert forbidden_to_dwp.status_code == 403
    assert "900789" not in forbidden_to_dwp.text


def test_a_new_agreement_is_applied_to_records_already_delivered(
    devices: Devices, sysadmin: Device
) -> None:
    sds, dwp = devices["demo.adviser"], devices.new("dwp.adviser")
    person, _ = _shared_person(sds)
    items, cursor = dwp.pull()
    assert items[person]["fields"]["phone"] == "07700 900789"
    assert _put(sysadmin, EXAMPLE).status_code == 200
    try:
        again, _ = dwp.pull(cursor)  # re-delivered without the withheld fields
        assert "phone" not in again[person]["fields"]
        assert again[person]["withheld"] == ["ni_number", "phone"]
    finally:
        assert _put(sysadmin, {"withheld": {}}).status_code == 200
    restored, _ = dwp.pull(cursor)
    assert restored[person]["fields"]["phone"] == "07700 900789"


def test_the_app_keeps_what_is_withheld_and_never_stores_it(
    server: LiveServer, devices: Devices, example_in_force: None, tmp_path: Path
) -> None:
    from tests.governance.helpers import enrol, stored

    person, engagement = _shared_person(devices["demo.adviser"])
    laptop = enrol(server, tmp_path / "dwp", "dwp.adviser")
    try:
        records = stored(laptop)
        assert {"ni_number", "phone"}.isdisjoint(records[person][1])
        assert "notes" not in records[engagement][1]
        assert laptop.repo.withheld_fields("client") == {"ni_number", "phone"}
        assert laptop.repo.withheld_fields("engagement") == {"notes"}
    finally:
        laptop.lock()
