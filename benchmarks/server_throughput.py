"""Push and pull throughput of one device against a real server process.

    python -m benchmarks.server_throughput [--people 10000] [--runs 3] [--postgres URL]

Each run starts a fresh server (SQLite file, or a fresh PostgreSQL database), pushes the people
in batches of 1,000 from one device and pulls them all into another (HTTP and JSON only; the
desktop client's storage is measured by the client benchmarks). Prints medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import people_changes, print_table
from pace_shared.hlc import HybridClock
from tests.support.databases import POSTGRES_ENV, fresh_postgres_database
from tests.support.live_server import start_server


def one_run(folder: Path, people: int, database_url: str | None) -> tuple[float, float]:
    with start_server(folder, database_url=database_url) as server:
        pusher = server.client("demo.adviser")
        puller = server.client("dwp.adviser")
        changes = people_changes(people, HybridClock(pusher.device_id))
        started = time.perf_counter()
        for start in range(0, people, 1000):
            results = pusher.push(changes[start : start + 1000])["results"]
            assert all(r["status"] == "applied" for r in results), results[:3]
        push_seconds = time.perf_counter() - started
        started = time.perf_counter()
        items, _ = puller.pull_all(limit=1000)
        pull_seconds = time.perf_counter() - started
        assert len(items) >= people
        return push_seconds, pull_seconds


def measure(kind: str, people: int, runs: int) -> list[str]:
    pushes: list[float] = []
    pulls: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            if kind == "postgresql":
                with fresh_postgres_database() as url:
                    push_s, pull_s = one_run(Path(folder), people, url)
            else:
                push_s, pull_s = one_run(Path(folder), people, None)
        pushes.append(push_s)
        pulls.append(pull_s)
    push_median, pull_median = statistics.median(pushes), statistics.median(pulls)
    return [
        kind,
        str(people),
        f"{people / push_median:,.0f}",
        f"{push_median:.2f}",
        f"{people / pull_median:,.0f}",
        f"{pull_median:.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = [measure("sqlite", args.people, args.runs)]
    if os.environ.get(POSTGRES_ENV):
        rows.append(measure("postgresql", args.people, args.runs))
    print_table(
        f"Server throughput, one device, median of {args.runs} runs",
        ["database", "people", "push/s", "push s", "pull/s", "pull s"],
        rows,
    )


if __name__ == "__main__":
    main()
