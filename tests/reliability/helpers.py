"""Shared helpers of the reliability suite: devices, server views and the pass rule.

The pass rule (issue 4): every change the server acknowledged is present in the final state of
the server and of every device that may see it; every change a device committed locally is
either acknowledged or still in its outbox; nothing is present twice; all replicas agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop_app.security.keywrap import KdfParams
from desktop_app.session import Profile, Session
from desktop_app.storage.codec import loads
from tests.support.live_server import DEMO_PASSWORD, ApiClient, LiveServer

ROOT = Path(__file__).resolve().parents[2]
#: Cheap Argon2id for tests only (production stays >= 64 MiB / 3 passes).
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)
PARTNER_OF = {
    "demo.adviser": "SDS",
    "demo.lead": "SDS",
    "demo.admin": "SDS",
    "dwp.adviser": "DWP",
    "fife.adviser": "FIFE_COUNCIL",
}
LEAD_OF = {"SDS": "demo.lead"}


def enrol(server: LiveServer | str, folder: Path, username: str, **kwargs: Any) -> Session:
    url = server if isinstance(server, str) else server.url
    return Session.enrol(
        Profile(folder),
        url,
        username,
        DEMO_PASSWORD,
        f"{username} laptop",
        kdf_params=FAST_KDF,
        **kwargs,
    )


def unlock(folder: Path, **kwargs: Any) -> Session:
    return Session.unlock(Profile(folder), DEMO_PASSWORD, **kwargs)


@dataclass(frozen=True)
class RecordState:
    type: str
    owner: str
    fields: dict[str, Any]
    versions: dict[str, str]
    deleted: bool


def device_records(session: Session) -> dict[str, RecordState]:
    with session.repo.reading() as conn:
        rows = conn.execute(
            text("SELECT id, type, owner_partner, fields, versions, deleted FROM records")
        ).all()
    return {r[0]: RecordState(r[1], r[2], loads(r[3]), loads(r[4]), bool(r[5])) for r in rows}


def device_outbox(session: Session, record_type: str | None = None) -> list[dict[str, Any]]:
    """The device's queued changes, oldest first; of one record type when given (a person's
    consent now rides with its own ``consent_change`` entry in the same write)."""
    with session.repo.reading() as conn:
        rows = conn.execute(
            text(
                "SELECT change_id, record_id, op, hlc, fields, state, reason FROM outbox "
                "WHERE :type IS NULL OR record_type = :type ORDER BY seq"
            ),
            {"type": record_type},
        ).all()
    return [
        {
            "change_id": r[0],
            "record_id": r[1],
            "op": r[2],
            "hlc": r[3],
            "fields": loads(r[4]),
            "state": r[5],
            "reason": r[6],
        }
        for r in rows
    ]


def server_records(server: LiveServer | str, username: str) -> dict[str, RecordState]:
    """What a fresh device of ``username``'s partner pulls from the start (revocations skipped)."""
    url = server if isinstance(server, str) else server.url
    api = ApiClient(url, username)
    response = api.login()
    assert response.status_code == 200, response.text
    items, _cursor = api.pull_all(limit=1000)
    found: dict[str, RecordState] = {}
    for item in items:
        if item.get("revoked"):
            found.pop(item["record_id"], None)
            continue
        found[item["record_id"]] = RecordState(
            item["record_type"],
            item["owner_partner"],
            item["fields"],
            item["versions"],
            bool(item["deleted"]),
        )
    return found


def assert_outbox_or_acknowledged(
    session: Session, server_view: Mapping[str, RecordState], committed: Iterable[str]
) -> None:
    """Second half of the pass rule: each committed record is on the server or still queued."""
    queued = {row["record_id"] for row in device_outbox(session) if row["state"] == "pending"}
    missing = [rid for rid in committed if rid not in server_view and rid not in queued]
    assert not missing, f"committed locally but neither acknowledged nor queued: {missing}"


