"""The statistics questions in the app (decisions.md #9): optional answers after the required
details, by keyboard, labelled from the record model; an outcome's start date; a referral's
dates; employer support recorded from the Events tab. Real SQLCipher store, writes on the lane.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from desktop_app.ui.dialogs.timeline_entry import TimelineEntryDialog
from desktop_app.ui.events import EventsPage
from desktop_app.ui.person_statistics import STATISTICS_FIELDS
from desktop_app.ui.person_view import PersonView
from desktop_app.ui.registration import RegistrationForm
from pace_shared.records import FIELDS
from tests.support.midnight import local_today_clear_of_midnight

from .conftest import add_person, settle


def _form(qtbot: Any, state: Any) -> RegistrationForm:
    form = RegistrationForm(state)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.start_next()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.person.rows["first_name"].edit)
    return form


def _tab(qtbot: Any) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_the_questions_are_labelled_from_the_record_model(qtbot: Any, state: Any) -> None:
    form = _form(qtbot, state)
    letters = set()
    for name, letter in STATISTICS_FIELDS:
        row = form.statistics.rows[name]
        spec = FIELDS["client"][name]
        assert row.label.text().replace("&", "") == spec.label
        assert f"&{letter}" in row.label.text().lower()
        assert row.label.buddy() is row.edit
        assert row.edit.accessibleName().startswith(spec.label)
        letters.add(letter)
        if isinstance(row.edit, QComboBox):
            shown = [row.edit.itemText(i) for i in range(row.edit.count())]
            assert shown == ["Not answered", *(spec.choice_label(c) for c in spec.choices)]
            assert "Prefer not to say" in shown
    # No mnemonic of the questions is taken by anything else on the form.
    taken = [
        w.text().lower() for w in (form.save_button, form.clear_button, form.duplicates.open_button)
    ]
    taken += [row.label.text().lower() for row in form.person.rows.values()]
    for letter in letters:
        assert not any(f"&{letter}" in text for text in taken), letter


def test_questions_come_after_the_required_details_and_consent(qtbot: Any, state: Any) -> None:
    form = _form(qtbot, state)
    order = []
    for _ in range(20):
        order.append(QApplication.focusWidget())
        _tab(qtbot)
    editors = form.statistics.editors()
    first_question = order.index(editors[0])
    assert order.index(form.person.rows["occupation"].edit) < first_question
    assert order.index(form.consent.all_button) < first_question
    assert order[first_question : first_question + len(editors)] == editors
    assert order[first_question + len(editors)] is form.save_button


def test_register_with_the_questions_by_keyboard(qtbot: Any, state: Any, repo: Any) -> None:
    form = _form(qtbot, state)
    qtbot.keyClicks(QApplication.focusWidget(), "Ailsa")
    _tab(qtbot)
    qtbot.keyClicks(QApplication.focusWidget(), "Grant")
    form.consent.nobody_button.setFocus()
    qtbot.keyClick(form.consent.nobody_button, Qt.Key.Key_Space)
    form.consent.method.setFocus()
    qtbot.keyClicks(form.consent.method, "v")  # how consent was given: Verbal
    rows = form.statistics.rows
    answers = (
        ("leaving_date", "19/12/2026"),
        ("occupation_group", "8"),  # "8 Process, plant and machine operatives"
        ("qualification_level", "s"),  # the first SCQF band
        ("sex", "p"),  # "Prefer not to say"
        ("disability", "n"),  # "No"
    )
    for name, keys in answers:
        rows[name].edit.setFocus()
        qtbot.waitUntil(lambda name=name: QApplication.focusWidget() is rows[name].edit)
        qtbot.keyClicks(rows[name].edit, keys)
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    fields = repo.get(saved.args[0]).fields
    assert fields["leaving_date"] == "2026-12-19"
    assert fields["occupation_group"] == "8"
    assert fields["qualification_level"] == "scqf_1_4"
    assert fields["sex"] == "prefer_not_to_say"
    assert fields["disability"] == "no"
    # Cleared for the next person, questions included.
    assert form.statistics.is_blank()


def test_unanswered_questions_are_not_recorded_and_a_bad_date_blocks_save(
    qtbot: Any, state: Any, repo: Any
) -> None:
    form = _form(qtbot, state)
    form.person.rows["first_name"].edit.setText("Rory")
    form.person.rows["last_name"].edit.setText("Kerr")
    form.statistics.rows["leaving_date"].edit.setText("31/02/2026")
    assert form.save() is None
    assert form.statistics.rows["leaving_date"].error.isVisible()
    assert repo.people_count() == 0
    form.statistics.rows["leaving_date"].edit.clear()
    form.consent.nobody_button.setChecked(True)
    form.consent.method.choose("verbal")
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        form.save()
    fields = repo.get(saved.args[0]).fields
    assert not {name for name, _ in STATISTICS_FIELDS} & set(fields)


def test_the_person_view_edits_only_the_answer_that_changed(
    qtbot: Any, state: Any, repo: Any
) -> None:
    person = add_person(repo, "Iona", "Bell", sex="female", qualification_level="scqf_5_6")
    view = PersonView(state)
    qtbot.addWidget(view)
    view.show_person(person)
    combo = view.statistics.rows["qualification_level"].edit
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "scqf_5_6"
    assert view.statistics.rows["sex"].edit.currentData() == "female"  # type: ignore[union-attr]
    combo.setCurrentIndex(combo.findData("scqf_7_10"))
    assert view.changed_fields() == {"qualification_level": "scqf_7_10"}
    view.save()
    settle(qtbot, state)
    assert repo.get(person).fields["qualification_level"] == "scqf_7_10"


def test_an_outcome_records_when_the_job_started(qtbot: Any, state: Any, repo: Any) -> None:
    person = add_person(repo, "Fraser", "Gray")
    dialog = TimelineEntryDialog(state, person, "outcome")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.started_on.edit.setText("32/01/2027")
    dialog.save()
    assert dialog.started_on.error.isVisible()
    assert repo.timeline(person) == []
    dialog.started_on.edit.setText("14/02/2027")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    outcome = repo.get(dialog.saved_id)
    assert outcome.fields["started_on"] == "2027-02-14"


def test_a_completed_referral_records_its_dates(qtbot: Any, state: Any, repo: Any) -> None:
    person = add_person(repo, "Shona", "Munro", share_with=["ALL"])
    dialog = TimelineEntryDialog(state, person, "referral")
    qtbot.addWidget(dialog)
    dialog.show()
    partner, status = dialog.inputs["to_partner"], dialog.inputs["status"]
    assert isinstance(partner, QComboBox)
    assert isinstance(status, QComboBox)
    partner.setCurrentIndex(partner.findData("DWP"))
    status.setCurrentIndex(status.findData("completed"))
    today = local_today_clear_of_midnight().isoformat()  # the day the dialog dates them by
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    fields = repo.get(dialog.saved_id).fields
    assert (fields["referred_on"], fields["completed_on"]) == (today, today)


def test_employer_support_is_recorded_from_the_events_tab(
    qtbot: Any, state: Any, repo: Any, event_id: str
) -> None:
    page = EventsPage(state)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    assert page.selected_event_id() == event_id
    dialog = page.record_support()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "&" in page.support_button.text()
    assert page.support_button.accessibleName()
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "i")  # "Information session for staff"
    dialog.attendees.setValue(35)
    dialog.notes.setPlainText("Two sessions in the canteen")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    (support,) = repo.employer_support(event_id)
    assert support.id == dialog.saved_id
    assert support.fields["kind"] == "information_session"
    assert support.fields["attendees"] == 35
    assert support.fields["employer_id"] == repo.get(event_id).fields["employer_id"]
    assert repo.pending_count() >= 1  # queued for the next sync
