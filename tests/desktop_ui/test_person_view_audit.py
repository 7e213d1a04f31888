"""Opening another partner's person in the person view queues an audited ``viewed`` event on
the write lane (never on the GUI thread); opening one's own partner's person does not."""

from __future__ import annotations

import uuid
from typing import Any

from desktop_app.storage.repository import Repository
from desktop_app.storage.sync_store import SyncStore
from desktop_app.storage.viewed import ViewedOutbox
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler
from pace_shared.wire import PullItem

from .conftest import GuiThreadWrites, add_person, settle


def _pulled_person(repo: Repository, owner: str) -> str:
    """A person another partner registered and shared, as a pull would bring it."""
    person = str(uuid.uuid4())
    hlc = f"1764158400000-0000-{uuid.uuid4()}"
    item = PullItem(
        seq=1,
        record_id=person,
        record_type="client",
        owner_partner=owner,
        fields={"first_name": "Shared", "last_name": "Elsewhere", "share_with": ["SDS"]},
        versions={"first_name": hlc, "last_name": hlc, "share_with": hlc},
    )
    store = SyncStore(repo)
    store.init_state("http://127.0.0.1:9", repo.clock.node, "alice", {"username": "alice"})
    store.apply_page([item], "cursor-1")
    return person


def test_opening_another_partners_person_queues_a_viewed_event(
    qtbot: Any, state: AppState, repo: Repository, gui_writes: GuiThreadWrites
) -> None:
    theirs = _pulled_person(repo, "DWP")
    ours = add_person(repo, "Own", "Person")
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    gui_writes.armed = True

    window.open_person(ours)
    settle(qtbot, state)
    assert ViewedOutbox(repo).count() == 0
    window.open_person(theirs)
    settle(qtbot, state)
    assert [e.record_id for e in ViewedOutbox(repo).batch()] == [theirs]
    assert gui_writes.on_gui == []
    assert any(verb == "INSERT INTO" for verb in gui_writes.off_gui)
