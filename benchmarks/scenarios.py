"""The issue-5 scenarios, ours and the peer's, each one function returning timings.

Ours always goes through the desktop client's core (Session → SyncEngine → SyncStore →
SQLCipher store) against a real ``pace-sync-server`` process; the peer's through Kinto's HTTP
API into a plain SQLite file with our store's tables (benchmarks.peer.PlainSqliteLoader).
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from benchmarks.client import edit_people, enrol, queue_people, store_schema_sql, timed_sync
from benchmarks.common import person_fields
from benchmarks.peer import KintoClient, PlainSqliteLoader, start_kinto
from pace_shared.hlc import HybridClock
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer, start_server


@dataclass
class Timing:
    """Wall seconds of several runs of one measurement over ``records`` records."""

    records: int
    runs: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    @property
    def rate(self) -> float:
        return self.records / self.median if self.runs else float("nan")


@contextlib.contextmanager
def our_server(folder: Path, kind: str, workers: int = 1) -> Iterator[LiveServer]:
    """A fresh pace-sync-server on a SQLite file, or on a fresh PostgreSQL database."""
    if kind == "postgresql":
        with (
            fresh_postgres_database() as url,
            start_server(folder, database_url=url, workers=workers) as server,
        ):
            yield server
    else:
        with start_server(folder, workers=workers) as server:
            yield server


def people_records(count: int, seed: int = 5) -> list[dict[str, Any]]:
    """The peer's records: the same person fields as ours, with an id."""
    rng = random.Random(seed)
    return [{"id": str(uuid.uuid4()), **person_fields(rng, i)} for i in range(count)]


# --- S1 push, S2 cold pull, SQLCipher overhead (ours) ---------------------------------------


def ours_push_pull(kind: str, people: int, runs: int) -> dict[str, Timing]:
    """Each run: a fresh server; client A queues ``people`` (untimed) and syncs them (S1);
    client B (encrypted) and client C (plain SQLite, same code) each cold-pull them (S2 and
    the SQLCipher overhead comparison)."""
    out = {
        "push": Timing(people),
        "push_sync": Timing(people),
        "pull": Timing(people),
        "pull_plain": Timing(people),
        "save": Timing(min(people, 500)),
        "save_plain": Timing(min(people, 500)),
    }
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            with our_server(folder, kind) as server:
                a = enrol(server.url, "demo.adviser", folder / "a")
                b = enrol(server.url, "dwp.adviser", folder / "b")
                c = enrol(server.url, "dwp.adviser", folder / "c", encrypted=False)
                queue_people(a, people)
                push_s, sync_s, report = timed_sync(a)
                out["push"].runs.append(push_s)
                out["push_sync"].runs.append(sync_s)
                assert report.applied == people, report
                for session, key in ((b, "pull"), (c, "pull_plain")):
                    started = time.perf_counter()
                    report = session.sync()
                    out[key].runs.append(time.perf_counter() - started)
                    assert report.pulled >= people, report
                # Local registration workload (record + outbox + search index per save).
                for session, key in ((b, "save"), (c, "save_plain")):
                    started = time.perf_counter()
                    queue_people(session, out[key].records, seed=99)
                    out[key].runs.append(time.perf_counter() - started)
                for session in (a, b, c):
                    session.lock()
    return out


