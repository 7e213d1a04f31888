"""The Duplicates workspace (issue 11) against a real sync server process and real encrypted
profiles: two partners' advisers register one person with consent to each other, the server's
linkage pairs them, and the SDS team lead sees the pair side by side from the local store
(withheld fields read "Withheld"), merges it (children move, the other id redirects after a
sync), sees it in Recent merges and undoes it. Refusals (consent_wider, already_merged), an
offline server, a never-linked server and a revoked laptop are shown plainly, never a crash.

The merge and undo tests need the server's merge API (``/api/v1/merges``); against a server
without it they fail on the 404 the server answers.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.session import Profile, Session
from desktop_app.ui.lead.merge_models import ComparisonModel, PairsModel
from desktop_app.ui.lead.merge_review import DuplicatesPage
from desktop_app.ui.state import AppState
from tests.desktop_core.conftest import FAST_KDF
from tests.support.live_server import DEMO_PASSWORD, LiveServer, start_server
from tests.support.memory_keyring import MemoryKeyring

from .test_accessibility import check_screen, show

WAIT_MS = 30_000
CONSENT_AT = "2026-11-21T10:00:00.000Z"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own: its sharing agreement withholds NI number and phone from
    partners other than the owner (the example terms), which no other UI test expects."""
    with start_server(tmp_path_factory.mktemp("duplicates-server")) as live:
        live.cli("sharing-agreement", "--example")
        yield live


_sessions: list[Session] = []
_pages: list[DuplicatesPage] = []


@pytest.fixture(autouse=True)
def close_everything(qtbot: Any, memory_keyring: MemoryKeyring) -> Iterator[None]:
    yield
    while _pages:
        page = _pages.pop()
        qtbot.waitUntil(lambda p=page: not p.state.runner.busy, timeout=WAIT_MS)
        page.close()
        page.deleteLater()
        page.state.deleteLater()
    while _sessions:
        session = _sessions.pop()
        if not session.is_locked:
            session.lock()
    gc.collect()


def enrol(server: LiveServer, folder: Path, username: str) -> Session:
    session = Session.enrol(
        Profile(folder), server.url, username, DEMO_PASSWORD, "Duplicates test laptop",
        kdf_params=FAST_KDF,
    )  # fmt: skip
    _sessions.append(session)
    return session


def surname() -> str:
    """A surname no other test uses, so pairs of different tests never link to each other."""
    return "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:10]).capitalize()


def register(session: Session, share_with: list[str], **fields: Any) -> str:
    consent = {"share_with": share_with, "consent_recorded_at": CONSENT_AT} if share_with else {}
    return session.repo.save("client", {**fields, **consent}, consent_method="verbal")


class Pair:
    """One person registered by SDS (left, if the server lists it first) and by DWP."""

    def __init__(
        self,
        server: LiveServer,
        tmp_path: Path,
        *,
        sds_shares: list[str] | None = None,
        children: bool = True,
    ) -> None:
        last = surname()
        person = {"last_name": last, "date_of_birth": "1975-11-30", "postcode": "G12 8QQ",
                  "ni_number": "AB123456C"}  # fmt: skip
        sds = enrol(server, tmp_path / "sds", "demo.adviser")
        dwp = enrol(server, tmp_path / "dwp", "dwp.adviser")
        self.last_name = last
        self.sds_id = register(
            sds, ["DWP"] if sds_shares is None else sds_shares, first_name="Catriona",
            phone="01592 123456", **person,
        )  # fmt: skip
        self.dwp_id = register(dwp, ["SDS"], first_name="Cat", phone="07700 900123", **person)
        if children:
            dwp.repo.save(
                "engagement",
                {"client_id": self.dwp_id, "kind": "cv_support", "occurred_on": "2026-11-10"},
            )
            dwp.repo.save(
                "outcome",
                {"client_id": self.dwp_id, "status": "employed", "recorded_on": "2026-11-20"},
            )
            sds.repo.save(
                "engagement",
                {"client_id": self.sds_id, "kind": "one_to_one", "occurred_on": "2026-11-12"},
            )
        for session in (sds, dwp):
            session.sync()
        server.cli("link")


def lead_page(qtbot: Any, server: LiveServer, folder: Path, username: str = "demo.lead") -> Any:
    session = enrol(server, folder, username)
    session.sync()
    page = DuplicatesPage(AppState(session))
    page.resize(1200, 760)
    _pages.append(page)
    show(qtbot, page)  # the first showing asks the server
    settle(qtbot, page)
    return page


def settle(qtbot: Any, page: DuplicatesPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.state.runner.busy, timeout=WAIT_MS)


def select_pair(page: DuplicatesPage, a: str, b: str) -> tuple[str, str]:
    """Select the pair of ``a`` and ``b``; answers (left id, right id) as shown."""
    for row, item in enumerate(page.pairs_model.rows):
        ids = (item.pair.record_id_1, item.pair.record_id_2)
        if set(ids) == {a, b}:
            page.pairs.selectRow(row)
            return ids
    raise AssertionError(f"the pair is not listed: {page.linkage.text()}")


