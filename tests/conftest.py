"""Shared fixtures: a live server on SQLite, and (when configured) on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer, start_server


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with start_server(tmp_path) as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def any_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """The same test against a server on SQLite and on PostgreSQL (skipped without it)."""
    if request.param == "sqlite":
        with start_server(tmp_path) as server:
            yield server
    else:
        with fresh_postgres_database() as url, start_server(tmp_path, database_url=url) as server:
            yield server
