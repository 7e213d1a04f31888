"""The record additions for statistics (decisions.md #9) in the desktop store, and forward
compatibility: what a laptop does not know (a field or a record type added to the model after
its release) it keeps as pulled, never shows as something else, and never erases."""

from __future__ import annotations

from pathlib import Path

from desktop_app.session import Session
from desktop_app.storage.codec import loads
from pace_shared.hlc import HybridClock
from pace_shared.wire import PullItem
from tests.desktop_core.conftest import LocalStore
from tests.desktop_core.test_sync_e2e import enrol
from tests.server.helpers import Device, new_id
from tests.support.live_server import LiveServer

SERVER_NODE = "0190bbbb-0000-7000-8000-000000000002"
PERSON = "0190cccc-0000-7000-8000-000000000001"
FUTURE = "0190cccc-0000-7000-8000-000000000002"
FUTURE_CHILD = "0190cccc-0000-7000-8000-000000000003"


def _pulled(clock: HybridClock) -> list[PullItem]:
    """A page from a newer server: a person with a field this release does not know, a record
    of a type it does not know, and a child of the person of an unknown type."""
    person_fields = {
        "first_name": "Iona",
        "last_name": "Future",
        "sex": "female",
        "favourite_colour": "teal",  # a field added after this release
    }
    return [
        PullItem(
            record_id=PERSON,
            record_type="client",
            owner_partner="SDS",
            fields=person_fields,
            versions={name: clock.tick() for name in person_fields},
        ),
        PullItem(
            record_id=FUTURE,
            record_type="employer_visit_plan",  # a type added after this release
            owner_partner="DWP",
            fields={"employer_id": new_id(), "planned_on": "2027-01-05"},
            versions={"employer_id": clock.tick(), "planned_on": clock.tick()},
        ),
        PullItem(
            record_id=FUTURE_CHILD,
            record_type="wellbeing_check",
            owner_partner="SDS",
            fields={"client_id": PERSON, "score": 7},
            versions={"client_id": clock.tick(), "score": clock.tick()},
        ),
    ]


def test_a_pull_with_unknown_types_and_fields_is_stored_and_ignored(store: LocalStore) -> None:
    clock = HybridClock(SERVER_NODE)
    tally = store.sync.apply_page(_pulled(clock), "cursor-1")
    assert tally.applied == 3
    repo = store.repo
    # Kept as pulled, so a later release can show it ...
    future = repo.get(FUTURE)
    assert future is not None
    assert future.fields["planned_on"] == "2027-01-05"
    # ... but never shown as something it is not.
    assert FUTURE not in {v.id for v in repo.events() + repo.employers()}
    assert [v.id for v in repo.timeline(PERSON)] == []
    assert [p.id for p in repo.search_people("Iona")] == [PERSON]

    # Editing the person locally sends only what changed, and keeps the unknown field.
    repo.save("client", {"occupation": "Welder", "qualification_level": "scqf_5_6"}, PERSON)
    person = repo.get(PERSON)
    assert person is not None
    assert person.fields["favourite_colour"] == "teal"
    queued = [loads(c.fields) for c in _outbox(store)]
    assert queued == [{"occupation": "Welder", "qualification_level": "scqf_5_6"}]


def _outbox(store: LocalStore) -> list[object]:
    with store.repo.reading() as conn:
        return list(conn.exec_driver_sql("SELECT fields FROM outbox ORDER BY seq").mappings())


def test_a_repeated_pull_of_an_unknown_record_merges_field_by_field(store: LocalStore) -> None:
    clock = HybridClock(SERVER_NODE)
    first = _pulled(clock)[0]
    store.sync.apply_page([first], "cursor-1")
    store.repo.save("client", {"phone": "07700 900123"}, PERSON)  # queued, not yet pushed
    # The server sends the whole record again, with the unknown field changed elsewhere.
    later = first.model_copy(deep=True)
    assert later.fields is not None
    assert later.versions is not None
    later.fields["favourite_colour"] = "green"
    later.versions["favourite_colour"] = clock.tick()
    store.sync.apply_page([later], "cursor-2")
    person = store.repo.get(PERSON)
    assert person is not None
    assert (person.fields["favourite_colour"], person.fields["phone"]) == ("green", "07700 900123")
    assert person.fields["sex"] == "female"


def test_the_app_records_and_syncs_the_new_fields_and_employer_support(
    live_server: LiveServer, tmp_path: Path
) -> None:
    sds: Session = enrol(live_server, tmp_path / "sds", "demo.adviser")
    event = sds.repo.events()[0]
    employer = event.fields["employer_id"]
    person = sds.repo.save(
        "client",
        {
            "first_name": "Ann",
            "last_name": "Stats",
            "event_id": event.id,
            "sex": "prefer_not_to_say",
            "disability": "no",
            "qualification_level": "scqf_11_12",
            "occupation_group": "2",
            "leaving_date": "2027-01-31",
        },
    )
    outcome = sds.repo.save(
        "outcome",
        {
            "client_id": person,
            "status": "employed",
            "recorded_on": "2027-05-01",
            "months_after": 3,
            "started_on": "2027-04-20",
        },
    )
    support = sds.repo.save(
        "employer_support",
        {"employer_id": employer, "event_id": event.id, "kind": "initial_meeting",
         "occurred_on": "2026-11-05", "attendees": 3},
    )  # fmt: skip
    report = sds.sync()
    assert (report.applied, report.rejected) == (3, 0)

    # Another partner's device sees the employer support (public) but not the private person.
    dwp = Device(live_server.client("dwp.adviser"))
    items, _ = dwp.pull()
    assert items[support]["fields"]["kind"] == "initial_meeting"
    assert person not in items
    assert outcome not in items

    # A device that knows only the old fields edits the person; the app keeps the new ones.
    lead = Device(live_server.client("demo.lead"))
    item = lead.record(person)
    assert item is not None
    edit = lead.upsert("client", person, {"occupation": "Teacher"}, base={"occupation": None})
    assert lead.push_one(edit)["status"] == "applied"
    sds.sync()
    fields = sds.repo.get(person).fields  # type: ignore[union-attr]
    assert fields["occupation"] == "Teacher"
    assert (fields["qualification_level"], fields["leaving_date"]) == ("scqf_11_12", "2027-01-31")
    assert sds.repo.get(outcome).fields["started_on"] == "2027-04-20"  # type: ignore[union-attr]
    sds.lock()
