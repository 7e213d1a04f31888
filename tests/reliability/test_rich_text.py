"""Security: rich-text injection. Names and notes such as ``<b>x</b><img src=x>`` that arrive
from another partner's laptop through the server appear literally in every view: the
registration form's duplicate list, the people table, the person view, the timeline, and the
tooltips of every table (Qt renders a tooltip as HTML when it looks like HTML)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QListWidget

from tests.reliability.helpers import client_change, enrol, hlc_now, new_id
from tests.support.live_server import LiveServer

RICH_FIRST = "<b>x</b><img src=x>"
RICH_LAST = "<a href='https://example.invalid'>Link</a>"
RICH_NOTES = "<script>alert(1)</script><i>notes</i>"
RICH_EMPLOYER = "<h1>Big</h1> Employer & Co"
RICH_SITE = "<u>Site</u>"


def shown(text: str) -> str:
    """What Qt displays for ``text`` where it auto-detects rich text (tooltips)."""
    if GuiQt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        assert "<img" not in doc.toHtml().lower()  # no markup rendered, no image loaded
        return doc.toPlainText()
    return text


def model_texts(model: QAbstractItemModel) -> list[tuple[str, str]]:
    pairs = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            display = index.data(Qt.ItemDataRole.DisplayRole)
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            if display:
                pairs.append((str(display), shown(str(tooltip)) if tooltip else str(display)))
    return pairs


def _push_rich_world(server: LiveServer) -> str:
    other = server.client("demo.adviser")
    node = other.device_id
    employer, event, person, note = new_id(), new_id(), new_id(), new_id()

    def change(rid: str, rtype: str, fields: dict[str, Any], counter: int) -> dict[str, Any]:
        return {
            "change_id": new_id(),
            "record_id": rid,
            "record_type": rtype,
            "op": "upsert",
            "hlc": hlc_now(node, counter),
            "fields": fields,
            "base": dict.fromkeys(fields),
        }

    answer = other.push(
        [
            change(employer, "employer", {"name": RICH_EMPLOYER}, 1),
            change(event, "redundancy_event", {"employer_id": employer, "site_name": RICH_SITE}, 2),
            client_change(
                person,
                {"first_name": RICH_FIRST, "last_name": RICH_LAST, "event_id": event},
                node,
                counter=3,
            ),
            change(
                note,
                "engagement",
                {
                    "client_id": person,
                    "kind": "other",
                    "occurred_on": "2026-11-20",
                    "notes": RICH_NOTES,
                },
                4,
            ),
        ]
    )
    assert {r["status"] for r in answer["results"]} == {"applied"}, answer
    return person


def test_rich_text_from_the_server_is_literal_everywhere(
    qtbot: Any, module_server: LiveServer, tmp_path: Path
) -> None:
    from desktop_app.ui.jobs import JobRunner
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.state import AppState
    from desktop_app.ui.sync_scheduler import SyncScheduler

    person = _push_rich_world(module_server)
    session = enrol(module_server, tmp_path / "sds", "demo.adviser")  # pulls the rich records
    state = AppState(session)
    window = MainWindow(state, SyncScheduler(state, JobRunner()))
    qtbot.addWidget(window)
    window.show()

    # Registration: typing the same name lists the existing person, literally.
    form = window.registration
    form.person.rows["first_name"].edit.setText(RICH_FIRST)
    form.person.rows["last_name"].edit.setText(RICH_LAST)
    form.check_duplicates()
    items = [form.duplicates.list.item(i).text() for i in range(form.duplicates.list.count())]
    assert any(RICH_FIRST in text and RICH_LAST in text for text in items), items

    # People table: display and tooltip literal.
    people = window.people.model
    people_texts = model_texts(people)
    assert (RICH_FIRST, RICH_FIRST) in people_texts
    assert (RICH_LAST, RICH_LAST) in people_texts
    assert any(RICH_EMPLOYER in d and d == t for d, t in people_texts), people_texts

    # Person view and its timeline.
    window.open_person(person)
    view = window.people.person_view
    assert view.title.text() == f"{RICH_FIRST} {RICH_LAST}"
    timeline = model_texts(view.timeline_model)
    assert any(RICH_NOTES in d and d == t for d, t in timeline), timeline

    # Every label showing markup-like text is plain text; list items are never rich.
    QApplication.processEvents()
    for label in window.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())
    for listing in window.findChildren(QListWidget):
        for i in range(listing.count()):
            tooltip = listing.item(i).toolTip()
            assert not tooltip or shown(tooltip) == tooltip or "<" not in tooltip
    window.close()
    session.lock()
