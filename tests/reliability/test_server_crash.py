"""Fault 2: the server process is killed during a push, before and after its transaction commits,
then restarted on the same database (SQLite and PostgreSQL). A push is all or nothing, it is
acknowledged only after its transaction committed, and the client's resend is applied exactly
once.

The kills are deterministic: the server runs with ``PACE_TEST_CRASH_AT`` set to one of its
crash points (``sync_server/crashpoints.py``) and kills itself exactly there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.reliability.helpers import client_change, new_id
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import ApiClient, LiveServer, free_port, run_cli, spawn_server

BATCH = 1000


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'server.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


def _batch(node: str) -> list[dict[str, Any]]:
    return [
        client_change(
            new_id(), {"first_name": f"crash-{i}", "last_name": "ServerCrash"}, node, counter=i
        )
        for i in range(BATCH)
    ]


def _push_into_crash(server: LiveServer, api: ApiClient, batch: list[dict[str, Any]]) -> None:
    """The push kills the server at its crash point: the device never gets an answer."""
    with pytest.raises(requests.ConnectionError):
        api.request("POST", "/api/v1/sync/push", json={"changes": batch})
    server.process.wait(timeout=30)
    assert server.process.returncode != 0, "the server should have died at its crash point"


def _names_on_server(api: ApiClient, ids: set[str]) -> list[str]:
    items, _cursor = api.pull_all(limit=1000)
    return [i["fields"]["first_name"] for i in items if i["record_id"] in ids]


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
@pytest.mark.parametrize(
    ("crash_at", "committed"), [("push.before_commit", False), ("push.after_commit", True)]
)
def test_server_killed_during_push(
    tmp_path: Path, kind: str, crash_at: str, committed: bool
) -> None:
    with database(kind, tmp_path) as url:
        run_cli("init", database_url=url)
        run_cli("seed-demo", database_url=url)
        port = free_port()
        log = tmp_path / "server.log"
        server = spawn_server(url, log, port=port, env={"PACE_TEST_CRASH_AT": crash_at})
        try:
            api = ApiClient(server.url, "demo.adviser")
            assert api.login().status_code == 200
            batch = _batch(api.device_id)
            ids = {c["record_id"] for c in batch}
            _push_into_crash(server, api, batch)

            server = spawn_server(url, log, port=port)  # restarted, no crash point
            present = _names_on_server(api, ids)
            # All or nothing: the whole push committed (killed after the commit) or none of it.
            assert len(present) == (BATCH if committed else 0)

            # The device never saw an answer, so it sends the same push again.
            resent = api.push(batch)
            statuses = {r["status"] for r in resent["results"]}
            assert statuses == ({"duplicate"} if committed else {"applied"})
            assert sorted(_names_on_server(api, ids)) == sorted(
                c["fields"]["first_name"] for c in batch
            )  # every change present exactly once
            assert api.push(batch)["results"][0]["status"] == "duplicate"
        finally:
            server.kill()
