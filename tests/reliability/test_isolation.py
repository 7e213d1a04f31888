"""Security: the partner isolation matrix. For every endpoint, role and partner, what must be
reachable and what must not, over real HTTP against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.reliability.helpers import client_change, hlc_now, new_id
from tests.support.live_server import DEMO_PASSWORD, ApiClient, LiveServer, start_server

USERS = {
    # username: (partner, role)
    "demo.adviser": ("SDS", "adviser"),
    "demo.lead": ("SDS", "team_lead"),
    "demo.admin": ("SDS", "admin"),
    "dwp.adviser": ("DWP", "adviser"),
    "dwp.lead": ("DWP", "team_lead"),
    "dwp.admin": ("DWP", "admin"),
    "fife.adviser": ("FIFE_COUNCIL", "adviser"),
}


class World:
    """Records of three partners, a conflict owned by SDS and one owned by DWP."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.api = {name: server.client(name) for name in USERS}
        sds, sds2 = self.api["demo.adviser"], server.client("demo.adviser")
        dwp, dwp2 = self.api["dwp.adviser"], server.client("dwp.adviser")
        self.private, self.shared, self.dwp_only = new_id(), new_id(), new_id()
        self.engagement = new_id()
        made = []
        for api, rid, share in (
            (sds, self.private, []),
            (sds, self.shared, ["DWP"]),
            (dwp, self.dwp_only, []),
        ):
            change = client_change(
                rid,
                {"first_name": "Iso", "last_name": rid[-6:], "share_with": share},
                api.device_id,
            )
            assert api.push([change])["results"][0]["status"] == "applied"
            made.append(change)
        note = {
            "change_id": new_id(),
            "record_id": self.engagement,
            "record_type": "engagement",
            "op": "upsert",
            "hlc": hlc_now(sds.device_id, 5),
            "fields": {"client_id": self.private, "kind": "other", "occurred_on": "2026-11-01"},
            "base": {"client_id": None, "kind": None, "occurred_on": None},
        }
        assert sds.push([note])["results"][0]["status"] == "applied"
        self.conflicts: dict[str, str] = {}
        for (one, two), change in (((sds, sds2), made[0]), ((dwp, dwp2), made[2])):
            base = {"occupation": None}
            rid = change["record_id"]
            one.push([client_change(rid, {"occupation": "A"}, one.device_id, counter=7, base=base)])
            answer = two.push(
                [client_change(rid, {"occupation": "B"}, two.device_id, counter=8, base=base)]
            )
            self.conflicts[rid] = answer["results"][0]["conflict_id"]
        self.sds_conflict = self.conflicts[self.private]
        self.dwp_conflict = self.conflicts[self.dwp_only]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with start_server(tmp_path_factory.mktemp("isolation")) as server:
        for username in ("dwp.lead", "dwp.admin"):
            partner, role = USERS[username]
            server.cli(
                "create-user", username, "--partner", partner, "--role", role,
                "--display-name", username, "--password-stdin", stdin=DEMO_PASSWORD,
            )  # fmt: skip
        yield World(server)


def visible_ids(api: ApiClient) -> set[str]:
    items, _ = api.pull_all()
    return {i["record_id"] for i in items if not i.get("revoked")}


@pytest.mark.parametrize("username", sorted(USERS))
def test_pull_shows_exactly_what_the_partner_may_see(world: World, username: str) -> None:
    partner = USERS[username][0]
    expected = {
        "SDS": {world.private, world.shared, world.engagement},
        "DWP": {world.shared, world.dwp_only},
        "FIFE_COUNCIL": set(),
    }[partner]
    everything = {world.private, world.shared, world.dwp_only, world.engagement}
    assert visible_ids(world.api[username]) & everything == expected


@pytest.mark.parametrize(
    ("username", "target", "change", "expected"),
    [
        ("dwp.adviser", "private", {"occupation": "x"}, "rejected"),
        ("dwp.adviser", "engagement", None, "rejected"),
        ("dwp.adviser", "shared", {"occupation": "x"}, "applied"),
        ("dwp.adviser", "shared", {"share_with": ["ALL"]}, "rejected"),  # owner's consent only
        ("dwp.adviser", "shared", "delete", "rejected"),  # only the owner deletes
        ("fife.adviser", "shared", {"occupation": "x"}, "rejected"),
        ("fife.adviser", "dwp_only", {"occupation": "x"}, "rejected"),
        ("demo.lead", "dwp_only", {"occupation": "x"}, "rejected"),
        ("demo.admin", "dwp_only", "delete", "rejected"),
        ("demo.lead", "private", {"occupation": "lead edit"}, "applied"),
    ],
)
def test_push_only_to_records_the_partner_may_change(
    world: World, username: str, target: str, change: Any, expected: str
) -> None:
    api = world.api[username]
    rid = getattr(world, target)
    if change == "delete":
        payload = {
            "change_id": new_id(),
            "record_id": rid,
            "record_type": "client",
            "op": "delete",
            "hlc": hlc_now(api.device_id, 9),
            "fields": {},
            "base": {},
        }
    elif change is None:
        payload = {
            "change_id": new_id(),
            "record_id": rid,
            "record_type": "engagement",
            "op": "upsert",
            "hlc": hlc_now(api.device_id, 9),
            "fields": {"notes": "peek"},
            "base": {"notes": None},
        }
    else:
        payload = client_change(rid, change, api.device_id, counter=9, base=dict.fromkeys(change))
    result = api.push([payload])["results"][0]
    assert result["status"] in ({expected, "conflict"} if expected == "applied" else {expected})
    if expected == "rejected":
        assert result["reason"] == "forbidden"
        owner_view = visible_ids(world.api["demo.adviser"]) | visible_ids(world.api["dwp.adviser"])
        assert rid in owner_view  # still there, unchanged by the refused change


