"""Partners in the admin API and the CLI (decisions.md #10): system admins alone create, rename,
deactivate and reactivate them; a deactivated partner's users are refused like disabled
accounts and its devices are revoked. Over HTTP against a real server on SQLite and
PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.server.conftest import Devices
from tests.server.helpers import assert_error
from tests.server.test_accounts import PASSWORD, login, new_user, signed_in
from tests.server.test_contract import assert_cli_error
from tests.support.live_server import ApiClient, LiveServer

PARTNERS = "/api/v1/admin/partners"
USERS = "/api/v1/admin/users"


def new_code() -> str:
    return f"P_{uuid.uuid4().hex[:8].upper()}"


def system_admin(server: LiveServer) -> ApiClient:
    return signed_in(server, new_user(server, partner="SDS", role="system_admin"))


def create_partner(api: ApiClient, code: str, name: str = "Test partner") -> requests.Response:
    return api.request("POST", PARTNERS, json={"code": code, "name": name})


@pytest.mark.parametrize("role", ["admin", "team_lead", "adviser", "analyst"])
def test_only_system_admins_manage_partners(server: LiveServer, role: str) -> None:
    api = signed_in(server, new_user(server, role=role))
    calls = [
        api.request("GET", PARTNERS),
        create_partner(api, new_code()),
        api.request("POST", f"{PARTNERS}/DWP/rename", json={"name": "Renamed"}),
        api.request("POST", f"{PARTNERS}/DWP/deactivate"),
        api.request("POST", f"{PARTNERS}/DWP/reactivate"),
    ]
    for answer in calls:
        assert_error(answer, 403, "forbidden")
    names = {
        p["code"]: p["name"] for p in system_admin(server).request("GET", PARTNERS).json()["items"]
    }
    assert names["DWP"] != "Renamed"
    assert login(server, "dwp.adviser", "demo-password-2026").status_code == 200


def test_system_admin_creates_lists_and_renames_partners(server: LiveServer) -> None:
    api = system_admin(server)
    code = new_code()
    created = create_partner(api, code, "Borders College")
    assert created.status_code == 201, created.text
    assert created.json()["code"] == code
    assert created.json()["active"] is True
    assert_error(create_partner(api, code), 409, "already_exists")
    for bad_code in ("lower", "X", "1ABC", "A B"):
        assert_error(create_partner(api, bad_code), 422, "invalid_request")
    assert_error(create_partner(api, new_code(), "bad\x07name"), 422, "invalid_request")
    renamed = api.request("POST", f"{PARTNERS}/{code}/rename", json={"name": "Borders College!"})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Borders College!"
    listed = {p["code"]: p for p in api.request("GET", PARTNERS).json()["items"]}
    assert listed[code]["name"] == "Borders College!"
    assert {"SDS", "DWP"} <= set(listed)
    assert_error(
        api.request("POST", f"{PARTNERS}/NOPE_NONE/rename", json={"name": "x"}), 404, "not_found"
    )
    assert_error(
        api.request("POST", f"{PARTNERS}/{code}/rename", json={"name": ""}), 422, "invalid_request"
    )


def test_deactivated_partner_refuses_sign_in_and_revokes_its_devices(
    server: LiveServer, devices: Devices
) -> None:
    root = system_admin(server)
    code = new_code()
    assert create_partner(root, code, "Leaving partner").status_code == 201
    # A system admin creates users in any partner; its admin then works as usual.
    username = f"leaving.{uuid.uuid4().hex[:6]}"
    made = root.request(
        "POST",
        USERS,
        json={
            "username": username,
            "display_name": "Leaving Adviser",
            "role": "adviser",
            "password": PASSWORD,
            "partner": code,
        },
    )
    assert made.status_code == 201, made.text
    assert made.json()["partner"] == code
    laptop = signed_in(server, username)
    assert laptop.pull_page().status_code == 200

    assert_error(root.request("POST", f"{PARTNERS}/SDS/deactivate"), 403, "forbidden")
    answer = root.request("POST", f"{PARTNERS}/{code}/deactivate")
    assert answer.status_code == 200, answer.text
    assert answer.json()["active"] is False
    # Its devices: revoked, so each wipes itself at its next contact.
    assert_error(laptop.pull_page(), 403, "device_revoked")
    assert_error(login(server, username, device_id=laptop.device_id), 403, "device_revoked")
    # Its users: refused as a disabled account with the right password; 401 otherwise.
    assert_error(login(server, username), 403, "account_disabled")
    assert_error(login(server, username, "a wrong password 2026"), 401, "unauthenticated")
    listed = {d["id"]: d for d in root.request("GET", "/api/v1/admin/devices").json()["items"]}
    assert listed[laptop.device_id]["revoked_at"]

    assert root.request("POST", f"{PARTNERS}/{code}/reactivate").json()["active"] is True
    assert login(server, username).status_code == 200
    assert_error(laptop.pull_page(), 403, "device_revoked")  # revoked devices stay revoked

    # Audited, attributed to the system admin (an SDS user, so SDS's admins see it).
    audit = (
        devices["demo.admin"]
        .api.request("GET", "/api/v1/admin/audit", params={"limit": 1000})
        .json()["items"]
    )
    actions = [e["action"] for e in audit if (e["detail"] or {}).get("partner") == code]
    assert {"partner.created", "partner.deactivated", "partner.reactivated"} <= set(actions)
    assert "device.revoked" in actions


def test_system_admin_sees_every_partners_users_and_devices(
    server: LiveServer, devices: Devices
) -> None:
    root = system_admin(server)
    devices["dwp.adviser"]  # a DWP device exists
    users = {u["username"]: u for u in root.request("GET", USERS).json()["items"]}
    assert users["dwp.adviser"]["partner"] == "DWP"
    assert users["demo.admin"]["partner"] == "SDS"
    partners = {d["partner"] for d in root.request("GET", "/api/v1/admin/devices").json()["items"]}
    assert {"SDS", "DWP"} <= partners
    # An admin still sees and creates only in their own partner.
    admin = devices["demo.admin"].api
    assert {u["partner"] for u in admin.request("GET", USERS).json()["items"]} == {"SDS"}
    body = {
        "username": f"x.{uuid.uuid4().hex[:6]}",
        "display_name": "X",
        "role": "adviser",
        "password": PASSWORD,
        "partner": "DWP",
    }
    assert_error(admin.request("POST", USERS, json=body), 403, "forbidden")


def test_cli_partner_commands(server: LiveServer) -> None:
    code = new_code()
    assert server.cli("create-partner", code, "CLI partner").returncode == 0
    assert server.cli("rename-partner", code, "CLI partner renamed").returncode == 0
    username = new_user(server, partner=code)
    assert server.cli("deactivate-partner", code).returncode == 0
    assert_error(login(server, username), 403, "account_disabled")
    assert server.cli("reactivate-partner", code).returncode == 0
    assert login(server, username).status_code == 200
    for command in ("deactivate-partner", "reactivate-partner"):
        assert_cli_error(server.cli(command, "NO_SUCH", check=False), "NO_SUCH")
    assert_cli_error(server.cli("rename-partner", "NO_SUCH", "x", check=False), "NO_SUCH")
    listed = {
        p["code"]: p["name"] for p in system_admin(server).request("GET", PARTNERS).json()["items"]
    }
    assert listed[code] == "CLI partner renamed"
