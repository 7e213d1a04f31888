"""Roles × partners × endpoints, over a real server (decisions.md #10).

Every route of the app is parametrised here from the app itself: a route missing from
``POLICY`` fails ``test_every_route_has_a_role_policy``, so a new endpoint cannot ship without
saying who may call it, and each route is then called by every role (and anonymously) to prove
the server enforces exactly that. The isolation tests below check the partner dimension: a
lead sees only their partner's conflicts, an admin manages only their partner's users and
devices, a system admin any partner's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from fastapi.routing import APIRoute

from sync_server.config import Settings
from sync_server.main import create_app
from tests.server.helpers import Device, assert_error
from tests.support.live_server import ApiClient, LiveServer

PASSWORD = "a matrix of roles and partners 2026"

ADVISER, LEAD, ADMIN, ANALYST, SYSTEM_ADMIN = (
    "adviser",
    "team_lead",
    "admin",
    "analyst",
    "system_admin",
)
ROLES = (ADVISER, LEAD, ADMIN, ANALYST, SYSTEM_ADMIN)
PUBLIC = "public"  # no sign-in (health, sign-in itself, metrics: loopback or token)
EVERYONE = frozenset(ROLES)
RECORD_READERS = EVERYONE - {ANALYST}  # analysts: statistics only, never a person's record
REVIEWERS = frozenset({LEAD, ADMIN, SYSTEM_ADMIN})
ADMINS = frozenset({ADMIN, SYSTEM_ADMIN})
STATS_READERS = frozenset({LEAD, ADMIN, ANALYST, SYSTEM_ADMIN})
#: Who merges duplicates: leads and admins of a partner that sees both records (issue 11).
MERGERS = frozenset({LEAD, ADMIN})

#: Who may call each route. Routes other branches add (contracts.md) are listed too, so the
#: matrix holds when they merge; a route in the app but not here fails the suite.
POLICY: dict[tuple[str, str], frozenset[str] | str] = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/metrics"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/sync/push"): RECORD_READERS,
    ("GET", "/api/v1/sync/pull"): RECORD_READERS,
    ("GET", "/api/v1/conflicts"): REVIEWERS,
    ("POST", "/api/v1/conflicts/{conflict_id}/resolve"): REVIEWERS,
    # Any device reports its unsent count; events themselves are refused for analysts.
    ("POST", "/api/v1/audit/viewed"): EVERYONE,
    ("GET", "/api/v1/admin/health"): ADMINS,
    ("GET", "/api/v1/admin/devices"): ADMINS,
    ("POST", "/api/v1/admin/devices/{device_id}/revoke"): ADMINS,
    ("GET", "/api/v1/admin/users"): ADMINS,
    ("POST", "/api/v1/admin/users"): ADMINS,
    ("POST", "/api/v1/admin/users/{username}/deactivate"): ADMINS,
    ("POST", "/api/v1/admin/users/{username}/reactivate"): ADMINS,
    ("POST", "/api/v1/admin/users/{username}/password"): ADMINS,
    ("POST", "/api/v1/admin/users/{username}/role"): ADMINS,
    ("GET", "/api/v1/admin/audit"): ADMINS,
    # From other branches (contracts.md): statistics, duplicates, partners.
    ("GET", "/api/v1/stats"): STATS_READERS,
    ("GET", "/api/v1/stats/report"): STATS_READERS,
    ("GET", "/api/v1/duplicates"): REVIEWERS,
    ("GET", "/api/v1/admin/partners"): frozenset({SYSTEM_ADMIN}),
    ("POST", "/api/v1/admin/partners"): frozenset({SYSTEM_ADMIN}),
    ("POST", "/api/v1/admin/partners/{code}/rename"): frozenset({SYSTEM_ADMIN}),
    ("POST", "/api/v1/admin/partners/{code}/deactivate"): frozenset({SYSTEM_ADMIN}),
    ("POST", "/api/v1/admin/partners/{code}/reactivate"): frozenset({SYSTEM_ADMIN}),
    # Data governance: the agreement is read by admins and set by system admins; erasure and
    # subject access are for administrators (of the owner partner, or any: system admins).
    ("GET", "/api/v1/admin/sharing-agreement"): ADMINS,
    ("PUT", "/api/v1/admin/sharing-agreement"): frozenset({SYSTEM_ADMIN}),
    ("POST", "/api/v1/admin/people/{record_id}/erase"): ADMINS,
    ("GET", "/api/v1/admin/people/{record_id}/subject-access"): ADMINS,
    ("POST", "/api/v1/admin/retention"): frozenset({SYSTEM_ADMIN}),
    # Merging duplicate people (issue 11).
    ("GET", "/api/v1/merges"): MERGERS,
    ("POST", "/api/v1/merges"): MERGERS,
    ("POST", "/api/v1/merges/{merge_id}/undo"): MERGERS,
}

#: Harmless values for path parameters: ids that name nothing, so allowed calls change nothing.
PATH_VALUES = {
    "conflict_id": "0190eeee-0000-7000-8000-000000000001",
    "device_id": "0190eeee-0000-7000-8000-000000000002",
    "username": "no.such.user",
    "code": "NO_SUCH_PARTNER",
    "record_id": "0190eeee-0000-7000-8000-000000000003",
    "merge_id": "0190eeee-0000-7000-8000-000000000004",
}
#: Bodies and queries an allowed caller may send without changing anything that matters.
REQUESTS: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/sync/push"): {"json": {"changes": []}},
    ("POST", "/api/v1/audit/viewed"): {"json": {"events": []}},
    ("POST", "/api/v1/admin/users"): {"json": {"username": ""}},  # 422, never created
    ("POST", "/api/v1/admin/users/{username}/password"): {"json": {"password": "x"}},
    ("POST", "/api/v1/admin/users/{username}/role"): {"json": {"role": "adviser"}},
    ("POST", "/api/v1/conflicts/{conflict_id}/resolve"): {"json": {"keep": "winner"}},
    ("GET", "/api/v1/stats"): {"params": {"from": "2026-01-01", "to": "2026-01-31"}},
    ("GET", "/api/v1/stats/report"): {
        "params": {"from": "2026-01-01", "to": "2026-01-31", "format": "csv"}
    },
    ("POST", "/api/v1/admin/partners"): {"json": {"code": "", "name": ""}},
    ("POST", "/api/v1/admin/partners/{code}/rename"): {"json": {"name": "Renamed"}},
    ("PUT", "/api/v1/admin/sharing-agreement"): {"json": {"terms": "not terms"}},  # 422
    ("POST", "/api/v1/admin/retention"): {"json": {"months": 0}},  # 422: nothing erased
    ("POST", "/api/v1/merges"): {  # people that do not exist: 404, nothing merged
        "json": {
            "survivor_id": "0190eeee-0000-7000-8000-000000000005",
            "merged_id": "0190eeee-0000-7000-8000-000000000006",
        }
    },
}


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # FastAPI's included routers
            yield from _api_routes(route.original_router.routes)
        elif hasattr(route, "routes"):
            yield from _api_routes(route.routes)


def app_routes() -> list[tuple[str, str]]:
    """Every (method, path template) the app serves, read from the app itself."""
    app = create_app(Settings(database_url="sqlite://", log_format="text"))
    found = {
        (method, route.path)
        for route in _api_routes(list(app.routes))
        for method in route.methods
        if method != "HEAD"
    }
    return sorted(found)


ROUTES = app_routes()


def test_every_route_has_a_role_policy() -> None:
    missing = [f"{method} {path}" for method, path in ROUTES if (method, path) not in POLICY]
    assert not missing, f"routes with no role policy in the matrix: {missing}"


def _new_user(server: LiveServer, role: str, partner: str) -> str:
    username = f"matrix.{role}.{partner.lower()}.{uuid.uuid4().hex[:6]}"
    server.cli(
        "create-user",
        username,
        "--partner",
        partner,
        "--role",
        role,
        "--display-name",
        "Matrix Test",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    return username


@pytest.fixture(scope="module")
def people(server: LiveServer) -> dict[tuple[str, str], ApiClient]:
    """A signed-in client of every role in SDS and in DWP."""
    return {
        (role, partner): server.client(_new_user(server, role, partner), PASSWORD)
        for role in ROLES
        for partner in ("SDS", "DWP")
    }


def _call(server: LiveServer, method: str, path: str, client: ApiClient | None) -> Any:
    url = server.url + path.format(**PATH_VALUES)
    extra = REQUESTS.get((method, path), {})
    headers = client.headers if client is not None else {}
    return requests.request(method, url, headers=headers, timeout=60, **extra)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_each_role_reaches_exactly_the_routes_its_policy_allows(
    server: LiveServer, people: dict[tuple[str, str], ApiClient], method: str, path: str
) -> None:
    policy = POLICY.get((method, path))
    assert policy is not None, f"{method} {path} has no role policy"
    if policy == PUBLIC:
        answer = _call(server, method, path, None)
        assert answer.status_code not in (401, 403), answer.text
        return
    assert_error(_call(server, method, path, None), 401, "unauthenticated")
    for role in ROLES:
        answer = _call(server, method, path, people[(role, "SDS")])
        if role in policy:
            assert answer.status_code not in (401, 403), (role, answer.status_code, answer.text)
        else:
            body = assert_error(answer, 403, "forbidden")
            assert body["detail"], role


# --- the partner dimension -------------------------------------------------------------------


def _conflict(owner: Device, other: Device) -> str:
    """A same-field conflict on a person ``owner``'s partner owns; returns the record id."""
    person, _ = owner.create_client()
    other.pull()
    owner.push_one(owner.upsert("client", person, {"occupation": "Welder"}))
    stale = other.upsert("client", person, {"occupation": "Joiner"}, base={"occupation": None})
    assert other.push_one(stale)["status"] == "conflict"
    return person


