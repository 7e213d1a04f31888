"""Governance tests: real stores, real servers; no OS keyring (the memory one)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server import conftest as server_fixtures
from tests.server.conftest import Devices
from tests.server.helpers import Device
from tests.support.live_server import DEMO_PASSWORD, LiveServer
from tests.support.memory_keyring import MemoryKeyring, use_memory_keyring

#: The server tests' fixtures: a live server per backend (module scope) and its devices.
server = server_fixtures.server
devices = server_fixtures.devices


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with use_memory_keyring() as backend:
        yield backend


def add_system_admin(server: LiveServer, username: str = "gov.sysadmin") -> str:
    """A system administrator (decisions.md #10), made once per server."""
    made = server.cli(
        "create-user",
        username,
        "--partner",
        "SDS",
        "--role",
        "system_admin",
        "--display-name",
        "Governance Admin",
        "--password-stdin",
        stdin=DEMO_PASSWORD,
        check=False,
    )
    assert made.returncode == 0 or "exists" in made.stderr, made.stderr
    return username


@pytest.fixture(scope="module")
def sysadmin(server: LiveServer, devices: Devices) -> Device:
    return devices[add_system_admin(server)]
