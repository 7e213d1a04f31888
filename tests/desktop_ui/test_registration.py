"""Registering people by keyboard alone, with inline validation and the duplicate check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop_app.ui.people import PeoplePage
from desktop_app.ui.registration import RegistrationForm

from .conftest import add_person, settle


def _type(qtbot: Any, text: str) -> None:
    """Type into whatever has focus, as an adviser would."""
    widget = QApplication.focusWidget()
    assert widget is not None
    if text:
        qtbot.keyClicks(widget, text)


def _tab(qtbot: Any) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def _say_how(qtbot: Any, form: RegistrationForm, key: str) -> None:
    """Alt+W to "How consent was given", then the method's first letter (V, W or E)."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.consent.method)
    qtbot.keyClicks(form.consent.method, key)


def _form(qtbot: Any, state: Any) -> RegistrationForm:
    form = RegistrationForm(state)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.start_next()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.person.rows["first_name"].edit)
    return form


def test_register_by_keyboard_only(qtbot: Any, state: Any, repo: Any, event_id: str) -> None:
    form = _form(qtbot, state)
    entries = ["Morag", "Stewart", "03/02/1980", "ab 12 34 56 c", "07700 900123"]
    entries += ["morag@example.org", "ky75qf", "Forklift driver"]
    for text in entries:
        _type(qtbot, text)
        _tab(qtbot)
    assert QApplication.focusWidget() is form.consent.all_button
    assert not form.consent.has_choice()  # nobody's record is shared because of a default
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # the adviser chooses "All"
    assert form.consent.all_button.isChecked()
    _say_how(qtbot, form, "w")  # how they agreed: nothing is chosen for the adviser either
    assert form.consent.consent_method() == "written"
    with qtbot.waitSignal(form.saved, timeout=2000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    record = repo.get(saved.args[0])
    assert record.fields["first_name"] == "Morag"
    assert record.fields["date_of_birth"] == "1980-02-03"
    assert record.fields["ni_number"] == "AB123456C"
    assert record.fields["postcode"] == "KY7 5QF"
    assert record.fields["share_with"] == ["ALL"]
    assert record.fields["event_id"] == event_id
    assert record.fields["consent_recorded_at"].endswith("Z")
    # Cleared and ready for the next person, with the cursor back in the first field.
    assert all(not row.raw() for row in form.person.rows.values())
    assert QApplication.focusWidget() is form.person.rows["first_name"].edit
    assert "Saved Morag Stewart" in form.status.text()
    [entry] = repo.consent_history(saved.args[0])
    assert entry.fields["method"] == "written"


def test_enter_from_a_name_field_saves(qtbot: Any, state: Any, repo: Any) -> None:
    form = _form(qtbot, state)
    _type(qtbot, "Iain")
    _tab(qtbot)
    _type(qtbot, "Banks")
    # Alt+O: "Only my organisation" (one keystroke), then Enter saves.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.consent.nobody_button.isChecked)
    _say_how(qtbot, form, "v")
    with qtbot.waitSignal(form.saved, timeout=2000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert repo.people_count() == 1
    assert repo.get(saved.args[0]).fields["share_with"] == []


def test_registration_cannot_share_with_all_by_default(qtbot: Any, state: Any, repo: Any) -> None:
    """No sharing option is chosen until the adviser chooses one: Enter with none chosen saves
    nothing and says what to do, with the cursor on the options; and each next person starts
    with no choice again."""
    form = _form(qtbot, state)
    consent = form.consent
    assert not any(
        button.isChecked()
        for button in (consent.all_button, consent.chosen_button, consent.nobody_button)
    )
    _type(qtbot, "Shona")
    _tab(qtbot)
    _type(qtbot, "Nochoice")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert repo.people_count() == 0
    assert consent.error.isVisible()
    assert "Choose who the person agreed may see their record" in consent.error.text()
    assert form.status.text() == "Please choose who this person agreed to share with."
    assert QApplication.focusWidget() is consent.all_button
    assert form.person.rows["first_name"].raw() == "Shona"  # nothing typed is lost
    qtbot.keyClick(consent.all_button, Qt.Key.Key_Space)  # a choice clears the message
    assert consent.all_button.isChecked()
    assert not consent.error.isVisible()
    for _ in range(2):  # then arrows move the choice: chosen partners, only my organisation
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert consent.nobody_button.isChecked()
    _say_how(qtbot, form, "e")
    with qtbot.waitSignal(form.saved, timeout=2000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert repo.get(saved.args[0]).fields["share_with"] == []
    # "Only my organisation" is a consent change too: recorded with how it was given.
    [entry] = repo.consent_history(saved.args[0])
    assert (entry.fields["share_with"], entry.fields["method"]) == ([], "electronic")
    assert not consent.has_choice()  # ready for the next person, with no choice made
    assert consent.consent_method() is None


def test_chosen_partners_by_keyboard(qtbot: Any, state: Any, repo: Any) -> None:
    form = _form(qtbot, state)
    _type(qtbot, "Ruth")
    _tab(qtbot)
    _type(qtbot, "Nkemelu")
    form.consent.chosen_button.setFocus()
    qtbot.keyClick(form.consent.chosen_button, Qt.Key.Key_Space)
    assert form.consent.partners.isEnabled()
    form.consent.partners.setFocus()
    form.consent.partners.setCurrentRow(0)  # DWP: the first partner that is not our own
    qtbot.keyClick(form.consent.partners, Qt.Key.Key_Space)
    _say_how(qtbot, form, "v")
    with qtbot.waitSignal(form.saved, timeout=2000) as saved:
        qtbot.keyClick(form.consent.method, Qt.Key.Key_Return)
    assert repo.get(saved.args[0]).fields["share_with"] == ["DWP"]


def test_validation_messages_block_save(qtbot: Any, state: Any, repo: Any) -> None:
    form = _form(qtbot, state)
    rows = form.person.rows
    _type(qtbot, "Ann")
    _tab(qtbot)
    _tab(qtbot)  # no last name
    _type(qtbot, "31/02/1980")
    _tab(qtbot)
    _type(qtbot, "QQ123456C")
    _tab(qtbot)
    _tab(qtbot)
    _type(qtbot, "not-an-email")
    _tab(qtbot)
    _type(qtbot, "XYZ")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert repo.people_count() == 0
    messages = {name: row.error.text() for name, row in rows.items() if row.error.isVisible()}
    assert messages == {
        "last_name": "Last name is required.",
        "date_of_birth": "Date of birth not a valid date (YYYY-MM-DD).",
        "ni_number": "NI number not a valid National Insurance number.",
        "email": "E-mail not a valid e-mail address.",
        "postcode": "Postcode not a valid UK postcode.",
    }
    assert QApplication.focusWidget() is rows["last_name"].edit
    assert rows["ni_number"].edit.accessibleDescription() == messages["ni_number"]

    # Fixing a field clears its message as the adviser types.
    rows["ni_number"].edit.setFocus()
    rows["ni_number"].edit.clear()
    qtbot.keyClicks(rows["ni_number"].edit, "AB123456C")
    assert not rows["ni_number"].error.isVisible()


def test_saving_needs_how_consent_was_given(qtbot: Any, state: Any, repo: Any) -> None:
    """A sharing choice without how the person gave it saves nothing: the box says what is
    missing and the cursor goes to the method list; choosing one by keyboard saves the person,
    and the person view's consent history shows the method."""
    form = _form(qtbot, state)
    consent = form.consent
    assert consent.method.currentText() == "Choose how consent was given…"
    assert consent.consent_method() is None  # nobody stated a method, so none is recorded
    _type(qtbot, "Kirsty")
    _tab(qtbot)
    _type(qtbot, "Nomethod")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(consent.nobody_button.isChecked)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle(qtbot, state)
    assert repo.people_count() == 0
    assert consent.error.isVisible()
    message = "Choose how the person gave their consent: verbally, in writing or electronically."
    assert consent.error.text() == message
    assert consent.method.accessibleDescription() == message  # heard where the cursor is
    assert form.status.text() == "Please choose how this person gave their consent."
    assert QApplication.focusWidget() is consent.method
    assert form.person.rows["first_name"].raw() == "Kirsty"  # nothing typed is lost
    assert consent.nobody_button.isChecked()

    qtbot.keyClick(consent.method, Qt.Key.Key_Down)  # the arrow keys choose too: Verbal
    qtbot.keyClick(consent.method, Qt.Key.Key_Down)  # then Written
    assert consent.consent_method() == "written"
    assert not consent.error.isVisible()  # a choice clears the message
    assert consent.method.accessibleDescription() == ""
    with qtbot.waitSignal(form.saved, timeout=2000) as saved:
        qtbot.keyClick(consent.method, Qt.Key.Key_Return)
    person = saved.args[0]
    settle(qtbot, state)
    assert repo.people_count() == 1
    [entry] = repo.consent_history(person)
    assert (entry.fields["share_with"], entry.fields["method"]) == ([], "written")

    page = PeoplePage(state)
    qtbot.addWidget(page)
    page.open_person(person)
    history = page.person_view.consent_history_model
    assert history.rowCount() == 1
    assert history.index(0, 1).data() == "Only the recording organisation"
    assert history.index(0, 2).data() == "Written"


def test_chosen_partners_need_a_partner(qtbot: Any, state: Any, repo: Any) -> None:
    form = _form(qtbot, state)
    _type(qtbot, "Ann")
    _tab(qtbot)
    _type(qtbot, "Other")
    form.consent.chosen_button.setChecked(True)
    assert form.save() is None
    assert form.consent.error.isVisible()
    assert form.consent.error.text() == "Tick at least one partner, or choose another option."
    assert repo.people_count() == 0


def test_duplicate_warning_while_typing(qtbot: Any, state: Any, repo: Any) -> None:
    existing = add_person(repo, "John", "Smith", date_of_birth="1975-06-11", ni_number="AB123456C")
    form = _form(qtbot, state)
    _type(qtbot, "Jon")
    _tab(qtbot)
    _type(qtbot, "Smith")
    qtbot.waitUntil(lambda: form.duplicates.count() == 1, timeout=2000)
    text = form.duplicates.list.item(0).text()
    assert "John Smith" in text
    assert "similar name" in text

    _tab(qtbot)
    _tab(qtbot)
    _type(qtbot, "AB 12 34 56 C")
    qtbot.waitUntil(lambda: "same NI number" in form.duplicates.list.item(0).text(), timeout=2000)

    with qtbot.waitSignal(state.open_person, timeout=2000) as opened:
        qtbot.mouseClick(form.duplicates.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [existing]


def test_tab_order_flows_down_the_form(qtbot: Any, state: Any) -> None:
    form = _form(qtbot, state)
    seen: list[QWidget] = []
    for _ in range(len(form.person.rows)):
        seen.append(QApplication.focusWidget())
        _tab(qtbot)
    assert seen == [row.edit for row in form.person.rows.values()]


def test_every_field_has_a_mnemonic_and_accessible_name(qtbot: Any, state: Any) -> None:
    form = _form(qtbot, state)
    for row in form.person.rows.values():
        assert "&" in row.label.text()
        assert row.label.buddy() is row.edit
        assert row.edit.accessibleName()
    for button in (form.consent.all_button, form.consent.chosen_button, form.save_button):
        assert "&" in button.text()
        assert button.accessibleName()
    [method_label] = [
        label for label in form.consent.findChildren(QLabel) if label.buddy() is form.consent.method
    ]
    assert method_label.text() == "Ho&w consent was given:"
    assert form.consent.method.accessibleName() == "How consent was given"


def test_a_refused_write_puts_the_person_back_in_the_form(
    qtbot: Any, state: Any, repo: Any
) -> None:
    """The form clears as soon as the write is queued; if the store then refuses it, nothing
    typed is lost: the details come back into the (still empty) form with the reason."""
    repo.known_partners = frozenset({"SDS"})  # this store does not know DWP
    form = _form(qtbot, state)
    _type(qtbot, "Ruth")
    _tab(qtbot)
    _type(qtbot, "Nkemelu")
    form.consent.chosen_button.setChecked(True)
    form.consent.partners.setCurrentRow(0)  # DWP
    qtbot.keyClick(form.consent.partners, Qt.Key.Key_Space)
    form.consent.method.choose("written")
    job = form.save()
    assert job is not None
    assert form.person.is_blank()  # ready for the next person at once
    with qtbot.waitSignal(job.failed, timeout=5000):
        pass
    assert form.person.rows["first_name"].raw() == "Ruth"
    assert form.person.rows["last_name"].raw() == "Nkemelu"
    assert form.consent.share_with() == ["DWP"]
    assert form.consent.consent_method() == "written"  # how they agreed comes back too
    assert form.status.text().startswith("Not saved:")
    assert repo.people_count() == 0