def _conflicts(client: ApiClient) -> dict[str, str]:
    answer = client.request("GET", "/api/v1/conflicts", params={"limit": 1000})
    assert answer.status_code == 200, answer.text
    return {c["record_id"]: c["id"] for c in answer.json()["items"]}


def test_leads_see_and_resolve_only_their_partners_conflicts(
    server: LiveServer, people: dict[tuple[str, str], ApiClient]
) -> None:
    sds = _conflict(Device(server.client("demo.adviser")), Device(server.client("demo.adviser")))
    dwp = _conflict(Device(server.client("dwp.adviser")), Device(server.client("dwp.adviser")))
    sds_view, dwp_view = _conflicts(people[(LEAD, "SDS")]), _conflicts(people[(LEAD, "DWP")])
    assert sds in sds_view
    assert dwp not in sds_view
    assert dwp in dwp_view
    assert sds not in dwp_view
    hidden = people[(LEAD, "SDS")].request(
        "POST", f"/api/v1/conflicts/{dwp_view[dwp]}/resolve", json={"keep": "winner"}
    )
    assert_error(hidden, 404, "not_found")
    assert dwp in _conflicts(people[(LEAD, "DWP")])  # still open


def _device_ids(client: ApiClient, **params: str) -> dict[str, str]:
    answer = client.request("GET", "/api/v1/admin/devices", params=params)
    assert answer.status_code == 200, answer.text
    return {d["id"]: d["partner"] for d in answer.json()["items"]}


