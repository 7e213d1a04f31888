"""Referring a person outside their consent (decisions.md #7), in the app: the owner's adviser is
offered to record the person's consent first and then both are saved, consent first in the
outbox; another partner's adviser is told to ask the owner and nothing is queued.

Real Session and Repository on real SQLCipher profiles, a real sync server process; writes go
through the app's JobRunner, never the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.security.keywrap import KdfParams
from desktop_app.session import Profile, Session
from desktop_app.storage.referrals import ConsentRequiredError, refer
from desktop_app.ui.dialogs.timeline_entry import TimelineEntryDialog
from desktop_app.ui.jobs import JobRunner
from desktop_app.ui.person_view import PersonView
from desktop_app.ui.state import AppState
from tests.desktop_ui.conftest import RICH_NAME

PASSWORD = "demo-password-2026"
FAST_KDF = KdfParams(memory_cost_kib=1024, time_cost=1, parallelism=1)


pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.support.live_server import start_server

    with start_server(tmp_path_factory.mktemp("server")) as live:
        yield live


def enrol(server: Any, folder: Path, username: str) -> Session:
    return Session.enrol(
        Profile(folder), server.url, username, PASSWORD, f"{username} laptop", kdf_params=FAST_KDF
    )


def referral_dialog(qtbot: Any, session: Session, person: str, runner: JobRunner) -> Any:
    dialog = TimelineEntryDialog(AppState(session, runner), person, "referral")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_partner(dialog: Any, code: str) -> None:
    combo = dialog.inputs["to_partner"]
    combo.setCurrentIndex(combo.findData(code))
    dialog.inputs["reason"].setPlainText("Benefits check after redundancy")


def pending(session: Session) -> list[dict[str, Any]]:
    return [change.payload for change in session.sync_store.outbox_batch()]


def test_owner_records_consent_first_then_refers(qtbot: Any, server: Any, tmp_path: Path) -> None:
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person = sds.repo.save("client", {"first_name": RICH_NAME, "last_name": "Smith"})
    sds.sync()  # the person is on the server with no consent to share
    runner = JobRunner()
    dialog = referral_dialog(qtbot, sds, person, runner)
    choose_partner(dialog, "DWP")
    dialog.save()

    question = dialog.consent_question
    assert question is not None
    assert question.isVisible()
    assert question.question.textFormat() == Qt.TextFormat.PlainText  # shown, not rendered
    assert RICH_NAME in question.text()
    assert "Department for Work and Pensions" in question.text()
    assert pending(sds) == []  # nothing is saved until the adviser confirms

    # How consent was given is required: "agreed" alone records nothing and says why.
    assert question.consent_method() is None
    question.agreed_button.click()
    assert question.isVisible()
    assert question.error.isVisible()
    assert "how the person gave" in question.error.text()
    runner.wait_for_idle()
    assert pending(sds) == []
    # By keyboard: the method list has the cursor; a letter picks "Written".
    assert question.focusWidget() is question.method
    qtbot.keyClicks(question.method, "w")
    assert question.consent_method() == "written"
    assert not question.error.isVisible()
    question.agreed_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    runner.wait_for_idle()
    consent, history, referral = pending(sds)
    assert (consent["record_type"], consent["record_id"]) == ("client", person)
    assert consent["fields"]["share_with"] == ["DWP"]
    assert consent["fields"]["consent_recorded_at"]
    # The consent change goes into the person's consent history in the same write, with how
    # it was given and by whom, exactly as the person view records it.
    assert history["record_type"] == "consent_change"
    assert history["fields"]["client_id"] == person
    assert history["fields"]["share_with"] == ["DWP"]
    assert history["fields"]["recorded_at"] == consent["fields"]["consent_recorded_at"]
    assert history["fields"]["method"] == "written"
    assert history["fields"]["adviser"] == "demo.adviser"
    assert referral["record_type"] == "referral"
    assert referral["fields"]["to_partner"] == "DWP"
    assert referral["fields"]["client_id"] == person

    report = sds.sync()
    assert (report.applied, report.rejected) == (3, 0)
    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
    seen = dwp.repo.get(person)
    assert seen is not None
    assert seen.fields["first_name"] == RICH_NAME
    assert [r.fields["to_partner"] for r in dwp.repo.timeline(person)] == ["DWP"]
    # Both partners' person views show the entry, synced: shared with DWP, given in writing.
    for session in (sds, dwp):
        assert consent_history_shown(qtbot, session, person, runner) == [
            [
                "Department for Work and Pensions (Jobcentre Plus)",
                "Written",
                "demo.adviser",
            ]
        ]
        session.lock()


def consent_history_shown(qtbot: Any, session: Session, person: str, runner: JobRunner) -> Any:
    """The rows of the person view's consent history (shared with, how, adviser)."""
    view = PersonView(AppState(session, runner))
    qtbot.addWidget(view)
    view.show_person(person)
    model = view.consent_history_model
    return [
        [model.index(row, column).data() for column in (1, 2, 3)] for row in range(model.rowCount())
    ]


