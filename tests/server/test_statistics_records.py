"""The record additions for statistics (decisions.md #9) over HTTP against a real server on
SQLite and PostgreSQL: the new person, outcome and referral fields are accepted and validated on
push, ``employer_support`` is public like employers and events, and a push from an older client
that does not know the new fields never erases them."""

from __future__ import annotations

from typing import Any

from tests.server.conftest import Devices
from tests.server.helpers import new_id
from tests.support.live_server import LiveServer

EMPLOYER_ID = "01900000-0000-7000-8000-00000000e001"  # seed-demo's employer
EVENT_ID = "01900000-0000-7000-8000-00000000e002"

PERSON_STATISTICS = {
    "sex": "female",
    "disability": "prefer_not_to_say",
    "qualification_level": "scqf_7_10",
    "occupation_group": "8",
    "leaving_date": "2026-12-18",
}


def _support(**overrides: Any) -> dict[str, Any]:
    return {
        "employer_id": EMPLOYER_ID,
        "event_id": EVENT_ID,
        "kind": "information_session",
        "occurred_on": "2026-11-10",
        "attendees": 42,
        "notes": "Two sessions in the canteen",
        **overrides,
    }


def test_person_statistics_fields_are_stored_and_pulled(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    person, _ = alice.create_client(**PERSON_STATISTICS)
    item = alice.record(person)
    assert item is not None
    assert {k: item["fields"][k] for k in PERSON_STATISTICS} == PERSON_STATISTICS


def test_bad_values_of_the_new_fields_are_rejected_with_the_field_named(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    person, _ = alice.create_client()
    bad = {
        "sex": "unknown",
        "disability": "maybe",
        "qualification_level": "degree",
        "occupation_group": "10",
        "leaving_date": "18/12/2026",
    }
    for name, value in bad.items():
        result = alice.push_one(alice.upsert("client", person, {name: value}))
        assert (result["status"], result["reason"]) == ("rejected", "invalid_request"), result
        assert result["detail"].startswith(f"{name}:"), result
    referral = alice.push_one(
        alice.upsert(
            "referral",
            new_id(),
            {"client_id": person, "to_partner": "SDS", "completed_on": "soon"},
        )
    )
    assert referral["reason"] == "invalid_request"
    assert "completed_on" in referral["detail"]


def test_a_push_without_the_new_fields_never_erases_them(devices: Devices) -> None:
    """An older client edits a person's name only: what it does not know is kept."""
    alice = devices["demo.adviser"]
    person, created = alice.create_client(**PERSON_STATISTICS)
    older = devices.new("demo.lead")  # another device, which knows only the old fields
    edit = older.upsert("client", person, {"last_name": "Older"}, base={"last_name": created})
    result = older.push_one(edit)
    assert result["status"] == "applied", result
    item = older.record(person)
    assert item is not None
    assert item["fields"]["last_name"] == "Older"
    assert {k: item["fields"][k] for k in PERSON_STATISTICS} == PERSON_STATISTICS
    assert set(PERSON_STATISTICS) <= set(item["versions"])


def test_outcome_and_referral_dates_round_trip(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    person, _ = alice.create_client()
    outcome, referral = new_id(), new_id()
    results = alice.push(
        alice.upsert(
            "outcome",
            outcome,
            {
                "client_id": person,
                "status": "employed",
                "recorded_on": "2027-03-01",
                "months_after": 3,
                "started_on": "2027-02-14",
            },
        ),
        alice.upsert(
            "referral",
            referral,
            {
                "client_id": person,
                "to_partner": "SDS",
                "status": "declined",
                "referred_on": "2026-12-01",
                "completed_on": None,
                "decline_reason": "Found work first\nthrough a friend",
            },
        ),
    )
    assert [r["status"] for r in results] == ["applied", "applied"], results
    items, _ = alice.pull()
    assert items[outcome]["fields"]["started_on"] == "2027-02-14"
    assert items[referral]["fields"]["referred_on"] == "2026-12-01"
    assert items[referral]["fields"]["decline_reason"] == "Found work first\nthrough a friend"


def test_employer_support_is_visible_to_every_partner(devices: Devices) -> None:
    alice, sunil = devices["demo.adviser"], devices["dwp.adviser"]
    support = new_id()
    assert alice.push_one(alice.upsert("employer_support", support, _support()))["status"] == (
        "applied"
    )
    item = sunil.record(support)
    assert item is not None
    assert item["record_type"] == "employer_support"
    assert item["fields"]["attendees"] == 42
    # Public: another partner may add to it, as with employers and events.
    base = {"attendees": item["versions"]["attendees"]}
    added = sunil.push_one(sunil.upsert("employer_support", support, {"attendees": 45}, base))
    assert added["status"] == "applied", added
    assert alice.record(support)["fields"]["attendees"] == 45  # type: ignore[index]


def test_employer_support_is_validated(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    cases = {
        "missing kind": (_support(kind=None), "kind"),
        "unknown kind": (_support(kind="lunch"), "kind"),
        "negative attendees": (_support(attendees=-3), "attendees"),
        "text attendees": (_support(attendees="forty"), "attendees"),
        "bad date": (_support(occurred_on="2026-13-40"), "occurred_on"),
        "bad employer": (_support(employer_id="forth-valley"), "employer_id"),
        "unknown field": (_support(client_id=new_id()), "client_id"),
    }
    fields_without_employer = _support()
    del fields_without_employer["employer_id"]
    cases["no employer"] = (fields_without_employer, "employer_id")
    changes = {
        label: alice.upsert("employer_support", new_id(), f) for label, (f, _) in cases.items()
    }
    results = alice.push(*changes.values())
    for (label, (_, name)), result in zip(cases.items(), results, strict=True):
        assert (result["status"], result["reason"]) == ("rejected", "invalid_request"), label
        assert name in result["detail"], (label, result)


def test_only_the_owner_may_delete_employer_support(server: LiveServer, devices: Devices) -> None:
    alice, sunil = devices["demo.adviser"], devices["dwp.adviser"]
    support = new_id()
    alice.push_one(alice.upsert("employer_support", support, _support()))
    refused = sunil.push_one(sunil.delete("employer_support", support))
    assert (refused["status"], refused["reason"]) == ("rejected", "forbidden")
    assert alice.push_one(alice.delete("employer_support", support))["status"] == "applied"
