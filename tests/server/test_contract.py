"""The sync contract (shared/sync-contract.md) end to end, over HTTP, against a real server on
SQLite and on PostgreSQL. Every test uses its own record ids, so they share one server."""

from __future__ import annotations

import base64
import re
import uuid
from typing import Any

import pytest
import requests

from tests.server.conftest import Devices
from tests.server.helpers import Device, assert_error, new_id
from tests.support.live_server import DEMO_PASSWORD, ApiClient, LiveServer, spawn_server

SERVER_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"
CONFLICTS = "/api/v1/conflicts"


def login_response(server: LiveServer, username: str, password: str) -> requests.Response:
    return ApiClient(server.url, username, password).login()


# --- health and OpenAPI -----------------------------------------------------------------------


def test_healthz_needs_no_auth(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/healthz", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "database")} == {"status": "ok", "database": "ok"}
    assert isinstance(body["version"], str)
    assert body["version"]


def test_openapi_lists_every_endpoint_and_its_errors(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/openapi.json", timeout=10)
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        ("post", "/api/v1/auth/login"): {"401", "422", "429"},
        ("post", PUSH): {"401", "403", "413", "422"},
        ("get", PULL): {"401", "403", "409", "422"},
        ("get", CONFLICTS): {"401", "403"},
        ("post", "/api/v1/conflicts/{conflict_id}/resolve"): {"401", "403", "404", "422"},
        ("get", "/healthz"): set(),
        ("post", "/api/v1/admin/devices/{device_id}/revoke"): {"401", "403", "404"},
    }
    for (method, path), errors in expected.items():
        assert path in paths, f"{path} missing from /openapi.json"
        operation = paths[path].get(method)
        assert operation is not None, f"{method.upper()} {path} missing from /openapi.json"
        assert errors <= set(operation["responses"]), (path, sorted(operation["responses"]))
    push_body = paths[PUSH]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert push_body == {"$ref": "#/components/schemas/PushRequest"}
    assert "PushRequest" in response.json()["components"]["schemas"]


# --- login and tokens -------------------------------------------------------------------------


def test_login_answers_exactly_the_contract_shape(server: LiveServer) -> None:
    client = ApiClient(server.url, "demo.adviser")
    response = client.login()
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {
        "access_token",
        "token_type",
        "expires_in",
        "user",
        "device_id",
        "server_time",
        "device_secret",  # decisions.md #8: issued at a device's first sign-in, else null
    }
    assert isinstance(body["device_secret"], str)
    assert isinstance(body["access_token"], str)
    assert len(body["access_token"]) >= 20
    assert body["token_type"] == "bearer"
    assert isinstance(body["expires_in"], int)
    assert body["expires_in"] > 0
    assert body["device_id"] == client.device_id
    assert SERVER_TIME_RE.match(body["server_time"]), body["server_time"]
    user = body["user"]
    assert set(user) == {"id", "username", "display_name", "role", "partner"}
    assert user["username"] == "demo.adviser"
    assert user["display_name"] == "Alice Reid"
    assert (user["role"], user["partner"]) == ("adviser", "SDS")
    uuid.UUID(user["id"])
    assert client.pull_page().status_code == 200  # the token works


def test_roles_and_partners_of_the_demo_users(devices: Devices) -> None:
    seen = {
        name: (devices[name].api.user["role"], devices[name].api.user["partner"])
        for name in ("demo.lead", "demo.admin", "dwp.adviser", "fife.adviser")
    }
    assert seen == {
        "demo.lead": ("team_lead", "SDS"),
        "demo.admin": ("admin", "SDS"),
        "dwp.adviser": ("adviser", "DWP"),
        "fife.adviser": ("adviser", "FIFE_COUNCIL"),
    }


def test_wrong_password_and_unknown_user_get_the_same_401(server: LiveServer) -> None:
    wrong = login_response(server, "demo.lead", "not-the-password")
    unknown = login_response(server, "nobody.at.all", "not-the-password")
    assert_error(wrong, 401, "unauthenticated")
    assert_error(unknown, 401, "unauthenticated")
    assert wrong.json() == unknown.json()
    assert wrong.headers.get("www-authenticate") == unknown.headers.get("www-authenticate")


def test_repeated_failures_are_rate_limited(server: LiveServer, devices: Devices) -> None:
    username = f"rl.{uuid.uuid4().hex[:8]}"
    created = devices["demo.admin"].api.request(
        "POST",
        "/api/v1/admin/users",
        json={
            "username": username,
            "display_name": "Rate Limited",
            "role": "adviser",
            "password": "correct-horse-2026",
        },
    )
    assert created.status_code == 201, created.text
    statuses = [login_response(server, username, "wrong-password").status_code for _ in range(5)]
    assert statuses[0] == 401
    statuses.append(login_response(server, username, "wrong-password").status_code)
    assert 429 in statuses, statuses
    # Once limited, even the right password is refused for a while.
    limited = login_response(server, username, "correct-horse-2026")
    assert_error(limited, 429, "rate_limited")
    # Other users are not affected.
    assert login_response(server, "fife.adviser", DEMO_PASSWORD).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Bearer " + "a" * 43},
        {"Authorization": "Basic ZGVtby5hZHZpc2VyOmRlbW8tcGFzc3dvcmQtMjAyNg=="},
        {"Authorization": "garbage"},
    ],
    ids=["missing", "empty", "garbage", "unknown", "basic", "no-scheme"],
)
def test_missing_or_bad_tokens_get_401(server: LiveServer, headers: dict[str, str]) -> None:
    for method, path, kwargs in (
        ("GET", PULL, {}),
        ("POST", PUSH, {"json": {"changes": []}}),
        ("GET", CONFLICTS, {}),
        ("GET", "/api/v1/admin/devices", {}),
    ):
        response = requests.request(
            method, f"{server.url}{path}", headers=headers, timeout=10, **kwargs
        )
        assert_error(response, 401, "unauthenticated")


