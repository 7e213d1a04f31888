"""Consent history and sharing that follows it, across three partners' laptops over a real
server (SQLite and PostgreSQL): each laptop's store is read directly after every sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.session import Session
from pace_shared.records import CONSENT_CHANGE
from tests.governance.helpers import enrol, people_index_ids, stored
from tests.support.live_server import LiveServer


@pytest.fixture
def laptops(any_server: LiveServer, tmp_path: Path) -> Iterator[dict[str, Session]]:
    sessions = {
        "SDS": enrol(any_server, tmp_path / "sds", "demo.adviser"),
        "DWP": enrol(any_server, tmp_path / "dwp", "dwp.adviser"),
        "FIFE": enrol(any_server, tmp_path / "fife", "fife.adviser"),
    }
    yield sessions
    for session in sessions.values():
        session.lock()


def _sync_all(laptops: dict[str, Session]) -> None:
    laptops["SDS"].sync()
    for name in ("DWP", "FIFE"):
        laptops[name].sync()


def _family(sds: Session) -> tuple[str, set[str]]:
    """A person with an engagement, a referral and an outcome, recorded by SDS with consent
    for DWP; returns the person's id and their children's ids."""
    repo = sds.repo
    person = repo.save(
        "client",
        {
            "first_name": "Morag",
            "last_name": "Consent",
            "phone": "07700 900456",
            "share_with": ["DWP"],
            "consent_recorded_at": "2026-11-20T10:00:00.000Z",
        },
        consent_method="written",
    )
    children = {
        repo.save(
            "engagement",
            {"client_id": person, "kind": "cv_support", "occurred_on": "2026-11-21"},
        ),
        repo.save("referral", {"client_id": person, "to_partner": "DWP", "status": "open"}),
        repo.save(
            "outcome",
            {"client_id": person, "status": "employed", "recorded_on": "2026-11-25"},
        ),
    }
    return person, children


def _consent_changes(session: Session, person: str) -> list[dict[str, object]]:
    return [
        fields
        for kind, fields in stored(session).values()
        if kind == CONSENT_CHANGE and fields.get("client_id") == person
    ]


def test_narrowing_and_widening_move_the_whole_record_between_partners(
    laptops: dict[str, Session],
) -> None:
    sds, dwp, fife = laptops["SDS"], laptops["DWP"], laptops["FIFE"]
    person, children = _family(sds)
    _sync_all(laptops)
    family = {person, *children}
    assert family <= stored(dwp).keys()
    assert person in people_index_ids(dwp)
    assert not family & stored(fife).keys()
    assert len(_consent_changes(dwp, person)) == 1  # the history travels with the person

    # Widening to Fife delivers the person, their children and the whole history.
    sds.repo.save(
        "client", {"share_with": ["DWP", "FIFE_COUNCIL"]}, person, consent_method="verbal"
    )
    _sync_all(laptops)
    assert family <= stored(fife).keys()
    assert person in people_index_ids(fife)
    assert len(_consent_changes(fife, person)) == 2
    assert stored(fife)[person][1]["phone"] == "07700 900456"

    # Narrowing to Fife alone purges everything of the person from the DWP laptop.
    sds.repo.save("client", {"share_with": ["FIFE_COUNCIL"]}, person, consent_method="electronic")
    _sync_all(laptops)
    assert not family & stored(dwp).keys()
    assert not _consent_changes(dwp, person)
    assert person not in people_index_ids(dwp)
    assert family <= stored(fife).keys()
    assert len(_consent_changes(fife, person)) == 3

    # Narrowing to nobody: gone from Fife too; the owner keeps all of it and the history.
    sds.repo.save("client", {"share_with": []}, person, consent_method="verbal")
    _sync_all(laptops)
    for other in (dwp, fife):
        assert not family & stored(other).keys()
        assert not _consent_changes(other, person)
    assert family <= stored(sds).keys()
    history = sds.repo.consent_history(person)
    assert [(h.fields["share_with"], h.fields.get("method")) for h in history][::-1] == [
        (["DWP"], "written"),
        (["DWP", "FIFE_COUNCIL"], "verbal"),
        (["FIFE_COUNCIL"], "electronic"),
        ([], "verbal"),
    ]
    assert {h.fields["adviser"] for h in history} == {"demo.adviser"}
    assert history[-1].fields["recorded_at"] == "2026-11-20T10:00:00.000Z"
    assert sds.status().pending == 0  # every consent change was accepted by the server


def test_only_the_owner_records_consent_history_and_it_is_never_edited(
    laptops: dict[str, Session],
) -> None:
    sds, dwp = laptops["SDS"], laptops["DWP"]
    person, _children = _family(sds)
    _sync_all(laptops)
    [entry] = sds.repo.consent_history(person)
    # DWP sees the person but cannot write their consent history.
    dwp.repo.save(
        CONSENT_CHANGE,
        {
            "client_id": person,
            "share_with": ["ALL"],
            "recorded_at": "2026-11-26T10:00:00.000Z",
            "method": "verbal",
        },
    )
    report = dwp.sync()
    assert report.rejected == 1
    [parked] = dwp.repo.rejected_changes()
    assert parked.reason == "forbidden"
    # The owner cannot rewrite an entry either: a change of consent is a new entry.
    sds.repo.save(CONSENT_CHANGE, {"method": "electronic"}, entry.id)
    report = sds.sync()
    assert report.rejected == 1
    assert sds.repo.rejected_changes()[0].reason == "invalid_request"
