"""Bulk pull into a local store, then search as typed and the duplicate check (figures only).

    python -m benchmarks.store_bulk [--people 20000]

Moved here from ``tests/desktop_core/test_repository.py``, whose throughput floors were timing
assertions; the test keeps what is correct, this prints how fast. Pages of 1,000 people are
applied through ``SyncStore.apply_page`` (as a pull does), then each query runs
``search_people`` (first page of 100) and ``people_count``, as the people list does per
keystroke; then ``find_duplicates`` as registration does.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from desktop_app.storage.repository import Repository
from desktop_app.storage.store import create_store
from desktop_app.storage.sync_store import SyncStore
from pace_shared.hlc import HybridClock
from pace_shared.wire import PullItem

DEVICE = "0190aaaa-0000-7000-8000-000000000001"
PAGE = 1000
QUERIES = ("s", "su", "sur", "surname0", "surname01234", "first1999", "ky3")


def people_page(start: int, count: int) -> list[PullItem]:
    """People as a pull page brings them: one server HLC, surnames repeating every 5,000."""
    hlc = "1764158400000-0000-server"
    items = []
    for i in range(start, start + count):
        fields = {
            "first_name": f"First{i}",
            "last_name": f"Surname{i % 5000:05d}",
            "date_of_birth": f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}",
            "postcode": f"KY{1 + i % 16} {i % 10}AB",
            "event_id": "",
        }
        items.append(
            PullItem(
                record_id=f"0190cccc-0000-7000-8000-{i:012d}",
                record_type="client",
                owner_partner="SDS",
                fields=fields,
                versions=dict.fromkeys(fields, hlc),
            )
        )
    return items


def measure(folder: Path, people: int) -> None:
    engine = create_store(folder / "store.db", bytes(range(32)))
    repo = Repository(engine, HybridClock(DEVICE), "SDS")
    sync = SyncStore(repo)
    sync.init_state("http://127.0.0.1:9", DEVICE, "bench", {"username": "bench"})
    try:
        started = time.perf_counter()
        for start in range(0, people, PAGE):
            sync.apply_page(people_page(start, min(PAGE, people - start)), f"c{start}")
        pull_s = time.perf_counter() - started
        print(f"people pulled into the store:   {people:,}")
        print(f"pull apply rate:                {people / pull_s:,.0f} people/s")
        for query in QUERIES:
            t0 = time.perf_counter()
            repo.search_people(query, limit=100)
            repo.people_count(query)
            print(
                f"search {query!r:<16} (page + count) {(time.perf_counter() - t0) * 1000:8.1f} ms"
            )
        t0 = time.perf_counter()
        repo.find_duplicates("First12", "Surnam00012", None, None, None)
        print(f"find_duplicates:                {(time.perf_counter() - t0) * 1000:8.1f} ms")
    finally:
        repo.close()
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure(Path(tmp), args.people)


if __name__ == "__main__":
    main()
