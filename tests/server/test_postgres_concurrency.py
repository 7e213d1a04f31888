"""Two server processes on one PostgreSQL database: concurrent pushers, and a puller that
follows the cursor throughout (contract: Pull, "No change is ever skipped").

Every push is acknowledged per change; the puller, alternating between the two processes,
must end with every acknowledged change, skip none, and never see a record go back to an
older state. Each round of the pull loop also checks the contract's exact promise: a loop
that follows ``next_cursor`` until ``has_more`` is false sees every change acknowledged
before the loop began.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.server.helpers import Device, change, new_id
from tests.support.databases import fresh_postgres_database, require_postgres
from tests.support.live_server import LiveServer, run_cli, spawn_server

pytestmark = pytest.mark.postgres

PUSHERS = 4
PUSHES_EACH = 20
CHANGES_PER_PUSH = 25
RECORDS_EACH = 60  # each pusher's own records: created once, then edited again and again

Versions = dict[str, str]


class Ledger:
    """What the server acknowledged: per record, per field, the newest acknowledged HLC."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._acked: dict[str, Versions] = {}
        self.applied = 0

    def acknowledge(self, changes: list[dict[str, Any]]) -> None:
        with self._lock:
            for c in changes:
                versions = self._acked.setdefault(c["record_id"], {})
                for name in c["fields"]:
                    versions[name] = max(versions.get(name, ""), c["hlc"])
                self.applied += 1

    def snapshot(self) -> dict[str, Versions]:
        with self._lock:
            return {rid: dict(v) for rid, v in self._acked.items()}


def pusher(
    device: Device,
    servers: list[LiveServer],
    ledger: Ledger,
    errors: list[str],
    seed: int,
) -> None:
    rng = random.Random(seed)
    records = [(new_id(), rng.choice(["employer", "client"])) for _ in range(RECORDS_EACH)]
    written: dict[str, Versions] = {}
    for push_no in range(PUSHES_EACH):
        batch = []
        for j in range(CHANGES_PER_PUSH):
            record_id, record_type = records[(push_no * CHANGES_PER_PUSH + j) % RECORDS_EACH]
            mine = written.get(record_id)
            stamp = device.tick()
            if mine is None:
                fields: dict[str, Any] = (
                    {"name": f"Employer {stamp}", "local_authority": "Fife"}
                    if record_type == "employer"
                    else {"first_name": "Pat", "last_name": f"L{push_no}", "occupation": "x"}
                )
            else:
                names = (
                    ["name", "local_authority"]
                    if record_type == "employer"
                    else [
                        "last_name",
                        "occupation",
                    ]
                )
                fields = {name: f"{name} {stamp}" for name in rng.sample(names, rng.randint(1, 2))}
            base = {name: (mine or {}).get(name) for name in fields}
            batch.append(change(record_type, record_id, fields, hlc=stamp, base=base))
            written.setdefault(record_id, {}).update(dict.fromkeys(fields, stamp))
        target = servers[push_no % 2]
        try:
            response = device.api.http.post(
                f"{target.url}/api/v1/sync/push",
                json={"changes": batch},
                headers=device.api.headers,
                timeout=30,
            )
        except requests.RequestException as exc:
            errors.append(f"push failed: {type(exc).__name__}: {exc}")
            return
        if response.status_code != 200:
            errors.append(f"push answered {response.status_code}: {response.text[:300]}")
            return
        results = response.json()["results"]
        statuses = {r["status"] for r in results}
        if statuses != {"applied"}:
            errors.append(f"push results not all applied: {results[:3]}")
            return
        ledger.acknowledge(batch)