def cell(model: ComparisonModel, title: str, column: int) -> str:
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == title:
            return str(model.index(row, column).data())
    raise AssertionError(f"no row {title!r}")


def click(box: QMessageBox, fragment: str) -> None:
    next(b for b in box.buttons() if fragment in b.text().replace("&", "")).click()


# -- listing and comparing (GET /api/v1/duplicates and the local store) --------------------------
def test_pairs_are_listed_and_shown_side_by_side_from_the_local_store(
    qtbot: Any, qtmodeltester: Any, server: LiveServer, tmp_path: Path
) -> None:
    pair = Pair(server, tmp_path)
    page = lead_page(qtbot, server, tmp_path / "lead")
    assert page.linkage.text().startswith("Linked at ")
    assert "probable duplicate pair(s) to review" in page.linkage.text()
    left_id, _right_id = select_pair(page, pair.sds_id, pair.dwp_id)
    sds_col, dwp_col = (1, 2) if left_id == pair.sds_id else (2, 1)
    model = page.comparison_model
    assert cell(model, "First name", sds_col) == "Catriona"
    assert cell(model, "First name", dwp_col) == "Cat"
    assert cell(model, "Last name", dwp_col) == pair.last_name
    # The agreement withholds NI number and phone from partners other than the owner: the
    # SDS lead sees SDS's own values and "Withheld" for DWP's, never a blank.
    assert cell(model, "NI number", sds_col) == "AB123456C"
    assert cell(model, "NI number", dwp_col) == "Withheld"
    assert cell(model, "Phone", dwp_col) == "Withheld"
    assert cell(model, "Share with", dwp_col) == "Skills Development Scotland"
    assert (
        cell(model, "Recorded by (owner)", dwp_col)
        == "Department for Work and Pensions (Jobcentre Plus)"
    )
    assert cell(model, "Engagements", sds_col) == "1"
    assert cell(model, "Engagements", dwp_col) == "1"
    assert cell(model, "Outcomes", dwp_col) == "1"
    assert cell(model, "Referrals", dwp_col) == "0"
    assert cell(model, "Record id", dwp_col) == pair.dwp_id
    assert page.keep_left.isEnabled()
    assert page.keep_right.isEnabled()
    # The pair's row names both people; every model passes Qt's own model checks.
    row = next(
        r for r in page.pairs_model.rows if pair.sds_id in (r.left.record_id, r.right.record_id)
    )
    assert {row.left.label, row.right.label} == {
        f"Catriona {pair.last_name}",
        f"Cat {pair.last_name}",
    }
    shown = page.pairs.selectionModel().selectedRows()[0].row()
    assert page.pairs_model.index(shown, 3).data() in ("SDS / DWP", "DWP / SDS")
    for checked in (page.pairs_model, page.comparison_model, page.merges_model):
        qtmodeltester.check(checked, force_py=True)
    check_screen(qtbot, page, "duplicates")


