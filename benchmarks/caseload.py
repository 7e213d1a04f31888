"""Caseload review at scale: open the caseload and filter it (figures only).

    python -m benchmarks.caseload [--people 100000] [--repeat 5]

Builds a real SQLCipher store through ``SyncStore.apply_page`` (as a pull does) holding
``--people`` people registered by 12 advisers' devices at 40 events of 20 employers, each with
one engagement, and every third with a referral and an outcome. Then it prints the median time
to open the caseload (``open_caseload``: the rows are in the store's ``caseload`` table, so
only the list of devices and employer names is read)
and the median time of each filter (``CaseloadIndex.query``: the counts per adviser and the
first page of 200 rows in order), as the team lead's screen runs them, with two sorts each;
then every other sort the screen offers over everyone, and reading a page deep in the list
(``CaseloadIndex.page``, as scrolling does). The build line is the pull apply figure: wall and
CPU seconds to apply every page. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.storage.caseload import CaseloadFilter, FollowUp, open_caseload
from desktop_app.storage.repository import Repository
from desktop_app.storage.store import create_store
from desktop_app.storage.sync_store import SyncStore
from pace_shared.hlc import HybridClock
from pace_shared.wire import PullItem

DEVICE = "0190aaaa-0000-7000-8000-000000000001"
PAGE = 1000
DAY_MS = 86_400_000
START_MS = 1_735_689_600_000  # 2025-01-01
ADVISERS = [f"0190aaaa-0000-7000-8000-{n:012d}" for n in range(1, 13)]
NAMES = {device: f"Adviser {n}" for n, device in enumerate(ADVISERS)}
EMPLOYERS = [f"0190dddd-0000-7000-8000-{n:012d}" for n in range(20)]
EVENTS = [f"0190eeee-0000-7000-8000-{n:012d}" for n in range(40)]
AREAS = ("Fife", "Dundee City", "Glasgow City", "Highland", "Falkirk")


def _hlc(ms: int, node: str) -> str:
    return f"{ms:013d}-0000-{node}"


def _day(ms: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(ms / 1000))


def _public_items() -> list[PullItem]:
    stamp = _hlc(START_MS, "server")
    items = []
    for n, employer in enumerate(EMPLOYERS):
        fields = {"name": f"Employer {n}", "local_authority": AREAS[n % len(AREAS)]}
        items.append(
            PullItem(
                record_id=employer,
                record_type="employer",
                owner_partner="SDS",
                fields=fields,
                versions=dict.fromkeys(fields, stamp),
            )
        )
    for n, event in enumerate(EVENTS):
        fields = {"employer_id": EMPLOYERS[n % len(EMPLOYERS)], "site_name": f"Site {n}"}
        items.append(
            PullItem(
                record_id=event,
                record_type="redundancy_event",
                owner_partner="SDS",
                fields=fields,
                versions=dict.fromkeys(fields, stamp),
            )
        )
    return items  # fmt: skip


def _person_items(i: int) -> list[PullItem]:
    person = f"0190cccc-0000-7000-8000-{i:012d}"
    node = ADVISERS[i % len(ADVISERS)]
    registered = START_MS + (i % 500) * DAY_MS
    fields = {
        "first_name": f"First{i}",
        "last_name": f"Surname{i % 5000:05d}",
        "event_id": EVENTS[i % len(EVENTS)],
        "postcode": f"KY{1 + i % 16} {i % 10}AB",
    }
    items = [
        PullItem(
            record_id=person,
            record_type="client",
            owner_partner="SDS",
            fields=fields,
            versions=dict.fromkeys(fields, _hlc(registered, node)),
        )
    ]
    later = registered + (i % 90) * DAY_MS
    children: list[tuple[str, dict[str, object]]] = [
        ("engagement", {"client_id": person, "kind": "one_to_one", "occurred_on": _day(later)})
    ]
    if i % 3 == 0:
        children.append(
            (
                "referral",
                {
                    "client_id": person,
                    "to_partner": "DWP",
                    "status": ("open", "accepted", "completed")[i % 9 // 3],
                    "referred_on": _day(later),
                },
            )
        )
        children.append(
            (
                "outcome",
                {
                    "client_id": person,
                    "status": "employed",
                    "recorded_on": _day(later),
                    "months_after": 3,
                },
            )
        )
    for n, (kind, child) in enumerate(children):
        items.append(
            PullItem(
                record_id=f"0190{n + 1:04d}-0000-7000-8000-{i:012d}",
                record_type=kind,
                owner_partner="SDS",
                fields=child,
                versions=dict.fromkeys(child, _hlc(later, node)),
            )
        )
    return items  # fmt: skip


def build(folder: Path, people: int) -> tuple[Repository, float, float]:
    engine = create_store(folder / "store.db", bytes(range(32)))
    repo = Repository(engine, HybridClock(ADVISERS[0]), "SDS")
    sync = SyncStore(repo)
    sync.init_state("http://127.0.0.1:9", ADVISERS[0], "bench", {"username": "bench"})
    pages = [[it for i in range(start, min(people, start + PAGE)) for it in _person_items(i)]
             for start in range(0, people, PAGE)]  # fmt: skip
    started, cpu = time.perf_counter(), time.process_time()
    sync.apply_page(_public_items(), "c-public")
    for n, page in enumerate(pages):
        sync.apply_page(page, f"c{n}")
    return repo, time.perf_counter() - started, time.process_time() - cpu


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


FILTERS: dict[str, CaseloadFilter] = {
    "everyone (by last name)": CaseloadFilter(),
    "one adviser": CaseloadFilter(adviser="Adviser 3"),
    "one event": CaseloadFilter(event_id=EVENTS[7]),
    "one employer": CaseloadFilter(employer_id=EMPLOYERS[5]),
    "one council area": CaseloadFilter(council_area="Fife"),
    "registered in a quarter": CaseloadFilter(
        registered_from="2025-04-01", registered_to="2025-06-30"
    ),
    "open referral > 30 days": CaseloadFilter(
        follow_up=FollowUp.OPEN_REFERRAL, days=30, today="2026-06-30"
    ),
    "no engagement for 60 days": CaseloadFilter(
        follow_up=FollowUp.NO_ENGAGEMENT, days=60, today="2026-06-30"
    ),
    "outcome missing at 6 months": CaseloadFilter(follow_up=FollowUp.OUTCOME_6, today="2026-06-30"),
    "adviser + area + follow-up": CaseloadFilter(
        adviser="Adviser 3",
        council_area="Fife",
        follow_up=FollowUp.OUTCOME_12,
        today="2026-06-30",
    ),
}


OTHER_SORTS = ("first_name", "adviser", "event", "council_area", "last_engagement",
               "open_referrals", "outcomes")  # fmt: skip


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(people: int, repeat: int) -> None:
    print(_load())
    with tempfile.TemporaryDirectory() as folder:
        repo, build_s, build_cpu = build(Path(folder), people)
        try:
            print(f"people in the store:            {people:,}")
            print(f"pull apply (every page):        {build_s:.1f} s wall, {build_cpu:.1f} s CPU")
            indexes = []

            def open_once() -> None:
                indexes.append(open_caseload(repo, "Adviser 0", NAMES))

            open_ms = _median_ms(open_once, repeat)
            print(f"open caseload (median of {repeat}):  {open_ms:8.1f} ms")
            index = indexes.pop()
            for other in indexes:
                other.close()
            for name, f in FILTERS.items():
                matches = index.query(f).total
                for sort, desc in (("last_name", False), ("registered_on", True)):
                    ms = _median_ms(functools.partial(index.query, f, sort, desc), repeat)
                    print(f"filter {name:<28} sort {sort:<14} {ms:7.1f} ms  ({matches:,})")
            for sort in OTHER_SORTS:
                ms = _median_ms(functools.partial(index.query, CaseloadFilter(), sort), repeat)
                print(f"filter {'everyone':<28} sort {sort:<14} {ms:7.1f} ms")
            result = index.query(CaseloadFilter())
            middle = result.total // 2
            page_ms = _median_ms(lambda: index.page(result, middle), repeat)
            print(f"page of 200 rows at row {middle:,} (scrolling):  {page_ms:7.1f} ms")
            index.close()
        finally:
            repo.close()
    print(_load())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    measure(args.people, args.repeat)


if __name__ == "__main__":
    main()
