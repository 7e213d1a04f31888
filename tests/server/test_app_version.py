"""The desktop app reports its version with every request; the server keeps the last one per
device and shows it in ``pace-sync-server list-devices`` and the admin devices API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.security.keywrap import KdfParams
from desktop_app.session import Profile, Session
from pace_shared.version import APP_VERSION_HEADER, app_version
from tests.support.live_server import DEMO_PASSWORD, ApiClient, LiveServer
from tests.support.memory_keyring import use_memory_keyring

FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    with use_memory_keyring():
        yield


def device_line(server: LiveServer, device_id: str) -> str:
    listing = server.cli("list-devices").stdout.splitlines()
    [line] = [line for line in listing if line.startswith(device_id)]
    return line


def admin_view(server: LiveServer, device_id: str) -> dict[str, object]:
    response = server.client("demo.admin").request("GET", "/api/v1/admin/devices")
    assert response.status_code == 200, response.text
    [device] = [d for d in response.json()["items"] if d["id"] == device_id]
    return dict(device)


def test_desktop_sync_records_the_app_version(server: LiveServer, tmp_path: Path) -> None:
    session = Session.enrol(
        Profile(tmp_path / "laptop"),
        server.url,
        "demo.adviser",
        DEMO_PASSWORD,
        "versioned laptop",
        lambda done, total, message: None,
        kdf_params=FAST_KDF,
    )
    try:
        session.sync()
        device_id = session.device_id
    finally:
        session.lock()
    version = app_version()
    assert version != "0+unknown"  # the package is installed: metadata knows its version
    assert device_line(server, device_id).split()[3] == version
    assert admin_view(server, device_id)["app_version"] == version


def versioned_client(server: LiveServer, header: str | None) -> ApiClient:
    client = server.client("demo.adviser")
    if header is not None:
        client.http.headers[APP_VERSION_HEADER] = header
    response = client.pull_page()
    assert response.status_code == 200, response.text
    return client


@pytest.mark.parametrize(
    "header", [None, "", "<b>1.0</b>", "1.0; DROP TABLE devices", "x" * 65, "1.0\u00a0beta"]
)
def test_a_missing_or_malformed_version_is_not_stored(server: LiveServer, header: str) -> None:
    client = versioned_client(server, header)
    assert device_line(server, client.device_id).split()[3] == "-"
    assert admin_view(server, client.device_id)["app_version"] is None


def test_the_last_reported_version_wins(server: LiveServer) -> None:
    client = versioned_client(server, "0.1.0")
    client.http.headers[APP_VERSION_HEADER] = "0.2.0+site.1"
    assert client.pull_page().status_code == 200
    assert device_line(server, client.device_id).split()[3] == "0.2.0+site.1"
    # A later request without the header keeps what the device last said.
    del client.http.headers[APP_VERSION_HEADER]
    assert client.pull_page().status_code == 200
    assert admin_view(server, client.device_id)["app_version"] == "0.2.0+site.1"
