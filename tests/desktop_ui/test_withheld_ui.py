"""Fields the data-sharing agreement withholds from a partner read "Withheld" wherever the app
shows another partner's records: never a blank that reads as "nothing was written".

A real sync server process with an agreement recorded through its CLI, real Sessions on real
SQLCipher profiles for SDS (who writes the notes) and DWP (from whom they are withheld).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.storage.team_views import referrals
from desktop_app.ui.jobs import JobRunner
from desktop_app.ui.lead.models import ReferralsModel
from desktop_app.ui.person_view import PersonView
from desktop_app.ui.state import AppState
from tests.governance.helpers import enrol
from tests.support.live_server import LiveServer, start_server

NOTES = "Talked through money worries and QQ123456C"
REASON = "Needs a benefits check"
pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of its own: the agreement recorded here must not reach other tests."""
    with start_server(tmp_path_factory.mktemp("withheld-server")) as live:
        terms = tmp_path_factory.mktemp("terms") / "terms.json"
        terms.write_text(
            json.dumps({"withheld": {"engagement": ["notes"], "referral": ["reason"]}}),
            encoding="utf-8",
        )
        live.cli("sharing-agreement", "--set", str(terms))
        yield live


def _rows(
    model: Any, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole
) -> list[Any]:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_a_partner_sees_withheld_engagement_notes_as_withheld(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person = sds.repo.save(
        "client",
        {"first_name": "Ann", "last_name": "Withheld", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    sds.repo.save(
        "engagement",
        {"client_id": person, "kind": "money_advice", "occurred_on": "2026-11-20", "notes": NOTES},
    )
    sds.repo.save(
        "referral",
        {"client_id": person, "to_partner": "DWP", "reason": REASON, "referred_on": "2026-11-21"},
    )
    assert sds.sync().rejected == 0
    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")  # the first sync pulls Ann
    dwp.repo.save(
        "engagement",
        {"client_id": person, "kind": "job_search", "occurred_on": "2026-11-22", "notes": "Ours"},
    )
    runner = JobRunner()
    view = PersonView(AppState(dwp, runner))
    qtbot.addWidget(view)
    view.show_person(person)
    model = view.timeline_model
    texts = _rows(model, 2)
    assert set(texts) == {
        "Job search: Ours",  # DWP's own engagement: its notes, as written
        "Money advice · Notes: Withheld",
        "To Department for Work and Pensions (Jobcentre Plus) (Open) · Reason: Withheld",
    }
    held = texts.index("Money advice · Notes: Withheld")
    index = model.index(held, 2)
    # Set apart in italics, and explained to the eye (tooltip) and to screen readers.
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    explained = "Withheld from your organisation under the data-sharing agreement: Notes."
    assert explained in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == explained
    own = model.index(texts.index("Job search: Ours"), 2)
    assert own.data(Qt.ItemDataRole.FontRole) is None
    assert own.data(Qt.ItemDataRole.AccessibleDescriptionRole) is None

    # The owner's own laptop shows the notes and the reason as written.
    sds_view = PersonView(AppState(sds, runner))
    qtbot.addWidget(sds_view)
    sds_view.show_person(person)
    sds_texts = _rows(sds_view.timeline_model, 2)
    assert f"Money advice: {NOTES}" in sds_texts
    assert not any("Withheld" in text for text in sds_texts)
    runner.wait_for_idle()
    for session in (sds, dwp):
        session.lock()


def test_the_referrals_list_shows_a_withheld_decline_reason(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    server_terms = tmp_path / "terms.json"
    server_terms.write_text(
        json.dumps({"withheld": {"engagement": ["notes"], "referral": ["decline_reason"]}}),
        encoding="utf-8",
    )
    server.cli("sharing-agreement", "--set", str(server_terms))
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person = sds.repo.save(
        "client",
        {"first_name": "Rab", "last_name": "Declined", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    sds.repo.save(
        "referral",
        {
            "client_id": person,
            "to_partner": "DWP",
            "status": "declined",
            "decline_reason": "No capacity this month",
            "referred_on": "2026-11-21",
        },
    )
    waiting = sds.repo.save(
        "client",
        {"first_name": "Iona", "last_name": "Waiting", "share_with": ["DWP"]},
        consent_method="verbal",
    )
    sds.repo.save(
        "referral", {"client_id": waiting, "to_partner": "DWP", "referred_on": "2026-11-22"}
    )
    assert sds.sync().rejected == 0
    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
    model = ReferralsModel()
    model.set_rows(referrals(dwp.repo))
    # Rab's declined referral: the reason is withheld; an open referral simply has none yet.
    by_person = dict(zip(_rows(model, 0), _rows(model, 7), strict=True))
    assert (by_person["Rab Declined"], by_person["Iona Waiting"]) == ("Withheld", "")
    own = ReferralsModel()
    own.set_rows(referrals(sds.repo))
    assert dict(zip(_rows(own, 0), _rows(own, 7), strict=True))["Rab Declined"] == (
        "No capacity this month"
    )
    for session in (sds, dwp):
        session.lock()
