"""The workspace shell by role, and the team lead's caseload, referrals and events screens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.session import Profile, Repository, Session, UserInfo
from desktop_app.ui.lead.caseload import CaseloadPage
from desktop_app.ui.lead.events_review import EventsReviewPage
from desktop_app.ui.lead.models import CaseloadModel, EventSummaryModel, ReferralsModel
from desktop_app.ui.lead.referrals import ReferralsPage
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import SyncScheduler
from desktop_app.ui.workspaces import allowed
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer
from tests.support.memory_keyring import MemoryKeyring
from tests.support.midnight import local_today_clear_of_midnight, wait_clear_of_midnight

from .conftest import StoreSession, add_person, settle


def as_role(state: AppState, role: str) -> None:
    session = state.session
    assert isinstance(session, StoreSession)
    session.user = UserInfo(
        id="u-1", username="morag", display_name="Morag Campbell", role=role, partner="SDS"
    )
    state.set_session(session)


@pytest.fixture
def lead_state(state: AppState) -> AppState:
    as_role(state, "team_lead")
    return state


LEAD = ["casework", "caseload", "conflicts", "referrals", "events_review"]


def window_for(qtbot: Any, state: AppState) -> MainWindow:
    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("adviser", ["casework"]),
        ("team_lead", [*LEAD, "duplicates", "statistics"]),
        ("admin", [*LEAD, "duplicates", "statistics", "administration"]),
        ("system_admin", [*LEAD, "statistics", "administration"]),
        ("analyst", ["statistics"]),
    ],
)
def test_role_decides_the_workspaces(
    qtbot: Any, state: AppState, role: str, expected: list[str]
) -> None:
    as_role(state, role)
    window = window_for(qtbot, state)
    assert window.workspaces.keys() == expected
    assert [spec.key for spec in allowed(role)] == expected
    # One workspace: no tab bar, the casework tabs fill the window as before.
    assert window.workspaces.tabBar().isVisibleTo(window) == (len(expected) > 1)
    settle(qtbot, state)


def test_workspaces_have_names_and_ctrl_number_keys(qtbot: Any, lead_state: AppState) -> None:
    window = window_for(qtbot, lead_state)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    shell = window.workspaces
    for i in range(shell.count()):
        assert shell.widget(i).accessibleName().endswith("workspace")
        assert shell.tabToolTip(i) == f"Ctrl+{i + 1}"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert shell.keys()[shell.currentIndex()] == "referrals"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert shell.currentWidget() is window.tabs
    settle(qtbot, lead_state)


def test_a_new_sign_in_with_another_role_changes_the_workspaces(
    qtbot: Any, lead_state: AppState
) -> None:
    window = window_for(qtbot, lead_state)
    assert len(window.workspaces.keys()) == 7
    as_role(lead_state, "adviser")
    assert window.workspaces.keys() == ["casework"]
    settle(qtbot, lead_state)


def _seed_caseload(repo: Repository, event_id: str) -> dict[str, str]:
    other_event = repo.save(
        "redundancy_event",
        {"employer_id": repo.events()[0].fields["employer_id"], "site_name": "Dundee depot",
         "local_authority": "Dundee City"},
    )  # fmt: skip
    people = {
        "jane": add_person(repo, "Jane", "Smith", event_id=event_id),
        "ian": add_person(repo, "Ian", "Rankin", event_id=event_id),
        "rich": add_person(repo, "<b>x</b>", "Rich", event_id=other_event),
    }
    repo.save(
        "engagement",
        {"client_id": people["jane"], "kind": "cv_support", "occurred_on": "2026-11-10"},
    )
    return people


def caseload_ready(qtbot: Any, page: CaseloadPage, total: int) -> None:
    qtbot.waitUntil(lambda: page.index is not None and page.model.total == total, timeout=10_000)


def test_caseload_filters_counts_and_opens_a_person(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str
) -> None:
    people = _seed_caseload(repo, event_id)
    window = window_for(qtbot, lead_state)
    assert window.workspaces.show_workspace("caseload")
    page = window.workspaces.currentWidget()
    assert isinstance(page, CaseloadPage)
    caseload_ready(qtbot, page, 3)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == ["Rankin", "Rich", "Smith"]
    # This laptop registered them all: its adviser is the signed-in user.
    assert page.per_adviser.rowCount() == 1
    assert page.per_adviser.item(0, 0).text() == "Morag Campbell"
    assert page.per_adviser.item(0, 1).text() == "3"
    assert page.model.index(0, 2).data() == "Morag Campbell"

    page.area.setCurrentIndex(page.area.findData("Fife"))
    caseload_ready(qtbot, page, 2)
    assert page.count_label.text() == "2 people"
    page.follow_up.setCurrentIndex(page.follow_up.findData("no_engagement"))
    page.days.setValue(5)
    # Jane's last engagement was on 10 November; Ian was registered today.
    caseload_ready(qtbot, page, 1)
    assert page.model.person_id(0) == people["jane"]

    page.table.activated.emit(page.model.index(0, 0))
    assert window.workspaces.currentWidget() is window.tabs
    assert window.tabs.currentWidget() is window.people
    assert window.people.person_view.person_id == people["jane"]
    settle(qtbot, lead_state)


def test_caseload_sorts_and_refreshes_after_a_save(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str
) -> None:
    _seed_caseload(repo, event_id)
    page = CaseloadPage(lead_state)
    qtbot.addWidget(page)
    page.show()
    caseload_ready(qtbot, page, 3)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.index(0, 0).data() == "Smith", timeout=5000)
    lead_state.write(lambda r: r.save_record("client", {"first_name": "Zoe", "last_name": "Zed"}))
    caseload_ready(qtbot, page, 4)
    assert page.model.index(0, 0).data() == "Zed"
    settle(qtbot, lead_state)


def test_caseload_shows_user_data_as_plain_text(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str
) -> None:
    _seed_caseload(repo, event_id)
    page = CaseloadPage(lead_state)
    qtbot.addWidget(page)
    caseload_ready(qtbot, page, 3)
    row = next(r for r in range(3) if page.model.index(r, 0).data() == "Rich")
    assert page.model.index(row, 1).data() == "<b>x</b>"
    tooltip = page.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip != "<b>x</b>"
    assert "&lt;b&gt;" in tooltip


def test_caseload_model_passes_modeltester(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str, qtmodeltester: Any
) -> None:
    for n in range(25):
        add_person(repo, f"Person{n:02d}", "Paged", event_id=event_id)
    page = CaseloadPage(lead_state)
    qtbot.addWidget(page)
    caseload_ready(qtbot, page, 25)
    model = CaseloadModel(page_size=10)
    assert page.index is not None
    assert page.result is not None
    model.set_result(page.index, page.result)
    assert model.rowCount() == 10
    assert model.canFetchMore()
    qtmodeltester.check(model)
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_events_review_counts_and_closing_an_event(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str, qtmodeltester: Any
) -> None:
    people = _seed_caseload(repo, event_id)
    repo.save("outcome", {"client_id": people["jane"], "status": "employed",
                          "recorded_on": "2026-11-20", "months_after": 3})  # fmt: skip
    page = EventsReviewPage(lead_state)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == event_id)
    summary = page.model.row_at(row)
    assert summary is not None
    assert (summary.registered, summary.engagements, summary.outcomes) == (2, 1, 1)
    assert page.model.index(row, 0).data() == "Caledonian Foods Ltd, Glenrothes plant"
    page.table.selectRow(row)
    assert page.close_button.isEnabled()
    page.close_selected(confirm=False)
    settle(qtbot, lead_state)
    qtbot.waitUntil(lambda: page.message.text() == "Event closed.", timeout=5000)
    record = repo.get(event_id)
    assert record is not None
    assert record.fields["status"] == "closed"
    assert event_id in record.pending_fields or "status" in record.pending_fields
    assert page.selected() is not None
    assert page.selected().status == "closed"
    assert not page.close_button.isEnabled()


def test_list_models_pass_modeltester(qtmodeltester: Any, qtbot: Any) -> None:
    qtmodeltester.check(ReferralsModel())
    qtmodeltester.check(EventSummaryModel())


# --- referrals against the real server ------------------------------------------------------


def enrol(server: LiveServer, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder / username), server.url, username, DEMO_PASSWORD, "laptop",
        kdf_params=FAST_KDF,
    )  # fmt: skip


@pytest.fixture
def two_partners(
    live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[tuple[Session, Session]]:
    sds = enrol(live_server, tmp_path, "demo.adviser")
    dwp = enrol(live_server, tmp_path, "dwp.adviser")
    yield sds, dwp
    for session in (sds, dwp):
        if not session.is_locked:
            session.lock()


def referred_person(sds: Session) -> tuple[str, str]:
    person = sds.repo.save(
        "client",
        {"first_name": "Ruth", "last_name": "Moir", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    referral = sds.repo.save(
        "referral", {"client_id": person, "to_partner": "DWP", "reason": "Benefits check"}
    )
    sds.sync()
    return person, referral


def test_receiving_partner_accepts_a_referral_and_the_owner_sees_it(
    qtbot: Any, two_partners: tuple[Session, Session]
) -> None:
    sds, dwp = two_partners
    # The referral is dated by the UTC day it was made, its age by the local day the page is
    # built on: both the same day only if no midnight falls between.
    wait_clear_of_midnight()
    _person, referral = referred_person(sds)
    dwp.sync()
    state = AppState(dwp)
    page = ReferralsPage(state)
    qtbot.addWidget(page)
    assert page.incoming_model.rowCount() == 1
    incoming = page.incoming_model.row_at(0)
    assert incoming is not None
    assert incoming.id == referral
    assert (incoming.from_partner, incoming.status, incoming.person_name) == (
        "SDS", "open", "Ruth Moir",
    )  # fmt: skip
    assert page.outgoing_model.rowCount() == 0
    page.incoming.selectRow(0)
    assert page.accept_button.isEnabled()
    page.accept_selected()
    settle(qtbot, state)
    qtbot.waitUntil(lambda: page.message.text() == "Referral accepted.", timeout=5000)
    assert page.incoming_model.row_at(0).status == "accepted"  # type: ignore[union-attr]
    report = dwp.sync()
    assert report.rejected == 0
    sds.sync()
    seen = sds.repo.get(referral)
    assert seen is not None
    assert seen.fields["status"] == "accepted"
    # The owner's screen lists it as outgoing, accepted.
    owner_page = ReferralsPage(AppState(sds))
    qtbot.addWidget(owner_page)
    outgoing = owner_page.outgoing_model.row_at(0)
    assert outgoing is not None
    assert outgoing.status == "accepted"
    assert outgoing.age_days == 0
    state.runner.wait_for_idle()
    QApplication.processEvents()


@pytest.mark.parametrize("key", ["caseload", "conflicts", "referrals", "events_review"])
def test_lead_workspaces_are_keyboard_accessible(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str, key: str
) -> None:
    from tests.desktop_ui.test_accessibility import check_screen, show

    _seed_caseload(repo, event_id)
    window = window_for(qtbot, lead_state)
    show(qtbot, window)
    assert window.workspaces.show_workspace(key)
    check_screen(qtbot, window, key)
    settle(qtbot, lead_state)


# --- conflicts against the real server ------------------------------------------------------


def test_conflicts_side_by_side_resolved_with_one_action(
    qtbot: Any,
    live_server: LiveServer,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    qtmodeltester: Any,
) -> None:
    from desktop_app.session import CONFLICTS_CHANGED, Changes
    from desktop_app.ui.lead.conflicts import ConflictsPage
    from tests.desktop_core.test_conflict_review import make_conflict

    laptop = enrol(live_server, tmp_path, "demo.adviser")
    tablet = Session.enrol(
        Profile(tmp_path / "tablet"), live_server.url, "demo.adviser", DEMO_PASSWORD, "tablet",
        kdf_params=FAST_KDF,
    )  # fmt: skip
    person = make_conflict(laptop, tablet, "<b>Welder</b>", "Fabricator")
    lead = enrol(live_server, tmp_path, "demo.lead")
    state = AppState(lead)
    page = ConflictsPage(state)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1
    conflict = page.selected()
    assert conflict is not None
    assert conflict.record_id == person
    assert page.model.index(0, 0).data() == "Rhona Conflicted"
    assert page.model.index(0, 1).data() == "Occupation"
    shown = {page.kept.value.text(), page.aside.value.text()}
    assert shown == {"<b>Welder</b>", "Fabricator"}
    assert page.kept.value.textFormat() == Qt.TextFormat.PlainText
    assert page.kept.who.text() == page.aside.who.text() == "demo.adviser"
    assert {page.kept.device.text(), page.aside.device.text()} == {
        laptop.device_id,
        tablet.device_id,
    }
    assert page.kept.when.text()
    assert page.aside.when.text()
    set_aside = conflict.loser.value

    qtbot.mouseClick(page.keep_aside, Qt.MouseButton.LeftButton)
    settle(qtbot, state)
    qtbot.waitUntil(lambda: "next sync" in page.message.text(), timeout=5000)
    assert page.model.index(0, 4).data() == "Keep the value set aside"
    report = lead.sync()
    assert report.resolved == 1
    state.announce(Changes(settings=frozenset({CONFLICTS_CHANGED})), local=False)
    assert page.model.rowCount() == 0
    assert page.empty.isVisibleTo(page)
    laptop.sync()
    resolved = laptop.repo.get(person)
    assert resolved is not None
    assert resolved.fields["occupation"] == set_aside
    for session in (laptop, tablet, lead):
        session.lock()


def test_conflict_resolved_with_a_typed_value(
    qtbot: Any, live_server: LiveServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from desktop_app.ui.lead.conflicts import ConflictsPage
    from tests.desktop_core.test_conflict_review import make_conflict

    laptop = enrol(live_server, tmp_path, "demo.adviser")
    tablet = Session.enrol(
        Profile(tmp_path / "tablet"), live_server.url, "demo.adviser", DEMO_PASSWORD, "tablet",
        kdf_params=FAST_KDF,
    )  # fmt: skip
    make_conflict(laptop, tablet, "Joiner", "Carpenter")
    lead = enrol(live_server, tmp_path, "demo.lead")
    state = AppState(lead)
    page = ConflictsPage(state)
    qtbot.addWidget(page)
    conflicts = lead.open_conflicts()
    row = next(i for i, c in enumerate(conflicts) if {c.winner.value, c.loser.value} == {
        "Joiner", "Carpenter"})  # fmt: skip
    page.table.selectRow(row)
    qtbot.keyClicks(page.other, "Joiner and carpenter")
    qtbot.keyClick(page.other, Qt.Key.Key_Return)
    settle(qtbot, state)
    qtbot.waitUntil(lambda: "next sync" in page.message.text(), timeout=5000)
    assert page.model.index(row, 4).data() == "Joiner and carpenter"
    assert page.other.text() == ""
    for session in (laptop, tablet, lead):
        session.lock()


def test_receiving_partner_declines_with_a_reason_and_completes(
    qtbot: Any, two_partners: tuple[Session, Session]
) -> None:
    sds, dwp = two_partners
    _p1, declined = referred_person(sds)
    _p2, completed = referred_person(sds)
    dwp.sync()
    state = AppState(dwp)
    page = ReferralsPage(state)
    qtbot.addWidget(page)
    rows = {page.incoming_model.row_at(r).id: r for r in range(2)}  # type: ignore[union-attr]

    page.incoming.selectRow(rows[declined])
    dialog = page.decline_selected()
    assert dialog is not None
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason, "Not eligible: still employed")
    dialog.accept()
    settle(qtbot, state)
    qtbot.waitUntil(lambda: page.message.text() == "Referral declined.", timeout=5000)

    row = next(r for r in range(2) if page.incoming_model.row_at(r).id == completed)  # type: ignore[union-attr]
    page.incoming.selectRow(row)
    today = local_today_clear_of_midnight()  # the day the page dates the completion by
    page.complete_selected()
    settle(qtbot, state)
    qtbot.waitUntil(lambda: page.message.text() == "Referral completed.", timeout=5000)
    assert dwp.sync().rejected == 0
    sds.sync()
    first, second = sds.repo.get(declined), sds.repo.get(completed)
    assert first is not None
    assert second is not None
    assert first.fields["status"] == "declined"
    assert first.fields["decline_reason"] == "Not eligible: still employed"
    assert second.fields["status"] == "completed"
    assert second.fields["completed_on"] == today.isoformat()


def test_caseload_forgets_everyone_when_locked(
    qtbot: Any, lead_state: AppState, repo: Repository, event_id: str
) -> None:
    _seed_caseload(repo, event_id)
    page = CaseloadPage(lead_state)
    qtbot.addWidget(page)
    caseload_ready(qtbot, page, 3)
    session = lead_state.session
    lead_state.set_session(None)
    assert page.index is None
    assert page.model.rowCount() == 0
    assert page.per_adviser.rowCount() == 0
    lead_state.set_session(session)
    page.reload()
    caseload_ready(qtbot, page, 3)
    settle(qtbot, lead_state)