def test_expired_token_gets_401(tmp_path: Any) -> None:
    from tests.support.live_server import start_server

    with start_server(tmp_path, env={"PACE_TOKEN_TTL_SECONDS": "1"}) as short:
        client = short.client("demo.adviser")
        import time

        time.sleep(1.5)
        assert_error(client.pull_page(), 401, "unauthenticated")


def test_malformed_login_bodies_get_422(server: LiveServer) -> None:
    url = f"{server.url}/api/v1/auth/login"
    for body in (
        b"{not json",
        b"[]",
        b'{"username": "demo.adviser"}',
        b'{"username": "demo.adviser", "password": "x", "device_id": "nope", "device_name": "d"}',
    ):
        response = requests.post(
            url, data=body, headers={"Content-Type": "application/json"}, timeout=10
        )
        assert_error(response, 422, "invalid_request")


@pytest.mark.parametrize("where", ["username", "device_name"])
def test_nul_characters_in_a_login_are_never_a_500(server: LiveServer, where: str) -> None:
    """A malformed body is a 422 (or a plain 401), never a 500, on either database."""
    body = {
        "username": "demo.adviser",
        "password": DEMO_PASSWORD,
        "device_id": new_id(),
        "device_name": "laptop",
    }
    body[where] = body[where][:4] + "\x00" + body[where][4:]
    response = requests.post(f"{server.url}/api/v1/auth/login", json=body, timeout=10)
    # Accepting the text as written (200) or refusing it (401/422) are both fine.
    assert response.status_code in (200, 401, 422), (where, response.text)


def test_a_nul_character_in_a_new_users_name_is_never_a_500(devices: Devices) -> None:
    response = devices["demo.admin"].api.request(
        "POST",
        "/api/v1/admin/users",
        json={
            "username": f"nul.{uuid.uuid4().hex[:6]}",
            "display_name": "Nul\x00Name",
            "role": "adviser",
            "password": "long-enough-2026",
        },
    )
    assert response.status_code in (201, 422), response.text


def test_unknown_paths_and_methods_answer_the_error_shape(devices: Devices) -> None:
    api = devices["demo.adviser"].api
    assert_error(api.request("GET", "/api/v1/no/such/thing"), 404, "not_found")
    response = api.request("DELETE", PUSH)
    assert response.status_code == 405
    assert set(response.json()) >= {"error", "detail"}


# --- push and pull ----------------------------------------------------------------------------


