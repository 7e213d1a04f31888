"""People search, the person timeline, events, plain-text rendering and the item models."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from desktop_app.ui.dialogs.timeline_entry import TimelineEntryDialog
from desktop_app.ui.jobs import JobRunner
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.people import PeopleModel
from desktop_app.ui.models.records import EventsModel, TimelineModel
from desktop_app.ui.people import PeoplePage
from desktop_app.ui.sync_scheduler import SyncScheduler

from .conftest import RICH_NAME, add_person, settle


def _seed_people(repo: Any, event_id: str) -> dict[str, str]:
    return {
        "jane": add_person(repo, "Jane", "Smith", postcode="KY7 5QF", event_id=event_id),
        "ian": add_person(repo, "Ian", "Rankin", ni_number="CE654321A"),
        "rich": add_person(repo, RICH_NAME, "Rich"),
    }


def test_people_search_as_you_type(qtbot: Any, state: Any, repo: Any, event_id: str) -> None:
    ids = _seed_people(repo, event_id)
    page = PeoplePage(state)
    qtbot.addWidget(page)
    assert page.model.total == 3
    qtbot.keyClicks(page.search, "CE654321A")
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=2000)
    assert page.model.person_id(0) == ids["ian"]
    page.search.clear()
    qtbot.keyClicks(page.search, "KY7")
    qtbot.waitUntil(lambda: page.model.person_id(0) == ids["jane"], timeout=2000)
    assert page.model.total == 1
    assert page.count_label.text() == "1 person"


def test_people_sorting(qtbot: Any, state: Any, repo: Any, event_id: str) -> None:
    _seed_people(repo, event_id)
    page = PeoplePage(state)
    qtbot.addWidget(page)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == ["Smith", "Rich", "Rankin"]


def test_people_model_pages(qtbot: Any, state: Any, repo: Any, qtmodeltester: Any) -> None:
    for n in range(25):
        add_person(repo, f"Person{n:02d}", "Paged")
    model = PeopleModel(lambda: repo, page_size=10)
    model.refresh()
    assert model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_timeline_and_adding_entries(qtbot: Any, state: Any, repo: Any, event_id: str) -> None:
    person = add_person(repo, "Jane", "Smith")
    # Another partner's engagement, as a sync would have brought it, shows in the timeline too.
    repo.save(
        "engagement", {"client_id": person, "kind": "cv_support", "occurred_on": "2026-11-10"}
    )
    page = PeoplePage(state)
    qtbot.addWidget(page)
    page.open_person(person)
    view = page.person_view
    assert view.title.text() == "Jane Smith"
    assert view.timeline_model.rowCount() == 1

    # Jane agreed to share with every partner, so the referral needs no consent question.
    repo.save("client", {"share_with": ["ALL"]}, record_id=person, consent_method="verbal")
    dialog = TimelineEntryDialog(state, person, "referral", view)
    qtbot.addWidget(dialog)
    dialog.inputs["reason"].setPlainText("Benefits check")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    outcome = TimelineEntryDialog(state, person, "outcome", view)
    qtbot.addWidget(outcome)
    outcome.inputs["months_after"].setValue(3)
    with qtbot.waitSignal(outcome.accepted, timeout=5000):
        outcome.save()
    # The write's Changes refreshed the open timeline: no manual refresh.
    rows = [
        [view.timeline_model.index(r, c).data() for c in range(3)]
        for r in range(view.timeline_model.rowCount())
    ]
    kinds = sorted(row[1] for row in rows)
    assert kinds == ["Engagement", "Outcome", "Referral"]
    details = " | ".join(row[2] for row in rows)
    assert "CV support" in details
    assert "Benefits check" in details
    assert "3 months after" in details


def test_person_edit_saves_only_changes(qtbot: Any, state: Any, repo: Any) -> None:
    person = add_person(repo, "Jane", "Smith")
    page = PeoplePage(state)
    qtbot.addWidget(page)
    page.open_person(person)
    view = page.person_view
    view.details.rows["phone"].edit.setText("07700 900123")
    assert view.changed_fields() == {"phone": "07700 900123"}
    with qtbot.waitSignal(view.saved, timeout=5000):
        view.save()
    assert repo.get(person).fields["phone"] == "07700 900123"
    assert view.status.text() == "Saved."
    assert view.subtitle.text().endswith("changes not yet synced")
    settle(qtbot, state)


def test_rich_text_name_is_shown_literally(qtbot: Any, state: Any, repo: Any) -> None:
    person = add_person(repo, RICH_NAME, "Rich")
    scheduler = SyncScheduler(state, JobRunner())
    window = MainWindow(state, scheduler)
    qtbot.addWidget(window)
    window.open_person(person)
    assert window.people.model.index(0, 1).data() == RICH_NAME
    assert window.people.person_view.title.text() == f"{RICH_NAME} Rich"
    for label in window.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_events_model(qtbot: Any, state: Any, repo: Any, event_id: str, qtmodeltester: Any) -> None:
    model = EventsModel()
    model.set_data(repo.events(), repo.employers(), repo.current_event_id)
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Caledonian Foods Ltd"
    assert model.index(0, 6).data() == "Current"
    qtmodeltester.check(model)


def test_timeline_model(qtbot: Any, repo: Any, qtmodeltester: Any) -> None:
    person = add_person(repo, "Jane", "Smith")
    repo.save("outcome", {"client_id": person, "status": "employed", "recorded_on": "2026-11-20"})
    model = TimelineModel()
    model.set_records(repo.timeline(person))
    qtmodeltester.check(model)


def test_signal_emission_keeps_refcounts() -> None:
    """PySide6 6.12.0 drops a reference to True/None on every signal call: guard against it."""

    class Emitter(QObject):
        fired = Signal(str)

    emitter = Emitter()
    emitter.fired.connect(lambda _text: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.fired.emit("x")
    assert (sys.getrefcount(True), sys.getrefcount(None)) == before