def assert_converged(
    server: LiveServer | str,
    devices: Mapping[str, Session],
    expected: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, dict[str, RecordState]]:
    """After everyone synced: outboxes empty, each device equals its partner's server view,
    every expected record (id -> fields) is there with those values, no name twice."""
    views: dict[str, dict[str, RecordState]] = {}
    for name, session in devices.items():
        username = session.user.username
        outbox = device_outbox(session)
        assert not outbox, f"{name} still has queued changes: {outbox}"
        partner = session.user.partner
        if partner not in views:
            views[partner] = server_records(server, username)
        server_view = views[partner]
        local = device_records(session)
        assert set(local) == set(server_view), (
            f"{name}: only on device {sorted(set(local) - set(server_view))}, "
            f"only on server {sorted(set(server_view) - set(local))}"
        )
        for rid, state in server_view.items():
            mine = local[rid]
            assert (mine.fields, mine.versions, mine.deleted) == (
                state.fields,
                state.versions,
                state.deleted,
            ), f"{name}: record {rid} differs: device {mine} server {state}"
    for view in views.values():
        names = Counter(
            (s.fields.get("first_name"), s.fields.get("last_name"))
            for s in view.values()
            if s.type == "client" and not s.deleted
        )
        twice = [name for name, count in names.items() if count > 1]
        assert not twice, f"present twice: {twice}"
    for rid, fields in (expected or {}).items():
        holders = [p for p, view in views.items() if rid in view]
        assert holders, f"acknowledged record {rid} is on no replica"
        for partner in holders:
            got = views[partner][rid].fields
            for name, value in fields.items():
                assert got.get(name) == value, f"{partner}: {rid}.{name} = {got.get(name)!r}"
    return views


def run_driver(
    folder: Path, *args: str, crash_at: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run tests/reliability/driver.py as a real client process."""
    env = {k: v for k, v in os.environ.items() if k != "PACE_TEST_CRASH_AT"}
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if crash_at:
        env["DRIVER_CRASH_AT"] = crash_at
    return subprocess.run(
        [sys.executable, str(ROOT / "tests" / "reliability" / "driver.py"), str(folder), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


def new_id() -> str:
    from desktop_app.storage.codec import uuid7

    return uuid7()


def hlc_now(node: str, counter: int = 0, offset_ms: int = 0) -> str:
    import time

    return f"{time.time_ns() // 1_000_000 + offset_ms:013d}-{counter:04x}-{node}"


def client_change(
    record_id: str,
    fields: Mapping[str, Any],
    node: str,
    *,
    counter: int = 0,
    base: Mapping[str, str | None] | None = None,
    change_id: str | None = None,
    hlc: str | None = None,
) -> dict[str, Any]:
    """A wire change creating or editing a client record (what another device would push)."""
    return {
        "change_id": change_id or new_id(),
        "record_id": record_id,
        "record_type": "client",
        "op": "upsert",
        "hlc": hlc or hlc_now(node, counter),
        "fields": dict(fields),
        "base": dict(base) if base is not None else dict.fromkeys(fields),
    }


def push_people(api: ApiClient, prefix: str, count: int, share: list[str]) -> dict[str, str]:
    """Register ``count`` people through the API in pushes of 500; returns id -> first name."""
    made: dict[str, str] = {}
    changes = []
    for i in range(count):
        rid = new_id()
        made[rid] = f"{prefix}{i}"
        changes.append(
            client_change(
                rid,
                {"first_name": f"{prefix}{i}", "last_name": "Bulk", "share_with": share},
                api.device_id,
                counter=i % 0xFFFF,
            )
        )
    for start in range(0, len(changes), 500):
        answer = api.push(changes[start : start + 500])
        assert {r["status"] for r in answer["results"]} == {"applied"}, answer["results"][:3]
    return made


def sync_with_retries(session: Session, attempts: int = 12) -> tuple[Any, list[str]]:
    """Sync the way the app does after failures: retry with (shortened) exponential backoff."""
    import time

    from desktop_app.session import Offline, ServerError
    from desktop_app.sync.backoff import Backoff

    backoff = Backoff(base_s=0.05, cap_s=0.4, minimum_s=0.01)
    failures: list[str] = []
    for _ in range(attempts):
        try:
            report = session.sync()
        except (Offline, ServerError) as exc:
            failures.append(type(exc).__name__)
            time.sleep(backoff.failed())
            continue
        backoff.succeeded()
        return report, failures
    raise AssertionError(f"sync never succeeded in {attempts} attempts: {failures}")
