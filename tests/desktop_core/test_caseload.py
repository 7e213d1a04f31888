"""Caseload review, referrals and event summaries over a real encrypted store."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from desktop_app.storage.caseload import (
    CaseloadFilter,
    FollowUp,
    months_before,
    open_caseload,
)
from desktop_app.storage.caseload_table import rebuild_caseload
from desktop_app.storage.store import _alembic_config, migrate
from desktop_app.storage.team_views import Direction, event_summaries, referrals
from pace_shared.wire import PullItem
from tests.desktop_core.conftest import DEVICE, LocalStore

OTHER_DEVICE = "0190bbbb-0000-7000-8000-000000000002"
EMPLOYER = "0190eeee-0000-7000-8000-000000000001"
EVENT = "0190eeee-0000-7000-8000-000000000002"
EVENT_2 = "0190eeee-0000-7000-8000-000000000003"
EVENT_3 = "0190eeee-0000-7000-8000-000000000004"
TODAY = "2026-06-30"


def ms(day: str) -> int:
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp() * 1000)


def hlc(day: str, node: str) -> str:
    return f"{ms(day):013d}-0000-{node}"


def item(rid: str, kind: str, fields: dict[str, Any], day: str, node: str, owner: str = "SDS"):
    return PullItem(
        record_id=rid,
        record_type=kind,
        owner_partner=owner,
        fields=fields,
        versions=dict.fromkeys(fields, hlc(day, node)),
    )


def pid(n: int) -> str:
    return f"0190cccc-0000-7000-8000-{n:012d}"


def seed(store: LocalStore) -> None:
    """Four people: two registered by this laptop, two by another device, at two events."""
    items = [
        item(EMPLOYER, "employer", {"name": "Acme", "local_authority": "Fife"}, "2026-01-01",
             "server"),
        item(EVENT, "redundancy_event", {"employer_id": EMPLOYER, "site_name": "Kirkcaldy"},
             "2026-01-01", "server"),
        item(EVENT_2, "redundancy_event",
             {"employer_id": EMPLOYER, "site_name": "Dundee", "local_authority": "Dundee City"},
             "2026-01-01", "server"),
        item(pid(1), "client", {"first_name": "Ann", "last_name": "Bell", "event_id": EVENT},
             "2026-01-10", DEVICE),
        item(pid(2), "client", {"first_name": "Cal", "last_name": "Dunn", "event_id": EVENT},
             "2026-05-20", DEVICE),
        item(pid(3), "client", {"first_name": "Eve", "last_name": "Ford", "event_id": EVENT_2},
             "2026-02-01", OTHER_DEVICE),
        item(pid(4), "client", {"first_name": "Gus", "last_name": "Hart", "event_id": EVENT_2},
             "2026-06-25", OTHER_DEVICE),
        # Ann: engaged recently, a 3-month outcome, an open referral from March.
        item(pid(11), "engagement", {"client_id": pid(1), "kind": "one_to_one",
             "occurred_on": "2026-06-20"}, "2026-06-20", DEVICE),
        item(pid(12), "outcome", {"client_id": pid(1), "status": "employed",
             "recorded_on": "2026-04-10", "months_after": 3}, "2026-04-10", DEVICE),
        item(pid(13), "referral", {"client_id": pid(1), "to_partner": "DWP", "status": "open",
             "referred_on": "2026-03-01"}, "2026-03-01", DEVICE),
        # Eve: referred in by DWP to SDS last week, still open.
        item(pid(14), "referral", {"client_id": pid(3), "to_partner": "SDS", "status": "open",
             "referred_on": "2026-06-23"}, "2026-06-23", OTHER_DEVICE, owner="DWP"),
    ]  # fmt: skip
    store.sync.apply_page(items, "c1")


def names(store: LocalStore, f: CaseloadFilter, sort: str = "last_name", desc: bool = False):
    index = open_caseload(store.repo, "Alice Reid")
    try:
        result = index.query(f, sort, desc)
        return [r.first_name for r in result.first_page], result
    finally:
        index.close()


def test_adviser_is_the_registering_device_named_after_its_user(store: LocalStore) -> None:
    seed(store)
    index = open_caseload(store.repo, "Alice Reid")
    try:
        result = index.query(CaseloadFilter(today=TODAY))
        rows = result.first_page
        assert [r.first_name for r in rows] == ["Ann", "Cal", "Eve", "Gus"]
        assert {r.first_name: r.adviser_name for r in rows} == {
            "Ann": "Alice Reid",
            "Cal": "Alice Reid",
            "Eve": "Device 0190bbbb",
            "Gus": "Device 0190bbbb",
        }
        assert rows[0].registered_on == "2026-01-10"
        assert rows[0].council_area == "Fife"  # from the employer
        assert rows[2].council_area == "Dundee City"  # the event's own
        assert result.per_adviser == [("Alice Reid", 2), ("Device 0190bbbb", 2)]
        options = index.options()
        assert [c.label for c in options.advisers] == ["Alice Reid", "Device 0190bbbb"]
        assert [c.value for c in options.employers] == [EMPLOYER]
        assert [c.label for c in options.employers] == ["Acme"]
        assert [c.label for c in options.council_areas] == ["Dundee City", "Fife"]
    finally:
        index.close()


def test_filters_by_adviser_event_employer_area_and_dates(store: LocalStore) -> None:
    seed(store)
    assert names(store, CaseloadFilter(adviser="Device 0190bbbb"))[0] == ["Eve", "Gus"]
    assert names(store, CaseloadFilter(event_id=EVENT))[0] == ["Ann", "Cal"]
    assert names(store, CaseloadFilter(employer_id=EMPLOYER))[0] == ["Ann", "Cal", "Eve", "Gus"]
    assert names(store, CaseloadFilter(council_area="Fife"))[0] == ["Ann", "Cal"]
    span = CaseloadFilter(registered_from="2026-02-01", registered_to="2026-05-20")
    assert names(store, span)[0] == ["Cal", "Eve"]
    both = CaseloadFilter(adviser="Alice Reid", council_area="Dundee City")
    found, result = names(store, both)
    assert found == []
    assert result.per_adviser == []


def test_follow_up_states(store: LocalStore) -> None:
    seed(store)
    open_ref = CaseloadFilter(follow_up=FollowUp.OPEN_REFERRAL, days=30, today=TODAY)
    assert names(store, open_ref)[0] == ["Ann"]  # Eve's referral is a week old
    open_week = CaseloadFilter(follow_up=FollowUp.OPEN_REFERRAL, days=5, today=TODAY)
    assert names(store, open_week)[0] == ["Ann", "Eve"]
    quiet = CaseloadFilter(follow_up=FollowUp.NO_ENGAGEMENT, days=30, today=TODAY)
    assert names(store, quiet)[0] == ["Cal", "Eve"]  # Ann engaged; Gus registered last week
    three = CaseloadFilter(follow_up=FollowUp.OUTCOME_3, today=TODAY)
    assert names(store, three)[0] == ["Eve"]  # Ann has hers; Cal and Gus are not yet due
    six = CaseloadFilter(follow_up=FollowUp.OUTCOME_6, today="2026-07-15")
    assert names(store, six)[0] == ["Ann"]


def test_sorts_both_ways(store: LocalStore) -> None:
    seed(store)
    f = CaseloadFilter()
    assert names(store, f, "registered_on")[0] == ["Ann", "Eve", "Cal", "Gus"]
    assert names(store, f, "registered_on", True)[0] == ["Gus", "Cal", "Eve", "Ann"]
    assert names(store, f, "adviser")[0] == ["Ann", "Cal", "Eve", "Gus"]
    assert names(store, f, "last_engagement", True)[0][0] == "Ann"


def test_local_registration_is_in_the_caseload_as_this_laptops_user(store: LocalStore) -> None:
    store.repo.save("client", {"first_name": "Ida", "last_name": "Jones"})
    found, result = names(store, CaseloadFilter())
    assert found == ["Ida"]
    assert result.per_adviser == [("Alice Reid", 1)]


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 12) == dt.date(2025, 1, 15)


def test_referrals_in_and_out_with_age(store: LocalStore) -> None:
    seed(store)
    rows = referrals(store.repo, today=dt.date(2026, 6, 30))
    by_id = {r.id: r for r in rows}
    incoming, outgoing = by_id[pid(14)], by_id[pid(13)]
    assert incoming.direction == Direction.INCOMING
    assert (incoming.from_partner, incoming.to_partner) == ("DWP", "SDS")
    assert incoming.person_name == "Eve Ford"
    assert incoming.age_days == 7
    assert outgoing.direction == Direction.OUTGOING
    assert outgoing.age_days == 121
    assert [r.id for r in rows] == [pid(14), pid(13)]  # newest first


@pytest.fixture
def scottish_summer_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_referral_without_a_date_is_dated_on_the_laptops_calendar(
    store: LocalStore, scottish_summer_time: None
) -> None:
    """Made at 00:30 British Summer Time (23:30 UTC the day before), it is dated that local
    day, as the adviser's "today" is, so it is 0 days old, not 1."""
    made = "2026-06-29T23:30:00"
    referral = item(pid(15), "referral", {"client_id": pid(1), "to_partner": "DWP"}, made, DEVICE)
    seed(store)
    store.sync.apply_page([referral], "c2")
    (row,) = [r for r in referrals(store.repo, today=dt.date(2026, 6, 30)) if r.id == pid(15)]
    assert (row.referred_on, row.age_days) == ("2026-06-30", 0)


