"""Accounts, devices and sessions (issue 8, decisions.md #8), end to end over HTTP and the CLI,
against a real server on SQLite and on PostgreSQL: leavers, password resets and roles, the one
password policy, device secrets and binding, and revocation checked before expiry."""

from __future__ import annotations

import os
import stat
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from tests.server.conftest import Devices
from tests.server.helpers import assert_error
from tests.server.test_contract import assert_cli_error
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import (
    DEMO_PASSWORD,
    ApiClient,
    LiveServer,
    free_port,
    run_cli,
    server_command,
    start_server,
    wait_healthy,
)

PASSWORD = "a long and unusual password 2026"
USERS = "/api/v1/admin/users"


def new_user(server: LiveServer, partner: str = "SDS", role: str = "adviser") -> str:
    username = f"acct.{uuid.uuid4().hex[:8]}"
    server.cli(
        "create-user",
        username,
        "--partner",
        partner,
        "--role",
        role,
        "--display-name",
        "Account Test",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    return username


def signed_in(server: LiveServer, username: str, password: str = PASSWORD) -> ApiClient:
    return server.client(username, password)


def login(
    server: LiveServer,
    username: str,
    password: str = PASSWORD,
    *,
    device_id: str | None = None,
    device_secret: str | None = None,
) -> requests.Response:
    body: dict[str, Any] = {
        "username": username,
        "password": password,
        "device_id": device_id or str(uuid.uuid4()),
        "device_name": "account test laptop",
    }
    if device_secret is not None:
        body["device_secret"] = device_secret
    return requests.post(f"{server.url}/api/v1/auth/login", json=body, timeout=30)


# --- leavers: deactivate and reactivate --------------------------------------------------------


def test_cli_deactivate_revokes_devices_and_refuses_sign_in(server: LiveServer) -> None:
    username = new_user(server)
    laptop = signed_in(server, username)
    assert laptop.pull_page().status_code == 200
    assert server.cli("deactivate-user", username).returncode == 0
    # Every device of the leaver is revoked: its next contact wipes it.
    assert_error(laptop.pull_page(), 403, "device_revoked")
    assert_error(login(server, username, device_id=laptop.device_id), 403, "device_revoked")
    # A new device: the right password says the account is disabled, a wrong one says nothing.
    assert_error(login(server, username), 403, "account_disabled")
    assert_error(login(server, username, "a wrong password 2026"), 401, "unauthenticated")
    assert server.cli("reactivate-user", username).returncode == 0
    assert login(server, username).status_code == 200
    # Reactivating does not restore revoked devices: the user enrols again.
    assert_error(login(server, username, device_id=laptop.device_id), 403, "device_revoked")
    assert_error(laptop.pull_page(), 403, "device_revoked")


def test_cli_reset_password_ends_every_session(server: LiveServer) -> None:
    username = new_user(server)
    first, second = signed_in(server, username), signed_in(server, username)
    new_password = "a completely new password 2026"
    result = server.cli("reset-password", username, "--password-stdin", stdin=new_password + "\n")
    assert result.returncode == 0, result.stderr
    assert new_password not in result.stdout + result.stderr
    for session in (first, second):
        assert_error(session.pull_page(), 401, "unauthenticated")
    assert_error(login(server, username), 401, "unauthenticated")
    # The same laptop signs in again with the new password (it is not revoked).
    assert login(server, username, new_password, device_id=first.device_id).status_code == 200


def test_cli_set_role(server: LiveServer) -> None:
    username = new_user(server)
    assert server.cli("set-role", username, "team_lead").returncode == 0
    assert login(server, username).json()["user"]["role"] == "team_lead"
    assert server.cli("set-role", username, "analyst").returncode == 0
    assert login(server, username).json()["user"]["role"] == "analyst"


def test_cli_account_command_errors_are_one_line(server: LiveServer) -> None:
    nobody = f"nobody.{uuid.uuid4().hex[:6]}"
    for command in ("deactivate-user", "reactivate-user"):
        assert_cli_error(server.cli(command, nobody, check=False), nobody)
    assert_cli_error(server.cli("set-role", nobody, "adviser", check=False), nobody)
    assert_cli_error(
        server.cli("reset-password", nobody, "--password-stdin", stdin=PASSWORD, check=False),
        nobody,
    )
    username = new_user(server)
    assert_cli_error(server.cli("set-role", username, "boss", check=False), "boss")
    assert_cli_error(
        server.cli("reset-password", username, "--password-stdin", stdin="short\n", check=False),
        "12 characters",
    )
    assert login(server, username).status_code == 200  # the failed reset changed nothing


# --- the same operations in the admin API ------------------------------------------------------


def test_admin_api_account_operations(server: LiveServer, devices: Devices) -> None:
    admin = devices["demo.admin"].api
    username = new_user(server)
    laptop = signed_in(server, username)

    def post(path: str, body: Any = None) -> requests.Response:
        return admin.request("POST", f"{USERS}/{username}/{path}", json=body)

    deactivated = post("deactivate")
    assert deactivated.status_code == 200, deactivated.text
    assert deactivated.json()["active"] is False
    assert_error(laptop.pull_page(), 403, "device_revoked")
    assert_error(login(server, username), 403, "account_disabled")
    assert post("reactivate").json()["active"] is True
    assert_error(post("password", {"password": "short"}), 422, "invalid_request")
    assert post("password", {"password": "a new admin set password 2026"}).status_code == 200
    assert login(server, username, "a new admin set password 2026").status_code == 200
    assert post("role", {"role": "team_lead"}).json()["role"] == "team_lead"
    # Admins never make system admins, and manage their own partner's users only.
    assert_error(post("role", {"role": "system_admin"}), 403, "forbidden")
    for path, body in (("deactivate", None), ("role", {"role": "admin"})):
        other = admin.request("POST", f"{USERS}/dwp.adviser/{path}", json=body)
        assert_error(other, 404, "not_found")
    assert login(server, "dwp.adviser", DEMO_PASSWORD).status_code == 200
    # Advisers cannot do any of it.
    adviser = devices["demo.adviser"].api
    refused = adviser.request("POST", f"{USERS}/{username}/deactivate")
    assert_error(refused, 403, "forbidden")
    # Every change is audited.
    audit = admin.request("GET", "/api/v1/admin/audit", params={"limit": 1000}).json()["items"]
    actions = {e["action"] for e in audit if (e["detail"] or {}).get("user") == username}
    assert {
        "user.deactivated",
        "user.reactivated",
        "user.password_reset",
        "user.role_changed",
    } <= actions


def test_system_admin_manages_any_partners_users(server: LiveServer) -> None:
    root = new_user(server, partner="SDS", role="system_admin")
    api = signed_in(server, root)
    target = new_user(server, partner="DWP")
    answer = api.request("POST", f"{USERS}/{target}/deactivate")
    assert answer.status_code == 200, answer.text
    assert (answer.json()["partner"], answer.json()["active"]) == ("DWP", False)
    assert_error(login(server, target), 403, "account_disabled")
    promoted = api.request("POST", f"{USERS}/{target}/role", json={"role": "system_admin"})
    assert promoted.json()["role"] == "system_admin"
    assert_error(api.request("POST", f"{USERS}/{root}/deactivate"), 403, "forbidden")


# --- the password policy -----------------------------------------------------------------------


WEAK = {
    "short": "eleven char",
    "username": "{username} is my password",
    "username-upper": "{USERNAME}-2026-x",
    "common": "password1234",
    "common-upper": "Qwerty123456",
}


@pytest.mark.parametrize("kind", sorted(WEAK))
def test_one_password_policy_for_cli_and_api(
    server: LiveServer, devices: Devices, kind: str
) -> None:
    username = f"weak.{uuid.uuid4().hex[:6]}"
    password = WEAK[kind].format(username=username, USERNAME=username.upper())
    created = devices["demo.admin"].api.request(
        "POST",
        USERS,
        json={"username": username, "display_name": "W", "role": "adviser", "password": password},
    )
    assert_error(created, 422, "invalid_request")
    assert password not in created.text
    result = server.cli(
        "create-user",
        username,
        "--partner",
        "SDS",
        "--role",
        "adviser",
        "--password-stdin",
        stdin=password + "\n",
        check=False,
    )
    assert_cli_error(result, "password")
    assert password not in result.stderr
    assert login(server, username, password).status_code == 401


# --- device secrets and binding ----------------------------------------------------------------


def test_device_secret_is_issued_once_and_the_device_stays_bound(server: LiveServer) -> None:
    username, other = new_user(server), new_user(server)
    device_id = str(uuid.uuid4())
    first = login(server, username, device_id=device_id)
    assert first.status_code == 200, first.text
    secret = first.json()["device_secret"]
    assert isinstance(secret, str)
    assert len(secret) >= 32
    again = login(server, username, device_id=device_id, device_secret=secret)
    assert again.status_code == 200
    assert again.json().get("device_secret") is None  # shown once
    # A client that sends no secret still signs in (it is not "its own device", that is all).
    legacy = login(server, username, device_id=device_id)
    assert legacy.status_code == 200
    assert legacy.json().get("device_secret") is None
    # Another user (same partner, right password) cannot take the device over.
    assert_error(login(server, other, device_id=device_id), 403, "forbidden")
    assert_error(login(server, other, device_id=device_id, device_secret=secret), 403, "forbidden")
    assert login(server, username, device_id=device_id).status_code == 200


def test_devices_enrolled_before_secrets_get_one_at_next_sign_in(server: LiveServer) -> None:
    username = new_user(server)
    device_id = str(uuid.uuid4())
    assert login(server, username, device_id=device_id).status_code == 200
    engine = sa.create_engine(server.database_url)
    try:
        with engine.begin() as conn:  # as a device enrolled before migration 0002 looks
            conn.execute(
                sa.text("UPDATE devices SET secret_hash = NULL WHERE id = :id"), {"id": device_id}
            )
            stored = conn.execute(sa.text("SELECT secret_hash FROM devices")).scalars().all()
    finally:
        engine.dispose()
    secret = login(server, username, device_id=device_id).json()["device_secret"]
    assert secret
    assert secret not in stored  # only hashes are kept


# --- revocation before expiry ------------------------------------------------------------------


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def short_ttl_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp(f"ttl-{request.param}")
    env = {"PACE_TOKEN_TTL_SECONDS": "1"}
    if request.param == "sqlite":
        with start_server(folder, env=env) as live:
            yield live
    else:
        with (
            fresh_postgres_database() as url,
            start_server(folder, database_url=url, env=env) as live,
        ):
            yield live


def test_revoked_device_hears_it_even_with_an_expired_token(short_ttl_server: LiveServer) -> None:
    server = short_ttl_server
    laptop = server.client("demo.adviser")
    other = server.client("demo.adviser")
    time.sleep(1.5)
    assert_error(other.pull_page(), 401, "unauthenticated")  # merely expired
    assert server.cli("revoke-device", laptop.device_id).returncode == 0
    assert_error(laptop.pull_page(), 403, "device_revoked")
    push = laptop.request("POST", "/api/v1/sync/push", json={"changes": []})
    assert_error(push, 403, "device_revoked")
    # Signing in again with the revoked id: device_revoked whatever the password.
    for password in (DEMO_PASSWORD, "a wrong password 2026"):
        answer = login(server, "demo.adviser", password, device_id=laptop.device_id)
        assert_error(answer, 403, "device_revoked")


# --- files and defaults ------------------------------------------------------------------------


def test_seed_demo_refuses_a_database_with_users(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    run_cli("init", database_url=url)
    run_cli("create-partner", "SDS", "Skills Development Scotland", database_url=url)
    run_cli(
        "create-user", "real.user", "--partner", "SDS", "--role", "admin", "--password-stdin",
        database_url=url, stdin=PASSWORD,
    )  # fmt: skip
    refused = run_cli("seed-demo", database_url=url, check=False)
    assert_cli_error(refused, "--force")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            names = conn.execute(sa.text("SELECT username FROM users")).scalars().all()
    finally:
        engine.dispose()
    assert names == ["real.user"]
    assert run_cli("seed-demo", "--force", database_url=url).returncode == 0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_database_wal_and_backups_are_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)  # a usual umask: files would be 0644 unless made private
    try:
        with start_server(tmp_path) as server:
            laptop = server.client("demo.adviser")
            assert laptop.pull_page().status_code == 200
            database = tmp_path / "server.db"
            files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
            assert all(p.exists() for p in files), sorted(os.listdir(tmp_path))
            assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
            backup = tmp_path / "copies" / "backup.db"
            assert server.cli("backup", str(backup)).returncode == 0
            assert _mode(backup) == 0o600
    finally:
        os.umask(previous)


def test_interactive_docs_only_when_asked(tmp_path: Path) -> None:
    with start_server(tmp_path / "plain") as plain:
        for path in ("/docs", "/redoc"):
            assert requests.get(plain.url + path, timeout=10).status_code == 404
        assert requests.get(plain.url + "/openapi.json", timeout=10).status_code == 200
    with start_server(tmp_path / "docs", env={"PACE_EXPOSE_DOCS": "1"}) as docs:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert requests.get(docs.url + path, timeout=10).status_code == 200


def test_serve_passes_forwarded_allow_ips_to_uvicorn(tmp_path: Path) -> None:
    """Behind a proxy, rate limiting and the audit log see the real client address."""
    url = f"sqlite:///{tmp_path / 'proxy.db'}"
    run_cli("init", database_url=url)
    run_cli("seed-demo", database_url=url)
    port = free_port()
    log = (tmp_path / "proxy.log").open("ab")
    process = subprocess.Popen(
        [
            *server_command(), "serve", "--host", "127.0.0.1", "--port", str(port),
            "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
        ],
        env={**os.environ, "PACE_DATABASE_URL": url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    log.close()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, process)
        answer = requests.post(
            f"{base}/api/v1/auth/login",
            json={
                "username": "demo.lead",
                "password": "a wrong password 2026",
                "device_id": str(uuid.uuid4()),
                "device_name": "behind a proxy",
            },
            headers={"X-Forwarded-For": "203.0.113.7"},
            timeout=30,
        )
        assert answer.status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=30)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            addresses = conn.execute(
                sa.text("SELECT address FROM login_failures WHERE username = 'demo.lead'")
            ).scalars()
            assert list(addresses) == ["203.0.113.7"]
    finally:
        engine.dispose()
