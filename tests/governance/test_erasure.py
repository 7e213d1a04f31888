"""Erasure: the person and everything about them leave the server and, at their next sync,
every laptop that held them; an offline laptop's old edit cannot bring them back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from desktop_app.session import Session
from tests.governance.helpers import enrol, stored
from tests.governance.test_consent_history import _family
from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error
from tests.support.live_server import LiveServer


@pytest.fixture
def laptops(server: LiveServer, tmp_path: Path) -> Iterator[dict[str, Session]]:
    sessions = {
        "SDS": enrol(server, tmp_path / "sds", "demo.adviser"),
        "DWP": enrol(server, tmp_path / "dwp", "dwp.adviser"),
    }
    yield sessions
    for session in sessions.values():
        session.lock()


def _rows(database_url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.text(sql), params).mappings()]
    finally:
        engine.dispose()


def _outbox(session: Session) -> list[str]:
    with session.repo.reading() as conn:
        return [str(r[0]) for r in conn.execute(sa.text("SELECT record_id FROM outbox"))]


def test_erasure_reaches_every_laptop_and_an_old_offline_edit_does_not_revive_it(
    server: LiveServer, laptops: dict[str, Session]
) -> None:
    sds, dwp = laptops["SDS"], laptops["DWP"]
    person, children = _family(sds)
    sds.sync()
    dwp.sync()
    family = {person, *children, *(h.id for h in sds.repo.consent_history(person))}
    assert len(family) == 5
    assert family <= stored(dwp).keys()
    # DWP edits the person while offline (queued, not yet sent), and adds a note about them.
    dwp.repo.save("client", {"occupation": "Welder Morag"}, person)
    offline_note = dwp.repo.save(
        "engagement",
        {"client_id": person, "kind": "job_search", "occurred_on": "2026-11-26", "notes": "x"},
    )

    erased = server.cli("erase", person)
    assert "erased" in erased.stdout
    assert server.cli("erase", person, check=False).returncode != 0  # gone: nothing to erase

    sds.sync()
    assert not family & stored(sds).keys()
    report = dwp.sync()  # the offline device reconnects: its edits are refused, it purges
    assert report.rejected == 2
    assert not (family | {offline_note}) & stored(dwp).keys()
    assert _outbox(dwp) == []  # nothing of the person stays queued either
    assert dwp.repo.rejected_changes() == []
    assert dwp.sync().rejected == 0
    assert not family & stored(dwp).keys()

    # On the server: no record of them, a marker per record, the audit without their data.
    left = _rows(server.database_url, "SELECT id, client_id FROM records")
    assert not [r for r in left if r["id"] in family or r["client_id"] == person]
    markers = _rows(server.database_url, "SELECT * FROM erased_records")
    mine = {m["record_id"]: m for m in markers if m["client_id"] == person}
    assert set(mine) == family
    assert {m["record_type"] for m in mine.values()} == {
        "client",
        "consent_change",
        "engagement",
        "referral",
        "outcome",
    }
    audit = _rows(server.database_url, "SELECT * FROM audit_events")
    text = json.dumps(audit, default=str)
    for personal in ("Morag", "Consent", "07700 900456", "Welder"):
        assert personal not in text
    assert [a for a in audit if a["action"] == "person.erased" and a["record_id"] == person]


def test_erasure_through_the_api_is_for_administrators_of_the_owner(
    devices: Devices, sysadmin: Device
) -> None:
    sds = devices["demo.adviser"]
    person, _ = sds.create_client(share_with=["DWP"])
    path = f"/api/v1/admin/people/{person}/erase"
    assert_error(sds.api.request("POST", path), 403, "forbidden")
    assert_error(devices["dwp.adviser"].api.request("POST", path), 403, "forbidden")
    missing = "/api/v1/admin/people/01900000-0000-7000-8000-0000000000ff/erase"
    assert_error(devices["demo.admin"].api.request("POST", missing), 404, "not_found")
    assert_error(
        sysadmin.api.request("POST", "/api/v1/admin/people/not-an-id/erase"), 422, "invalid_request"
    )
    answer = devices["demo.admin"].api.request("POST", path)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"record_id": person, "removed": {"client": 1}}
    items, _ = devices.new("dwp.adviser").pull()
    assert person not in items or items[person].get("revoked")
    # A new device's old-style upsert with the same id is refused, not a new person.
    again = sds.push_one(sds.upsert("client", person, {"first_name": "Back", "last_name": "Again"}))
    assert (again["status"], again["reason"]) == ("rejected", "erased")