class Puller:
    def __init__(self, device: Device, servers: list[LiveServer]) -> None:
        self.device = device
        self.servers = servers
        self.cursor: str | None = None
        self.seen: dict[str, Versions] = {}
        self.errors: list[str] = []
        self.requests = 0
        self.rounds = 0
        self.rng = random.Random(7)

    def page(self) -> bool:
        """Pull one page from the next server; returns has_more."""
        server = self.servers[self.requests % 2]
        self.requests += 1
        params: dict[str, Any] = {"limit": self.rng.choice([1, 7, 50, 200, 1000])}
        if self.cursor:
            params["cursor"] = self.cursor
        response = self.device.api.http.get(
            f"{server.url}/api/v1/sync/pull",
            params=params,
            headers=self.device.api.headers,
            timeout=30,
        )
        if response.status_code != 200:
            raise AssertionError(f"pull answered {response.status_code}: {response.text[:300]}")
        body = response.json()
        ids = [item["record_id"] for item in body["items"]]
        if len(ids) != len(set(ids)):
            self.errors.append(f"a page holds one record twice: {ids}")
        for item in body["items"]:
            self.apply(item)
        self.cursor = body["next_cursor"]
        return bool(body["has_more"])

    def apply(self, item: dict[str, Any]) -> None:
        record_id = item["record_id"]
        if item.get("revoked") or item.get("deleted"):
            self.errors.append(f"{record_id} unexpectedly revoked or deleted: {item}")
            return
        new = item["versions"]
        old = self.seen.get(record_id, {})
        for name, stamp in old.items():
            if name not in new or new[name] < stamp:
                self.errors.append(f"{record_id}.{name} went back from {stamp} to {new.get(name)}")
        self.seen[record_id] = dict(new)

    def round(self, ledger: Ledger) -> None:
        """Follow the cursor to has_more = false; everything acknowledged before must show."""
        before = ledger.snapshot()
        while self.page():
            pass
        self.rounds += 1
        self.check(before, "during the run")

    def check(self, acked: dict[str, Versions], when: str) -> None:
        for record_id, versions in acked.items():
            seen = self.seen.get(record_id)
            if seen is None:
                self.errors.append(f"{when}: acknowledged record {record_id} never pulled")
                continue
            for name, stamp in versions.items():
                if seen.get(name, "") < stamp:
                    self.errors.append(
                        f"{when}: {record_id}.{name} acknowledged at {stamp}, "
                        f"pulled only {seen.get(name)}"
                    )


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[LiveServer]]:
    """Two server processes sharing one fresh PostgreSQL database."""
    require_postgres()
    folder = tmp_path_factory.mktemp("two-servers")
    with fresh_postgres_database() as url:
        run_cli("init", database_url=url)
        run_cli("seed-demo", database_url=url)
        servers = [spawn_server(url, folder / f"server-{n}.log") for n in range(2)]
        try:
            yield servers
        finally:
            for live in servers:
                live.kill(signal.SIGTERM)
        for n, live in enumerate(servers):
            log = live.log_text()
            assert '"level":"error"' not in log, f"server {n} logged an error:\n{log[-2000:]}"


def test_two_processes_concurrent_pushers_and_a_following_puller(
    two_servers: list[LiveServer],
) -> None:
    _run(two_servers)


def _send_to_both_at_once(
    device: Device, servers: list[LiveServer], batch: list[dict[str, Any]]
) -> list[requests.Response | BaseException | None]:
    answers: list[requests.Response | BaseException | None] = [None, None]
    gate = threading.Barrier(2)

    def send(slot: int) -> None:
        gate.wait()
        try:
            answers[slot] = requests.post(  # one connection each: no shared session
                f"{servers[slot].url}/api/v1/sync/push",
                json={"changes": batch},
                headers=device.api.headers,
                timeout=30,
            )
        except BaseException as exc:  # reported by the caller
            answers[slot] = exc

    threads = [threading.Thread(target=send, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_one_batch_sent_to_both_processes_at_once_is_applied_once(
    two_servers: list[LiveServer],
) -> None:
    """A retry racing the original on another process: one applies, the other is a duplicate."""
    device = Device(two_servers[0].client("demo.adviser"))
    for _ in range(8):
        batch = [device.upsert("employer", new_id(), {"name": f"Race {n}"}) for n in range(20)]
        statuses = []
        for answer in _send_to_both_at_once(device, two_servers, batch):
            assert isinstance(answer, requests.Response), answer
            assert answer.status_code == 200, answer.text[:300]
            statuses.append([r["status"] for r in answer.json()["results"]])
        for n in range(len(batch)):
            assert sorted(s[n] for s in statuses) == ["applied", "duplicate"], statuses


def _run(servers: list[LiveServer]) -> None:
    users = ["demo.adviser", "demo.lead", "demo.admin", "demo.adviser"]
    pushers = [Device(servers[n % 2].client(users[n % len(users)])) for n in range(PUSHERS)]
    puller = Puller(Device(servers[1].client("demo.lead")), servers)
    ledger = Ledger()
    push_errors: list[str] = []
    threads = [
        threading.Thread(target=pusher, args=(device, servers, ledger, push_errors, n), daemon=True)
        for n, device in enumerate(pushers)
    ]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        # No deadline here (no timing assertions): a livelock ends in pytest-timeout's report.
        puller.round(ledger)
        time.sleep(0.01)
    for thread in threads:
        thread.join(timeout=5)
    assert not push_errors, push_errors[:5]
    assert ledger.applied == PUSHERS * PUSHES_EACH * CHANGES_PER_PUSH

    # After the pushers finish: pull to the end, through both processes.
    puller.round(ledger)
    final = ledger.snapshot()
    assert len(final) == PUSHERS * RECORDS_EACH
    puller.check(final, "at the end")
    assert not puller.errors, puller.errors[:10]
    assert puller.rounds >= 2
    # The final state is exactly the acknowledged one, field by field.
    for record_id, versions in final.items():
        assert puller.seen[record_id] == versions, record_id
    # A fresh pull from the start agrees with the follower.
    items, _ = Device(servers[0].client("demo.lead")).api.pull_all(limit=1000)
    fresh = {i["record_id"]: i["versions"] for i in items if i["record_id"] in final}
    assert fresh == {rid: puller.seen[rid] for rid in final}
