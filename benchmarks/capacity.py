"""Capacity: many devices, each syncing once a minute, against one server host (loopback only).

    PACE_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python -m benchmarks.capacity [--devices 1000] [--minutes 4] [--workers 4] \\
        [--push-fraction 0.2] [--changes 3]

Unlike benchmarks.load (every device as fast as it can), this is the steady state of a real
deployment: each device signs in once (untimed, as a laptop keeps its 12-hour token), then
every ``interval`` seconds, at its own offset within the minute, pulls from its cursor to the
end; a ``push_fraction`` of those rounds first push ``changes`` edits (new people, or updates
of a person the device made). The server is ``pace-sync-server serve --workers N`` on a fresh
PostgreSQL database. Reported: latency percentiles per request kind, errors by kind, requests
per second, and CPU seconds used by the server processes, by PostgreSQL (every backend on
this machine, so other users' work is included) and by this load generator.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import person_fields
from benchmarks.sign_in import sign_in_device
from pace_shared.hlc import HybridClock
from tests.support.databases import fresh_postgres_database, require_postgres
from tests.support.live_server import start_server

USERS = ["demo.adviser", "demo.lead", "demo.admin", "dwp.adviser", "fife.adviser"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- CPU accounting from /proc (Linux) ------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of one process, with its waited-for children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # After the ")": state is fields[0]; utime, stime, cutime, cstime are fields[11:15].
    return sum(int(v) for v in fields[11:15]) / CLOCK_TICKS


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for child in _children(pid):
        pids += _tree(child)
    return pids


def _postgres_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except (FileNotFoundError, PermissionError):
                continue
    return pids


@dataclass
class CpuProbe:
    """CPU seconds of a set of processes between two readings (processes may come and go)."""

    start: dict[int, float] = field(default_factory=dict)

    @staticmethod
    def read(pids: list[int]) -> dict[int, float]:
        return {pid: _cpu_seconds(pid) for pid in pids}

    def begin(self, pids: list[int]) -> None:
        self.start = self.read(pids)

    def used(self, pids: list[int]) -> float:
        now = self.read(pids)
        return sum(now[p] - self.start.get(p, 0.0) for p in now)


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return float(sum(values) - idle), float(sum(values))


# --- The simulated devices -----------------------------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    records_pulled: int = 0
    changes_pushed: int = 0
    rounds: int = 0
    late_rounds: int = 0  # a round that started more than one interval after the previous

    def timed(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


@dataclass
class Device:
    http: httpx.AsyncClient
    device: str
    token: str
    results: Results
    rng: random.Random
    cursor: str | None = None
    mine: list[str] = field(default_factory=list)  # people this device created

    def __post_init__(self) -> None:
        self.clock = HybridClock(self.device)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def _request(self, kind: str, method: str, path: str, **kw: Any) -> Any:
        began = time.perf_counter()
        try:
            response = await self.http.request(method, path, headers=self.headers, **kw)
        except httpx.HTTPError as exc:
            self.results.error(f"{kind} {type(exc).__name__}")
            return None
        self.results.timed(kind, time.perf_counter() - began)
        if response.status_code != 200:
            self.results.error(f"{kind} {response.status_code} {response.text[:60]}")
            return None
        return response.json()

    async def pull(self, timed: bool = True) -> None:
        while True:
            params: dict[str, Any] = {"limit": 500}
            if self.cursor:
                params["cursor"] = self.cursor
            if timed:
                body = await self._request("pull", "GET", "/api/v1/sync/pull", params=params)
            else:
                response = await self.http.get(
                    "/api/v1/sync/pull", params=params, headers=self.headers
                )
                body = response.json() if response.status_code == 200 else None
            if body is None:
                return
            self.results.records_pulled += len(body["items"]) if timed else 0
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return

    def _changes(self, count: int) -> list[dict[str, Any]]:
        changes = []
        for _ in range(count):
            update = bool(self.mine) and self.rng.random() < 0.5
            record_id = self.rng.choice(self.mine) if update else str(uuid.uuid4())
            fields = (
                {"phone": f"07700 {self.rng.randint(100000, 999999)}"}
                if update
                else person_fields(self.rng, self.rng.randint(0, 999_999))
            )
            if not update:
                self.mine.append(record_id)
            changes.append(
                {
                    "change_id": str(uuid.uuid4()),
                    "record_id": record_id,
                    "record_type": "client",
                    "op": "upsert",
                    "hlc": self.clock.tick(),
                    "fields": fields,
                    "base": {},
                }
            )
        return changes

    async def push(self, count: int) -> None:
        batch = self._changes(count)
        body = await self._request("push", "POST", "/api/v1/sync/push", json={"changes": batch})
        if body is None:
            return
        applied = sum(1 for r in body["results"] if r["status"] == "applied")
        self.results.changes_pushed += applied
        if applied != len(batch):
            self.results.error("push change not applied")


@dataclass(frozen=True)
class Plan:
    devices: int
    seconds: float
    interval: float
    push_fraction: float
    changes: int
    workers: int


async def device_loop(dev: Device, plan: Plan, offset: float, until: float) -> None:
    await asyncio.sleep(offset)
    due = time.monotonic()
    while due < until:
        if time.monotonic() - due > plan.interval:
            dev.results.late_rounds += 1
        if dev.rng.random() < plan.push_fraction:
            await dev.push(plan.changes)
        await dev.pull()
        dev.results.rounds += 1
        due += plan.interval
        # Never idle past the end: the measured time is the time requests were being made.
        await asyncio.sleep(max(0.0, min(due, until) - time.monotonic()))


async def enrol_all(http: httpx.AsyncClient, plan: Plan, results: Results) -> list[Device]:
    gate = asyncio.Semaphore(plan.workers)  # Argon2id per sign-in: one per server process

    async def enrol(i: int) -> Device:
        async with gate:
            device, token = await sign_in_device(http, USERS[i % len(USERS)], "capacity device")
        return Device(http, device, token, results, random.Random(i))

    devices = await asyncio.gather(*(enrol(i) for i in range(plan.devices)))
    for dev in devices:  # catch up once (untimed), as a device does after enrolling
        await dev.pull(timed=False)
    return list(devices)


async def run(url: str, plan: Plan, server_pid: int) -> dict[str, Any]:
    results = Results()
    limits = httpx.Limits(max_connections=plan.devices, max_keepalive_connections=plan.devices)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120.0) as http:
        began_enrol = time.perf_counter()
        devices = await enrol_all(http, plan, results)
        enrol_seconds = time.perf_counter() - began_enrol
        server_pids = _tree(server_pid)
        server_cpu, pg_cpu = CpuProbe(), CpuProbe()
        server_cpu.begin(server_pids)
        pg_cpu.begin(_postgres_pids())
        busy0, total0 = _machine_busy()
        own0 = time.process_time()
        began = time.monotonic()
        until = began + plan.seconds
        await asyncio.gather(
            *(
                device_loop(dev, plan, i * plan.interval / plan.devices, until)
                for i, dev in enumerate(devices)
            )
        )
        wall = time.monotonic() - began
        busy1, total1 = _machine_busy()
        return {
            "results": results,
            "wall": wall,
            "enrol_seconds": enrol_seconds,
            "server_cpu": server_cpu.used(server_pids),
            "postgres_cpu": pg_cpu.used(_postgres_pids()),
            "client_cpu": time.process_time() - own0,
            "machine_busy": (busy1 - busy0) / (total1 - total0),
        }


def report(plan: Plan, out: dict[str, Any]) -> None:
    r: Results = out["results"]
    wall = out["wall"]
    print(
        f"\n{plan.devices} devices, one sync a device every {plan.interval:.0f} s, "
        f"{plan.push_fraction:.0%} of rounds push {plan.changes} changes; "
        f"{plan.workers} server processes on PostgreSQL; {wall:.0f} s measured "
        f"(sign-in of every device beforehand: {out['enrol_seconds']:.0f} s, untimed)"
    )
    print(f"{'request':<8} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    everything: list[float] = []
    for kind, values in sorted(r.latencies.items()):
        everything += values
        print(
            f"{kind:<8} {len(values):>7} {percentile(values, 0.5):>8.0f} "
            f"{percentile(values, 0.95):>8.0f} {percentile(values, 0.99):>8.0f} "
            f"{max(values) * 1000:>8.0f}"
        )
    print(
        f"{'all':<8} {len(everything):>7} {percentile(everything, 0.5):>8.0f} "
        f"{percentile(everything, 0.95):>8.0f} {percentile(everything, 0.99):>8.0f}"
    )
    print(f"requests/s: {r.requests / wall:.1f}; sync rounds: {r.rounds} ({r.rounds / wall:.1f}/s)")
    print(f"late rounds (started over one interval late): {r.late_rounds}")
    print(f"changes pushed and applied: {r.changes_pushed}; records pulled: {r.records_pulled}")
    print(f"errors: {sum(r.errors.values())} {r.errors or ''}")
    cores = os.cpu_count() or 1
    for name in ("server_cpu", "postgres_cpu", "client_cpu"):
        print(f"{name}: {out[name]:.0f} CPU s = {out[name] / wall:.2f} of {cores} cores")
    print(f"whole machine busy (every user): {out['machine_busy']:.0%} of {cores} cores")
    print(f"load average at the end (1, 5, 15 min): {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between syncs")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--push-fraction", type=float, default=0.2)
    parser.add_argument("--changes", type=int, default=3)
    args = parser.parse_args()
    plan = Plan(
        args.devices,
        args.minutes * 60,
        args.interval,
        args.push_fraction,
        args.changes,
        args.workers,
    )
    require_postgres()
    with (
        tempfile.TemporaryDirectory() as tmp,
        fresh_postgres_database() as url,
        start_server(Path(tmp), database_url=url, workers=plan.workers) as server,
    ):
        out = asyncio.run(run(server.url, plan, server.process.pid))
    report(plan, out)


if __name__ == "__main__":
    main()
