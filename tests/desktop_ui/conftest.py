"""Fixtures for the UI tests: real SQLCipher stores through the core's Repository."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.session import (
    Changes,
    ConflictCache,
    ConflictView,
    Erased,
    OpenSession,
    Profile,
    ProgressCallback,
    ReportFormat,
    Repository,
    Session,
    StatsQuery,
    StatsResponse,
    SyncReport,
    SyncStatus,
    UserInfo,
    conflicts_of,
    record_view_of,
)
from desktop_app.storage.store import create_store
from desktop_app.sync.errors import Offline
from pace_shared import reference
from pace_shared.hlc import HybridClock
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer, start_server
from tests.support.memory_keyring import MemoryKeyring, use_memory_keyring

RICH_NAME = "<b>x</b><img src=x>"


class StoreSession:
    """A session over a real encrypted store and no server, for pure layout tests only.

    Tests about sync or errors use the real ``Session`` against a real server; this stand-in
    satisfies the same ``OpenSession`` façade and raises the core's real error types.
    """

    keyring_notice: str | None = None
    wipe_problem: str | None = None

    def __init__(self, repo: Repository) -> None:
        self._repo: Repository | None = repo
        self.user = UserInfo(
            id="u-alice", username="alice", display_name="Alice Reid", role="adviser", partner="SDS"
        )
        self.sync_calls = 0

    @property
    def repo(self) -> Repository:
        assert self._repo is not None
        return self._repo

    @property
    def is_locked(self) -> bool:
        return self._repo is None

    def status(self) -> SyncStatus:
        return SyncStatus(False, None, self.repo.pending_count(), self.repo.rejected_count())

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        self.sync_calls += 1
        raise Offline("The sync server cannot be reached.")

    def reauthenticate(self, password: str) -> None:
        raise Offline("The sync server cannot be reached.")

    def fetch_stats(self, query: StatsQuery) -> StatsResponse:
        raise Offline("The sync server cannot be reached.")

    def subject_access(self, record_id: str) -> dict[str, Any]:
        raise Offline("The sync server cannot be reached.")

    def erase_person(self, record_id: str) -> Erased:
        raise Offline("The sync server cannot be reached.")

    def download_report(
        self, query: StatsQuery, report_format: ReportFormat, destination: Path
    ) -> Path:
        raise Offline("The sync server cannot be reached.")

    def lock(self) -> None:
        if self._repo is not None:
            self._repo.close()
        self._repo = None

    def wipe(self) -> None:
        self.lock()

    def open_conflicts(self) -> list[ConflictView]:
        return conflicts_of(self.repo)

    def queue_conflict_resolution(self, conflict_id: str, keep: str, value: Any = None) -> Changes:
        return ConflictCache(self.repo).queue_resolution(conflict_id, keep, value)

    def record_view(self, record_id: str) -> Changes:
        return record_view_of(self.repo, record_id)


def _as_open_session(session: StoreSession) -> OpenSession:
    return session  # the type checker proves the stand-in satisfies the façade


class GuiThreadWrites:
    """Records every INSERT/UPDATE/DELETE that runs on the GUI (main) thread while armed, and
    every one that runs elsewhere, so a test can prove writes happen only on the lane."""

    WRITES = ("insert", "update", "delete", "replace")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.armed = False
        self.on_gui: list[str] = []
        self.off_gui: list[str] = []
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not self.armed or not statement.lstrip().lower().startswith(self.WRITES):
            return
        verb = statement.split(None, 2)[:2]
        target = (
            self.on_gui if threading.current_thread() is threading.main_thread() else self.off_gui
        )
        target.append(" ".join(verb))

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real sync server process for the UI tests about sync and errors."""
    with start_server(tmp_path_factory.mktemp("ui-server")) as server:
        yield server


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with use_memory_keyring() as backend:
        yield backend


@pytest.fixture
def live_session(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Session]:
    """The real Session, enrolled as an SDS adviser against the real server."""
    session = Session.enrol(
        Profile(tmp_path / "profile"),
        live_server.url,
        "demo.adviser",
        DEMO_PASSWORD,
        "UI test laptop",
        kdf_params=FAST_KDF,
    )
    yield session
    if not session.is_locked:
        session.lock()


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

    app_state = AppState(StoreSession(repo))
    yield app_state
    app_state.runner.wait_for_idle()


@pytest.fixture
def gui_writes(repo: Repository) -> Iterator[GuiThreadWrites]:
    """Armed by the test once its fixtures have seeded the store."""
    recorder = GuiThreadWrites(repo.engine)
    yield recorder
    recorder.close()


def settle(qtbot: Any, state: Any) -> None:
    """Wait until every queued write has run and its result reached the GUI thread."""
    qtbot.waitUntil(lambda: not state.runner.busy, timeout=10_000)


def add_person(repo: Repository, first: str, last: str, **extra: Any) -> str:
    # Consent given verbally when ``extra`` sets who the person shares with (the store insists
    # on a method for every consent change; without one it is unused).
    return repo.save(
        "client", {"first_name": first, "last_name": last, **extra}, consent_method="verbal"
    )
