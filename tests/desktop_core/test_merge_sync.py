"""Merging duplicate people (issue 11) as real devices live it: real SQLCipher stores, a real
server on SQLite and PostgreSQL. A team lead merges two records; every device moves what it
holds to the survivor and redirects the old id; a laptop that was offline pushes an edit and a
new engagement against the old id and both land on the survivor; an undo restores both people
on the server and on the devices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.session import AdminRefused, MergeRecord, MergeSession, Session
from desktop_app.sync.errors import Forbidden
from pace_shared.wire import PullItem
from tests.desktop_core.conftest import LocalStore
from tests.desktop_core.test_sync_e2e import enrol
from tests.support.live_server import LiveServer


def _engagement(session: Session, client_id: str, notes: str) -> str:
    return session.repo.save(
        "engagement",
        {"client_id": client_id, "kind": "job_search", "occurred_on": "2026-11-21", "notes": notes},
    )


def test_merge_late_edit_and_undo_across_devices(any_server: LiveServer, tmp_path: Path) -> None:
    sds = enrol(any_server, tmp_path / "sds", "demo.adviser")
    laptop = enrol(any_server, tmp_path / "laptop", "demo.adviser")  # goes offline
    dwp = enrol(any_server, tmp_path / "dwp", "dwp.adviser")
    lead = enrol(any_server, tmp_path / "lead", "demo.lead")

    survivor = sds.repo.save(
        "client",
        {"first_name": "Iona", "last_name": "Keep", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    merged = sds.repo.save(
        "client",
        {"first_name": "Iona", "last_name": "Gone", "phone": "07700 900111", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    first = _engagement(sds, merged, "first meeting")
    sds.sync()
    laptop.sync()
    dwp.sync()
    assert [v.id for v in dwp.repo.timeline(merged)] == [first]

    # Offline, the laptop edits the person it knows and records an engagement for them.
    laptop.repo.save("client", {"occupation": "Electrician"}, merged)
    late = _engagement(laptop, merged, "after the merge")

    assert isinstance(lead, MergeSession)
    merge = lead.merge_people(survivor, merged)
    assert isinstance(merge, MergeRecord)
    assert (merge.survivor_id, merge.merged_id, merge.merged_by) == (
        survivor,
        merged,
        "demo.lead",
    )
    assert isinstance(merge.merged_at, dt.datetime)
    assert merge.undone_at is None
    assert merge.moved == {"engagement": 1, "outcome": 0, "referral": 0}

    _check_merged(dwp, laptop, survivor, merged, first, late)
    _check_undone(lead, merge, (dwp, laptop, sds), survivor, merged, first, late)
    with pytest.raises(Forbidden):
        sds.merge_people(survivor, merged)  # an adviser


def _check_merged(
    dwp: Session, laptop: Session, survivor: str, merged: str, first: str, late: str
) -> None:
    # Another partner's laptop: the old id now opens the survivor, which has the engagement.
    dwp.sync()
    assert dwp.repo.merged_into(merged) == survivor
    opened = dwp.repo.get(merged)
    assert opened is not None
    assert opened.id == survivor
    assert [v.id for v in dwp.repo.timeline(survivor)] == [first]
    assert dwp.repo.timeline(merged) == []
    names = {p.last_name for p in dwp.repo.search_people("Iona", limit=100)}
    assert names == {"Keep"}

    # The laptop comes back: its edit and its engagement go to the survivor, nothing parked.
    laptop.sync()
    assert (laptop.status().pending, laptop.status().rejected) == (0, 0)
    assert laptop.repo.get(merged).id == survivor  # type: ignore[union-attr]
    assert {v.id for v in laptop.repo.timeline(survivor)} == {first, late}
    dwp.sync()
    now = dwp.repo.get(survivor)
    assert now is not None
    assert now.fields["occupation"] == "Electrician"
    assert now.fields["last_name"] == "Keep"  # the survivor's own values are untouched
    assert {v.id for v in dwp.repo.timeline(survivor)} == {first, late}


def _check_undone(
    lead: Session,
    merge: MergeRecord,
    devices: tuple[Session, ...],
    survivor: str,
    merged: str,
    first: str,
    late: str,
) -> None:
    # Undo: both people are back on every device; the late engagement stays on the survivor.
    undone = lead.undo_merge(merge.merge_id)
    assert undone.undone_at is not None
    for device in devices:
        device.sync()
        assert device.repo.merged_into(merged) is None
        back = device.repo.get(merged)
        assert back is not None
        assert back.id == merged
        assert not back.deleted
        assert back.fields["last_name"] == "Gone"
        assert back.fields["phone"] == "07700 900111"
        assert [v.id for v in device.repo.timeline(merged)] == [first]
        assert [v.id for v in device.repo.timeline(survivor)] == [late]
        names = {p.last_name for p in device.repo.search_people("Iona", limit=100)}
        assert names == {"Keep", "Gone"}

    listed = lead.list_merges()
    assert [m.merge_id for m in listed][:1] == [merge.merge_id]
    assert listed[0].undone_at is not None

    with pytest.raises(AdminRefused) as refused:
        lead.undo_merge(merge.merge_id)
    assert refused.value.status == 409
    with pytest.raises(AdminRefused) as same:
        lead.merge_people(survivor, survivor)
    assert same.value.status == 400


def test_a_merge_moves_local_children_and_their_queued_changes(store: LocalStore) -> None:
    """A child still queued here (its push was refused and parked, say) moves with the merge,
    so it pushes cleanly once fixed; the redirect is kept and an undo clears it."""
    repo, sync = store.repo, store.sync
    old = repo.save("client", {"first_name": "Old", "last_name": "Record"})
    child = repo.save(
        "engagement", {"client_id": old, "kind": "other", "occurred_on": "2026-11-01"}
    )
    survivor = "0190aaaa-0000-7000-8000-000000000001"
    merged_item = PullItem(
        record_id=old,
        record_type="client",
        owner_partner="SDS",
        fields={},
        versions={},
        deleted=True,
        merged_into=survivor,
    )
    sync.apply_page([merged_item], "cursor-1")
    assert repo.merged_into(old) == survivor
    assert [v.id for v in repo.timeline(survivor)] == [child]
    queued = [c.payload for c in sync.outbox_batch() if c.record_id == child]
    assert [loads_fields(c) for c in queued] == [survivor]
    assert repo.people_count() == 0

    back = PullItem(
        record_id=old,
        record_type="client",
        owner_partner="SDS",
        fields={"first_name": "Old", "last_name": "Record"},
        versions={"first_name": "1764158400000-0000-x", "last_name": "1764158400000-0000-x"},
        deleted=False,
    )
    sync.apply_page([back], "cursor-2")
    assert repo.merged_into(old) is None
    view = repo.get(old)
    assert view is not None
    assert view.id == old
    assert not view.deleted
    assert repo.people_count() == 1


def loads_fields(payload: dict[str, object]) -> object:
    fields = payload["fields"]
    assert isinstance(fields, dict)
    return fields.get("client_id")
