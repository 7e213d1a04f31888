"""Server test fixtures: one real server per backend, shared by the tests of a module.

Starting a server (init, seed-demo, serve) costs about three seconds, so the contract tests
share one per backend and stay independent by using fresh record ids and fresh devices.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.helpers import Device
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer, start_server


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A live server on SQLite and one on PostgreSQL (skipped without it), per module."""
    folder = tmp_path_factory.mktemp(f"server-{request.param}")
    if request.param == "sqlite":
        with start_server(folder) as live:
            yield live
    else:
        with fresh_postgres_database() as url, start_server(folder, database_url=url) as live:
            yield live


class Devices:
    """Logged-in devices of the demo users on one server, made once and reused."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self._cache: dict[str, Device] = {}

    def __getitem__(self, username: str) -> Device:
        if username not in self._cache:
            self._cache[username] = self.new(username)
        return self._cache[username]

    def new(self, username: str) -> Device:
        """A new device (a new login) of ``username``."""
        return Device(self.server.client(username))


@pytest.fixture(scope="module")
def devices(server: LiveServer) -> Devices:
    return Devices(server)
