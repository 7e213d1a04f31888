"""The Statistics workspace and the analyst's app against a real sync server process."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.session import Profile, Session
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import LiveServer
from tests.support.memory_keyring import MemoryKeyring

ANALYST_PASSWORD = "analyst password for the tests 2026"


def _new_user(server: LiveServer, role: str, partner: str = "SDS") -> str:
    username = f"{role}.{uuid.uuid4().hex[:8]}"
    server.cli(
        "create-user",
        username,
        "--partner",
        partner,
        "--role",
        role,
        "--display-name",
        f"Test {role}",
        "--password-stdin",
        stdin=ANALYST_PASSWORD + "\n",
    )
    return username


def _enrol(server: LiveServer, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder / "profile"),
        server.url,
        username,
        ANALYST_PASSWORD,
        "Statistics laptop",
        kdf_params=FAST_KDF,
    )


@pytest.fixture
def analyst_session(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Session]:
    session = _enrol(live_server, tmp_path, _new_user(live_server, "analyst"))
    yield session
    if not session.is_locked:
        session.lock()


def test_an_analyst_enrols_without_pulling_a_single_record(
    live_server: LiveServer, analyst_session: Session, memory_keyring: MemoryKeyring
) -> None:
    # The demo seed put an employer and an event on the server; a team lead would get them.
    lead = live_server.client("demo.lead")
    items, _cursor = lead.pull_all()
    assert items
    assert analyst_session.user.role == "analyst"
    assert analyst_session.repo.events() == []
    assert analyst_session.repo.employers() == []
    report = analyst_session.sync()
    assert (report.pulled, report.pushed, report.pages) == (0, 0, 0)
    assert analyst_session.repo.events() == []


def test_an_analyst_unlocks_offline_and_still_never_syncs(
    live_server: LiveServer, analyst_session: Session, tmp_path: Path, memory_keyring: Any
) -> None:
    analyst_session.lock()
    again = Session.unlock(Profile(tmp_path / "profile"), ANALYST_PASSWORD)
    try:
        assert again.user.role == "analyst"
        assert again.sync().pages == 0
        assert again.repo.events() == []
    finally:
        again.lock()