def test_push_applied_and_pulled(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    record_id = new_id()
    created = alice.upsert(
        "client",
        record_id,
        {
            "first_name": "Morag",
            "last_name": "Campbell",
            "ni_number": "ab 12 34 56 c",
            "postcode": "ky11 2uu",
            "date_of_birth": "1980-05-17",
            "share_with": [],
        },
    )
    body = alice.api.push([created])
    assert SERVER_TIME_RE.match(body["server_time"])
    assert body["results"] == [{"change_id": created["change_id"], "status": "applied"}] or (
        body["results"][0]["status"] == "applied"
    )
    item = alice.record(record_id)
    assert item is not None
    assert item["record_type"] == "client"
    assert item["owner_partner"] == "SDS"
    assert item["deleted"] is False
    assert item["fields"] == {
        "first_name": "Morag",
        "last_name": "Campbell",
        "ni_number": "AB123456C",
        "postcode": "KY11 2UU",
        "date_of_birth": "1980-05-17",
        "share_with": [],
    }
    assert item["versions"] == dict.fromkeys(item["fields"], created["hlc"])


def test_pull_page_shape_and_paging(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    ids = [alice.create_client(occupation=f"job {i}")[0] for i in range(3)]
    first = alice.api.pull_page(limit=1)
    assert first.status_code == 200
    body = first.json()
    assert set(body) >= {"items", "next_cursor", "has_more", "server_time"}
    assert len(body["items"]) == 1
    assert body["has_more"] is True
    seen: list[str] = []
    cursor = None
    while True:
        page = alice.api.pull_page(cursor, limit=2).json()
        assert len(page["items"]) <= 2
        seen.extend(item["record_id"] for item in page["items"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert set(ids) <= set(seen)
    # The employer and event of seed-demo are public.
    assert {"01900000-0000-7000-8000-00000000e001", "01900000-0000-7000-8000-00000000e002"} <= set(
        seen
    )
    # At the end, the cursor returns nothing new; re-pulling an old cursor is safe.
    end = alice.api.pull_page(cursor).json()
    assert end["items"] == []
    assert end["has_more"] is False
    again, _ = alice.api.pull_all()
    assert {i["record_id"] for i in again} >= set(ids)


@pytest.mark.parametrize("limit", ["0", "1001", "many"])
def test_bad_pull_limits_get_422(devices: Devices, limit: str) -> None:
    response = devices["demo.adviser"].api.request("GET", PULL, params={"limit": limit})
    assert_error(response, 422, "invalid_request")


def test_idempotent_retry_is_a_duplicate_and_not_applied_twice(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    record_id = new_id()
    first = alice.upsert("client", record_id, {"first_name": "Iona", "last_name": "Ross"})
    assert alice.push_one(first)["status"] == "applied"
    before = alice.record(record_id)
    for _ in range(3):  # the acknowledgement was lost; the device retries
        assert alice.push_one(first) == {"change_id": first["change_id"], "status": "duplicate"}
    items, _ = alice.api.pull_all()
    assert [i["record_id"] for i in items].count(record_id) == 1
    assert alice.record(record_id) == before
    # A newer edit, then a late retry of the first: the first is not applied again.
    second = alice.upsert(
        "client", record_id, {"first_name": "Isla"}, base={"first_name": first["hlc"]}
    )
    assert alice.push_one(second)["status"] == "applied"
    assert alice.push_one(first)["status"] == "duplicate"
    after = alice.record(record_id)
    assert after is not None
    assert after["fields"]["first_name"] == "Isla"
    assert after["versions"]["first_name"] == second["hlc"]
    # The same change twice in one batch: applied once, then a duplicate.
    third = alice.upsert("client", record_id, {"occupation": "Joiner"}, base={"occupation": None})
    assert [r["status"] for r in alice.push(third, third)] == ["applied", "duplicate"]


@pytest.mark.parametrize("arrival", ["greater_hlc_last", "greater_hlc_first"])
def test_concurrent_edits_to_one_field_conflict_and_converge(
    devices: Devices, arrival: str
) -> None:
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    record_id, h0 = alice.create_client(phone="0131 496 0000")
    lead.pull()  # both devices have seen h0
    edit_a = alice.upsert("client", record_id, {"phone": "0131 496 0001"}, base={"phone": h0})
    lead.clock.receive(edit_a["hlc"])  # make the lead's edit the greater HLC, deterministically
    edit_b = lead.upsert("client", record_id, {"phone": "0131 496 0002"}, base={"phone": h0})
    assert edit_b["hlc"] > edit_a["hlc"]
    order = [(alice, edit_a), (lead, edit_b)]
    if arrival == "greater_hlc_first":
        order.reverse()
    (first_dev, first), (second_dev, second) = order
    assert first_dev.push_one(first) == {"change_id": first["change_id"], "status": "applied"}
    result = second_dev.push_one(second)
    assert result["status"] == "conflict", result
    conflict_id = result["conflict_id"]
    uuid.UUID(conflict_id)
    # The greater HLC wins, and every device pulls the identical state.
    states = [d.record(record_id) for d in (alice, lead, devices["demo.admin"])]
    assert states[0] == states[1] == states[2]
    assert states[0] is not None
    assert states[0]["fields"]["phone"] == "0131 496 0002"
    assert states[0]["versions"]["phone"] == edit_b["hlc"]
    # Both values are kept for the team lead.
    response = lead.api.request("GET", CONFLICTS, params={"status": "open"})
    assert response.status_code == 200, response.text
    mine = [c for c in response.json()["items"] if c["record_id"] == record_id]
    assert len(mine) == 1, mine
    conflict = mine[0]
    assert conflict["id"] == conflict_id
    assert (conflict["field"], conflict["status"]) == ("phone", "open")
    assert (conflict["record_type"], conflict["owner_partner"]) == ("client", "SDS")
    assert conflict["winner"] == {
        "value": "0131 496 0002",
        "hlc": edit_b["hlc"],
        "device_id": lead.device_id,
        "user": "demo.lead",
    }
    assert conflict["loser"] == {
        "value": "0131 496 0001",
        "hlc": edit_a["hlc"],
        "device_id": alice.device_id,
        "user": "demo.adviser",
    }


def test_edits_to_different_fields_do_not_conflict(devices: Devices) -> None:
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    record_id, h0 = alice.create_client(phone="0131 496 0000", occupation="Welder")
    lead.pull()
    edit_a = alice.upsert("client", record_id, {"phone": "0131 496 0003"}, base={"phone": h0})
    edit_b = lead.upsert("client", record_id, {"occupation": "Fitter"}, base={"occupation": h0})
    edit_c = lead.upsert("client", record_id, {"email": "new@example.org"}, base={"email": None})
    assert alice.push_one(edit_a)["status"] == "applied"
    assert [r["status"] for r in lead.push(edit_b, edit_c)] == ["applied", "applied"]
    item = alice.record(record_id)
    assert item is not None
    assert item["fields"]["phone"] == "0131 496 0003"
    assert item["fields"]["occupation"] == "Fitter"
    assert item["fields"]["email"] == "new@example.org"
    assert item["versions"]["phone"] == edit_a["hlc"]
    assert item["versions"]["occupation"] == edit_b["hlc"]
    listed = lead.api.request("GET", CONFLICTS, params={"status": "all"}).json()["items"]
    assert [c for c in listed if c["record_id"] == record_id] == []


def test_delete_is_a_tombstone_in_the_pull(devices: Devices) -> None:
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    record_id, _h0 = alice.create_client()
    engagement_id = new_id()
    assert (
        alice.push_one(
            alice.upsert(
                "engagement",
                engagement_id,
                {"client_id": record_id, "kind": "cv_support", "occurred_on": "2026-11-20"},
            )
        )["status"]
        == "applied"
    )
    _, cursor = lead.pull()
    deletion = alice.delete("client", record_id)
    assert alice.push_one(deletion)["status"] == "applied"
    assert alice.push_one(alice.delete("engagement", engagement_id))["status"] == "applied"
    changed, _ = lead.pull(cursor)
    assert changed[record_id]["deleted"] is True
    assert not changed[record_id]["fields"]
    assert changed[engagement_id]["deleted"] is True
    # An edit made before it saw the delete does not bring the record back.
    late = lead.upsert("client", record_id, {"phone": "0131 496 0009"}, base={"phone": None})
    assert lead.push_one(late)["status"] in ("conflict", "applied")
    item = alice.record(record_id)
    assert item is not None
    assert item["deleted"] is True
    assert not item["fields"]
    # Retrying the delete is a duplicate.
    assert alice.push_one(deletion)["status"] == "duplicate"


# --- visibility -------------------------------------------------------------------------------


def _engagement(device: Device, client_id: str) -> tuple[str, dict[str, Any]]:
    engagement_id = new_id()
    return engagement_id, device.upsert(
        "engagement",
        engagement_id,
        {"client_id": client_id, "kind": "benefits_advice", "occurred_on": "2026-11-21"},
    )


def test_sharing_gives_sight_and_narrowing_consent_revokes_it(devices: Devices) -> None:
    alice, dwp, fife = devices["demo.adviser"], devices["dwp.adviser"], devices["fife.adviser"]
    shared_id, h0 = alice.create_client(share_with=["DWP"])
    private_id, _ = alice.create_client()
    shared_eng, c1 = _engagement(alice, shared_id)
    private_eng, c2 = _engagement(alice, private_id)
    assert [r["status"] for r in alice.push(c1, c2)] == ["applied", "applied"]

    seen_by_dwp, dwp_cursor = dwp.pull()
    assert shared_id in seen_by_dwp
    assert shared_eng in seen_by_dwp
    assert seen_by_dwp[shared_id]["owner_partner"] == "SDS"
    assert seen_by_dwp[shared_id]["fields"]["share_with"] == ["DWP"]
    assert private_id not in seen_by_dwp
    assert private_eng not in seen_by_dwp
    seen_by_fife, fife_cursor = fife.pull()
    assert not {shared_id, shared_eng, private_id, private_eng} & set(seen_by_fife)

    # DWP may edit what it can see, and add to it, but consent stays with the owner.
    dwp_edit = dwp.upsert("client", shared_id, {"occupation": "Driver"}, base={"occupation": None})
    dwp_eng, dwp_child = _engagement(dwp, shared_id)
    dwp_consent = dwp.upsert("client", shared_id, {"share_with": ["ALL"]}, base={"share_with": h0})
    results = dwp.push(dwp_edit, dwp_child, dwp_consent)
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert results[2]["reason"] == "forbidden"
    assert dwp_eng in alice.pull()[0]

    # Consent narrowed: DWP's next pull carries revocations for the person and the engagement.
    narrow = alice.upsert("client", shared_id, {"share_with": []}, base={"share_with": h0})
    assert alice.push_one(narrow)["status"] == "applied"
    changed, _ = dwp.pull(dwp_cursor)
    assert changed.get(shared_id) == {"record_id": shared_id, "revoked": True}
    assert changed.get(shared_eng) == {"record_id": shared_eng, "revoked": True}
    assert changed.get(dwp_eng) == {"record_id": dwp_eng, "revoked": True}
    fresh, _ = dwp.pull()
    assert fresh.get(shared_id, {"revoked": True}).get("revoked") is True
    # ...and DWP can no longer push to it.
    late = dwp.upsert("client", shared_id, {"occupation": "Chef"}, base={"occupation": None})
    assert dwp.push_one(late)["status"] == "rejected"
    # FIFE never saw it, so has nothing to purge... and nothing leaks to FIFE either.
    fife_changed, _ = fife.pull(fife_cursor)
    assert not {k for k, v in fife_changed.items() if not v.get("revoked")} & {
        shared_id,
        shared_eng,
    }

    # Sharing with ALL makes it visible to every partner.
    widen = alice.upsert("client", shared_id, {"share_with": ["ALL"]}, base={"share_with": None})
    widen["base"] = {"share_with": narrow["hlc"]}
    assert alice.push_one(widen)["status"] == "applied"
    for partner_device in (dwp, fife):
        visible, _ = partner_device.pull()
        assert visible[shared_id].get("revoked") is not True, partner_device.username
        assert visible[shared_id]["fields"]["occupation"] == "Driver"
        assert shared_eng in visible
        assert not visible[shared_eng].get("revoked")


def test_a_referral_needs_consent_and_sight_comes_from_consent(devices: Devices) -> None:
    """decisions.md #7 (replaces "a referral gives its partner sight"): a referral outside the
    person's consent is refused; the owner records consent first (same push), and from then on
    the partner's sight follows consent alone, not the referral."""
    alice, dwp, fife = devices["demo.adviser"], devices["dwp.adviser"], devices["fife.adviser"]
    client_id, h0 = alice.create_client()
    engagement_id, eng = _engagement(alice, client_id)
    referral_id = new_id()
    fields = {"client_id": client_id, "to_partner": "FIFE_COUNCIL", "reason": "Housing advice"}
    referral = alice.upsert("referral", referral_id, fields)
    _, fife_cursor = fife.pull()
    results = alice.push(eng, referral)
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert results[1]["reason"] == "forbidden"
    assert "consent" in results[1]["detail"]
    assert client_id not in fife.pull(fife_cursor)[0]

    consent = alice.upsert(
        "client", client_id, {"share_with": ["FIFE_COUNCIL"]}, base={"share_with": h0}
    )
    referral = alice.upsert("referral", referral_id, fields)
    assert [r["status"] for r in alice.push(consent, referral)] == ["applied", "applied"]
    visible, fife_cursor = fife.pull(fife_cursor)
    assert {client_id, engagement_id, referral_id} <= set(visible)
    assert not any(visible[i].get("revoked") for i in (client_id, engagement_id, referral_id))
    assert client_id not in dwp.pull()[0]
    # The partner can work with the person now: accept the referral, record an outcome.
    accept = fife.upsert("referral", referral_id, {"status": "accepted"}, base={"status": None})
    outcome_id = new_id()
    outcome = fife.upsert(
        "outcome",
        outcome_id,
        {"client_id": client_id, "status": "training", "recorded_on": "2026-11-25"},
    )
    assert [r["status"] for r in fife.push(accept, outcome)] == ["applied", "applied"]
    assert alice.record(outcome_id) is not None
    # Deleting the referral leaves sight as consent says; narrowing consent takes it away.
    assert alice.push_one(alice.delete("referral", referral_id))["status"] == "applied"
    assert client_id in fife.pull()[0]
    narrow = alice.upsert(
        "client", client_id, {"share_with": []}, base={"share_with": consent["hlc"]}
    )
    assert alice.push_one(narrow)["status"] == "applied"
    changed, _ = fife.pull(fife_cursor)
    assert changed.get(client_id) == {"record_id": client_id, "revoked": True}


def test_pushing_to_an_invisible_record_is_forbidden_and_the_rest_applies(
    devices: Devices,
) -> None:
    alice, dwp = devices["demo.adviser"], devices["dwp.adviser"]
    private_id, _ = alice.create_client(occupation="Welder")
    before = alice.record(private_id)
    edit = dwp.upsert("client", private_id, {"occupation": "Spy"}, base={"occupation": None})
    child_id, child = _engagement(dwp, private_id)
    delete = dwp.delete("client", private_id)
    own_id = new_id()
    own = dwp.upsert("client", own_id, {"first_name": "Own", "last_name": "Client"})
    results = dwp.push(edit, child, delete, own)
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "applied"]
    assert [r["reason"] for r in results[:3]] == ["forbidden"] * 3
    assert alice.record(private_id) == before
    assert alice.record(child_id) is None
    assert alice.record(own_id) is None  # DWP's own person is DWP's alone
    assert own_id in dwp.pull()[0]


def test_an_hlc_far_ahead_of_server_time_is_rejected_and_the_rest_applies(
    devices: Devices,
) -> None:
    """Pitfalls: bound how far ahead of server time an HLC may be, so a laptop whose clock
    runs days fast cannot win every future conflict."""
    from pace_shared.hlc import Timestamp, now_ms

    alice = devices["demo.adviser"]
    future = str(Timestamp(now_ms() + 3 * 86_400_000, 0, alice.device_id))
    ahead = alice.upsert("employer", new_id(), {"name": "From the future"}, hlc=future)
    fine = alice.upsert("employer", new_id(), {"name": "From today"})
    results = alice.push(ahead, fine)
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["reason"] not in (None, "")
    assert alice.record(ahead["record_id"]) is None


# --- bad input --------------------------------------------------------------------------------

BAD_CLIENT_FIELDS: list[tuple[str, dict[str, Any], str]] = [
    ("client", {"ni_number": "QQ123456C"}, "ni_number"),
    ("client", {"postcode": "NOT A POSTCODE"}, "postcode"),
    ("client", {"email": "bob@"}, "email"),
    ("client", {"date_of_birth": "1990-02-30"}, "date_of_birth"),
    ("client", {"consent_recorded_at": "yesterday"}, "consent_recorded_at"),
    ("client", {"share_with": ["MARS"]}, "share_with"),
    ("client", {"favourite_colour": "blue"}, "favourite_colour"),
    ("client", {"phone": "call me maybe"}, "phone"),
    ("client", {"first_name": 42}, "first_name"),
]


def test_bad_input_is_rejected_per_change_and_names_the_field(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    client_id, _ = alice.create_client()
    cases: list[tuple[dict[str, Any], str]] = []
    for record_type, fields, name in BAD_CLIENT_FIELDS:
        cases.append(
            (
                alice.upsert(
                    record_type, new_id(), {"first_name": "A", "last_name": "B", **fields}
                ),
                name,
            )
        )
    creates = [
        ("client", {"first_name": "No surname"}, "last_name"),
        (
            "engagement",
            {"client_id": client_id, "kind": "karaoke", "occurred_on": "2026-11-01"},
            "kind",
        ),
        ("engagement", {"client_id": client_id, "kind": "other"}, "occurred_on"),
        ("referral", {"client_id": client_id, "to_partner": "NOPE"}, "to_partner"),
        (
            "outcome",
            {"client_id": client_id, "status": "retired", "recorded_on": "2026-11-01"},
            "status",
        ),
        ("redundancy_event", {"employer_id": new_id(), "affected_count": -1}, "affected_count"),
        ("employer", {"name": "Acme", "sector": "Z"}, "sector"),
        (
            "engagement",
            {"client_id": "not-a-uuid", "kind": "other", "occurred_on": "2026-11-01"},
            "client_id",
        ),
    ]
    for record_type, fields, name in creates:
        cases.append((alice.upsert(record_type, new_id(), fields), name))
    # Envelope errors.
    bad_type = alice.upsert("client", new_id(), {"first_name": "A", "last_name": "B"})
    bad_type["record_type"] = "spaceship"
    cases.append((bad_type, "record_type"))
    bad_hlc = alice.upsert("client", new_id(), {"first_name": "A", "last_name": "B"})
    bad_hlc["hlc"] = "yesterday"
    cases.append((bad_hlc, "hlc"))
    bad_op = alice.upsert("client", new_id(), {"first_name": "A", "last_name": "B"})
    bad_op["op"] = "merge"
    cases.append((bad_op, "op"))
    bad_record_id = alice.upsert("client", "client-1", {"first_name": "A", "last_name": "B"})
    cases.append((bad_record_id, "record_id"))
    # An existing record pushed as another type.
    cases.append((alice.upsert("employer", client_id, {"name": "Not a person"}), "record_type"))
    # Clearing a required field of an existing record.
    cases.append(
        (
            alice.upsert("client", client_id, {"last_name": None}, base={"last_name": None}),
            "last_name",
        )
    )
    good = alice.upsert("client", new_id(), {"first_name": "Good", "last_name": "Change"})
    changes = [c for c, _ in cases]
    changes.insert(len(changes) // 2, good)
    body = alice.api.push(changes)
    by_id = {r["change_id"]: r for r in body["results"]}
    assert len(body["results"]) == len(changes)
    assert by_id[good["change_id"]]["status"] == "applied"
    problems = []
    for sent, name in cases:
        result = by_id.get(sent["change_id"])
        if (
            result is None
            or result["status"] != "rejected"
            or result.get("reason") != "invalid_request"
            or name not in (result.get("detail") or "")
        ):
            problems.append((name, sent["fields"], result))
    assert not problems, problems
    assert alice.record(good["record_id"]) is not None


def test_a_nul_character_in_a_client_id_is_rejected_not_fatal(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    bad = alice.upsert(
        "engagement",
        new_id(),
        {"client_id": "0000\x00", "kind": "other", "occurred_on": "2026-11-01"},
    )
    good = alice.upsert("employer", new_id(), {"name": "Still applied"})
    response = alice.api.request("POST", PUSH, json={"changes": [bad, good]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["reason"] == "invalid_request"
    assert "client_id" in results[0]["detail"]


def test_changes_that_are_not_objects_are_rejected_not_fatal(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    good = alice.upsert("client", new_id(), {"first_name": "Fine", "last_name": "Person"})
    body = alice.api.push(["not a change", 7, None, {"change_id": new_id()}, good])
    statuses = [r["status"] for r in body["results"]]
    assert statuses == ["rejected"] * 4 + ["applied"], body
    assert all(r["reason"] == "invalid_request" for r in body["results"][:4])


@pytest.mark.parametrize(
    "payload",
    [b"{not json", b"", b"[]", b'{"changes": "all of them"}', b"\xff\xfe\x00", b"null"],
    ids=["broken", "empty", "list", "changes-not-list", "not-utf8", "null"],
)
def test_malformed_push_bodies_get_422(devices: Devices, payload: bytes) -> None:
    response = devices["demo.adviser"].post_raw(PUSH, payload)
    assert_error(response, 422, "invalid_request")


def test_more_than_1000_changes_is_413(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    changes = [alice.upsert("employer", new_id(), {"name": f"Employer {i}"}) for i in range(1001)]
    response = alice.api.request("POST", PUSH, json={"changes": changes})
    assert_error(response, 413, "payload_too_large")
    # Exactly 1,000 is fine.
    assert len(alice.push(*changes[:1000])) == 1000


def test_a_body_over_5_mb_is_413(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    big = b'{"changes": [], "padding": "' + b"x" * 5_100_000 + b'"}'
    response = alice.post_raw(PUSH, big)
    assert_error(response, 413, "payload_too_large")

    def chunks() -> Any:  # no Content-Length: the server must still count
        for start in range(0, len(big), 1_000_000):
            yield big[start : start + 1_000_000]

    response = alice.post_raw(PUSH, chunks())
    assert_error(response, 413, "payload_too_large")


# --- revoked devices --------------------------------------------------------------------------


def _assert_revoked(device: Device) -> None:
    assert_error(device.api.request("POST", PUSH, json={"changes": []}), 403, "device_revoked")
    assert_error(device.api.pull_page(), 403, "device_revoked")
    assert_error(device.api.login(), 403, "device_revoked")


def test_device_revoked_by_the_cli(server: LiveServer, devices: Devices) -> None:
    laptop = devices.new("demo.adviser")
    assert (
        laptop.push_one(laptop.upsert("employer", new_id(), {"name": "Before"}))["status"]
        == "applied"
    )
    result = server.cli("revoke-device", laptop.device_id)
    assert result.returncode == 0
    _assert_revoked(laptop)
    # Other devices of the same user carry on.
    assert devices["demo.adviser"].api.pull_page().status_code == 200


def test_device_revoked_by_an_admin(devices: Devices) -> None:
    admin = devices["demo.admin"]
    laptop = devices.new("demo.adviser")
    listed = admin.api.request("GET", "/api/v1/admin/devices")
    assert listed.status_code == 200
    assert laptop.device_id in {d["id"] for d in listed.json()["items"]}
    # An adviser cannot revoke; an admin cannot revoke another partner's device.
    assert_error(
        devices["demo.lead"].api.request(
            "POST", f"/api/v1/admin/devices/{laptop.device_id}/revoke"
        ),
        403,
        "forbidden",
    )
    dwp_laptop = devices.new("dwp.adviser")
    assert_error(
        admin.api.request("POST", f"/api/v1/admin/devices/{dwp_laptop.device_id}/revoke"),
        404,
        "not_found",
    )
    assert dwp_laptop.api.pull_page().status_code == 200
    response = admin.api.request("POST", f"/api/v1/admin/devices/{laptop.device_id}/revoke")
    assert response.status_code == 200, response.text
    assert response.json()["revoked_at"]
    _assert_revoked(laptop)


# --- cursors the server cannot honour ---------------------------------------------------------


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "!!!", _b64("v1:another-epoch:3"), _b64("v9:x:1"), _b64("nonsense")],
)
def test_a_garbage_cursor_gets_resync_required(devices: Devices, cursor: str) -> None:
    assert_error(devices["demo.adviser"].api.pull_page(cursor), 409, "resync_required")


def test_a_cursor_past_the_end_gets_resync_required(devices: Devices) -> None:
    alice = devices["demo.adviser"]
    _, cursor = alice.pull()
    # White-box: the cursor is opaque to clients; this server's is base64 "v1:<epoch>:<seq>".
    try:
        version, epoch, seq = (
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")
        )
        ahead = _b64(f"{version}:{epoch}:{int(seq) + 1000}")
    except ValueError:
        pytest.skip("the server's cursor format changed; this white-box check no longer applies")
    assert_error(alice.api.pull_page(ahead), 409, "resync_required")


def test_a_cursor_from_another_database_gets_resync_required(
    server: LiveServer, devices: Devices
) -> None:
    alice = devices["demo.adviser"]
    record_id, _ = alice.create_client()
    _, cursor = alice.pull()
    assert alice.api.pull_page(cursor).status_code == 200
    rotated = server.cli("rotate-epoch")
    assert rotated.returncode == 0
    assert_error(alice.api.pull_page(cursor), 409, "resync_required")
    # The client pulls from the start again and finds everything.
    items, new_cursor = alice.pull()
    assert record_id in items
    assert alice.api.pull_page(new_cursor).status_code == 200


# --- conflict review --------------------------------------------------------------------------


def _make_conflict(devices: Devices, field: str, values: tuple[str, str]) -> dict[str, Any]:
    """Two concurrent edits of ``field``; returns the record id, conflict id and both HLCs."""
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    record_id, h0 = alice.create_client(**{field: "0131 496 0100"} if field == "phone" else {})
    base = {field: h0 if field == "phone" else None}
    edit_a = alice.upsert("client", record_id, {field: values[0]}, base=base)
    lead.clock.receive(edit_a["hlc"])
    edit_b = lead.upsert("client", record_id, {field: values[1]}, base=base)
    assert alice.push_one(edit_a)["status"] == "applied"
    result = lead.push_one(edit_b)
    assert result["status"] == "conflict"
    return {
        "record_id": record_id,
        "conflict_id": result["conflict_id"],
        "winner_hlc": edit_b["hlc"],
        "loser_hlc": edit_a["hlc"],
    }


def _resolve(device: Device, conflict_id: str, body: dict[str, Any]) -> requests.Response:
    return device.api.request("POST", f"{CONFLICTS}/{conflict_id}/resolve", json=body)


def test_resolving_conflicts(devices: Devices) -> None:
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    keep_winner = _make_conflict(devices, "phone", ("0131 496 0101", "0131 496 0102"))
    keep_loser = _make_conflict(devices, "phone", ("0131 496 0201", "0131 496 0202"))
    keep_value = _make_conflict(devices, "occupation", ("Welder", "Fitter"))
    _, cursor = alice.pull()

    # Advisers neither list nor resolve.
    assert_error(alice.api.request("GET", CONFLICTS), 403, "forbidden")
    assert_error(_resolve(alice, keep_winner["conflict_id"], {"keep": "winner"}), 403, "forbidden")
    # Another partner's adviser cannot either; nor can a reviewer of another partner see it.
    assert_error(
        _resolve(devices["dwp.adviser"], keep_winner["conflict_id"], {"keep": "winner"}),
        403,
        "forbidden",
    )

    before = alice.record(keep_winner["record_id"])
    response = _resolve(lead, keep_winner["conflict_id"], {"keep": "winner"})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "resolved"
    assert alice.record(keep_winner["record_id"]) == before  # nothing new to sync

    response = _resolve(lead, keep_loser["conflict_id"], {"keep": "loser"})
    assert response.status_code == 200, response.text
    response = _resolve(lead, keep_value["conflict_id"], {"keep": "value", "value": "Rigger"})
    assert response.status_code == 200, response.text

    # The chosen values are new edits: every device pulls them, newer than both sides.
    changed, _ = alice.pull(cursor)
    loser_item = changed[keep_loser["record_id"]]
    assert loser_item["fields"]["phone"] == "0131 496 0201"
    assert loser_item["versions"]["phone"] > keep_loser["winner_hlc"]
    value_item = changed[keep_value["record_id"]]
    assert value_item["fields"]["occupation"] == "Rigger"
    assert value_item["versions"]["occupation"] > keep_value["winner_hlc"]
    assert keep_winner["record_id"] not in changed
    assert lead.record(keep_value["record_id"]) == value_item

    # Resolved conflicts leave the open list and cannot be resolved twice.
    open_ids = {c["id"] for c in lead.api.request("GET", CONFLICTS).json()["items"]}
    resolved = {
        c["id"]: c
        for c in lead.api.request("GET", CONFLICTS, params={"status": "resolved"}).json()["items"]
    }
    for case, keep in ((keep_winner, "winner"), (keep_loser, "loser"), (keep_value, "value")):
        assert case["conflict_id"] not in open_ids
        assert resolved[case["conflict_id"]]["resolution"] == keep
        assert resolved[case["conflict_id"]]["resolved_by"] == "demo.lead"
    again = _resolve(lead, keep_loser["conflict_id"], {"keep": "winner"})
    assert again.status_code == 409
    assert set(again.json()) >= {"error", "detail"}


def test_resolve_errors(devices: Devices) -> None:
    lead = devices["demo.lead"]
    case = _make_conflict(devices, "phone", ("0131 496 0301", "0131 496 0302"))
    assert_error(_resolve(lead, new_id(), {"keep": "winner"}), 404, "not_found")
    assert_error(
        _resolve(lead, case["conflict_id"], {"keep": "value", "value": "not a phone"}),
        422,
        "invalid_request",
    )
    assert_error(_resolve(lead, case["conflict_id"], {"keep": "both"}), 422, "invalid_request")
    assert_error(
        lead.post_raw(f"{CONFLICTS}/{case['conflict_id']}/resolve", b"{oops"),
        422,
        "invalid_request",
    )
    # Still open after the failed attempts.
    open_ids = {c["id"] for c in lead.api.request("GET", CONFLICTS).json()["items"]}
    assert case["conflict_id"] in open_ids


def test_resolving_a_consent_conflict_moves_visibility_with_the_value(devices: Devices) -> None:
    """Resolving a conflict is a new edit "that syncs like any other": when the field is
    ``share_with``, who may see the person must follow the chosen value."""
    alice, lead = devices["demo.adviser"], devices["demo.lead"]
    dwp, fife = devices["dwp.adviser"], devices["fife.adviser"]
    client_id, h0 = alice.create_client(share_with=["DWP"])
    lead.pull()
    narrow = alice.upsert("client", client_id, {"share_with": []}, base={"share_with": h0})
    lead.clock.receive(narrow["hlc"])
    widen = lead.upsert(
        "client", client_id, {"share_with": ["DWP", "FIFE_COUNCIL"]}, base={"share_with": h0}
    )
    assert alice.push_one(narrow)["status"] == "applied"
    result = lead.push_one(widen)
    assert result["status"] == "conflict"
    _, dwp_cursor = dwp.pull()
    _, fife_cursor = fife.pull()
    assert client_id in dwp.pull()[0]
    assert client_id in fife.pull()[0]
    # The lead keeps the narrower consent: nobody but SDS may see the person any more.
    response = _resolve(lead, result["conflict_id"], {"keep": "loser"})
    assert response.status_code == 200, response.text
    assert alice.record(client_id)["fields"]["share_with"] == []  # type: ignore[index]
    for partner_device, cursor in ((dwp, dwp_cursor), (fife, fife_cursor)):
        changed, _ = partner_device.pull(cursor)
        assert changed.get(client_id) == {"record_id": client_id, "revoked": True}, (
            partner_device.username,
            changed.get(client_id),
        )
        fresh, _ = partner_device.pull()
        assert fresh.get(client_id, {}).get("revoked", True) is True, partner_device.username
        edit = partner_device.upsert(
            "client", client_id, {"occupation": "x"}, base={"occupation": None}
        )
        assert partner_device.push_one(edit)["status"] == "rejected", partner_device.username


# --- the command line -------------------------------------------------------------------------


def assert_cli_error(result: Any, *fragments: str) -> None:
    assert result.returncode != 0, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected a one-line error, got:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_cli_init_and_seed_are_idempotent(server: LiveServer) -> None:
    assert server.cli("init").returncode == 0
    # A database with users is refused (demo users share a published password) unless forced.
    assert_cli_error(server.cli("seed-demo", check=False), "--force")
    assert server.cli("seed-demo", "--force").returncode == 0
    assert server.cli("list-devices").returncode == 0


def test_cli_create_partner(server: LiveServer) -> None:
    code = f"P_{uuid.uuid4().hex[:8].upper()}"
    assert server.cli("create-partner", code, "A New Partner").returncode == 0
    assert_cli_error(server.cli("create-partner", code, "Again", check=False), code, "exists")
    assert_cli_error(server.cli("create-partner", "lower-case", "Bad", check=False))


def test_cli_create_user_reads_the_password_from_stdin(server: LiveServer) -> None:
    username = f"cli.{uuid.uuid4().hex[:8]}"
    password = "a password with spaces 2026"
    result = server.cli(
        "create-user",
        username,
        "--partner",
        "DWP",
        "--role",
        "team_lead",
        "--display-name",
        "Cli User",
        "--password-stdin",
        stdin=password + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert password not in result.stdout + result.stderr
    client = ApiClient(server.url, username, password)
    response = client.login()
    assert response.status_code == 200, response.text
    assert response.json()["user"] == {
        "id": response.json()["user"]["id"],
        "username": username,
        "display_name": "Cli User",
        "role": "team_lead",
        "partner": "DWP",
    }
    # A team lead of DWP reviews DWP's conflicts only, never SDS's.
    listed = client.request("GET", CONFLICTS, params={"status": "all"})
    assert listed.status_code == 200
    assert all(c["owner_partner"] == "DWP" for c in listed.json()["items"])
    assert_cli_error(
        server.cli(
            "create-user",
            username,
            "--partner",
            "DWP",
            "--role",
            "adviser",
            "--password-stdin",
            stdin="another long password 2026\n",
            check=False,
        ),
        "exists",
    )


def test_cli_create_user_errors(server: LiveServer) -> None:
    def create(*args: str, stdin: str = "a long enough password 2026\n") -> Any:
        return server.cli(
            "create-user",
            f"u.{uuid.uuid4().hex[:6]}",
            *args,
            "--password-stdin",
            stdin=stdin,
            check=False,
        )

    assert_cli_error(create("--partner", "NOPE", "--role", "adviser"), "NOPE")
    assert_cli_error(create("--partner", "SDS", "--role", "adviser", stdin="\n"), "password")
    assert_cli_error(create("--partner", "SDS", "--role", "adviser", stdin=""), "password")
    assert_cli_error(create("--partner", "SDS", "--role", "boss"), "boss")


def test_cli_revoke_device_errors(server: LiveServer) -> None:
    assert_cli_error(server.cli("revoke-device", new_id(), check=False))
    assert_cli_error(server.cli("revoke-device", "not-a-device", check=False))


def test_cli_backup_copy_refuses_the_live_cursors(
    server: LiveServer, devices: Devices, tmp_path: Any
) -> None:
    destination = tmp_path / "backup.db"
    if not server.database_url.startswith("sqlite"):
        assert_cli_error(server.cli("backup", str(destination), check=False), "pg_dump")
        return
    alice = devices["demo.adviser"]
    record_id, _ = alice.create_client()
    result = server.cli("backup", str(destination))
    assert result.returncode == 0
    assert destination.exists()
    assert_cli_error(server.cli("backup", str(destination), check=False), "exists")
    after_backup, _ = alice.create_client()
    _, cursor = alice.pull()
    restored = spawn_server(f"sqlite:///{destination}", tmp_path / "restored.log")
    try:
        copy = Device(restored.client("demo.adviser"))
        assert_error(copy.api.pull_page(cursor), 409, "resync_required")
        items, _ = copy.pull()
        assert record_id in items
        assert after_backup not in items  # the copy is of the moment of the backup
    finally:
        restored.kill()
