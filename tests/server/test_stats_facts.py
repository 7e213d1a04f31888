"""The statistics facts table (sync_server.sync.stats_facts) stays in step with the records, on
SQLite and PostgreSQL, through every path that writes records: push over HTTP (create, update,
delete), erasure over HTTP, and bulk load. "In step" is checked by recomputing every row from
the records table itself and comparing it with what is stored, and by the values of the rows a
test wrote; the table never holds a person's name, contact details or date of birth."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from pace_shared.hlc import HybridClock
from sync_server.db import Database
from sync_server.sync.bulk_load import LoadRecord, load_records
from sync_server.sync.models import Record
from sync_server.sync.stats_facts import (
    STATS_FACTS,
    Written,
    fact_row,
    registration_day,
)
from tests.server.conftest import Devices
from tests.server.helpers import new_id
from tests.support.live_server import LiveServer
from tests.support.midnight import today_clear_of_midnight

EVENT_ID = "01900000-0000-7000-8000-00000000e002"  # seed-demo's redundancy event


@pytest.fixture
def db(server: LiveServer) -> Iterator[Database]:
    database = Database(server.database_url)
    try:
        yield database
    finally:
        database.dispose()


def _stored(db: Database) -> dict[str, dict[str, Any]]:
    with db.session() as session:
        return {
            row["record_id"]: dict(row) for row in session.execute(select(STATS_FACTS)).mappings()
        }


def _recomputed(db: Database) -> dict[str, dict[str, Any]]:
    """What the facts table should hold, worked out from the records table alone."""
    found = {}
    with db.session() as session:
        for record in session.execute(select(Record)).scalars():
            written = Written(
                record.id,
                record.type,
                record.owner_partner,
                record.client_id,
                record.fields,
                record.deleted,
                record.created_at,
            )
            row = fact_row(written, registration_day(record.created_at))
            if row is not None:
                found[record.id] = row
    return found


def _assert_in_step(db: Database) -> dict[str, dict[str, Any]]:
    stored = _stored(db)
    assert stored == _recomputed(db)
    return stored


def test_the_table_holds_no_personal_details() -> None:
    columns = set(STATS_FACTS.c.keys())
    personal = {
        "first_name",
        "last_name",
        "name",
        "date_of_birth",
        "ni_number",
        "national_insurance_number",
        "email",
        "phone",
        "postcode",
        "address",
        "notes",
        "fields",
    }
    assert not columns & personal


def test_push_create_update_and_delete_keep_the_facts_in_step(
    devices: Devices, db: Database
) -> None:
    alice = devices["demo.adviser"]
    # The server's registration day: the push below lands on it.
    day = today_clear_of_midnight()
    person, _ = alice.create_client(
        sex="female",
        qualification_level="scqf_7_10",
        occupation_group="8",
        leaving_date="2026-06-30",
        # 45 or 46 on the registration day, whatever the year (a fixed year drifts out of 35-49)
        date_of_birth=f"{day.year - 46}-05-17",
        event_id=EVENT_ID,
    )
    engagement, outcome, referral = new_id(), new_id(), new_id()
    results = alice.push(
        alice.upsert(
            "engagement",
            engagement,
            {"client_id": person, "kind": "cv_support", "occurred_on": "2026-07-02"},
        ),
        alice.upsert(
            "outcome",
            outcome,
            {
                "client_id": person,
                "status": "employed",
                "recorded_on": "2026-09-01",
                "months_after": 3,
                "started_on": "2026-08-14",
            },
        ),
        alice.upsert(
            "referral",
            referral,
            {
                "client_id": person,
                "to_partner": "SDS",
                "status": "completed",
                "referred_on": "2026-07-03",
                "completed_on": "2026-07-20",
            },
        ),
    )
    assert [r["status"] for r in results] == ["applied"] * 3, results
    stored = _assert_in_step(db)
    assert stored[person]["day"] == day
    assert (stored[person]["sex"], stored[person]["age_band"]) == ("female", "35-49")
    assert stored[person]["leaving_date"] == dt.date(2026, 6, 30)
    assert stored[person]["event_id"] == EVENT_ID
    assert (stored[engagement]["kind"], stored[engagement]["day"]) == (
        "cv_support",
        dt.date(2026, 7, 2),
    )
    assert stored[engagement]["client_id"] == person
    assert stored[outcome]["started_on"] == dt.date(2026, 8, 14)
    assert stored[outcome]["months_after"] == 3
    assert stored[referral]["completed_on"] == dt.date(2026, 7, 20)

    # An update changes the row; the person's registration day does not move.
    results = alice.push(
        alice.upsert("engagement", engagement, {"kind": "job_search"}),
        alice.upsert("client", person, {"sex": "male", "leaving_date": "2026-05-31"}),
    )
    assert [r["status"] for r in results] == ["applied"] * 2, results
    updated = _assert_in_step(db)
    assert updated[engagement]["kind"] == "job_search"
    assert (updated[person]["sex"], updated[person]["leaving_date"]) == (
        "male",
        dt.date(2026, 5, 31),
    )
    assert updated[person]["day"] == stored[person]["day"]

    # A deleted record has no facts.
    assert alice.push_one(alice.delete("engagement", engagement))["status"] == "applied"
    after = _assert_in_step(db)
    assert engagement not in after
    assert {person, outcome, referral} <= set(after)


def test_erasure_removes_the_persons_facts(
    server: LiveServer, devices: Devices, db: Database
) -> None:
    alice = devices["demo.adviser"]
    person, _ = alice.create_client(sex="female")
    engagement = new_id()
    pushed = alice.push_one(
        alice.upsert(
            "engagement",
            engagement,
            {"client_id": person, "kind": "one_to_one", "occurred_on": "2026-07-02"},
        )
    )
    assert pushed["status"] == "applied", pushed
    assert {person, engagement} <= set(_assert_in_step(db))
    admin = server.client("demo.admin")
    response = admin.request("POST", f"/api/v1/admin/people/{person}/erase")
    assert response.status_code == 200, response.text
    after = _assert_in_step(db)
    assert person not in after
    assert engagement not in after


def test_bulk_load_writes_the_facts(db: Database) -> None:
    clock = HybridClock(new_id())
    person, outcome = new_id(), new_id()

    def record(record_type: str, record_id: str, fields: dict[str, Any]) -> LoadRecord:
        stamp = clock.tick()
        return LoadRecord(record_id, record_type, "SDS", fields, dict.fromkeys(fields, stamp))

    counts = load_records(
        db,
        [
            record(
                "client",
                person,
                {
                    "first_name": "Bulk",
                    "last_name": "Loaded",
                    "share_with": [],
                    "qualification_level": "scqf_5_6",
                },
            ),
            record(
                "outcome",
                outcome,
                {
                    "client_id": person,
                    "status": "training",
                    "recorded_on": "2026-08-01",
                    "months_after": 6,
                },
            ),
        ],
    )
    assert counts == {"client": 1, "outcome": 1}
    stored = _assert_in_step(db)
    assert stored[person]["qualification"] == "scqf_5_6"
    assert (stored[outcome]["status"], stored[outcome]["day"]) == (
        "training",
        dt.date(2026, 8, 1),
    )
