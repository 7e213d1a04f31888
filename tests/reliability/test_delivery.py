"""Fault 4: duplicate and reordered delivery (SQLite and PostgreSQL servers).

The same push replayed several times (one after another and all at once) is applied once;
older pushes arriving after newer ones change nothing that a newer one decided, and a
tombstone never comes back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.reliability.helpers import (
    LEAD_OF,
    assert_converged,
    client_change,
    enrol,
    new_id,
)
from tests.support.live_server import LiveServer


def _statuses(answer: dict) -> list[str]:
    return [r["status"] for r in answer["results"]]


def test_replayed_push_is_applied_once(any_server: LiveServer, tmp_path: Path) -> None:
    api = any_server.client("demo.adviser")
    changes = [
        client_change(
            new_id(), {"first_name": f"Replay{i}", "last_name": "Once"}, api.device_id, counter=i
        )
        for i in range(50)
    ]
    assert set(_statuses(api.push(changes))) == {"applied"}
    for _ in range(3):
        assert set(_statuses(api.push(changes))) == {"duplicate"}
    with ThreadPoolExecutor(4) as pool:  # and several copies at the same moment
        answers = list(pool.map(lambda _: api.push(changes), range(4)))
    assert all(set(_statuses(a)) == {"duplicate"} for a in answers)
    # A batch holding the same change twice: the second copy is a duplicate.
    twice = client_change(new_id(), {"first_name": "Twice", "last_name": "InBatch"}, api.device_id)
    assert _statuses(api.push([twice, twice])) == ["applied", "duplicate"]
    sds = enrol(any_server, tmp_path / "sds", "demo.adviser")
    expected = {c["record_id"]: c["fields"] for c in [*changes, twice]}
    assert_converged(any_server, {"sds": sds}, expected)
    sds.lock()


def test_older_pushes_after_newer_ones(any_server: LiveServer, tmp_path: Path) -> None:
    api = any_server.client("demo.adviser")
    node = api.device_id
    rid, gone = new_id(), new_id()
    create = client_change(rid, {"first_name": "Order", "last_name": "One"}, node, counter=1)
    edit = client_change(
        rid,
        {"last_name": "Two"},
        node,
        counter=2,
        base={"last_name": create["hlc"]},
    )
    edit["hlc"] = create["hlc"][:14] + "0002" + create["hlc"][18:]
    later = client_change(rid, {"last_name": "Three"}, node, base={"last_name": edit["hlc"]})
    later["hlc"] = create["hlc"][:14] + "0003" + create["hlc"][18:]
    born = client_change(gone, {"first_name": "Deleted", "last_name": "Early"}, node, counter=4)
    tomb = {
        "change_id": new_id(),
        "record_id": gone,
        "record_type": "client",
        "op": "delete",
        "hlc": born["hlc"][:14] + "0005" + born["hlc"][18:],
        "fields": {},
        "base": {},
    }
    late_edit = client_change(gone, {"last_name": "Revived"}, node, base={"last_name": born["hlc"]})
    late_edit["hlc"] = born["hlc"][:14] + "0004" + born["hlc"][18:]
    # Creates first (an edit can only follow its record's creation: the outbox sends in order),
    # then the newest edits before the older ones, a delete before an older edit of the record.
    assert _statuses(api.push([create, born])) == ["applied", "applied"]
    assert _statuses(api.push([later])) == ["applied"]
    api.push([edit])
    api.push([tomb])
    api.push([late_edit])
    replay = api.push([later, edit, create, born, tomb, late_edit])
    assert set(_statuses(replay)) == {"duplicate"}

    sds = enrol(any_server, tmp_path / "sds", "demo.adviser")
    views = assert_converged(any_server, {"sds": sds})
    record = views["SDS"][rid]
    assert (record.fields["first_name"], record.fields["last_name"]) == ("Order", "Three")
    assert record.versions["last_name"] == later["hlc"]
    assert views["SDS"][gone].deleted  # the tombstone won; the late create did not revive it
    assert sds.repo.get(gone).deleted
    # One device's own edits are causally ordered: reordering is not a conflict between people.
    lead = any_server.client(LEAD_OF["SDS"])
    listed = lead.request("GET", "/api/v1/conflicts", params={"status": "all"}).json()["items"]
    assert [c for c in listed if c["record_id"] == rid] == []
    sds.lock()
