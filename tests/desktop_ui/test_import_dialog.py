"""A lead imports a partner's file into the local store: columns guessed from the headers, every
row checked (bad dates, duplicates of people already here), written on the lane, and the same
file a second time adds nobody."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.storage.repository import Repository
from desktop_app.ui.dialogs.import_dialog import ImportDialog
from desktop_app.ui.state import AppState
from tests.desktop_ui.conftest import GuiThreadWrites, add_person, settle

CSV = (
    "Ref,First name,Last name,Date of birth,Postcode\n"
    "A1,Ann,Murray,03/04/1971,KY11 2XD\n"
    "A2,Bill,Shand,31/02/1980,\n"
    "A3,Cath,Lowe,12/07/1966,EH1 1AA\n"
)


def _people(repo: Repository) -> dict[str, str]:
    return {p.last_name: p.id for p in repo.search_people("")}


def _checked_dialog(qtbot: QtBot, state: AppState, source: Path) -> ImportDialog:
    dialog = ImportDialog(state)
    qtbot.addWidget(dialog)
    dialog.load_file(source)
    qtbot.waitUntil(lambda: dialog.mapping.rowCount() == 5, timeout=10_000)
    dialog.key.setCurrentIndex(dialog.key.findData("Ref"))
    assert dialog.column_mapping().columns == {
        "First name": "first_name",
        "Last name": "last_name",
        "Date of birth": "date_of_birth",
        "Postcode": "postcode",
    }
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=10_000)
    return dialog


def test_a_file_is_checked_row_by_row_then_imported_once(
    qtbot: QtBot, state: AppState, repo: Repository, tmp_path: Path, gui_writes: GuiThreadWrites
) -> None:
    add_person(repo, "Ann", "Murray", date_of_birth="1971-04-03", postcode="KY11 2XD")
    source = tmp_path / "caseload.csv"
    source.write_text(CSV, encoding="utf-8")
    gui_writes.armed = True

    dialog = _checked_dialog(qtbot, state, source)

    report = [
        [dialog.report.item(row, col).text() for col in range(3)]
        for row in range(dialog.report.rowCount())
    ]
    assert report[0] == ["3", "Date of birth", "not a valid date (YYYY-MM-DD)"]
    assert report[1][:2] == ["2", ""]
    assert report[1][2].startswith("may be someone already here (")
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    settle(qtbot, state)
    qtbot.waitUntil(lambda: "Imported 2 people" in dialog.summary.text(), timeout=10_000)

    people = [p for p in repo.search_people("") if p.last_name in {"Murray", "Lowe"}]
    assert sorted((p.first_name, p.last_name) for p in people) == [
        ("Ann", "Murray"),
        ("Ann", "Murray"),
        ("Cath", "Lowe"),
    ]
    cath = repo.get(_people(repo)["Lowe"])
    assert cath is not None
    assert cath.fields["date_of_birth"] == "1966-07-12"
    assert cath.fields["share_with"] == []  # only our organisation until consent is recorded
    assert repo.consent_history(cath.id) == []  # nobody asked them: no consent is recorded
    assert gui_writes.on_gui == []
    assert gui_writes.off_gui

    again = _checked_dialog(qtbot, state, source)
    assert not again.import_button.isEnabled()
    assert "2 already imported" in again.summary.text()
    assert len([p for p in repo.search_people("") if p.last_name == "Lowe"]) == 1


def test_a_file_that_cannot_be_read_is_said_plainly(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    broken = tmp_path / "people.xlsx"
    broken.write_bytes(b"not a workbook")
    dialog = ImportDialog(state)
    qtbot.addWidget(dialog)

    dialog.load_file(broken)

    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10_000)
    assert dialog.error.text() == "people.xlsx is not a readable XLSX workbook (BadZipFile)"
    assert dialog.choose.isEnabled()


def test_the_import_action_is_offered_to_leads_not_advisers(qtbot: QtBot, state: Any) -> None:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.sync_scheduler import SyncScheduler

    window = MainWindow(state, SyncScheduler(state, state.runner))
    qtbot.addWidget(window)
    assert not window.import_action.isVisible()  # the stand-in session is an adviser's

    state.session.user = state.session.user.model_copy(update={"role": "team_lead"})
    state.session_changed.emit()

    assert window.import_action.isVisible()
