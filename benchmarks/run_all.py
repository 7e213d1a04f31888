"""Every benchmark, ours next to the peer (Kinto), in one table.

    python -m benchmarks.run_all [--quick] [--runs N] [--no-peer] [--json FILE]

Medians of ``--runs`` runs (3; ``--quick``: 1 run and smaller sizes). PostgreSQL rows appear
when PACE_TEST_POSTGRES_URL names a server (each server, ours and Kinto, gets a fresh
database). Kinto is installed on first use into benchmarks/.peer-venv with the machine's pip;
if it cannot be installed or started the peer columns say so and our figures still print.
Benchmarks print figures; nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import desktop, load, scenarios
from benchmarks.common import print_table
from benchmarks.peer import PeerUnavailableError, ensure_kinto
from tests.support.databases import POSTGRES_ENV


@dataclass
class Sizes:
    runs: int
    people: int  # S1, S2, SQLCipher overhead
    large: int  # S3, S4
    changes: int  # S3
    desktop_people: int
    engagements_per_person: int
    devices: int
    rounds: int
    raw_rows: int
    peer_pg_runs: int  # Kinto on PostgreSQL writes ~100 records/s here: fewer runs


#: Above this many people, S3/S4 skip Kinto's memory backend (its writes slow down with size).
MEMORY_LARGE_LIMIT = 20_000

FULL = Sizes(3, 10_000, 100_000, 100, 100_000, 3, 100, 5, 50_000, 1)
QUICK = Sizes(1, 1_000, 5_000, 100, 5_000, 3, 20, 2, 10_000, 1)


@dataclass
class Row:
    scenario: str
    ours_rate: float | None = None
    ours_s: float | None = None
    peer_rate: float | None = None
    peer_s: float | None = None
    ratio: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""


def _rate(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:,.0f}"


def _secs(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _met(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "NO")


class Runner:
    def __init__(self, sizes: Sizes, peer: bool, peer_memory_large: bool = False) -> None:
        self.sizes = sizes
        self.peer_memory_large = peer_memory_large
        self.rows: list[Row] = []
        self.raw: dict[str, Any] = {}
        self.peer_error: str | None = None
        self.pg_url = os.environ.get(POSTGRES_ENV) or None
        self.kinds = ["sqlite"] + (["postgresql"] if self.pg_url else [])
        if peer:
            try:
                ensure_kinto()
            except PeerUnavailableError as exc:
                self.peer_error = str(exc)
        else:
            self.peer_error = "skipped (--no-peer)"

    def step(self, name: str, fn: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            value = fn()
        except PeerUnavailableError as exc:
            self.peer_error = str(exc)
            print(f"   peer unavailable: {exc}", file=sys.stderr, flush=True)
            return None
        except Exception:
            traceback.print_exc()
            self.raw[f"{name} error"] = traceback.format_exc(limit=3)
            return None
        print(f"   done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        self.raw[name] = value
        return value

    def peer(self, name: str, fn: Callable[[], Any]) -> Any:
        if self.peer_error:
            return None
        return self.step(name, fn)

    # --- scenarios ---------------------------------------------------------------------------

    def push_pull(self) -> None:
        s = self.sizes
        for kind in self.kinds:
            peer_db = "PostgreSQL" if kind == "postgresql" else "memory"
            ours = self.step(
                f"S1/S2 ours {kind}", lambda k=kind: scenarios.ours_push_pull(k, s.people, s.runs)
            )
            theirs = self.peer(
                f"S1/S2 Kinto {peer_db}",
                lambda k=kind: scenarios.peer_push_pull(
                    self.pg_url if k == "postgresql" else None,
                    s.people,
                    s.peer_pg_runs if k == "postgresql" else s.runs,
                ),
            )
            push_o = ours["push"] if ours else None
            push_p = theirs["push"] if theirs else None
            ratio = push_o.rate / push_p.rate if push_o and push_p else None
            self.rows.append(
                Row(
                    f"S1 push {s.people:,} people ({kind}; Kinto {peer_db})",
                    *_pair(push_o),
                    *_pair(push_p),
                    f"{ratio:.1f}x" if ratio else "",
                    "≥5,000/s and ≥5x peer",
                    (push_o.rate >= 5000 and (ratio is None or ratio >= 5)) if push_o else None,
                    (
                        f"ours: push part of sync; whole sync {ours['push_sync'].rate:,.0f}/s "
                        f"({ours['push_sync'].median:.2f} s, pulls own changes back)"
                        if push_o
                        else ""
                    )
                    + (f"; peer {push_p.note}" if push_p else ""),
                )
            )
            pull_o = ours["pull"] if ours else None
            pull_p = theirs["pull"] if theirs else None
            ratio = pull_o.rate / pull_p.rate if pull_o and pull_p else None
            self.rows.append(
                Row(
                    f"S2 cold pull {s.people:,} into 2nd client ({kind}; Kinto {peer_db})",
                    *_pair(pull_o),
                    *_pair(pull_p),
                    f"{ratio:.2f}x" if ratio else "",
                    "≥20,000/s (≈ peer)",
                    pull_o.rate >= 20_000 if pull_o else None,
                    "ours: SQLCipher store; peer: plain SQLite, same tables",
                )
            )
            if ours and kind == "sqlite":
                for workload, enc, plain, label in (
                    ("cold pull", ours["pull"], ours["pull_plain"], "sync engine cold pull"),
                    ("local saves", ours["save"], ours["save_plain"], "repo.save one by one"),
                ):
                    overhead = enc.median / plain.median
                    self.rows.append(
                        Row(
                            f"SQLCipher overhead: {workload} ({label})",
                            *_pair(enc),
                            *_pair(plain),
                            f"{overhead:.2f}x",
                            "encrypted ≤1.3x plain",
                            overhead <= 1.3,
                            "peer columns = the same client on a plain SQLite file",
                        )
                    )

    def raw_storage(self) -> None:
        n = self.sizes.raw_rows

        def measure() -> dict[str, float]:
            enc = sorted(scenarios.raw_inserts(n, True) for _ in range(self.sizes.runs))
            plain = sorted(scenarios.raw_inserts(n, False) for _ in range(self.sizes.runs))
            return {"enc": enc[len(enc) // 2], "plain": plain[len(plain) // 2]}

        got = self.step("raw SQLCipher inserts", measure)
        if got:
            self.rows.append(
                Row(
                    f"ref: raw inserts, {n:,} rows of 1 KB, batches of 1,000",
                    n / got["enc"],
                    got["enc"],
                    n / got["plain"],
                    got["plain"],
                    f"{got['enc'] / got['plain']:.2f}x",
                    "(reference: ≈50,000/s)",
                    None,
                    "ours = SQLCipher, peer columns = plain sqlite3",
                )
            )

    def large(self) -> None:
        s = self.sizes
        for kind in self.kinds:
            peer_db = "PostgreSQL" if kind == "postgresql" else "memory"
            ours = self.step(
                f"S3/S4 ours {kind}",
                lambda k=kind: scenarios.ours_large(k, s.large, s.changes, s.runs),
            )
            if kind == "sqlite" and s.large > MEMORY_LARGE_LIMIT and not self.peer_memory_large:
                self.raw["S3/S4 Kinto memory"] = (
                    "skipped: Kinto's memory backend slows as the collection grows (888 writes/s "
                    "at 2,000 records, ~75/s at 67,000); --peer-memory-large to try anyway"
                )
                theirs = None
            else:
                theirs = self.peer(
                    f"S3/S4 Kinto {peer_db}",
                    lambda k=kind: scenarios.peer_large(
                        self.pg_url if k == "postgresql" else None, s.large, s.changes, s.runs
                    ),
                )
            for key, label, limit, target in (
                ("s3", f"S3 {s.changes} changes A→B end to end, {s.large:,} people", 1.0, "<1 s"),
                ("s4", f"S4 sync with nothing to do, {s.large:,} people", 0.1, "<100 ms"),
            ):
                o = ours[key] if ours else None
                p = theirs[key] if theirs else None
                self.rows.append(
                    Row(
                        f"{label} ({kind}; Kinto {peer_db})",
                        *_pair(o),
                        *_pair(p),
                        f"{p.median / o.median:.1f}x faster" if o and p else "",
                        target,
                        o.median < limit if o else None,
                        ("rate = changes/s" if key == "s3" else "rate = people covered/s")
                        + ("" if p or kind != "sqlite" else "; Kinto memory: see doc"),
                    )
                )

    def load(self) -> None:
        s = self.sizes
        results: dict[str, load.LoadResult] = {}
        for kind, workers in load.configurations():
            got = self.step(
                f"load {kind} x{workers}",
                lambda k=kind, w=workers: load.run_load(k, w, s.devices, s.rounds, 5),
            )
            if got is None:
                continue
            results[f"{kind}{workers}"] = got
            scaling = ""
            met = got.errors == 0
            if kind == "postgresql" and workers > 1 and "postgresql1" in results:
                one = results["postgresql1"]
                gain = (got.records / got.seconds) / (one.records / one.seconds)
                scaling = f"{gain:.2f}x of 1 process"
                met = met and gain > 1.0
            self.rows.append(
                Row(
                    f"load: {s.devices} devices × {s.rounds} rounds, {got.label}",
                    got.records / got.seconds,
                    got.seconds,
                    None,
                    None,
                    scaling,
                    "no errors" + ("; 4 procs > 1" if workers > 1 else ""),
                    met,
                    f"p50 {got.p50_ms:.0f} ms, p99 {got.p99_ms:.0f} ms, "
                    f"{got.requests / got.seconds:.0f} req/s, errors {got.errors}, "
                    f"login retries {got.login_errors}, "
                    f"generator CPU {got.client_cpu_s / got.seconds:.0%} of a core"
                    + (f", {got.error_kinds}" if got.error_kinds else ""),
                )
            )

    def desktop(self) -> None:
        s = self.sizes
        got = self.step(
            "desktop: initial sync + repository figures",
            lambda: desktop.initial_sync_and_figures(s.desktop_people, s.engagements_per_person),
        )
        if not got:
            return
        total = got["people"] + got["engagements"]
        size = f"{got['people']:,} people + {got['engagements']:,} engagements"
        self.rows += [
            Row(
                f"initial sync of a new device, {size}",
                total / got["initial_sync_s"],
                got["initial_sync_s"],
                target="<60 s, progress shown",
                met=got["initial_sync_s"] < 60 and got["progress_calls"] > 2,
                note=f"{got['progress_calls']} progress callbacks",
            ),
            Row(
                "desktop: start to usable window after unlock (repo calls)",
                ours_s=got["window_ms"] / 1000,
                target="<2 s",
                met=got["window_ms"] < 2000,
                note=f"unlock {got['unlock_ms']:.0f} ms (test KDF); "
                f"warm {got['window_warm_ms']:.0f} ms",
            ),
            Row(
                "desktop: search per keystroke (count + first 100)",
                ours_s=got["keystroke_max_ms"] / 1000,
                target="<50 ms",
                met=got["keystroke_max_ms"] < 50,
                note=f"worst; median {got['keystroke_median_ms']:.1f} ms",
            ),
            Row(
                "desktop: open a person (get + timeline)",
                ours_s=got["open_max_ms"] / 1000,
                target="<100 ms",
                met=got["open_max_ms"] < 100,
                note=f"worst; median {got['open_median_ms']:.1f} ms",
            ),
            Row(
                "desktop: memory (core process, peak RSS, no Qt)",
                target="<400 MB",
                met=got["max_rss_mb"] < 400,
                ratio=f"{got['max_rss_mb']:.0f} MB",
            ),
        ]


def _pair(timing: scenarios.Timing | None) -> tuple[float | None, float | None]:
    return (timing.rate, timing.median) if timing else (None, None)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except OSError:
        mem = "?"
    python = platform.python_version()
    return f"{os.cpu_count()} CPUs, {cpu or platform.processor()}, {mem}, Python {python}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 run, smaller sizes (<3 min)")
    parser.add_argument("--runs", type=int, help="runs per measurement (median)")
    parser.add_argument("--no-peer", action="store_true", help="skip Kinto")
    parser.add_argument(
        "--peer-memory-large",
        action="store_true",
        help="also populate Kinto's memory backend with the S3/S4 people (slow: many minutes)",
    )
    parser.add_argument(
        "--only",
        default="push_pull,raw_storage,large,load,desktop",
        help="comma-separated subset of: push_pull, raw_storage, large, load, desktop",
    )
    parser.add_argument("--people", type=int, help="people for S1/S2 (default 10,000)")
    parser.add_argument("--large", type=int, help="people for S3/S4 (default 100,000)")
    parser.add_argument("--desktop-people", type=int, help="people for the desktop figures")
    parser.add_argument("--devices", type=int, help="simulated devices (default 100)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    for name in ("runs", "people", "large", "desktop_people", "devices"):
        if getattr(args, name):
            setattr(sizes, name, getattr(args, name))
    started = time.perf_counter()
    runner = Runner(sizes, peer=not args.no_peer, peer_memory_large=args.peer_memory_large)
    for part in args.only.split(","):
        getattr(runner, part.strip())()
    wall = time.perf_counter() - started
    header = [
        "scenario",
        "ours rec/s",
        "ours s",
        "peer rec/s",
        "peer s",
        "ratio",
        "target",
        "met?",
        "note",
    ]
    rows = [
        [
            r.scenario,
            _rate(r.ours_rate),
            _secs(r.ours_s),
            _rate(r.peer_rate),
            _secs(r.peer_s),
            r.ratio,
            r.target,
            _met(r.met),
            r.note,
        ]
        for r in runner.rows
    ]
    print(f"\nMachine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; total {wall:.0f} s")
    print(f"Sizes: {asdict(sizes)}; PostgreSQL: {'yes' if runner.pg_url else 'no'}")
    if runner.peer_error:
        print(f"Peer (Kinto): unavailable — {runner.peer_error}")
    print_table(f"PACE Casework vs Kinto, median of {sizes.runs} run(s)", header, rows)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"rows": [asdict(r) for r in runner.rows], "raw": runner.raw},
                indent=2,
                default=lambda o: asdict(o) if hasattr(o, "__dataclass_fields__") else str(o),
            )
        )


if __name__ == "__main__":
    main()
