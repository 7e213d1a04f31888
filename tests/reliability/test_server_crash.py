"""Fault 2: the server process is SIGKILLed while a large push is in flight, then restarted on
the same database (SQLite and PostgreSQL). A push is all or nothing, it is acknowledged only
after its transaction committed, and the client's resend is applied exactly once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.reliability.helpers import assert_converged, client_change, enrol, new_id
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import ApiClient, free_port, run_cli, spawn_server

BATCH = 1000


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'server.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


def _batch(node: str, tag: str) -> list[dict[str, Any]]:
    return [
        client_change(
            new_id(), {"first_name": f"{tag}-{i}", "last_name": "ServerCrash"}, node, counter=i
        )
        for i in range(BATCH)
    ]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_server_killed_mid_push(tmp_path: Path, kind: str) -> None:
    with database(kind, tmp_path) as url:
        run_cli("init", database_url=url)
        run_cli("seed-demo", database_url=url)
        port = free_port()
        server = spawn_server(url, tmp_path / "server.log", port=port)
        try:
            api = ApiClient(server.url, "demo.adviser")
            assert api.login().status_code == 200
            started = time.monotonic()
            warm = _batch(api.device_id, "warm")
            api.push(warm)
            duration = time.monotonic() - started
            sent: list[list[dict[str, Any]]] = [warm]
            outcomes: list[str] = []
            for round_no, fraction in enumerate((0.3, 0.7, 0.95, 1.2, 2.0)):
                batch = _batch(api.device_id, f"r{round_no}")
                sent.append(batch)
                answer: dict[str, Any] = {}

                def send(
                    batch: list[dict[str, Any]] = batch, answer: dict[str, Any] = answer
                ) -> None:
                    try:
                        answer["response"] = api.request(
                            "POST", "/api/v1/sync/push", json={"changes": batch}
                        )
                    except requests.RequestException as exc:
                        answer["error"] = exc

                thread = threading.Thread(target=send)
                thread.start()
                time.sleep(duration * fraction)
                server.kill()
                thread.join(timeout=60)
                assert not thread.is_alive()
                server = spawn_server(url, tmp_path / "server.log", port=port)
                ids = {c["record_id"] for c in batch}
                items, _ = api.pull_all(limit=1000)
                present = ids & {i["record_id"] for i in items}
                acknowledged = "response" in answer and answer["response"].status_code == 200
                if acknowledged:
                    assert present == ids  # acknowledged only after commit
                    outcomes.append("answered")
                else:
                    assert present in (set(), ids), f"half a push survived: {len(present)}"
                    outcomes.append(f"lost:{len(present)}")
                # The device never saw an answer (or did): it sends the same push again.
                resent = api.push(batch)
                statuses = {r["status"] for r in resent["results"]}
                assert statuses == ({"duplicate"} if present else {"applied"})
            print("server kill outcomes:", outcomes)
            assert any(o.startswith("lost") for o in outcomes), "never killed mid-push"
            device = enrol(server, tmp_path / "sds", "demo.adviser")
            expected = {c["record_id"]: c["fields"] for batch in sent for c in batch}
            views = assert_converged(server, {"sds": device}, expected)
            assert sum(
                1 for s in views["SDS"].values() if s.fields.get("last_name") == "ServerCrash"
            ) == len(expected)
            device.lock()
        finally:
            server.kill()
