"""Governance tests: real stores, real servers; no OS keyring (the memory one)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.memory_keyring import MemoryKeyring, use_memory_keyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with use_memory_keyring() as backend:
        yield backend