def test_consent_cannot_widen_without_saying_how_it_was_given(
    qtbot: Any, server: Any, tmp_path: Path
) -> None:
    """The store refuses it too, whoever calls it: the consent history never lacks a method
    for a consent recorded from a referral."""
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person = sds.repo.save("client", {"first_name": "Ann", "last_name": "Nomethod"})
    referral = {"to_partner": "HMRC", "status": "open", "referred_on": "2026-11-28"}
    with pytest.raises(ConsentRequiredError, match="how the person gave"):
        refer(sds.repo, person, referral, record_consent=True)
    assert pending(sds)[1:] == []  # only the person's own creation is queued
    assert sds.repo.consent_history(person) == []
    refer(sds.repo, person, referral, record_consent=True, consent_method="verbal")
    [entry] = sds.repo.consent_history(person)
    assert (entry.fields["share_with"], entry.fields["method"]) == (["HMRC"], "verbal")
    sds.lock()


def test_declining_the_consent_question_saves_nothing(
    qtbot: Any, server: Any, tmp_path: Path
) -> None:
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person = sds.repo.save("client", {"first_name": "Ann", "last_name": "Private"})
    sds.sync()
    runner = JobRunner()
    dialog = referral_dialog(qtbot, sds, person, runner)
    choose_partner(dialog, "HMRC")
    dialog.save()
    dialog.consent_question.cancel_button.click()
    runner.wait_for_idle()
    assert pending(sds) == []
    assert dialog.isVisible()  # the adviser can pick another partner or cancel
    assert "not saved" in dialog.error.text().lower()
    sds.lock()


def test_other_partner_is_told_to_ask_the_owner_and_nothing_is_queued(
    qtbot: Any, server: Any, tmp_path: Path
) -> None:
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person = sds.repo.save(
        "client",
        {"first_name": "Shared", "last_name": "WithDwp", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    sds.sync()
    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
    assert dwp.repo.get(person) is not None
    runner = JobRunner()

    dialog = referral_dialog(qtbot, dwp, person, runner)
    choose_partner(dialog, "HMRC")  # outside the person's consent; SDS owns the record
    dialog.save()
    runner.wait_for_idle()
    assert dialog.consent_question is None  # DWP is not offered to change consent
    message = dialog.error.text()
    assert "Skills Development Scotland" in message
    assert "ask" in message.lower()
    assert pending(dwp) == []

    # A referral back to the owner is always within consent: saved straight away.
    choose_partner(dialog, "SDS")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    runner.wait_for_idle()
    [referral] = pending(dwp)
    assert (referral["record_type"], referral["fields"]["to_partner"]) == ("referral", "SDS")
    assert dwp.sync().rejected == 0
    for session in (sds, dwp):
        session.lock()