def test_event_summaries_count_people_engagements_referrals_outcomes(store: LocalStore) -> None:
    seed(store)
    summaries = {s.id: s for s in event_summaries(store.repo)}
    first, second = summaries[EVENT], summaries[EVENT_2]
    assert (first.registered, first.engagements, first.open_referrals, first.outcomes) == (
        2, 1, 1, 1,
    )  # fmt: skip
    assert (second.registered, second.open_referrals, second.outcomes) == (2, 1, 0)
    assert first.label == "Acme, Kirkcaldy"
    assert first.council_area == "Fife"
    assert first.status == "open"


def test_one_advisers_devices_count_together(store: LocalStore) -> None:
    seed(store)
    index = open_caseload(store.repo, "Alice Reid", {OTHER_DEVICE: "Alice Reid"})
    try:
        result = index.query(CaseloadFilter(adviser="Alice Reid"))
        assert result.total == 4
        assert result.per_adviser == [("Alice Reid", 4)]
        assert [c.label for c in index.options().advisers] == ["Alice Reid"]
    finally:
        index.close()


def caseload_rows(store: LocalStore) -> list[tuple[Any, ...]]:
    with store.repo.reading() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM caseload ORDER BY person_id"))]


def rebuilt_rows(store: LocalStore) -> list[tuple[Any, ...]]:
    """The table as a from-scratch rebuild gives it (rolled back: the store is left as it was)."""
    with store.repo.engine.connect() as conn, conn.begin() as tx:
        rebuild_caseload(conn)
        rows = [tuple(r) for r in conn.execute(text("SELECT * FROM caseload ORDER BY person_id"))]
        tx.rollback()
    return rows