@pytest.mark.parametrize(
    ("username", "status", "sees"),
    [
        ("demo.adviser", 403, None),
        ("dwp.adviser", 403, None),
        ("fife.adviser", 403, None),
        ("demo.lead", 200, "private"),
        ("demo.admin", 200, "private"),
        ("dwp.lead", 200, "dwp_only"),
        ("dwp.admin", 200, "dwp_only"),
    ],
)
def test_conflicts_only_for_the_owner_partners_reviewers(
    world: World, username: str, status: int, sees: str | None
) -> None:
    api = world.api[username]
    response = api.request("GET", "/api/v1/conflicts", params={"status": "all"})
    assert response.status_code == status
    if status != 200:
        assert response.json()["error"] == "forbidden"
        return
    records = {c["record_id"] for c in response.json()["items"]}
    assert getattr(world, sees) in records
    other = world.dwp_only if sees == "private" else world.private
    assert other not in records
    # Resolving the other partner's conflict is refused and changes nothing.
    foreign = world.dwp_conflict if sees == "private" else world.sds_conflict
    refused = api.request("POST", f"/api/v1/conflicts/{foreign}/resolve", json={"keep": "winner"})
    assert refused.status_code in (403, 404)


def test_advisers_cannot_resolve_even_their_own_partners_conflicts(world: World) -> None:
    api = world.api["demo.adviser"]
    answer = api.request(
        "POST", f"/api/v1/conflicts/{world.sds_conflict}/resolve", json={"keep": "loser"}
    )
    assert (answer.status_code, answer.json()["error"]) == (403, "forbidden")


ADMIN_GETS = ["/api/v1/admin/devices", "/api/v1/admin/users", "/api/v1/admin/audit"]


@pytest.mark.parametrize("username", sorted(USERS))
@pytest.mark.parametrize("path", ADMIN_GETS)
def test_admin_endpoints_for_own_partner_admins_only(
    world: World, username: str, path: str
) -> None:
    partner, role = USERS[username]
    response = world.api[username].request("GET", path)
    if role != "admin":
        assert (response.status_code, response.json()["error"]) == (403, "forbidden")
        return
    assert response.status_code == 200
    items = response.json()["items"]
    assert items
    if path.endswith("devices") or path.endswith("users"):
        assert {i["partner"] for i in items} == {partner}
    else:
        own = {u for u, (p, _r) in USERS.items() if p == partner} | {None, "seed"}
        # Other partners' users appear only on records this partner owns (decisions.md #8).
        pulled, _ = world.api[username].pull_all()
        owned = {i["record_id"] for i in pulled if i.get("owner_partner") == partner}
        strangers = [i for i in items if i["username"] not in own]
        assert all(i["record_id"] in owned for i in strangers), strangers


def test_admin_cannot_revoke_or_create_in_another_partner(world: World) -> None:
    dwp_device = world.api["dwp.adviser"].device_id
    admin = world.api["demo.admin"]
    refused = admin.request("POST", f"/api/v1/admin/devices/{dwp_device}/revoke")
    assert refused.status_code in (403, 404)
    assert world.api["dwp.adviser"].request("GET", "/api/v1/sync/pull").status_code == 200
    lead = world.api["demo.lead"]
    body = {"username": "sneaky", "display_name": "S", "role": "admin", "password": "x" * 12}
    assert lead.request("POST", "/api/v1/admin/users", json=body).status_code == 403
    created = admin.request("POST", "/api/v1/admin/users", json=body)
    assert created.status_code in (200, 201)
    assert created.json()["partner"] == "SDS"  # an admin creates users of its own partner only


PROTECTED = [
    ("POST", "/api/v1/sync/push", {"changes": []}),
    ("GET", "/api/v1/sync/pull", None),
    ("GET", "/api/v1/conflicts", None),
    ("POST", f"/api/v1/conflicts/{new_id()}/resolve", {"keep": "winner"}),
    *[("GET", path, None) for path in ADMIN_GETS],
    ("POST", f"/api/v1/admin/devices/{new_id()}/revoke", None),
    ("POST", "/api/v1/admin/users", {"username": "x"}),
]


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
@pytest.mark.parametrize("token", [None, "forged-token", "Bearer"])
def test_unauthenticated_requests_are_refused(
    world: World, method: str, path: str, body: Any, token: str | None
) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.request(
        method, world.server.url + path, json=body, headers=headers, timeout=30
    )
    assert (response.status_code, response.json()["error"]) == (401, "unauthenticated")
