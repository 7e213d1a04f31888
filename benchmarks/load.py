"""Server under load: N simulated devices syncing concurrently (asyncio + httpx, loopback only).

    python -m benchmarks.load [--devices 100] [--rounds 5] [--changes 5]

Each device logs in (untimed), pulls to the end once, then does ``rounds`` sync rounds: push
``changes`` new people (one request), then pull from its cursor until has_more is false (what
the other devices pushed). Every device has one request in flight at most, so at most N
requests are outstanding. Reports errors, p50/p99 latency per request, requests/s and
records/s (pushed + pulled), for SQLite (1 process) and PostgreSQL with 1 and 4 processes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import person_fields, print_table
from benchmarks.scenarios import our_server
from benchmarks.sign_in import sign_in_device
from pace_shared.hlc import HybridClock
from tests.support.databases import POSTGRES_ENV

LOGIN_CONCURRENCY = 1
USERS = ["demo.adviser", "demo.lead", "demo.admin", "dwp.adviser", "fife.adviser"]


@dataclass
class LoadResult:
    label: str
    devices: int
    requests: int = 0
    errors: int = 0
    login_errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    records: int = 0
    seconds: float = 0.0
    client_cpu_s: float = 0.0  # CPU the load generator itself used (it shares the 2 cores)
    latencies: list[float] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    def count_login_error(self) -> None:
        self.login_errors += 1

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def p99_ms(self) -> float:
        return self.percentile(0.99)


@dataclass
class _SimDevice:
    """One simulated laptop: pulls everything, then pushes a few new people and pulls again."""

    http: httpx.AsyncClient
    device: str
    token: str
    result: LoadResult
    seed: int
    cursor: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def pull_all(self, timed: bool) -> None:
        while True:
            params: dict[str, Any] = {"limit": 1000}
            if self.cursor:
                params["cursor"] = self.cursor
            began = time.perf_counter()
            try:
                response = await self.http.get(
                    "/api/v1/sync/pull", params=params, headers=self.headers
                )
            except httpx.HTTPError as exc:
                self.result.error(f"pull {type(exc).__name__}")
                return
            if timed:
                self.result.latencies.append(time.perf_counter() - began)
                self.result.requests += 1
            if response.status_code != 200:
                self.result.error(f"pull {response.status_code} {response.text[:80]}")
                return
            body = response.json()
            if timed:
                self.result.records += len(body["items"])
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return

    async def push(self, batch: list[dict[str, Any]]) -> None:
        began = time.perf_counter()
        problem = ""
        try:
            response = await self.http.post(
                "/api/v1/sync/push", json={"changes": batch}, headers=self.headers
            )
            if response.status_code != 200:
                problem = f"push {response.status_code} {response.text[:80]}"
            elif not all(r["status"] == "applied" for r in response.json()["results"]):
                problem = "push not applied"
        except httpx.HTTPError as exc:
            problem = f"push {type(exc).__name__}"
        self.result.latencies.append(time.perf_counter() - began)
        self.result.requests += 1
        if problem:
            self.result.error(problem)
        else:
            self.result.records += len(batch)


async def _device(sim: _SimDevice, rounds: int, changes: int, start: asyncio.Event) -> None:
    clock = HybridClock(sim.device)
    rng = random.Random(sim.seed)
    await sim.pull_all(timed=False)
    await start.wait()
    for n in range(rounds):
        batch = [
            {
                "change_id": str(uuid.uuid4()),
                "record_id": str(uuid.uuid4()),
                "record_type": "client",
                "op": "upsert",
                "hlc": clock.tick(),
                "fields": person_fields(rng, sim.seed * 1000 + n * changes + i),
                "base": {},
            }
            for i in range(changes)
        ]
        await sim.push(batch)
        await sim.pull_all(timed=True)


async def _run(url: str, label: str, devices: int, rounds: int, changes: int) -> LoadResult:
    result = LoadResult(label, devices)
    limits = httpx.Limits(max_connections=devices, max_keepalive_connections=devices)
    timeout = httpx.Timeout(120.0)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:
        gate = asyncio.Semaphore(LOGIN_CONCURRENCY)  # untimed; Argon2id per login

        async def login(i: int) -> tuple[str, str]:
            async with gate:
                return await sign_in_device(
                    http,
                    USERS[i % len(USERS)],
                    "load device",
                    attempts=10,
                    wait_s=0.05,
                    on_failure=result.count_login_error,
                )

        creds = await asyncio.gather(*(login(i) for i in range(devices)))
        start = asyncio.Event()
        tasks = [
            asyncio.create_task(
                _device(_SimDevice(http, d, t, result, i + 1), rounds, changes, start)
            )
            for i, (d, t) in enumerate(creds)
        ]
        await asyncio.sleep(0.5)  # every device has done its first pull
        began = time.perf_counter()
        cpu = time.process_time()
        start.set()
        await asyncio.gather(*tasks)
        result.seconds = time.perf_counter() - began
        result.client_cpu_s = time.process_time() - cpu
    return result


def run_load(kind: str, workers: int, devices: int, rounds: int, changes: int) -> LoadResult:
    label = f"{kind}, {workers} process{'es' if workers > 1 else ''}"
    with tempfile.TemporaryDirectory() as tmp, our_server(Path(tmp), kind, workers) as server:
        return asyncio.run(_run(server.url, label, devices, rounds, changes))


def configurations() -> list[tuple[str, int]]:
    configs = [("sqlite", 1)]
    if os.environ.get(POSTGRES_ENV):
        configs += [("postgresql", 1), ("postgresql", 4)]
    return configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--changes", type=int, default=5)
    args = parser.parse_args()
    rows = []
    for kind, workers in configurations():
        r = run_load(kind, workers, args.devices, args.rounds, args.changes)
        rows.append(
            [
                r.label,
                str(r.devices),
                str(r.requests),
                f"{r.errors} (+{r.login_errors} login) {r.error_kinds or ''}",
                f"{r.p50_ms:.0f}",
                f"{r.p99_ms:.0f}",
                f"{r.requests / r.seconds:,.0f}",
                f"{r.records / r.seconds:,.0f}",
            ]
        )
    print_table(
        "Server under load",
        ["server", "devices", "requests", "errors", "p50 ms", "p99 ms", "req/s", "records/s"],
        rows,
    )


if __name__ == "__main__":
    main()
