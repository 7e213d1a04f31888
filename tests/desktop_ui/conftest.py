"""Fixtures for the UI tests: real SQLCipher stores through the core's Repository."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.storage.repository import Repository
from desktop_app.storage.store import create_store
from pace_shared import reference
from pace_shared.hlc import HybridClock

RICH_NAME = "<b>x</b><img src=x>"


class StoreSession:
    """A session over a real encrypted store with no server: every sync finds it unreachable.

    Only used where a test needs no enrolment; lock/unlock tests use the real Session.
    """

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.user = SimpleNamespace(
            username="alice", display_name="Alice Reid", role="adviser", partner="SDS"
        )
        self.sync_calls = 0

    def status(self) -> Any:
        return SimpleNamespace(
            online=False,
            last_sync_at=None,
            pending=self.repo.pending_count(),
            rejected=self.repo.rejected_count(),
        )

    def sync(self, progress: Any = None) -> Any:
        self.sync_calls += 1
        raise ConnectionError("the sync server cannot be reached")

    def lock(self) -> None:
        self.repo.close()


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    engine = create_store(tmp_path / "store.db", os.urandom(32))
    partners = {p["code"] for p in reference.partners()}
    repository = Repository(engine, HybridClock(str(uuid.uuid4())), "SDS", partners)
    yield repository
    repository.close()
    engine.dispose()


@pytest.fixture
def event_id(repo: Repository) -> str:
    employer = repo.save("employer", {"name": "Caledonian Foods Ltd", "sector": "C"})
    event = repo.save(
        "redundancy_event",
        {
            "employer_id": employer,
            "site_name": "Glenrothes plant",
            "local_authority": "Fife",
            "announced_on": "2026-11-02",
            "affected_count": 140,
            "status": "open",
        },
    )
    repo.set_current_event(event)
    return event


@pytest.fixture
def state(repo: Repository, event_id: str) -> Any:
    from desktop_app.ui.state import AppState

    return AppState(StoreSession(repo))


def add_person(repo: Repository, first: str, last: str, **extra: Any) -> str:
    return repo.save("client", {"first_name": first, "last_name": last, **extra})
