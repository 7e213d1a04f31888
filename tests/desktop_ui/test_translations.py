"""Every user-visible string of the UI goes through Qt's translation functions, the extraction
step is scripted, the committed catalogue is current, and a compiled catalogue is used."""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop_app.errors import Offline, RecordValidationError, WrongPasswordError
from desktop_app.ui.errors import describe
from desktop_app.ui.fields import FieldRow
from desktop_app.ui.look import install_translator
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sync_scheduler import SyncScheduler
from pace_shared.messages import user_message
from pace_shared.records import validate_fields

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update-translations"
UI = ROOT / "desktop_app" / "ui"
COMMITTED = UI / "translations" / "pace_casework_gd.ts"

#: Strings from the main screens and dialogs; each must reach the translators.
KNOWN = {
    ("PersonFields", "&First name"),
    ("PersonFields", "Date of &birth"),
    ("PersonFields", "&NI number"),
    ("RegistrationForm", "&Save and next person  (Enter)"),
    ("RegistrationForm", "Saved {name} at {time}. Ready for the next person."),
    ("ConsentBox", "&All PACE partners"),
    ("MainWindow", "&2 People"),
    ("MainWindow", "&Tools"),
    ("PeoplePage", "&Search:"),
    ("PersonView", "Sa&ve changes"),
    ("EventsPage", "&New event…"),
    ("EventDialog", "New redundancy event"),
    ("TimelineEntryDialog", "&Kind"),
    ("RejectedDialog", "Rejected changes"),
    ("SyncStatusBar", "● Offline"),
    ("Columns", "Last name"),
    ("unlock_dialog", "&Unlock"),
    # The core's messages and the record model's labels (no Qt there; see pace_shared.messages).
    ("validation", "must be at least {minimum}"),
    ("validation", "not a valid National Insurance number"),
    ("errors", "The sync server cannot be reached; working offline."),
    ("errors", "That password is not right for this profile."),
    ("records", "First name"),
}

#: Qt calls whose first argument is shown to the user.
SHOWN = {
    "setText", "setWindowTitle", "setAccessibleName", "setAccessibleDescription",
    "setPlaceholderText", "setToolTip", "setTitle", "setSuffix", "setLabelText", "addTab",
    "addMenu", "addRow", "addItem", "addButton", "QLabel", "QPushButton", "QCheckBox",
    "QRadioButton", "QGroupBox", "QAction", "plain_label", "plain_message", "_fail",
    "_failed_text", "show_error",
}  # fmt: skip


#: Literals that are not language: an example address, reference data, the installer check.
NOT_TEXT = {
    ("enrol.py", "https://pace.example.org"),
    ("event_dialog.py", "f-string"),  # "C — Manufacturing": SIC codes and names (reference data)
    ("launch.py", "PACE Casework self-test"),  # shown for a moment by --self-test only
}


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def extract(output: Path) -> Path:
    subprocess.run([sys.executable, str(SCRIPT), "--output-dir", str(output)], check=True)
    return output / "pace_casework_gd.ts"


def test_extraction_finds_the_main_screens_strings(tmp_path: Path) -> None:
    ts = extract(tmp_path)
    root = ET.parse(ts).getroot()
    assert root.get("language") == "gd"
    found = messages(ts)
    assert not KNOWN - found
    # New catalogues start empty: nothing is translated yet.
    assert {t.get("type") for t in root.iter("translation")} == {"unfinished"}


def test_committed_catalogue_is_current(tmp_path: Path) -> None:
    assert messages(extract(tmp_path)) == messages(COMMITTED), (
        "run scripts/update-translations and commit desktop_app/ui/translations"
    )


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "f-string"
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_no_shown_string_bypasses_translation() -> None:
    """A literal (or f-string) handed straight to a widget is never seen by translators."""
    bypasses = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or _call_name(node) not in SHOWN:
                continue
            for arg in node.args[:2]:
                text = _literal_text(arg)
                if text and any(c.isalpha() for c in text) and (path.name, text) not in NOT_TEXT:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    bypasses.append(f"{where} {_call_name(node)}({text!r})")
    assert not bypasses, "\n".join(bypasses)


def test_compiled_catalogue_for_the_locale_is_used(qtbot: Any, state: Any, tmp_path: Path) -> None:
    ts = tmp_path / "pace_casework_gd.ts"
    ts.write_text(
        COMMITTED.read_text().replace(
            '<source>&amp;2 People</source>\n        <translation type="unfinished"></translation>',
            "<source>&amp;2 People</source>\n        <translation>&amp;2 Daoine</translation>",
        )
    )
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts)], check=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, QLocale("fr_FR"), tmp_path) is None  # no French catalogue
    translator = install_translator(app, QLocale("gd_GB"), tmp_path)
    assert translator is not None
    try:
        window = MainWindow(state, SyncScheduler(state, state.runner))
        qtbot.addWidget(window)
        assert window.tabs.tabText(1) == "&2 Daoine"
        assert window.tabs.tabText(0) == "&1 Register"  # untranslated: the English source
    finally:
        app.removeTranslator(translator)


def _compiled(tmp_path: Path, translations: dict[str, str]) -> Path:
    """The committed catalogue with some translations filled in, compiled to a .qm."""
    text = COMMITTED.read_text()
    for source, translation in translations.items():
        escaped = html.escape(source).replace("&#x27;", "&apos;")
        unfinished = re.compile(
            f"(<source>{re.escape(escaped)}</source>\\s*(?:<extracomment>[^<]*</extracomment>\\s*)?)"
            '<translation type="unfinished"></translation>'
        )
        text, count = unfinished.subn(
            lambda m, done=translation: f"{m.group(1)}<translation>{done}</translation>", text
        )
        assert count, source
    ts = tmp_path / "pace_casework_gd.ts"
    ts.write_text(text)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts)], check=True)
    return tmp_path


def test_the_cores_messages_and_labels_are_shown_translated(qtbot: Any, tmp_path: Path) -> None:
    """The core imports no Qt, yet what it says reaches the user in the user's language."""
    folder = _compiled(
        tmp_path,
        {
            "That password is not right for this profile.": "Chan eil am facal-faire ceart.",
            "must be at least {minimum}": "feumaidh e a bhith co-dhiù {minimum}",
            "NI number": "Àireamh NI",
            "not a valid National Insurance number": "chan e àireamh àrachais nàiseanta a th' ann",
        },
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_translator(app, QLocale("gd_GB"), folder)
    assert translator is not None
    try:
        assert describe(WrongPasswordError()) == "Chan eil am facal-faire ceart."
        result = validate_fields("redundancy_event", {"affected_count": -1}, creating=False)
        assert describe(RecordValidationError(result.errors)) == (
            "affected_count: feumaidh e a bhith co-dhiù 0"
        )
        row = FieldRow("client", "ni_number", "&NI number")
        qtbot.addWidget(row)
        row.edit.setText("QQ123456C")
        assert not row.validate()
        assert row.error.text() == "Àireamh NI chan e àireamh àrachais nàiseanta a th' ann."
        assert row.edit.accessibleName() == "Àireamh NI"
        # Untranslated messages stay English, values filled in the same way.
        assert describe(
            Offline(user_message("errors", "The sync server cannot be reached; working offline."))
        ) == ("The sync server cannot be reached; working offline.")
    finally:
        app.removeTranslator(translator)


@pytest.mark.parametrize("lang", ["gd"])
def test_script_names_the_catalogue_by_language(tmp_path: Path, lang: str) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--output-dir", str(tmp_path), lang], check=True)
    assert (tmp_path / f"pace_casework_{lang}.ts").exists()
