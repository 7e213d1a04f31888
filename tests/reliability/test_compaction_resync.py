"""Tombstone compaction seen from real desktop clients (SQLite and PostgreSQL servers).

Two laptops sync a shared person and go offline; the owner's office deletes the person and the
operator prunes the tombstone (``compact-tombstones --older-than-days 0``). Back online, both
laptops are told their cursor is too old (409), re-pull from the start and converge with the
server: the other partner's laptop purges the person; the owner partner's laptop, which edited
the person offline, gets its edit back as rejected (``deleted``, never silently dropped, and the
person is not re-created on the server), and once the adviser discards it the laptop matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.reliability.helpers import (
    assert_converged,
    client_change,
    enrol,
    new_id,
    server_records,
)
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer, start_server


@contextmanager
def server_on(kind: str, folder: Path) -> Iterator[LiveServer]:
    folder.mkdir()
    if kind == "sqlite":
        with start_server(folder) as server:
            yield server
    else:
        with fresh_postgres_database() as url, start_server(folder, database_url=url) as server:
            yield server


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_laptops_offline_past_the_horizon_converge_and_nothing_comes_back(
    tmp_path: Path, kind: str
) -> None:
    with server_on(kind, tmp_path / "server") as server:
        office = server.client("demo.adviser")
        person, kept = new_id(), new_id()
        for rid, name in ((person, "Pruned"), (kept, "Kept")):
            made = office.push(
                [
                    client_change(
                        rid,
                        {"first_name": name, "last_name": "Horizon", "share_with": ["ALL"]},
                        office.device_id,
                    )
                ]
            )
            assert made["results"][0]["status"] == "applied"
        own = enrol(server, tmp_path / "sds", "demo.adviser")
        other = enrol(server, tmp_path / "dwp", "dwp.adviser")
        for laptop in (own, other):
            laptop.sync()
            assert laptop.repo.get(person) is not None
        # Offline: the SDS laptop edits the person.
        own.repo.save("client", {"phone": "07700 900123"}, record_id=person)

        gone = office.push(
            [
                {
                    "change_id": new_id(),
                    "record_id": person,
                    "record_type": "client",
                    "op": "delete",
                    "hlc": client_change(person, {}, office.device_id)["hlc"],
                    "fields": {},
                    "base": {},
                }
            ]
        )
        assert gone["results"][0]["status"] == "applied"
        pruned = server.cli("compact-tombstones", "--older-than-days", "0").stdout
        assert f"pruned {person} (client" in pruned

        for laptop in (other, own):
            report = laptop.sync()
            assert report.resynced  # its cursor was older than the pruned deletion
        assert person not in server_records(server, "demo.adviser")  # not re-created
        assert other.repo.get(person) is None  # purged by the full re-pull
        rejected = own.repo.rejected_changes()
        assert {(r.record_id, r.reason) for r in rejected} == {(person, "deleted")}
        for change in rejected:  # the adviser reads why and discards
            own.repo.discard_rejected(change.change_id)
        own.sync()
        views = assert_converged(server, {"sds": own, "dwp": other})
        assert person not in views["SDS"]
        assert views["DWP"][kept].fields["first_name"] == "Kept"
        for laptop in (own, other):
            laptop.lock()
