"""The append-only audit log, and logs free of personal data (canary NI numbers, decisions #5).

A workload runs once per backend against a fresh server whose log file is its own; the tests
then read the audit table straight from the database and scan the log file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from tests.server.helpers import Device, new_id
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import ApiClient, LiveServer, start_server

CANARY_NINO = "AB123456C"  # valid format: goes in the ni_number field
CANARY_TEXT = "QQ123456C"  # invalid format: only ever inside free text
CANARY_EMAIL = "canary.person@example.org"
CANARY_SURNAME = "Canarysurname"


@dataclass
class Workload:
    server: LiveServer
    alice: Device
    lead: Device
    revoked_device: str
    client_id: str
    engagement_id: str
    conflict_id: str


def _run_workload(server: LiveServer) -> Workload:
    assert ApiClient(server.url, "demo.adviser", "wrong-password").login().status_code == 401
    alice = Device(server.client("demo.adviser"))
    lead = Device(server.client("demo.lead"))
    client_id, h0 = alice.create_client(
        last_name=CANARY_SURNAME, ni_number=CANARY_NINO, email=CANARY_EMAIL, phone="07700 900001"
    )
    engagement_id = new_id()
    notes = f"Said their old NI number was {CANARY_TEXT}; checked it against {CANARY_NINO}."
    results = alice.push(
        alice.upsert(
            "engagement",
            engagement_id,
            {
                "client_id": client_id,
                "kind": "one_to_one",
                "occurred_on": "2026-11-20",
                "notes": notes,
            },
        ),
        # Rejected changes carrying the canaries must not leak either.
        alice.upsert(
            "client", new_id(), {"first_name": "X", "last_name": "Y", "ni_number": CANARY_TEXT}
        ),
        alice.upsert(
            "client",
            new_id(),
            {"first_name": "X", "last_name": CANARY_NINO, "favourite": CANARY_TEXT},
        ),
    )
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected"]
    assert CANARY_TEXT not in json.dumps(results)
    # A conflict on the NI number field, then its resolution with the other value.
    lead.pull()
    edit_a = alice.upsert("client", client_id, {"phone": "07700 900002"}, base={"phone": h0})
    lead.clock.receive(edit_a["hlc"])
    edit_b = lead.upsert("client", client_id, {"phone": "07700 900003"}, base={"phone": h0})
    assert alice.push_one(edit_a)["status"] == "applied"
    conflict = lead.push_one(edit_b)
    assert conflict["status"] == "conflict"
    resolved = lead.api.request(
        "POST", f"/api/v1/conflicts/{conflict['conflict_id']}/resolve", json={"keep": "loser"}
    )
    assert resolved.status_code == 200, resolved.text
    # Malformed requests quoting the canaries.
    bad = alice.api.request("POST", "/api/v1/sync/push", json={"changes": {"x": CANARY_NINO}})
    assert bad.status_code == 422
    bad_login = alice.api.http.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": "demo.adviser", "password": CANARY_NINO, "device_id": CANARY_TEXT},
        timeout=10,
    )
    assert bad_login.status_code == 422
    # A device that is registered and then revoked by an admin.
    laptop = Device(server.client("demo.adviser"))
    admin = Device(server.client("demo.admin"))
    revoked = admin.api.request("POST", f"/api/v1/admin/devices/{laptop.device_id}/revoke")
    assert revoked.status_code == 200, revoked.text
    assert laptop.api.pull_page().status_code == 403
    # Pull everything, as every device would.
    assert client_id in alice.pull()[0]
    assert alice.record(engagement_id)["fields"]["notes"] == notes  # type: ignore[index]
    return Workload(
        server, alice, lead, laptop.device_id, client_id, engagement_id, conflict["conflict_id"]
    )


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def workload(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workload]:
    folder = tmp_path_factory.mktemp(f"audit-{request.param}")
    if request.param == "sqlite":
        with start_server(folder) as live:
            yield _run_workload(live)
    else:
        with fresh_postgres_database() as url, start_server(folder, database_url=url) as live:
            yield _run_workload(live)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def audit_rows(database_url: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT * FROM audit_events ORDER BY id")).mappings()
            return [
                {**row, "fields": _json(row["fields"]), "detail": _json(row["detail"])}
                for row in rows
            ]
    finally:
        engine.dispose()


def test_audit_log_records_who_did_what(workload: Workload) -> None:
    rows = audit_rows(workload.server.database_url)
    actions = [r["action"] for r in rows]
    alice = workload.alice

    def find(action: str, **match: Any) -> list[dict[str, Any]]:
        return [
            r for r in rows if r["action"] == action and all(r[k] == v for k, v in match.items())
        ]

    assert find("login.failed", username="demo.adviser"), actions
    assert find("login.succeeded", username="demo.adviser", device_id=alice.device_id)
    assert find("device.registered", username="demo.adviser", device_id=alice.device_id)
    assert find("device.registered", device_id=workload.revoked_device)
    revocations = find("device.revoked", username="demo.admin")
    assert any(workload.revoked_device in json.dumps(r["detail"]) for r in revocations), revocations
    created = find("change.applied", record_id=workload.client_id, device_id=alice.device_id)
    assert created, actions
    assert set(created[0]["fields"]) == {
        "first_name",
        "last_name",
        "ni_number",
        "email",
        "phone",
    }
    assert created[0]["username"] == "demo.adviser"
    assert created[0]["partner_code"] == "SDS"
    assert created[0]["record_type"] == "client"
    engagement = find("change.applied", record_id=workload.engagement_id)
    assert engagement
    assert "notes" in engagement[0]["fields"]
    resolved = find("conflict.resolved", record_id=workload.client_id, username="demo.lead")
    assert resolved, actions
    assert resolved[0]["fields"] == ["phone"]
    assert workload.conflict_id in json.dumps(resolved[0]["detail"])


def test_audit_log_holds_field_names_never_values(workload: Workload) -> None:
    text = json.dumps(audit_rows(workload.server.database_url), default=str)
    for secret in (CANARY_NINO, CANARY_TEXT, CANARY_EMAIL, CANARY_SURNAME, "07700 900"):
        assert secret not in text, secret


def test_admins_read_their_partners_audit_log(workload: Workload) -> None:
    admin = Device(workload.server.client("demo.admin"))
    response = admin.api.request("GET", "/api/v1/admin/audit", params={"limit": 1000})
    assert response.status_code == 200, response.text
    actions = {e["action"] for e in response.json()["items"]}
    assert {"login.succeeded", "device.registered", "change.applied", "conflict.resolved"} <= (
        actions
    )
    assert workload.alice.api.request("GET", "/api/v1/admin/audit").status_code == 403


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET action = 'tampered'",
        "UPDATE audit_events SET fields = NULL WHERE action = 'change.applied'",
        "DELETE FROM audit_events",
        "DELETE FROM audit_events WHERE action = 'login.failed'",
    ],
)
def test_the_database_refuses_to_change_the_audit_log(workload: Workload, statement: str) -> None:
    before = audit_rows(workload.server.database_url)
    engine = sa.create_engine(workload.server.database_url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(sa.text(statement))
    finally:
        engine.dispose()
    after = audit_rows(workload.server.database_url)
    assert after[: len(before)] == before


def test_the_server_log_never_holds_the_canaries(workload: Workload) -> None:
    log = workload.server.log_text()
    assert log.strip(), "the server wrote no log at all"
    assert "/api/v1/sync/push" in log  # the log file is the one the server wrote to
    for secret in (CANARY_NINO, CANARY_TEXT, CANARY_EMAIL, CANARY_SURNAME):
        assert secret not in log, f"{secret} found in the server log"
