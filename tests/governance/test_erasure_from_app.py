"""Erasure from the app: an administrator erases a person from the person view after typing
their last name; the server erases them, this laptop drops them at once and another partner's
laptop at its next sync. Advisers see no such button."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.governance.helpers import enrol, people_index_ids, stored
from tests.governance.test_consent_history import _family
from tests.support.live_server import LiveServer


def test_an_admin_erases_a_person_from_the_person_view(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    from desktop_app.ui.person_view import PersonView
    from desktop_app.ui.state import AppState

    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
    admin = enrol(server, tmp_path / "admin", "demo.admin")
    state = AppState(admin)
    try:
        person, children = _family(sds)
        sds.sync()
        dwp.sync()
        assert person in stored(dwp)

        adviser_view = PersonView(AppState(sds))
        qtbot.addWidget(adviser_view)
        adviser_view.show_person(person)
        assert adviser_view.erase_button.isHidden()

        admin.sync()
        view = PersonView(state)
        qtbot.addWidget(view)
        view.show_person(person)
        assert not view.erase_button.isHidden()
        assert view.erase_button.isEnabled()

        dialog = view.ask_to_erase()
        assert dialog is not None
        dialog.confirm_field.setText("Morag")  # the first name does not confirm
        assert not dialog.erase_button.isEnabled()
        dialog.confirm_field.setText("  consent ")  # case and spaces do not matter
        assert dialog.erase_button.isEnabled()
        dialog.erase_button.click()
        qtbot.waitUntil(lambda: "Erased" in view.status.text(), timeout=30_000)
        assert view.person_id is None
        assert "4 records" in view.status.text()  # three entries and the consent entry

        # This laptop dropped the person and everything about them straight away.
        held = stored(admin)
        assert person not in held
        assert not children & held.keys()
        assert person not in people_index_ids(admin)
        # Another partner's laptop drops them at its next sync.
        dwp.sync()
        held = stored(dwp)
        assert person not in held
        assert not children & held.keys()
        # The adviser who recorded them, too.
        sds.sync()
        assert person not in stored(sds)
    finally:
        state.runner.wait_for_idle()
        for session in (sds, dwp, admin):
            session.lock()


def test_an_admin_cannot_erase_another_organisations_person(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    """The button is disabled (and says why) for a person another partner recorded; the
    server refuses the call anyway, and the person stays."""
    from desktop_app.ui.person_view import PersonView
    from desktop_app.ui.state import AppState

    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
    admin = enrol(server, tmp_path / "admin", "demo.admin")
    state = AppState(admin)
    try:
        person = dwp.repo.save(
            "client",
            {
                "first_name": "Iain",
                "last_name": "Other",
                "share_with": ["SDS"],
                "consent_recorded_at": "2026-11-20T10:00:00.000Z",
            },
            consent_method="verbal",
        )
        dwp.sync()
        admin.sync()
        view = PersonView(state)
        qtbot.addWidget(view)
        view.show_person(person)
        assert not view.erase_button.isEnabled()
        assert "recorded them" in view.erase_button.toolTip()
        job = view.erase()  # even if called, the server refuses
        assert job is not None
        qtbot.waitUntil(lambda: "not erased" in view.status.text(), timeout=30_000)
        assert person in stored(admin)
    finally:
        state.runner.wait_for_idle()
        dwp.lock()
        admin.lock()