def test_a_cancelled_confirmation_changes_nothing_and_says_what_a_merge_does(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    pair = Pair(server, tmp_path)
    page = lead_page(qtbot, server, tmp_path / "lead")
    left_id, right_id = select_pair(page, pair.sds_id, pair.dwp_id)
    box = page.merge("right")
    assert box is not None
    qtbot.addWidget(box)
    text = box.text()
    assert text.startswith(f"Keep {page.selected().right.label}")  # type: ignore[union-attr]
    assert "move to the kept record" in text
    assert "on every device" in text
    assert "undo" in text
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    settle(qtbot, page)
    repo = page.state.repo
    assert repo is not None
    assert repo.get(left_id) is not None
    assert repo.get(right_id) is not None
    assert page.message.text() == ""


def test_never_linked_offline_and_store_only_sessions_say_so(
    qtbot: Any, tmp_path: Path, state: AppState
) -> None:
    with start_server(tmp_path / "fresh") as fresh:
        page = lead_page(qtbot, fresh, tmp_path / "lead")
        assert page.linkage.text().startswith("Linkage has not run on the server yet")
        assert page.pairs_model.rowCount() == 0
        fresh.kill()
        page.refresh()
        settle(qtbot, page)
    assert page.linkage.text().startswith("Offline: probable duplicates come from the server")
    assert page.merges_status.text() == "Offline: recent merges come from the server."
    # A session without the server (the UI's store-only stand-in) is told what it needs.
    offline_page = DuplicatesPage(state)
    _pages.append(offline_page)
    offline_page.refresh()
    assert "sign in online" in offline_page.linkage.text()
    assert not offline_page.busy


def test_a_revoked_laptop_is_wiped_and_the_page_cleared(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    pair = Pair(server, tmp_path, children=False)
    page = lead_page(qtbot, server, tmp_path / "lead")
    select_pair(page, pair.sds_id, pair.dwp_id)
    session = page.state.session
    assert isinstance(session, Session)
    admin = server.client("demo.admin")
    response = admin.request("POST", f"/api/v1/admin/devices/{session.device_id}/revoke")
    assert response.status_code == 200, response.text
    with qtbot.waitSignal(page.device_revoked, timeout=WAIT_MS) as revoked:
        page.refresh()
    settle(qtbot, page)
    assert "revoked" in revoked.args[0]
    assert page.pairs_model.rowCount() == 0
    assert page.comparison_model.rowCount() == 0
    assert page.error.isVisible()
    assert session.is_locked


# -- merging and undoing (POST /api/v1/merges, POST /api/v1/merges/{id}/undo) -------------------
def test_done_when_a_lead_merges_a_pair_and_undoes_it(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    pair = Pair(server, tmp_path)
    page = lead_page(qtbot, server, tmp_path / "lead")
    left_id, _right_id = select_pair(page, pair.sds_id, pair.dwp_id)
    keep = "left" if left_id == pair.sds_id else "right"  # keep SDS's record, merge DWP's
    box = page.merge(keep)
    assert box is not None
    assert "1 engagement(s), 0 referral(s) and 1 outcome(s)" in box.text()
    click(box, "Merge")
    settle(qtbot, page)
    assert not page.error.isVisible(), page.error.text()
    assert page.message.text().startswith("Merged. Moved to the kept record: Engagements 1")

    # The sync after the merge: DWP's person is gone from this laptop and its children are
    # the kept person's now.
    repo = page.state.repo
    assert repo is not None
    # DWP's id now leads to the kept record (or to nothing), never to DWP's record.
    gone = repo.get(pair.dwp_id)
    assert gone is None or gone.deleted or gone.id == pair.sds_id
    kinds = sorted(child.type for child in repo.timeline(pair.sds_id))
    assert kinds == ["engagement", "engagement", "outcome"]
    # Recent merges, newest first; the merged pair is no longer offered.
    merge = page.merges_model.row_at(0)
    assert merge is not None
    assert (merge.survivor_id, merge.merged_id) == (pair.sds_id, pair.dwp_id)
    assert merge.undone_at is None
    assert (merge.moved.get("engagement"), merge.moved.get("outcome")) == (1, 1)
    assert page.merges_model.index(0, 1).data() == f"Catriona {pair.last_name}"
    assert page.merges_model.index(0, 2).data() == f"Cat {pair.last_name}"  # as seen before
    assert not any(
        {r.pair.record_id_1, r.pair.record_id_2} == {pair.sds_id, pair.dwp_id}
        for r in page.pairs_model.rows
    )

    # A second lead's screen, still showing the pair, is refused plainly.
    page._merge(pair.dwp_id, pair.sds_id)
    settle(qtbot, page)
    assert page.error.isVisible()
    assert "Not merged" in page.error.text() or "no longer holds" in page.error.text()

    # Undo: confirmed, the record and its children are back after the sync.
    page.merges.selectRow(0)
    assert page.undo_button.isEnabled()
    undo = page.undo_selected()
    assert undo is not None
    assert "Both records exist again" in undo.text()
    click(undo, "Undo merge")
    settle(qtbot, page)
    assert not page.error.isVisible(), page.error.text()
    assert page.message.text() == "Merge undone."
    back = repo.get(pair.dwp_id)
    assert back is not None
    assert back.id == pair.dwp_id
    assert not back.deleted
    assert sorted(c.type for c in repo.timeline(pair.dwp_id)) == ["engagement", "outcome"]
    undone = next(m for m in page.merges_model.rows if m.merged_id == pair.dwp_id)
    assert undone.undone_at is not None
    page.merges.selectRow(page.merges_model.rows.index(undone))
    assert not page.undo_button.isEnabled()


def test_merging_a_more_widely_shared_record_into_a_narrower_one_is_refused_plainly(
    qtbot: Any, server: LiveServer, tmp_path: Path
) -> None:
    # SDS's record is SDS's alone; DWP's is shared with SDS. Keeping DWP's would show SDS's
    # history to DWP, which the person never agreed to: refused (consent_wider). Keeping SDS's
    # narrower record is allowed.
    pair = Pair(server, tmp_path, sds_shares=[], children=False)
    page = lead_page(qtbot, server, tmp_path / "lead")
    left_id, _right_id = select_pair(page, pair.sds_id, pair.dwp_id)
    keep_sds = "left" if left_id == pair.sds_id else "right"
    keep_dwp = "right" if keep_sds == "left" else "left"
    click(page.merge(keep_dwp), "Merge")  # type: ignore[arg-type]
    settle(qtbot, page)
    assert page.error.isVisible()
    assert "Merge the other way round" in page.error.text()
    assert "The server said:" in page.error.text()
    repo = page.state.repo
    assert repo is not None
    assert repo.get(pair.sds_id) is not None  # nothing changed
    select_pair(page, pair.sds_id, pair.dwp_id)
    click(page.merge(keep_sds), "Merge")  # type: ignore[arg-type]
    settle(qtbot, page)
    assert not page.error.isVisible(), page.error.text()
    assert page.message.text().startswith("Merged.")


def test_models_of_the_workspace_pass_qts_checks_when_empty(qtmodeltester: Any) -> None:
    qtmodeltester.check(PairsModel(), force_py=True)
    comparison = ComparisonModel()
    qtmodeltester.check(comparison, force_py=True)
