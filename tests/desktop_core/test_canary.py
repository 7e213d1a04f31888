"""No plaintext personal data on disk, in temp files or in logs after a realistic workload."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest

from desktop_app.session import Profile, Session
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer

NI_CANARY = "AB123456C"  # valid format, in the NI number field (decisions.md #5)
NOTES_CANARY = "QQ123456C"  # HMRC's example, only valid inside free text
NAME_CANARY = "Zebedee Quorndon-Canary"


def _needles() -> list[bytes]:
    found = []
    for text in (NI_CANARY, NOTES_CANARY, NAME_CANARY.split()[1]):
        found += [text.encode(), text.lower().encode(), text.encode("utf-16-le")]
    return found


def _leaks(folder: Path) -> list[str]:
    leaks = []
    for file in folder.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            leaks += [f"{file.name}: {n!r}" for n in _needles() if n in data]
    return leaks


@pytest.mark.parametrize("keyring_kind", ["keyring", "no_keyring"])
def test_canary_never_on_disk_or_in_logs(
    live_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    keyring_kind: str,
    request: pytest.FixtureRequest,
) -> None:
    if keyring_kind == "no_keyring":
        request.getfixturevalue("no_keyring")
    temp = tmp_path / "tmp"
    temp.mkdir()
    for name in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "profile"

    session = Session.enrol(
        Profile(folder),
        live_server.url,
        "demo.adviser",
        DEMO_PASSWORD,
        "canary laptop",
        kdf_params=FAST_KDF,
    )
    repo = session.repo
    first, last = NAME_CANARY.split()
    person = repo.save(
        "client",
        {
            "first_name": first,
            "last_name": last,
            "ni_number": NI_CANARY,
            "postcode": "KY1 1AA",
            "date_of_birth": "1975-05-06",
            "share_with": ["ALL"],
        },
        consent_method="verbal",
    )
    repo.save(
        "engagement",
        {
            "client_id": person,
            "kind": "money_advice",
            "occurred_on": "2026-11-25",
            "notes": f"Letter quoted {NOTES_CANARY} in error",
        },
    )
    for i in range(300):  # enough churn to fill WAL pages and grow the FTS index
        repo.save("client", {"first_name": f"Filler{i}", "last_name": "Person"})
    repo.save("client", {"occupation": "Canary keeper"}, person)
    assert [p.id for p in repo.search_people(NI_CANARY)] == [person]
    assert [p.id for p in repo.search_people("quorndon")] == [person]
    assert repo.find_duplicates(first, last, None, NI_CANARY, None)
    session.sync()
    repo.save("client", {"phone": "07700 900123"}, person)
    assert _leaks(folder) == []
    assert _leaks(temp) == []
    session.lock()
    session = Session.unlock(Profile(folder), DEMO_PASSWORD)
    assert session.repo.timeline(person)[0].fields["notes"].endswith("in error")
    session.sync()
    session.lock()

    assert _leaks(folder) == []
    assert _leaks(temp) == []
    # Positive control: the scanner does find the canary where it is legitimately plaintext
    # (the demo server's SQLite database is not encrypted by the app; decisions.md #2).
    server_files = [p for p in tmp_path.glob("server.db*") if p.is_file()]
    assert any(NI_CANARY.encode() in p.read_bytes() for p in server_files)
    out, err = capfd.readouterr()
    logged = caplog.text + out + err
    for needle in (NI_CANARY, NOTES_CANARY, "Quorndon"):
        assert needle.lower() not in logged.lower()
