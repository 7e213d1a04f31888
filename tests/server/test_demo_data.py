"""Generated demo data: deterministic, valid by the shared record model, plausible, and loaded
so that a real server (SQLite and PostgreSQL) serves and merges it exactly like pushed records."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pace_shared import hlc as hlc_rules
from pace_shared.records import CHILD_TYPES, SHARE_ALL, is_valid_uuid, validate_fields
from pace_shared.reference import partner_names
from sync_server.demo_data.generator import generate, partner_node
from sync_server.demo_data.scale import DemoScale
from sync_server.sync.bulk_load import LoadRecord
from tests.server.helpers import Device, new_id
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer, start_server

UNTIL = dt.date(2026, 11, 28)
SMALL = DemoScale(people=600, events=12, months=18, seed=7)


@pytest.fixture(scope="module")
def records() -> list[LoadRecord]:
    return list(generate(SMALL, UNTIL))


def test_the_same_scale_and_seed_give_the_same_records(records: list[LoadRecord]) -> None:
    assert list(generate(SMALL, UNTIL)) == records
    other = list(itertools.islice(generate(DemoScale(people=600, events=12, seed=8), UNTIL), 50))
    assert other != records[:50]


def test_every_record_is_valid_as_the_server_would_store_it(records: list[LoadRecord]) -> None:
    partners = frozenset(partner_names())
    seen: dict[str, LoadRecord] = {}
    for record in records:
        result = validate_fields(record.type, record.fields, creating=True, known_partners=partners)
        assert result.ok, (record.type, result.summary())
        assert result.values == dict(record.fields), record.type  # already normalised
        assert is_valid_uuid(record.id)
        assert record.id not in seen
        assert set(record.versions) == set(record.fields)
        for stamp in record.versions.values():
            assert hlc_rules.is_valid(stamp)
            assert hlc_rules.wall_ms_of(stamp) < _ms(UNTIL)  # nothing in the future
        if record.type in CHILD_TYPES:
            person = seen[record.fields["client_id"]]  # persons come before their children
            assert person.type == "client"
        if record.type == "referral":
            _assert_within_consent(record, seen[record.fields["client_id"]])
        seen[record.id] = record


def _assert_within_consent(referral: LoadRecord, person: LoadRecord) -> None:
    share_with = person.fields["share_with"]
    assert SHARE_ALL in share_with or referral.fields["to_partner"] in {person.owner, *share_with}


def _ms(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp() * 1000)


def test_the_data_looks_like_pace(records: list[LoadRecord]) -> None:
    by_type = Counter(r.type for r in records)
    people = by_type["client"]
    assert SMALL.people <= people <= SMALL.people * 1.05  # plus a few second registrations
    assert by_type["redundancy_event"] == SMALL.events
    assert 3 * people <= by_type["engagement"] <= 5 * people
    assert by_type["referral"] > 0.2 * people
    assert by_type["employer_support"] >= SMALL.events
    clients = [r for r in records if r.type == "client"]
    events = [r for r in records if r.type == "redundancy_event"]
    assert len({e.fields["local_authority"] for e in events}) >= 5
    assert len({r.owner for r in clients}) >= 3
    assert len({r.owner for r in records if r.type == "engagement"}) >= 4
    consent = Counter(_consent_kind(r.fields["share_with"]) for r in clients)
    assert all(consent[k] > 0.1 * people for k in ("everyone", "some", "owner only")), consent
    for name in ("sex", "qualification_level", "occupation_group", "disability"):
        assert len({r.fields.get(name) for r in clients}) >= 4, name
    outcomes = [r for r in records if r.type == "outcome"]
    assert {o.fields["months_after"] for o in outcomes} == {3, 6, 12}
    assert any("started_on" in o.fields for o in outcomes)
    referrals = Counter(r.fields["status"] for r in records if r.type == "referral")
    assert set(referrals) == {"open", "accepted", "completed", "declined"}
    ages = [_age(r) for r in clients]
    assert min(ages) >= 17
    assert max(ages) <= 71
    assert 38 <= sum(ages) / len(ages) <= 50


def _consent_kind(share_with: list[str]) -> str:
    if SHARE_ALL in share_with:
        return "everyone"
    return "some" if share_with else "owner only"


def _age(person: LoadRecord) -> int:
    return (UNTIL - dt.date.fromisoformat(person.fields["date_of_birth"])).days // 365


def test_a_completed_referral_was_changed_later_by_the_receiving_partner(
    records: list[LoadRecord],
) -> None:
    completed = [r for r in records if r.type == "referral" and r.fields["status"] == "completed"]
    assert completed
    for referral in completed:
        assert referral.fields["completed_on"] >= referral.fields["referred_on"]
        assert referral.versions["status"] > referral.versions["client_id"]
        assert referral.versions["status"].endswith(partner_node(referral.fields["to_partner"]))


# --- loaded into a real server ----------------------------------------------------------------


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    folder: Path = tmp_path_factory.mktemp(f"demo-{request.param}")
    if request.param == "sqlite":
        with start_server(folder) as live:
            yield live
    else:
        with fresh_postgres_database() as url, start_server(folder, database_url=url) as live:
            yield live


def _seed(server: LiveServer) -> str:
    done = server.cli(
        "seed-demo", "--force", "--demo-data", "--people", "300", "--events", "6", "--seed", "3"
    )
    return done.stdout


def test_seed_demo_loads_demo_data_once_and_the_server_serves_it(
    demo_server: LiveServer,
) -> None:
    first = _seed(demo_server)
    assert "created demo records:" in first
    assert "client" in first
    assert "demo records already present" in _seed(demo_server)

    sds = Device(demo_server.client("demo.adviser"))
    dwp = Device(demo_server.client("dwp.adviser"))
    seen_by_sds, _ = sds.pull()
    seen_by_dwp, _ = dwp.pull()
    for seen, partner in ((seen_by_sds, "SDS"), (seen_by_dwp, "DWP")):
        people = [i for i in seen.values() if i["record_type"] == "client"]
        assert len(people) > 50
        for person in people:  # only people whose consent reaches the partner
            share_with = person["fields"].get("share_with", [])
            assert (
                person["owner_partner"] == partner
                or SHARE_ALL in share_with
                or partner in share_with
            )
    kinds = Counter(i["record_type"] for i in seen_by_sds.values())
    assert kinds["redundancy_event"] == 7  # six generated, one from seed-demo
    assert kinds["employer_support"] >= 6
    assert {"engagement", "referral", "outcome"} <= set(kinds)
    assert set(seen_by_sds) != set(seen_by_dwp)


def test_demo_records_merge_like_pushed_ones(demo_server: LiveServer) -> None:
    """Edits with the pulled versions as base apply; after them the cursor moves on."""
    _seed(demo_server)
    sds = Device(demo_server.client("demo.adviser"))
    seen, cursor = sds.pull()
    person = next(
        i for i in seen.values() if i["record_type"] == "client" and i["owner_partner"] == "SDS"
    )
    base = {"occupation": person["versions"].get("occupation")}
    edit = sds.upsert("client", person["record_id"], {"occupation": "Welder"}, base=base)
    assert sds.push_one(edit)["status"] == "applied"
    note = new_id()
    child = {"client_id": person["record_id"], "kind": "cv_support", "occurred_on": "2026-11-20"}
    assert sds.push_one(sds.upsert("engagement", note, child))["status"] == "applied"
    newer, _ = sds.pull(cursor)
    assert {person["record_id"], note} <= set(newer)
    assert newer[person["record_id"]]["fields"]["occupation"] == "Welder"
    # Another device's edit of a generated field, based on an older version, is a conflict.
    lead = Device(demo_server.client("demo.lead"))
    name = person["fields"]["first_name"]
    stale = lead.upsert(
        "client", person["record_id"], {"first_name": f"{name}x"}, base={"first_name": None}
    )
    assert lead.push_one(stale)["status"] == "conflict"


# --- the bulk loader refuses what push would never have stored ---------------------------------


def _database(folder: Path) -> Any:
    from sync_server import models  # noqa: F401 - every table
    from sync_server.db import Database
    from tests.support.live_server import run_cli

    url = f"sqlite:///{folder / 'server.db'}"
    run_cli("init", database_url=url)
    run_cli("seed-demo", database_url=url)
    return Database(url)


def _stamp() -> str:
    return f"{_ms(UNTIL):013d}-0000-{partner_node('SDS')}"


def test_the_loader_refuses_unknown_partners_and_orphans(tmp_path: Path) -> None:
    from sync_server.sync.bulk_load import BulkLoadError, load_records

    db = _database(tmp_path)
    person = new_id()
    cases = {
        "unknown owner": [LoadRecord(new_id(), "employer", "NOBODY", {"name": "X"}, {})],
        "unknown consent": [
            LoadRecord(person, "client", "SDS", {"first_name": "A", "share_with": ["NOBODY"]}, {})
        ],
        "child first": [
            LoadRecord(new_id(), "engagement", "SDS", {"client_id": person, "kind": "other"}, {})
        ],
        "bad version": [LoadRecord(new_id(), "employer", "SDS", {"name": "X"}, {"name": "x"})],
    }
    try:
        for label, records in cases.items():
            stamped = [
                r
                if r.versions
                else LoadRecord(r.id, r.type, r.owner, r.fields, dict.fromkeys(r.fields, _stamp()))
                for r in records
            ]
            with pytest.raises(BulkLoadError):
                load_records(db, stamped)
            with db.session() as session:  # nothing of a refused load is kept
                count = session.execute(text("SELECT count(*) FROM records")).scalar_one()
            assert count == 2, label  # seed-demo's employer and event only
    finally:
        db.dispose()


def test_seed_demo_refuses_a_scale_without_events(demo_server: LiveServer) -> None:
    done = demo_server.cli("seed-demo", "--force", "--demo-data", "--events", "0", check=False)
    assert done.returncode != 0
    lines = (done.stderr or done.stdout).strip().splitlines()
    assert len(lines) == 1
    assert "at least one event" in lines[0]