def _usernames(client: ApiClient) -> dict[str, str]:
    answer = client.request("GET", "/api/v1/admin/users")
    assert answer.status_code == 200, answer.text
    return {u["username"]: u["partner"] for u in answer.json()["items"]}


def test_admins_manage_only_their_partner_unless_system_admin(
    server: LiveServer, people: dict[tuple[str, str], ApiClient]
) -> None:
    sds_admin, root = people[(ADMIN, "SDS")], people[(SYSTEM_ADMIN, "SDS")]
    dwp_laptop = server.client("dwp.adviser")
    dwp_user = _new_user(server, ADVISER, "DWP")

    assert set(_device_ids(sds_admin).values()) == {"SDS"}
    assert set(_usernames(sds_admin).values()) == {"SDS"}
    assert {"SDS", "DWP"} <= set(_device_ids(root).values())
    assert {"SDS", "DWP"} <= set(_usernames(root).values())
    for path in ("/api/v1/admin/health", "/api/v1/admin/audit"):
        assert_error(sds_admin.request("GET", path, params={"partner": "DWP"}), 403, "forbidden")
        assert root.request("GET", path, params={"partner": "DWP"}).status_code == 200

    # Another partner's users and devices are not there for an admin (the same 404 as none).
    for action, body in (("deactivate", None), ("password", {"password": PASSWORD + "!"})):
        answer = sds_admin.request("POST", f"/api/v1/admin/users/{dwp_user}/{action}", json=body)
        assert_error(answer, 404, "not_found")
    revoke = f"/api/v1/admin/devices/{dwp_laptop.device_id}/revoke"
    assert_error(sds_admin.request("POST", revoke), 404, "not_found")
    new_user = {
        "username": f"matrix.made.{uuid.uuid4().hex[:6]}",
        "display_name": "Made Here",
        "role": "adviser",
        "password": PASSWORD,
        "partner": "DWP",
    }
    assert_error(sds_admin.request("POST", "/api/v1/admin/users", json=new_user), 403, "forbidden")

    # A system admin manages any partner's.
    made = root.request("POST", "/api/v1/admin/users", json=new_user)
    assert made.status_code == 201, made.text
    assert made.json()["partner"] == "DWP"
    deactivated = root.request("POST", f"/api/v1/admin/users/{dwp_user}/deactivate")
    assert deactivated.status_code == 200, deactivated.text
    revoked = root.request("POST", revoke)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"]
    assert_error(dwp_laptop.request("GET", "/api/v1/sync/pull"), 403, "device_revoked")


def test_audit_scope_follows_the_partner(
    server: LiveServer, people: dict[tuple[str, str], ApiClient]
) -> None:
    dwp = Device(server.client("dwp.adviser"))
    private, _ = dwp.create_client()  # shared with nobody: only DWP's story
    wanted = {"record_id": private, "limit": "50"}

    def events(client: ApiClient, **extra: str) -> list[dict[str, Any]]:
        answer = client.request("GET", "/api/v1/admin/audit", params={**wanted, **extra})
        assert answer.status_code == 200, answer.text
        items: list[dict[str, Any]] = answer.json()["items"]
        return items

    assert events(people[(ADMIN, "SDS")]) == []
    assert events(people[(ADMIN, "DWP")])
    root = people[(SYSTEM_ADMIN, "SDS")]
    assert events(root)  # the whole server
    assert events(root, partner="DWP")
    assert events(root, partner="SDS") == []
