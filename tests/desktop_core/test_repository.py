"""Repository on a real encrypted store: save/validate, outbox atomicity, search, duplicates."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from benchmarks.store_bulk import people_page
from desktop_app.storage.record_rows import StoredRecord
from desktop_app.storage.repository import Repository
from desktop_app.storage.views import RecordValidationError
from pace_shared.wire import ChangeResult, PullItem
from tests.desktop_core.conftest import LocalStore


def outbox_rows(repo: Repository) -> list[tuple]:
    with repo.reading() as conn:
        return conn.execute(
            text("SELECT record_id, op, fields, base, hlc, state FROM outbox ORDER BY seq")
        ).all()


def test_save_validates_and_normalises(store: LocalStore) -> None:
    repo = store.repo
    with pytest.raises(RecordValidationError) as caught:
        repo.save("client", {"first_name": "Ann", "ni_number": "QQ123456C"})
    fields = {e.field for e in caught.value.errors}
    assert fields == {"ni_number", "last_name"}
    assert outbox_rows(repo) == []  # nothing half-written
    pid = repo.save(
        "client",
        {
            "first_name": " Ann ",
            "last_name": "Smith",
            "ni_number": "ab 12 34 56 c",
            "postcode": "ky11aa",
        },
    )
    view = repo.get(pid)
    assert view is not None
    assert view.fields["ni_number"] == "AB123456C"
    assert view.fields["postcode"] == "KY1 1AA"
    assert view.owner_partner == "SDS"
    assert view.pending_fields == {"first_name", "last_name", "ni_number", "postcode"}


def test_each_edit_writes_record_and_outbox_row_with_base(store: LocalStore) -> None:
    repo = store.repo
    pid = repo.save("client", {"first_name": "Ann", "last_name": "Smith"})
    first_hlc = repo.get(pid).versions["first_name"]
    repo.save("client", {"first_name": "Anne", "last_name": "Smith"}, pid)  # last_name unchanged
    repo.save("client", {"first_name": "Annie"}, pid)
    rows = outbox_rows(repo)
    assert [r[1] for r in rows] == ["upsert", "upsert", "upsert"]
    assert '"last_name"' not in rows[1][2]  # only changed fields travel
    # Both queued edits of one field are kept in order; each base is the value seen before it.
    assert f'"first_name":"{first_hlc}"' in rows[1][3]
    assert f'"first_name":"{rows[1][4]}"' in rows[2][3]
    assert rows[0][4] < rows[1][4] < rows[2][4]
    assert repo.pending_count() == 3
    repo.save("client", {"first_name": "Annie"}, pid)  # no change, no row
    assert repo.pending_count() == 3


def test_failed_transaction_leaves_neither_record_nor_outbox(store: LocalStore) -> None:
    repo = store.repo
    record_id = "0190aaaa-0000-7000-8000-0000000000ff"
    record = StoredRecord(record_id, "client", "SDS", {}, {}, None, None, False, False, "")

    def edit_then_crash() -> None:
        with repo.writing() as conn:
            repo._write_change(conn, record, {"first_name": "Crash", "last_name": "Test"})
            raise RuntimeError("laptop dies mid-transaction")

    with pytest.raises(RuntimeError):
        edit_then_crash()
    assert repo.get(record_id) is None
    assert repo.pending_count() == 0
    assert repo.people_count() == 0


def test_search_by_name_ni_postcode_and_event(store: LocalStore) -> None:
    repo = store.repo
    employer = repo.save("employer", {"name": "Forth Valley Components"})
    event = repo.save("redundancy_event", {"employer_id": employer, "site_name": "Rosyth"})
    other = repo.save("redundancy_event", {"employer_id": employer, "site_name": "Dunfermline"})
    a = repo.save(
        "client",
        {
            "first_name": "Ann",
            "last_name": "Smith",
            "ni_number": "AB123456C",
            "postcode": "KY11 2AB",
            "event_id": event,
        },
    )
    b = repo.save("client", {"first_name": "Bob", "last_name": "Smithers", "event_id": other})
    c = repo.save("client", {"first_name": "Cara", "last_name": "Jones", "postcode": "G1 1AA"})
    ids = lambda rows: [r.id for r in rows]  # noqa: E731
    assert ids(repo.search_people("smith")) == [a, b]
    assert ids(repo.search_people("SMITH", sort_column="last_name", descending=True)) == [b, a]
    assert ids(repo.search_people("ab123456c")) == [a]
    assert ids(repo.search_people("AB 12 34 56 C")) == [a]
    assert ids(repo.search_people("ky11 2ab")) == [a]
    assert ids(repo.search_people("ky112ab")) == [a]
    assert ids(repo.search_people("rosyth")) == [a]
    assert ids(repo.search_people("jo")) == [c]  # short prefix
    assert ids(repo.search_people("", sort_column="first_name")) == [a, b, c]
    assert ids(repo.search_people("", event_id=other)) == [b]
    assert repo.people_count("smith") == 2
    assert repo.people_count() == 3
    assert repo.search_people("Smith")[0].event_label == "Forth Valley Components, Rosyth"
    # Renaming the employer relabels everyone at its events.
    repo.save("employer", {"name": "FVC Ltd"}, employer)
    assert repo.search_people("Ann")[0].event_label == "FVC Ltd, Rosyth"
    assert ids(repo.search_people("fvc")) == [a, b]
    assert [e.id for e in repo.events()]
    assert {e.id for e in repo.employers()} == {employer}
    repo.delete(c)
    assert repo.people_count() == 2
    assert repo.get(c).deleted


def test_duplicates_across_partners(store: LocalStore) -> None:
    repo = store.repo
    mine = repo.save(
        "client",
        {
            "first_name": "John",
            "last_name": "Smith",
            "date_of_birth": "1980-02-03",
            "postcode": "KY1 1AA",
        },
    )
    # Another partner's synced record arrives by pull.
    theirs = "0190bbbb-0000-7000-8000-000000000001"
    store.sync.apply_page(
        [
            PullItem(
                record_id=theirs,
                record_type="client",
                owner_partner="DWP",
                fields={"first_name": "Mary", "last_name": "Brown", "ni_number": "AB123456C"},
                versions={
                    "first_name": "1764158400000-0000-dev2",
                    "last_name": "1764158400000-0000-dev2",
                    "ni_number": "1764158400000-0000-dev2",
                },
            )
        ],
        "cursor-1",
    )
    repo.save("client", {"first_name": "Zed", "last_name": "Unrelated"})
    found = repo.find_duplicates("Jon", "Smyth", "1980-02-03", None, "ky11aa")
    assert [c.person.id for c in found] == [mine]
    assert "same date of birth" in found[0].reasons
    assert "same postcode" in found[0].reasons
    by_ni = repo.find_duplicates("M", "B", None, "ab 123456 c", None)
    assert [c.person.id for c in by_ni] == [theirs]
    assert by_ni[0].person.owner_partner == "DWP"
    assert repo.find_duplicates("John", "Smith", exclude_id=mine) == []


def test_timeline_newest_first(store: LocalStore) -> None:
    repo = store.repo
    pid = repo.save("client", {"first_name": "Ann", "last_name": "Smith"})
    older = repo.save(
        "engagement", {"client_id": pid, "kind": "cv_support", "occurred_on": "2026-01-05"}
    )
    newer = repo.save(
        "engagement",
        {"client_id": pid, "kind": "job_search", "occurred_on": "2026-03-01", "notes": "Went well"},
    )
    outcome = repo.save(
        "outcome", {"client_id": pid, "status": "employed", "recorded_on": "2026-06-01"}
    )
    referral = repo.save("referral", {"client_id": pid, "to_partner": "DWP"})
    timeline = [v.id for v in repo.timeline(pid)]
    assert timeline.index(outcome) < timeline.index(newer) < timeline.index(older)
    assert set(timeline) == {older, newer, outcome, referral}


def test_pull_never_overwrites_a_field_with_a_queued_change(store: LocalStore) -> None:
    repo = store.repo
    pid = repo.save("client", {"first_name": "Ann", "last_name": "Smith"})
    store.sync.record_results(
        store.sync.outbox_batch(),
        [ChangeResult(change_id=r.change_id, status="applied") for r in store.sync.outbox_batch()],
    )
    repo.save("client", {"first_name": "Anna"}, pid)  # queued local edit
    server = repo.get(pid).versions
    store.sync.apply_page(
        [
            PullItem(
                record_id=pid,
                record_type="client",
                owner_partner="SDS",
                fields={"first_name": "Annabel", "last_name": "Smyth"},
                versions={
                    "first_name": "1999999999999-0000-other",
                    "last_name": "1999999999999-0000-other",
                },
            )
        ],
        "c2",
    )
    view = repo.get(pid)
    assert view.fields == {"first_name": "Anna", "last_name": "Smyth"}
    assert view.versions["first_name"] == server["first_name"]
    assert store.sync.state().cursor == "c2"


def test_rejected_change_is_parked_then_corrected_or_discarded(store: LocalStore) -> None:
    repo = store.repo
    pid = repo.save("client", {"first_name": "Ann", "last_name": "Smith"})
    sync = store.sync
    batch = sync.outbox_batch()
    sync.record_results(batch, [ChangeResult(change_id=batch[0].change_id, status="applied")])
    repo.save("client", {"occupation": "Welder"}, pid)
    repo.save("client", {"phone": "07700 900123"}, pid)
    batch = sync.outbox_batch()
    tally = sync.record_results(
        batch,
        [
            ChangeResult(
                change_id=batch[0].change_id, status="rejected", reason="forbidden", detail="no"
            ),
            ChangeResult(change_id=batch[1].change_id, status="applied"),
        ],
    )
    assert (tally.rejected, tally.applied) == (1, 1)
    assert repo.pending_count() == 0
    [rejected] = repo.rejected_changes()
    assert (rejected.reason, rejected.fields) == ("forbidden", {"occupation": "Welder"})
    assert sync.outbox_batch() == []  # parked: never sent again by itself
    repo.resend_rejected(rejected.change_id, {"occupation": "Steel welder"})
    assert repo.rejected_changes() == []
    [queued] = sync.outbox_batch()
    assert queued.payload["fields"] == {"occupation": "Steel welder"}
    assert queued.payload["base"] == {"occupation": None}
    sync.record_results(
        [queued],
        [
            ChangeResult(
                change_id=queued.change_id,
                status="rejected",
                reason="invalid_request",
                detail="bad",
            )
        ],
    )
    repo.discard_rejected(queued.change_id)
    view = repo.get(pid)
    assert "occupation" not in view.fields
    assert view.fields["phone"] == "07700 900123"
    assert repo.rejected_changes() == []
    assert repo.pending_count() == 0


def test_discarding_a_rejected_creation_removes_the_record(store: LocalStore) -> None:
    repo = store.repo
    pid = repo.save("client", {"first_name": "Ann", "last_name": "Smith"})
    batch = store.sync.outbox_batch()
    store.sync.record_results(
        batch, [ChangeResult(change_id=batch[0].change_id, status="rejected", reason="forbidden")]
    )
    repo.discard_rejected(batch[0].change_id)
    assert repo.get(pid) is None
    assert repo.people_count() == 0


def test_settings(store: LocalStore) -> None:
    repo = store.repo
    assert repo.current_event_id is None
    assert repo.idle_minutes == 10
    repo.set_current_event("0190aaaa-0000-7000-8000-00000000000e")
    repo.set_idle_minutes(5)
    assert repo.current_event_id == "0190aaaa-0000-7000-8000-00000000000e"
    assert repo.idle_minutes == 5


def test_bulk_pull_then_search_and_duplicate_check_find_the_right_people(
    store: LocalStore,
) -> None:
    """Pages applied as a pull does, then searched as typed (timings: benchmarks.store_bulk)."""
    repo = store.repo
    total = 3_000
    for start in range(0, total, 1000):
        store.sync.apply_page(people_page(start, 1000), f"c{start}")
    assert repo.people_count() == total
    assert [p.first_name for p in repo.search_people("surname01234")] == ["First1234"]
    assert [p.last_name for p in repo.search_people("first1999")] == ["Surname01999"]
    # KY3 postcodes: every 16th person from the third on; the page stops at its limit.
    assert repo.people_count("ky3") == len(range(2, total, 16))
    assert len(repo.search_people("ky3", limit=100)) == 100
    assert all(p.postcode.startswith("KY3 ") for p in repo.search_people("ky3", limit=100))
    best = repo.find_duplicates("First12", "Surnam00012", None, None, None)[0]
    assert (best.person.first_name, best.person.last_name) == ("First12", "Surname00012")
