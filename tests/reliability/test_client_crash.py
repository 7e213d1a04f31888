"""Fault 1: the client process is SIGKILLed during a local edit's commit, after a push was sent
but before its answer was recorded, and while a pull page is applied. It restarts and syncs."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.reliability.helpers import (
    assert_converged,
    assert_outbox_or_acknowledged,
    device_outbox,
    device_records,
    enrol,
    push_people,
    run_driver,
    server_records,
    unlock,
)
from tests.support.live_server import LiveServer

KILLED = -signal.SIGKILL


def _printed_ids(stdout: str) -> list[str]:
    return [line for line in stdout.split() if len(line) == 36]


def test_kill_during_local_commit_keeps_committed_edits_only(
    module_server: LiveServer, tmp_path: Path
) -> None:
    enrol(module_server, tmp_path / "sds", "demo.adviser").lock()
    dwp = enrol(module_server, tmp_path / "dwp", "dwp.adviser")
    done = run_driver(
        tmp_path / "sds", "create", "6", "SaveCrash", '["DWP"]', crash_at="save.before_commit@3"
    )
    assert done.returncode == KILLED, done.stderr
    committed = _printed_ids(done.stdout)
    assert len(committed) == 3  # the fourth save died before its commit

    sds = unlock(tmp_path / "sds")
    local = {rid for rid, s in device_records(sds).items() if s.type == "client"}
    assert set(committed) <= local
    names = sorted(device_records(sds)[rid].fields["first_name"] for rid in local)
    assert names == ["SaveCrash0", "SaveCrash1", "SaveCrash2"]  # no half-written fourth
    queued = [row["record_id"] for row in device_outbox(sds, "client")]
    assert sorted(queued) == sorted(committed)  # every committed edit is queued, once
    # ... each with its consent history entry, written in the same transaction.
    assert len(device_outbox(sds, "consent_change")) == len(committed)
    assert_outbox_or_acknowledged(sds, server_records(module_server, "demo.adviser"), committed)
    sds.lock()

    again = run_driver(tmp_path / "sds", "sync")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["pushed"] == 6  # three people and their consent entries
    sds = unlock(tmp_path / "sds")
    dwp.sync()
    assert_converged(
        module_server,
        {"demo.adviser": sds, "dwp.adviser": dwp},
        {rid: {"last_name": "Driver"} for rid in committed},
    )
    sds.lock()
    dwp.lock()


def test_kill_after_push_sent_before_answer_recorded(
    module_server: LiveServer, tmp_path: Path
) -> None:
    enrol(module_server, tmp_path / "sds", "demo.adviser").lock()
    made = run_driver(tmp_path / "sds", "create", "5", "PushCrash")
    assert made.returncode == 0, made.stderr
    committed = _printed_ids(made.stdout)
    died = run_driver(tmp_path / "sds", "sync", crash_at="push.after_send")
    assert died.returncode == KILLED, died.stderr

    server_view = server_records(module_server, "demo.adviser")
    assert set(committed) <= set(server_view)  # the server applied and acknowledged them
    sds = unlock(tmp_path / "sds")
    # The device never recorded the answer: the changes are still queued (never dropped).
    assert sorted(r["record_id"] for r in device_outbox(sds, "client")) == sorted(committed)
    queued = len(device_outbox(sds))  # the people and their consent history entries
    report = sds.sync()
    # Answered duplicate, not applied twice.
    assert (report.applied, report.duplicates) == (0, queued)
    assert_converged(
        module_server, {"demo.adviser": sds}, {rid: {"last_name": "Driver"} for rid in committed}
    )
    with sds.repo.reading() as conn:
        versions = [
            json.loads(v)["first_name"]
            for (v,) in conn.execute(text("SELECT versions FROM records WHERE type = 'client'"))
        ]
    assert len(versions) == len(set(versions))
    sds.lock()


@pytest.mark.parametrize("pages_before_kill", [0, 1])
def test_kill_during_pull_page_apply(
    module_server: LiveServer, tmp_path: Path, pages_before_kill: int
) -> None:
    first_run = enrol(module_server, tmp_path / "sds", "demo.adviser")
    enrolled_cursor = first_run.sync_store.state().cursor
    first_run.lock()
    other = module_server.client("demo.adviser")
    pushed = push_people(other, f"Pull{pages_before_kill}x", 1300, [])
    died = run_driver(tmp_path / "sds", "sync", crash_at=f"pull.before_commit@{pages_before_kill}")
    assert died.returncode == KILLED, died.stderr

    sds = unlock(tmp_path / "sds")
    have = {rid for rid in device_records(sds) if rid in pushed}
    cursor = sds.sync_store.state().cursor
    # A page and its cursor commit together: exactly the first page (1,000 items), or nothing.
    if pages_before_kill == 0:
        assert (have, cursor) == (set(), enrolled_cursor)
    else:
        first = module_server.client("demo.adviser").pull_page(enrolled_cursor, 1000).json()
        assert have == {i["record_id"] for i in first["items"]} & set(pushed)
        assert cursor == first["next_cursor"]
    sds.lock()
    again = run_driver(tmp_path / "sds", "sync")
    assert again.returncode == 0, again.stderr
    sds = unlock(tmp_path / "sds")
    views = assert_converged(module_server, {"demo.adviser": sds})
    assert set(pushed) <= set(views["SDS"])
    sds.lock()
