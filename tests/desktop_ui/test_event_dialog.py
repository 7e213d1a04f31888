"""Creating a redundancy event offline through the event dialog."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.storage.repository import Repository
from desktop_app.ui.dialogs.event_dialog import EventDialog
from desktop_app.ui.state import AppState


def test_an_employer_is_required(qtbot: QtBot, state: AppState, repo: Repository) -> None:
    dialog = EventDialog(state)
    qtbot.addWidget(dialog)
    events_before = len(repo.events())
    dialog.save()
    assert "Employer is required" in dialog.error.text()
    assert len(repo.events()) == events_before


def test_a_new_employer_and_its_event_are_saved_offline(
    qtbot: QtBot, state: AppState, repo: Repository
) -> None:
    pending_before = repo.pending_count()
    dialog = EventDialog(state)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.employer.lineEdit(), "Tay Bakeries Ltd")
    qtbot.keyClicks(dialog.site, "Dundee bakery")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert dialog.event_id is not None
    assert repo.current_event_id == dialog.event_id  # "make current" is ticked by default
    event = repo.get(dialog.event_id)
    assert event is not None
    assert event.fields["site_name"] == "Dundee bakery"
    employer = repo.get(event.fields["employer_id"])
    assert employer is not None
    assert employer.fields["name"] == "Tay Bakeries Ltd"
    assert repo.pending_count() == pending_before + 2  # both queued for the next sync
