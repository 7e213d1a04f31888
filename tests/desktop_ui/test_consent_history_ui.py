"""Consent history on the person view: recorded with each consent change, shown in a table."""

from __future__ import annotations

from typing import Any

from desktop_app.ui.models.consent_history import ConsentHistoryModel
from desktop_app.ui.people import PeoplePage
from desktop_app.ui.registration import RegistrationForm

from .conftest import settle


def test_registration_records_how_consent_was_given(qtbot: Any, state: Any, repo: Any) -> None:
    repo.adviser = "demo.adviser"
    form = RegistrationForm(state)
    qtbot.addWidget(form)
    form.person.rows["first_name"].edit.setText("Morag")
    form.person.rows["last_name"].edit.setText("Consent")
    form.consent.all_button.setChecked(True)
    form.consent.method.setCurrentIndex(form.consent.method.findData("written"))
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        form.save()
    person = saved.args[0]
    settle(qtbot, state)
    [entry] = repo.consent_history(person)
    assert entry.fields["method"] == "written"
    assert entry.fields["share_with"] == ["ALL"]
    assert entry.fields["adviser"] == "demo.adviser"
    assert entry.fields["recorded_at"] == repo.get(person).fields["consent_recorded_at"]
    assert form.consent.consent_method() is None  # the next person is asked again


def test_person_view_shows_each_change_and_adds_one_on_save(
    qtbot: Any, state: Any, repo: Any
) -> None:
    person = repo.save(
        "client",
        {"first_name": "Jane", "last_name": "Smith", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    page = PeoplePage(state)
    qtbot.addWidget(page)
    page.open_person(person)
    view = page.person_view
    model = view.consent_history_model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "Department for Work and Pensions (Jobcentre Plus)"
    assert model.index(0, 2).data() == "Verbal"
    assert view.consent.consent_method() is None  # a change is asked about afresh
    view.consent.nobody_button.setChecked(True)
    # A change of sharing without how it was given saves nothing, and says so on the box.
    assert view.save() is None
    settle(qtbot, state)
    assert view.consent.error.isVisibleTo(view)  # the page is not shown here
    assert view.consent.error.text().startswith("Choose how the person gave their consent")
    assert len(repo.consent_history(person)) == 1
    assert repo.get(person).fields["share_with"] == ["DWP"]
    view.consent.method.setCurrentIndex(view.consent.method.findData("electronic"))
    assert not view.consent.error.isVisibleTo(view)
    with qtbot.waitSignal(view.saved, timeout=5000):
        view.save()
    settle(qtbot, state)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    assert model.index(0, 1).data() == "Only the recording organisation"
    assert model.index(0, 2).data() == "Electronic"
    assert view.consent.consent_method() is None  # the next change is asked about again
    # An edit that leaves consent alone needs no method and adds no entry.
    view.details.rows["phone"].edit.setText("07700 900123")
    with qtbot.waitSignal(view.saved, timeout=5000):
        view.save()
    settle(qtbot, state)
    assert len(repo.consent_history(person)) == 2
    # The timeline stays engagements, referrals and outcomes only.
    assert repo.timeline(person) == []


def test_consent_history_model(qtbot: Any, repo: Any, qtmodeltester: Any) -> None:
    from desktop_app.storage.sync_store import SyncStore
    from pace_shared.wire import PullItem

    # An entry an older app wrote without a method (the store now refuses to write one), pulled.
    person = "0190aaaa-0000-7000-8000-0000000000d2"
    stamp = "1764158400000-0000-0190aaaa-0000-7000-8000-000000000099"
    fields = {"first_name": "A", "last_name": "B", "share_with": []}
    old = {"client_id": person, "share_with": [], "recorded_at": "2026-11-20T10:00:00.000Z"}
    sync = SyncStore(repo)
    sync.init_state("http://127.0.0.1:9", "dev", "alice", {"username": "alice"})
    sync.apply_page(
        [
            PullItem(
                record_id=person,
                record_type="client",
                owner_partner=repo.partner,
                fields=fields,
                versions=dict.fromkeys(fields, stamp),
            ),
            PullItem(
                record_id="0190aaaa-0000-7000-8000-0000000000d3",
                record_type="consent_change",
                owner_partner=repo.partner,
                fields=old,
                versions=dict.fromkeys(old, stamp),
            ),
        ],
        "cursor-1",
    )
    repo.save("client", {"share_with": ["ALL"]}, person, consent_method="written")
    model = ConsentHistoryModel()
    model.set_records(repo.consent_history(person))
    assert [model.index(row, 2).data() for row in range(2)] == ["Written", "Not stated"]
    qtmodeltester.check(model)


def test_a_withheld_field_reads_withheld_not_blank(qtbot: Any, state: Any, repo: Any) -> None:
    from desktop_app.storage.sync_store import SyncStore
    from pace_shared.wire import PullItem

    person = "0190aaaa-0000-7000-8000-0000000000d1"
    stamp = "1764158400000-0000-0190aaaa-0000-7000-8000-000000000099"
    sync = SyncStore(repo)
    sync.init_state("http://127.0.0.1:9", "dev", "alice", {"username": "alice"})
    item = PullItem(
        record_id=person,
        record_type="client",
        owner_partner="DWP",
        fields={"first_name": "Ann", "last_name": "Other", "postcode": "KY7 5QF"},
        versions=dict.fromkeys(("first_name", "last_name", "postcode"), stamp),
        withheld=["phone"],
    )
    sync.apply_page([item], "cursor-1", withheld_fields={"client": ["ni_number", "phone"]})
    own = repo.save("client", {"first_name": "Own", "last_name": "Person"})
    page = PeoplePage(state)
    qtbot.addWidget(page)
    page.open_person(person)
    rows = page.person_view.details.rows
    assert rows["phone"].edit.text() == ""
    assert rows["phone"].edit.placeholderText() == "Withheld"
    assert rows["phone"].edit.isReadOnly()
    assert rows["ni_number"].edit.placeholderText() == "Withheld"
    assert rows["postcode"].edit.text() == "KY7 5QF"
    assert not rows["postcode"].edit.isReadOnly()
    # The organisation's own people are never withheld from it.
    page.open_person(own)
    assert rows["phone"].edit.placeholderText() != "Withheld"
    assert not rows["phone"].edit.isReadOnly()
    assert rows["ni_number"].edit.placeholderText() == "AB 12 34 56 C"
