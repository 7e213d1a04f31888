"""Subject access: everything every partner holds about a person, with its audit, as JSON from
the server (CLI and admin API), and as a readable PDF written by the app with Qt."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.governance.helpers import enrol
from tests.governance.test_consent_history import _family
from tests.server.conftest import Devices
from tests.server.helpers import assert_error
from tests.support.live_server import LiveServer


def _check_document(document: dict[str, Any], person: str, children: set[str]) -> None:
    assert document["record_id"] == person
    assert document["owner_partner"] == "SDS"
    assert document["person"]["fields"]["first_name"] == "Morag"
    assert document["person"]["fields"]["phone"] == "07700 900456"
    [consent] = document["consent_history"]
    assert consent["fields"]["method"] == "written"
    assert consent["fields"]["share_with"] == ["DWP"]
    assert consent["fields"]["adviser"] == "demo.adviser"
    listed = {
        r["record_id"] for key in ("engagements", "referrals", "outcomes") for r in document[key]
    }
    assert listed == children
    actions = {(e["action"], e["record_id"]) for e in document["audit"]}
    assert ("change.applied", person) in actions  # who changed it
    disclosed = [e for e in document["audit"] if e["action"] == "disclosed"]
    assert disclosed  # who received it: DWP's laptop pulled the person
    assert {e["detail"]["partner"] for e in disclosed} == {"DWP"}


def test_subject_access_json_from_the_cli_and_the_api(
    server: LiveServer, devices: Devices, tmp_path: Path
) -> None:
    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
    try:
        person, children = _family(sds)
        sds.sync()
        dwp.sync()
    finally:
        sds.lock()
        dwp.lock()
    out = tmp_path / "sar.json"
    done = server.cli("subject-access", person, "--out", str(out))
    assert str(out) in done.stdout
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    _check_document(json.loads(out.read_text(encoding="utf-8")), person, children)
    missing = server.cli(
        "subject-access",
        "01900000-0000-7000-8000-0000000000fe",
        "--out",
        str(tmp_path / "x.json"),
        check=False,
    )
    assert missing.returncode != 0

    path = f"/api/v1/admin/people/{person}/subject-access"
    answer = devices["demo.admin"].api.request("GET", path)
    assert answer.status_code == 200, answer.text
    _check_document(answer.json(), person, children)
    assert_error(devices["demo.adviser"].api.request("GET", path), 403, "forbidden")
    # An adviser of another partner is refused too.
    assert_error(devices["dwp.adviser"].api.request("GET", path), 403, "forbidden")
    audit = (
        devices["demo.admin"]
        .api.request(
            "GET",
            "/api/v1/admin/audit",
            params={"record_id": person, "action": "subject_access.exported"},
        )
        .json()["items"]
    )
    assert audit  # each export is itself audited


def test_the_app_writes_a_readable_pdf_for_an_admin(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    from desktop_app.ui.subject_access import subject_access_html, write_subject_access_pdf

    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person, _children = _family(sds)
    sds.sync()
    sds.lock()
    admin = enrol(server, tmp_path / "admin", "demo.admin")
    try:
        document = admin.subject_access(person)
    finally:
        admin.lock()
    html = subject_access_html(document)
    for text in ("Morag", "07700 900456", "Consent history", "written", "cv_support"):
        assert text in html
    pdf = tmp_path / "sar.pdf"
    write_subject_access_pdf(document, pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"/Type /Page" in data
    # No text-extraction tool is installed here: the page content streams must at least decode
    # and draw text (BT ... ET operators).
    streams = _content_streams(data)
    assert any(b"BT" in s and b"ET" in s for s in streams)


def _content_streams(data: bytes) -> list[bytes]:
    """The PDF's streams, inflated where compressed."""
    out: list[bytes] = []
    start = 0
    while (at := data.find(b"stream\n", start)) != -1:
        end = data.find(b"endstream", at + 7)
        if end == -1:
            break
        raw = data[at + len(b"stream\n") : end]
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
        start = end + len(b"endstream")
    return out


def test_an_admin_writes_the_pdf_from_the_person_view_and_an_adviser_has_no_button(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    from desktop_app.ui.person_view import PersonView
    from desktop_app.ui.state import AppState

    sds = enrol(server, tmp_path / "sds", "demo.adviser")
    person, _children = _family(sds)
    sds.sync()
    adviser_view = PersonView(AppState(sds))
    qtbot.addWidget(adviser_view)
    assert adviser_view.subject_access_button.isHidden()
    sds.lock()

    admin = enrol(server, tmp_path / "admin", "demo.admin")
    state = AppState(admin)
    try:
        admin.sync()
        view = PersonView(state)
        qtbot.addWidget(view)
        view.show_person(person)
        assert not view.subject_access_button.isHidden()
        pdf = tmp_path / "report.pdf"
        job = view.export_subject_access(pdf)
        assert job is not None
        qtbot.waitUntil(lambda: "written to" in view.status.text(), timeout=30_000)
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert any(b"BT" in s for s in _content_streams(pdf.read_bytes()))
    finally:
        state.runner.wait_for_idle()
        admin.lock()
