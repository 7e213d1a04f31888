"""Record linkage (issue 9): precision and recall on a seeded evaluation set, and the median
time to link 150,000 people.

    python -m benchmarks.linkage                          # 20,000 people scored, 150,000 timed
    python -m benchmarks.linkage --people 5000 --timed 0  # accuracy only
    python -m benchmarks.linkage --save-model sync_server/linkage/stored_model.json

The time is that of the whole linkage of the records in memory (normalising, estimating the
model, scoring the pairs, clustering), not of reading and writing the database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from sync_server.linkage import evaluation, model
from sync_server.linkage.prepare import LinkRow, link_row


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000, help="people in the scored set")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timed", type=int, default=150_000, help="people in the timed set")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs (the median is shown)")
    parser.add_argument("--save-model", type=Path, help="train on the scored set, write the model")
    args = parser.parse_args()
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