def test_caseload_table_equals_a_rebuild_after_saves_pulls_and_purges(store: LocalStore) -> None:
    seed(store)
    assert caseload_rows(store) == rebuilt_rows(store)
    # Local saves: a registration with an engagement, referral and outcome; edits of a
    # referral, an event's council area and an employer's; a deleted engagement; a new surname.
    ida = store.repo.save("client", {"first_name": "Ida", "last_name": "Jones", "event_id": EVENT})
    engagement = store.repo.save(
        "engagement", {"client_id": ida, "kind": "one_to_one", "occurred_on": "2026-06-01"}
    )
    store.repo.save(
        "referral",
        {"client_id": ida, "to_partner": "DWP", "status": "open", "referred_on": "2026-05-01"},
    )
    store.repo.save(
        "outcome",
        {"client_id": pid(2), "status": "employed", "recorded_on": "2026-06-01", "months_after": 6},
    )
    store.repo.save(
        "referral",
        {
            "client_id": pid(1),
            "to_partner": "DWP",
            "status": "accepted",
            "referred_on": "2026-03-01",
        },
        pid(13),
    )
    store.repo.save(
        "redundancy_event",
        {"employer_id": EMPLOYER, "site_name": "Dundee", "local_authority": "Angus"},
        EVENT_2,
    )
    assert caseload_rows(store) == rebuilt_rows(store)
    store.repo.save("employer", {"name": "Acme", "local_authority": "Stirling"}, EMPLOYER)
    store.repo.delete(engagement)
    store.repo.save("client", {"first_name": "Ann", "last_name": "Ames", "event_id": EVENT}, pid(1))
    assert caseload_rows(store) == rebuilt_rows(store)
    # A pull with another device's changes: Gus moves event, Cal gains an engagement, a new
    # person arrives with a referral whose parent comes later in the same page, and the
    # person's event after them.
    store.sync.apply_page(
        [
            item(pid(21), "referral", {"client_id": pid(5), "to_partner": "SDS",
                 "status": "open", "referred_on": "2026-04-04"}, "2026-04-04", OTHER_DEVICE),
            item(pid(5), "client", {"first_name": "Jo", "last_name": "King", "event_id": EVENT_3},
                 "2026-04-01", OTHER_DEVICE),
            item(pid(4), "client", {"first_name": "Gus", "last_name": "Hart",
                 "event_id": EVENT}, "2026-06-26", OTHER_DEVICE),
            item(pid(22), "engagement", {"client_id": pid(2), "kind": "one_to_one",
                 "occurred_on": "2026-06-28"}, "2026-06-28", OTHER_DEVICE),
            item(EVENT_3, "redundancy_event", {"employer_id": EMPLOYER, "site_name": "Perth",
                 "local_authority": "Perth and Kinross"}, "2026-03-01", "server"),
        ],
        "c2",
    )  # fmt: skip
    assert caseload_rows(store) == rebuilt_rows(store)
    # Revoked: Eve and her referral go, and Gus (no child records); so does Ann's referral.
    store.sync.apply_page(
        [
            PullItem(record_id=pid(3), revoked=True),
            PullItem(record_id=pid(4), revoked=True),
            PullItem(record_id=pid(13), revoked=True),
        ],
        "c3",
    )
    rows = caseload_rows(store)
    assert rows == rebuilt_rows(store)
    by_id = {r[0]: r for r in rows}
    assert sorted(by_id) == sorted([pid(1), pid(2), pid(5), ida])
    assert by_id[pid(1)][8] == 0  # open referrals: Ann's was revoked
    assert by_id[ida][5] == "Stirling"  # the employer's area, edited locally
    assert by_id[pid(5)][5] == "Perth and Kinross"  # the event's own, pulled after the person
    assert by_id[pid(1)][13] == "ames"  # the sort key follows the edited surname
    assert by_id[pid(5)][7] == "2026-04-04"  # oldest open referral, pulled before its parent


