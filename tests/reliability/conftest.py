"""Fixtures for the reliability suite: no OS keyring (the key-file path the CI machine uses, and
the one a client subprocess can share), cheap Argon2id, real servers."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail

from tests.support.live_server import LiveServer, start_server


@pytest.fixture(autouse=True)
def no_os_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real sync server (SQLite) for a whole module; tests use fresh record ids."""
    with start_server(tmp_path_factory.mktemp("server")) as server:
        yield server
