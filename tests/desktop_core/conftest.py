"""Fixtures for the desktop core: an in-memory keyring, cheap Argon2 for speed, real stores."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop_app.security.keywrap import KdfParams
from desktop_app.storage.repository import Repository
from desktop_app.storage.store import create_store
from desktop_app.storage.sync_store import SyncStore
from pace_shared.hlc import HybridClock
from tests.support.memory_keyring import MemoryKeyring, use_memory_keyring

#: Cheap Argon2id for tests only, passed explicitly; production defaults stay >= 64 MiB / 3.
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)
PASSWORD = "correct horse battery staple"
DEVICE = "0190aaaa-0000-7000-8000-000000000001"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with use_memory_keyring() as backend:
        yield backend


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> Iterator[None]:
    """A machine without a secure keyring (headless Linux, CI)."""
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(memory_keyring)


@dataclass
class LocalStore:
    path: Path
    key: bytes
    repo: Repository
    sync: SyncStore

    def dispose(self) -> None:
        self.repo.engine.dispose()


def make_store(path: Path, partner: str = "SDS", device: str = DEVICE) -> LocalStore:
    key = bytes(range(32))
    engine = create_store(path, key)
    repo = Repository(engine, HybridClock(device), partner)
    sync = SyncStore(repo)
    sync.init_state("http://127.0.0.1:9", device, "tester", {"username": "tester"})
    return LocalStore(path, key, repo, sync)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    local = make_store(tmp_path / "store.db")
    yield local
    local.dispose()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One real sync server process for a whole test module (seeded with the demo users)."""
    from tests.support.live_server import start_server

    with start_server(tmp_path_factory.mktemp("server")) as server:
        yield server
