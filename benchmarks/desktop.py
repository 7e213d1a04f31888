"""Initial sync of a new device with 100,000 people + 300,000 engagements, then the desktop
figures measured on that device's store through the core's Repository (the calls the UI makes).

    python -m benchmarks.desktop [--people 100000] [--engagements-per-person 3]

The figures run in a child process (``--figures PROFILE``) so its peak memory is the store's,
not the benchmark driver's. UI painting is measured by the UI engineer; this measures what the
window waits for: unlock, people_count + search_people (first page) + events + employers +
status (start to usable window), people_count + search_people per keystroke, get + timeline
(opening a person).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.client import enrol, unlock
from benchmarks.common import people_changes
from pace_shared.hlc import HybridClock
from tests.support.live_server import start_server

KINDS = ["one_to_one", "cv_support", "job_search", "benefits_advice", "training_funding"]
NOTE = "Discussed CV, two applications sent, follow-up booked at the jobcentre next week. " * 3


def engagement_changes(
    client_ids: list[str], per_person: int, clock: HybridClock, rng: random.Random
) -> list[dict[str, Any]]:
    return [
        {
            "change_id": str(uuid.uuid4()),
            "record_id": str(uuid.uuid4()),
            "record_type": "engagement",
            "op": "upsert",
            "hlc": clock.tick(),
            "fields": {
                "client_id": client_id,
                "kind": rng.choice(KINDS),
                "occurred_on": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                "notes": NOTE,
            },
            "base": {},
        }
        for client_id in client_ids
        for _ in range(per_person)
    ]


def populate(client: Any, people: int, per_person: int) -> None:
    """Push people and their engagements through the sync API (untimed setup)."""
    clock = HybridClock(client.device_id)
    rng = random.Random(17)
    for start in range(0, people, 1000):
        changes = people_changes(min(1000, people - start), clock, seed=start)
        results = client.push(changes)["results"]
        assert all(r["status"] == "applied" for r in results), results[:2]
        ids = [c["record_id"] for c in changes]
        children = engagement_changes(ids, per_person, clock, rng)
        for part in range(0, len(children), 1000):
            results = client.push(children[part : part + 1000])["results"]
            assert all(r["status"] == "applied" for r in results), results[:2]


def initial_sync_and_figures(people: int, per_person: int) -> dict[str, Any]:
    out: dict[str, Any] = {"people": people, "engagements": people * per_person}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with start_server(folder) as server:
            started = time.perf_counter()
            populate(server.client("demo.adviser"), people, per_person)
            out["populate_s"] = time.perf_counter() - started
            calls: list[tuple[int, int | None, str]] = []
            started = time.perf_counter()
            session = enrol(
                server.url,
                "dwp.adviser",
                folder / "device",
                progress=lambda done, total, msg: calls.append((done, total, msg)),
            )
            out["initial_sync_s"] = time.perf_counter() - started
            out["progress_calls"] = len(calls)
            out["progress_last"] = calls[-1][2] if calls else ""
            session.lock()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.desktop", "--figures", str(folder / "device")],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        out.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def _ms(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return (time.perf_counter() - started) * 1000, value


def figures(profile: Path) -> dict[str, Any]:
    """Run in a child process: the repository calls the window makes, timed."""
    out: dict[str, Any] = {}
    started = time.perf_counter()
    session = unlock(profile)
    out["unlock_ms"] = (time.perf_counter() - started) * 1000
    repo = session.repo

    def first_window() -> int:
        total = repo.people_count("")
        repo.search_people("", limit=100)
        repo.events()
        repo.employers()
        session.status()
        return total

    out["window_ms"], out["people_in_store"] = _ms(first_window)
    out["window_warm_ms"], _ = _ms(first_window)
    # Search as you type: each keystroke the people model runs people_count + search_people.
    sample = repo.search_people("", limit=1, offset=repo.people_count("") // 2)[0]
    typed = [sample.last_name[: n + 1] for n in range(min(6, len(sample.last_name)))]
    typed += [(sample.ni_number or "")[: n + 1] for n in range(2, 6)]
    typed += ["ma", "mac", "macd", "macdo"]
    keystrokes: list[float] = []
    for query in typed:
        ms, _ = _ms(
            lambda q=query: (repo.people_count(q), repo.search_people(q, limit=100))  # type: ignore[misc]
        )
        keystrokes.append(ms)
    out["keystroke_median_ms"] = statistics.median(keystrokes)
    out["keystroke_max_ms"] = max(keystrokes)
    out["keystroke_worst_query_len"] = len(typed[keystrokes.index(max(keystrokes))])
    # Opening a person: the record and its timeline (3 engagements each here).
    ids = [row.id for row in repo.search_people("", limit=50, offset=1000)]
    opens = []
    for record_id in ids:
        ms, _ = _ms(lambda r=record_id: (repo.get(r), repo.timeline(r)))  # type: ignore[misc]
        opens.append(ms)
    out["open_median_ms"] = statistics.median(opens)
    out["open_max_ms"] = max(opens)
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    session.lock()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--engagements-per-person", type=int, default=3)
    parser.add_argument("--figures", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.figures:
        print(json.dumps(figures(args.figures)))
        return
    print(json.dumps(initial_sync_and_figures(args.people, args.engagements_per_person), indent=2))


if __name__ == "__main__":
    main()