def test_migration_fills_the_caseload_from_existing_records(store: LocalStore) -> None:
    seed(store)
    store.repo.save("client", {"first_name": "Ida", "last_name": "Jones", "event_id": EVENT})
    before = caseload_rows(store)
    config = _alembic_config()
    with store.repo.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
        assert (
            conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'caseload'")).all() == []
        )
    migrate(store.repo.engine)
    assert len(before) == 5
    assert caseload_rows(store) == before


def test_another_partners_device_is_shown_as_that_partner(store: LocalStore) -> None:
    seed(store)
    dwp_device = "0190cccc-0000-7000-8000-00000000dddd"
    store.sync.apply_page(
        [
            item(pid(6), "client", {"first_name": "Ian", "last_name": "Ives", "event_id": EVENT},
                 "2026-03-01", dwp_device, owner="DWP"),
        ],
        "c2",
    )  # fmt: skip
    index = open_caseload(store.repo, "Alice Reid")
    try:
        name = "Another partner: Department for Work and Pensions (Jobcentre Plus)"
        assert dict(index.query(CaseloadFilter()).per_adviser)[name] == 1
        only = index.query(CaseloadFilter(adviser=name))
        assert [(r.first_name, r.adviser_name) for r in only.first_page] == [("Ian", name)]
        assert index.adviser_name(OTHER_DEVICE) == "Device 0190bbbb"  # same partner, unnamed
    finally:
        index.close()
