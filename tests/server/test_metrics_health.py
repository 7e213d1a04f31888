"""``GET /metrics`` (Prometheus text) and ``GET /api/v1/admin/health`` over a real server."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.server.conftest import Devices
from tests.server.helpers import assert_error, new_id
from tests.support.live_server import LiveServer, start_server

PASSWORD = "a much longer passphrase 2026"


def scrape(server: LiveServer) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = requests.get(f"{server.url}/metrics", timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def total(samples: dict[Any, float], name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= set(ls))


def new_user(server: LiveServer, role: str, partner: str = "SDS") -> str:
    username = f"ops.{uuid.uuid4().hex[:8]}"
    server.cli(
        "create-user",
        username,
        "--partner",
        partner,
        "--role",
        role,
        "--display-name",
        "Ops Test",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    return username


def test_metrics_count_sync_traffic_by_route_template(server: LiveServer, devices: Devices) -> None:
    before = scrape(server)
    alice, other = devices.new("demo.adviser"), devices.new("demo.adviser")
    person, _ = alice.create_client()
    other.pull()
    alice.push_one(alice.upsert("client", person, {"occupation": "Welder"}))
    stale = other.upsert("client", person, {"occupation": "Joiner"})
    assert other.push_one(stale)["status"] == "conflict"
    assert other.push_one(other.upsert("client", new_id(), {"first_name": ""}))["status"] == (
        "rejected"
    )
    alice.pull()
    lead = devices["demo.lead"]
    [conflict] = [
        c
        for c in lead.api.request("GET", "/api/v1/conflicts").json()["items"]
        if c["record_id"] == person
    ]
    resolved = lead.api.request(
        "POST", f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "winner"}
    )
    assert resolved.status_code == 200, resolved.text
    bad = server.client("demo.adviser", "not the password", login=False).login()
    assert bad.status_code == 401

    after = scrape(server)

    def grew(name: str, by: float = 1, **labels: str) -> bool:
        return total(after, name, **labels) - total(before, name, **labels) >= by

    assert grew("pace_sync_pushes_total", 4)
    assert grew("pace_sync_pulls_total", 2)
    assert grew("pace_sync_changes_applied_total", 3)
    assert grew("pace_sync_conflicts_total")
    assert grew("pace_sync_rejections_total", reason="invalid_request")
    assert grew("pace_sign_in_failures_total", reason="unauthenticated")
    route = "/api/v1/conflicts/{conflict_id}/resolve"
    assert grew("pace_http_requests_total", route=route, method="POST", status="200")
    assert grew("pace_http_request_duration_seconds_count", route=route)
    # Raw paths (with ids) never become labels.
    labels = {dict(ls).get("route", "") for (_n, ls) in after}
    assert not any(conflict["id"] in label for label in labels)
    assert total(after, "pace_db_pool_size") >= 1
    assert ("pace_db_pool_checked_out", ()) in after


def test_unknown_paths_share_one_label(server: LiveServer) -> None:
    for n in range(3):
        requests.get(f"{server.url}/no/such/{uuid.uuid4()}/{n}", timeout=30)
    samples = scrape(server)
    assert total(samples, "pace_http_requests_total", route="unmatched", status="404") >= 3


def test_health_summary_by_role_and_partner(server: LiveServer, devices: Devices) -> None:
    url = "/api/v1/admin/health"
    devices["demo.adviser"].create_client()
    own = devices["demo.admin"].api.request("GET", url)
    assert own.status_code == 200, own.text
    body = own.json()
    assert (body["status"], body["database"], body["partner"]) == ("ok", "ok", "SDS")
    assert body["records"]["client"] >= 1
    assert body["devices"]["active"] >= 1
    assert body["users"]["adviser"] >= 1
    assert body["sign_in_failures_last_hour"] is None  # not a whole-server view
    assert_error(
        devices["demo.admin"].api.request("GET", url, params={"partner": "DWP"}), 403, "forbidden"
    )
    for role_user in ("demo.adviser", "demo.lead"):
        assert_error(devices[role_user].api.request("GET", url), 403, "forbidden")
    analyst = server.client(new_user(server, "analyst"), PASSWORD)
    assert_error(analyst.request("GET", url), 403, "forbidden")

    root = server.client(new_user(server, "system_admin"), PASSWORD)
    everything = root.request("GET", url).json()
    assert everything["partner"] is None
    assert everything["sign_in_failures_last_hour"] is not None
    dwp = root.request("GET", url, params={"partner": "DWP"}).json()
    assert dwp["partner"] == "DWP"
    assert everything["records"]["client"] >= dwp["records"].get("client", 0)
    assert_error(root.request("GET", url, params={"partner": "bad code!"}), 422, "invalid_request")


def test_metrics_token_and_several_workers_sum_their_counts(tmp_path: Path) -> None:
    token = "scrape-" + uuid.uuid4().hex
    with start_server(tmp_path, workers=2, env={"PACE_METRICS_TOKEN": token}) as server:
        assert_error(requests.get(f"{server.url}/metrics", timeout=30), 401, "unauthenticated")
        wrong = {"Authorization": "Bearer nope"}
        assert_error(
            requests.get(f"{server.url}/metrics", headers=wrong, timeout=30), 401, "unauthenticated"
        )
        for _ in range(20):  # spread over both workers by the kernel
            assert requests.get(f"{server.url}/healthz", timeout=30).status_code == 200
        headers = {"Authorization": f"Bearer {token}"}
        for _ in range(4):  # whichever worker answers, the count is the sum over both
            answer = requests.get(f"{server.url}/metrics", headers=headers, timeout=30)
            assert answer.status_code == 200, answer.text
            samples = {
                (s.name, tuple(sorted(s.labels.items()))): s.value
                for family in text_string_to_metric_families(answer.text)
                for s in family.samples
            }
            assert total(samples, "pace_http_requests_total", route="/healthz") >= 20


def test_status_command_prints_the_summary_and_a_running_servers_totals(
    server: LiveServer, devices: Devices
) -> None:
    devices["demo.adviser"].create_client()
    plain = server.cli("status")
    assert plain.stdout.startswith("status: ok (database ok")
    assert "open conflicts:" in plain.stdout
    assert "sign-in failures in the last hour:" in plain.stdout
    as_json = json.loads(server.cli("status", "--json", "--partner", "SDS").stdout)
    assert (as_json["partner"], as_json["status"]) == ("SDS", "ok")
    assert as_json["records"]["client"] >= 1

    with_metrics = server.cli("status", "--url", server.url).stdout
    assert f"running server {server.url}" in with_metrics
    assert "  pushes: " in with_metrics
    unreachable = server.cli("status", "--url", "http://127.0.0.1:9", check=False)
    assert unreachable.returncode != 0
    assert unreachable.stderr.startswith("error: cannot read")
    assert len(unreachable.stderr.strip().splitlines()) == 1
