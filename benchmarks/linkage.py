"""Record linkage (issue 9): precision and recall on a seeded evaluation set, and the median
time to link 150,000 people.

    python -m benchmarks.linkage                          # 20,000 people scored, 150,000 timed
    python -m benchmarks.linkage --people 5000 --timed 0  # accuracy only
    python -m benchmarks.linkage --save-model sync_server/linkage/stored_model.json
    python -m benchmarks.linkage --end-to-end             # what `pace-sync-server link` does
    python -m benchmarks.linkage --database URL           # the same over a loaded database

The ``--timed`` figure is the linkage of the records in memory (normalising, estimating the
model, scoring the pairs, clustering). ``--end-to-end`` times the whole ``run_linkage`` that
``pace-sync-server link`` runs: reading every live client record from the database, linking,
and replacing the stored links and pairs. It loads the demo data (``--people`` people, with
sync_server.demo_data's share of duplicates, ``--demo-people``) into a fresh SQLite file and, when
$PACE_TEST_POSTGRES_URL is set, a fresh PostgreSQL database; ``--database URL`` times a
database already loaded, e.g. by ``pace-sync-server seed-demo --demo-data --people 150000
--events 3000 --months 60``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from sync_server.db import Database
from sync_server.linkage import evaluation, model
from sync_server.linkage.prepare import LinkRow, link_row
from sync_server.linkage.service import RunSummary, run_linkage


def _rows(records: list[evaluation.EvalRecord]) -> list[LinkRow]:
    return [link_row(r.record_id, r.fields) for r in records]


def accuracy(people: int, seed: int) -> None:
    records = evaluation.generate(people, seed=seed)
    started = time.perf_counter()
    result = model.link(_rows(records))
    elapsed = time.perf_counter() - started
    scores = evaluation.score(result.clusters, {r.record_id: r.person for r in records})
    print(
        f"accuracy: {scores.records:,} records of {scores.true_people:,} people (seed {seed}), "
        f"found {scores.found_people:,} people in {elapsed:.1f} s\n"
        f"  pairwise precision {scores.pairwise_precision:.4f}  "
        f"recall {scores.pairwise_recall:.4f}\n"
        f"  cluster  precision {scores.cluster_precision:.4f}  "
        f"recall {scores.cluster_recall:.4f}\n"
        f"  probable duplicate pairs for review: {len(result.pairs):,}"
    )


def timing(people: int, repeat: int, seed: int) -> None:
    records = evaluation.generate(people, seed=seed)
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        model.link(_rows(records))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    # CPU seconds (all threads) tell how much work it was when the machine is shared.
    print(
        f"timing: {len(records):,} records of {people:,} people, {repeat} runs: "
        f"median {statistics.median(times):.1f} s wall, {statistics.median(cpu):.1f} s CPU "
        f"(runs: {', '.join(f'{t:.1f}' for t in times)}; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f})"
    )


def end_to_end(label: str, url: str, repeat: int) -> None:
    """Median of the whole ``run_linkage`` over the database at ``url``. CPU seconds are this
    process's (every thread), not the PostgreSQL server's."""
    db = Database(url)
    try:
        times, cpu = [], []
        summary: RunSummary | None = None
        for _ in range(repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = run_linkage(db)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    finally:
        db.dispose()
    assert summary is not None
    print(
        f"end to end ({label}): {summary.records:,} client records -> {summary.people:,} "
        f"people, {summary.pairs:,} pairs for review; {repeat} runs: median "
        f"{statistics.median(times):.1f} s wall, {statistics.median(cpu):.1f} s CPU "
        f"(runs: {', '.join(f'{t:.1f}' for t in times)}; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def _loaded(url: str, people: int) -> str:
    """``url`` made ready and loaded with the demo data of ``people`` people."""
    from sync_server.demo_data.load import load_demo_data
    from sync_server.demo_data.scale import DemoScale
    from tests.support.live_server import run_cli

    run_cli("init", database_url=url)
    run_cli("seed-demo", database_url=url)
    db = Database(url)
    try:
        loaded = load_demo_data(db, DemoScale(people=people, events=3_000, months=60))
    finally:
        db.dispose()
    print(f"loaded: {loaded.summary()}", flush=True)
    return url


def end_to_end_fresh(people: int, repeat: int) -> None:
    from tests.support.databases import POSTGRES_ENV, fresh_postgres_database

    with tempfile.TemporaryDirectory() as folder:
        end_to_end("sqlite", _loaded(f"sqlite:///{Path(folder) / 'server.db'}", people), repeat)
    if os.environ.get(POSTGRES_ENV):
        with fresh_postgres_database() as url:
            end_to_end("postgresql", _loaded(url, people), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000, help="people in the scored set")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timed", type=int, default=150_000, help="people in the timed set")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs (the median is shown)")
    parser.add_argument("--save-model", type=Path, help="train on the scored set, write the model")
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="time run_linkage over fresh databases loaded with --people demo people",
    )
    parser.add_argument("--demo-people", type=int, default=150_000, help="with --end-to-end")
    parser.add_argument(
        "--database", action="append", default=[], help="time run_linkage over this loaded URL"
    )
    args = parser.parse_args()
    if args.end_to_end or args.database:
        for url in args.database:
            end_to_end(url.split(":", 1)[0].split("+", 1)[0], url, args.repeat)
        if args.end_to_end:
            end_to_end_fresh(args.demo_people, args.repeat)
        return
    if args.save_model:
        trained = model.trained_model(_rows(evaluation.generate(args.people, seed=args.seed)))
        args.save_model.write_text(json.dumps(trained, indent=1) + "\n", encoding="utf-8")
        print(f"model written to {args.save_model}")
        return
    accuracy(args.people, args.seed)
    if args.timed:
        timing(args.timed, args.repeat, args.seed + 1)


if __name__ == "__main__":
    main()