def peer_push_pull(postgres_url: str | None, people: int, runs: int) -> dict[str, Timing]:
    out = {"push": Timing(people), "pull": Timing(people)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        schema = store_schema_sql(folder / "schema")
        for run in range(runs):
            with start_kinto(folder, postgres_url=postgres_url) as kinto:
                a = KintoClient(kinto.url, "alice")
                a.setup_collection()
                a.share_with()
                batch = a.max_batch()
                out["push"].note = f"batch {batch}"
                records = people_records(people, seed=run)
                started = time.perf_counter()
                a.push(records, batch)
                out["push"].runs.append(time.perf_counter() - started)
                b = KintoClient(kinto.url, "bob")
                loader = PlainSqliteLoader(folder / f"peer-{run}.db", schema)
                started = time.perf_counter()
                items = b.pull()
                loader.apply(items)
                out["pull"].runs.append(time.perf_counter() - started)
                loader.close()
                assert len(items) == people, len(items)
    return out


# --- S3 100 changes end to end, S4 nothing to do, on 100,000 people --------------------------


def ours_large(kind: str, people: int, changes: int, runs: int) -> dict[str, Timing]:
    """A and B hold ``people`` people; A edits ``changes`` of them (untimed), then A syncs and
    B syncs (S3, timed end to end); then B syncs with nothing to do (S4)."""
    out = {
        "s3": Timing(changes),
        "s4": Timing(people),
        "setup_push": Timing(people),
        "setup_pull": Timing(people),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with our_server(folder, kind) as server:
            loader = server.client("demo.adviser")
            clock = HybridClock(loader.device_id)
            started = time.perf_counter()
            push_raw_people(loader, people, clock)
            out["setup_push"].runs.append(time.perf_counter() - started)
            a = enrol(server.url, "demo.adviser", folder / "a")
            started = time.perf_counter()
            b = enrol(server.url, "dwp.adviser", folder / "b")
            out["setup_pull"].runs.append(time.perf_counter() - started)
            ids = [row.id for row in a.repo.search_people("", limit=changes * runs)]
            for run in range(runs):
                edit_people(a, ids[run * changes : (run + 1) * changes], f"run {run}")
                started = time.perf_counter()
                pushed = a.sync()
                pulled = b.sync()
                out["s3"].runs.append(time.perf_counter() - started)
                assert pushed.applied == changes, pushed
                assert pulled.pulled == changes, pulled
                started = time.perf_counter()
                idle = b.sync()
                out["s4"].runs.append(time.perf_counter() - started)
                assert idle.pulled == 0, idle
            a.lock()
            b.lock()
    return out


def push_raw_people(client: Any, people: int, clock: HybridClock, seed: int = 3) -> None:
    from benchmarks.common import people_changes

    for start in range(0, people, 5000):
        changes = people_changes(min(5000, people - start), clock, seed=seed + start)
        for part in range(0, len(changes), 1000):
            results = client.push(changes[part : part + 1000])["results"]
            assert all(r["status"] == "applied" for r in results), results[:2]


def peer_large(postgres_url: str | None, people: int, changes: int, runs: int) -> dict[str, Timing]:
    out = {"s3": Timing(changes), "s4": Timing(people), "setup_push": Timing(people)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        schema = store_schema_sql(folder / "schema")
        with start_kinto(folder, postgres_url=postgres_url) as kinto:
            a = KintoClient(kinto.url, "alice")
            a.setup_collection()
            a.share_with()
            batch = a.max_batch()
            records = people_records(people)
            started = time.perf_counter()
            if kinto.backend == "postgresql":
                kinto.bulk_load(records)  # through HTTP this takes ~100/s here (see S1)
                out["setup_push"].note = "bulk SQL load"
            else:
                a.push(records, batch)
            out["setup_push"].runs.append(time.perf_counter() - started)
            b = KintoClient(kinto.url, "bob")
            store_b = PlainSqliteLoader(folder / "b.db", schema)
            store_b.apply(b.pull())
            for run in range(runs):
                edited = [
                    {**r, "phone": f"07700 {900000 + n:06d}", "occupation": f"edit {run}"}
                    for n, r in enumerate(records[run * changes : (run + 1) * changes])
                ]
                started = time.perf_counter()
                a.push(edited, batch)
                got = b.pull()
                store_b.apply(got)
                out["s3"].runs.append(time.perf_counter() - started)
                assert len(got) == changes, len(got)
                started = time.perf_counter()
                got = b.pull()
                store_b.apply(got)
                out["s4"].runs.append(time.perf_counter() - started)
                assert not got, len(got)
            store_b.close()
    return out


# --- raw storage-engine reference --------------------------------------------------------------


def raw_inserts(rows: int, encrypted: bool, batch: int = 1000) -> float:
    """Seconds to insert ``rows`` 1 KB rows in batches of ``batch`` (one transaction each)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "raw.db")
        conn = (sqlcipher3 if encrypted else sqlite3).connect(path, isolation_level=None)
        if encrypted:
            conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        body = "x" * 1000
        data = [(str(uuid.uuid4()), body) for _ in range(rows)]
        started = time.perf_counter()
        for start in range(0, rows, batch):
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO t VALUES (?, ?)", data[start : start + batch])
            conn.execute("COMMIT")
        seconds = time.perf_counter() - started
        conn.close()
    return seconds
