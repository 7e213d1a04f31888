"""Duplicates: a team lead reviews the server's probable duplicate pairs side by side and merges
them (one record survives; the other's engagements, referrals and outcomes move to it and its
id redirects to it on every device), and undoes a merge from the recent ones.

The pairs and merges come from the server (online only); the two people are read from this
laptop's store. Every server call runs on the app's job lane (off the GUI thread, in order with
a sync); after a merge or an undo a sync runs there too, so the store shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import (
    Changes,
    Duplicates,
    MergeRecord,
    MergeSession,
    ServerError,
    SyncReport,
)
from desktop_app.ui.confirm import confirm
from desktop_app.ui.errors import Failure, classify, describe
from desktop_app.ui.lead.merge_models import (
    ComparisonModel,
    MergesModel,
    PairRow,
    PairsModel,
    PersonSide,
    local_time,
    moved_text,
    person_side,
)
from desktop_app.ui.lead.tables import read_only_table
from desktop_app.ui.models.records import partner_name
from desktop_app.ui.plain import error_label, plain_label
from desktop_app.ui.state import AppState
from desktop_app.ui.sync_scheduler import changes_of

_Answer = TypeVar("_Answer")

#: The server's refusals of a merge or an undo that the lead can act on (its ``error`` code).
REFUSALS = ("consent_wider", "already_merged", "already_undone", "not_found", "invalid_request")


def refusal_text(exc: BaseException) -> str | None:
    """What a refused merge or undo means and what to do, or None for other failures."""
    if not isinstance(exc, ServerError) or exc.code not in REFUSALS:
        return None
    tr = QCoreApplication.translate
    texts = {
        "consent_wider": tr(
            "Duplicates",
            "Not merged: the record to keep is shared with partners the other record is not, "
            "so the other record's engagements, referrals and outcomes would reach "
            "organisations the person has not agreed to. Merge the other way round, or have "
            "the owner record matching consent first.",
        ),
        "already_merged": tr(
            "Duplicates",
            "Not merged: one of these records has already been merged. The lists are "
            "refreshed to show how things stand now.",
        ),
        "already_undone": tr(
            "Duplicates", "That merge had already been undone; the list is refreshed."
        ),
        "not_found": tr(
            "Duplicates",
            "The server no longer holds one of these records or that merge (deleted, or "
            "merged elsewhere). The lists are refreshed.",
        ),
        "invalid_request": tr("Duplicates", "The server refused this request as invalid."),
    }
    text = texts[str(exc.code)]
    if exc.detail:
        text += "\n" + tr("Duplicates", "The server said: {detail}").format(detail=exc.detail)
    return text


#: One line per row, columns the user can widen: names and values side by side stay readable.
_COMPACT: dict[str, Any] = {"resize": QHeaderView.ResizeMode.Interactive, "word_wrap": False}


class DuplicatesPage(QWidget):
    #: The server said this laptop is revoked (the session has wiped the store).
    device_revoked = Signal(str)
    #: The sign-in expired: the app asks for the password again.
    reauth_needed = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pairs_model = PairsModel()
        self.comparison_model = ComparisonModel()
        self.merges_model = MergesModel()
        self.duplicates: Duplicates | None = None
        #: Names of the people seen in pairs, so a merge still names the record merged away.
        self._names: dict[str, str] = {}
        #: Server calls (and the sync after a change) still running.
        self.pending = 0
        self.loaded = False

        self.refresh_button = QPushButton(self.tr("Re&fresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Ask the server again"))
        self.linkage = plain_label("", self, name="linkage_status")
        self.linkage.setWordWrap(True)
        self.pairs = read_only_table(
            self, "duplicate_pairs", self.tr("Probable duplicates"), self.pairs_model, **_COMPACT
        )
        self.comparison = read_only_table(
            self, "duplicate_comparison", self.tr("The two records side by side"),
            self.comparison_model, **_COMPACT,
        )  # fmt: skip
        self.keep_left = QPushButton(self.tr("Keep &left, merge right into it…"), self)
        self.keep_left.setAccessibleName(self.tr("Keep the left record and merge the right one"))
        self.keep_right = QPushButton(self.tr("Keep &right, merge left into it…"), self)
        self.keep_right.setAccessibleName(self.tr("Keep the right record and merge the left one"))
        self.message = plain_label("", self, name="duplicates_message")
        self.message.setWordWrap(True)
        self.error = error_label(self)
        self.error.setObjectName("duplicates_error")
        self.error.setAccessibleName(self.tr("Error"))
        self.merges = read_only_table(
            self, "recent_merges", self.tr("Recent merges"), self.merges_model, **_COMPACT
        )
        self.undo_button = QPushButton(self.tr("&Undo merge…"), self)
        self.undo_button.setAccessibleName(self.tr("Undo the selected merge"))
        self.merges_status = plain_label("", self, name="merges_status")
        self.merges_status.setWordWrap(True)
        self._lay_out()

        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.keep_left.clicked.connect(lambda: self.merge("left"))
        self.keep_right.clicked.connect(lambda: self.merge("right"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.pairs.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.merges.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        state.changed.connect(self._on_changed)
        state.session_changed.connect(self._on_session)
        self._update_buttons()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.linkage, 1)

        pairs_label = QLabel(self.tr("Probable &duplicates:"), self)
        pairs_label.setBuddy(self.pairs)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(pairs_label)
        left_layout.addWidget(self.pairs, 1)

        compare_label = QLabel(self.tr("Side &by side (from this laptop's records):"), self)
        compare_label.setBuddy(self.comparison)
        actions = QHBoxLayout()
        actions.addWidget(self.keep_left)
        actions.addWidget(self.keep_right)
        actions.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(compare_label)
        right_layout.addWidget(self.comparison, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.message)

        review = QSplitter(Qt.Orientation.Horizontal, self)
        review.addWidget(left)
        review.addWidget(right)
        review.setSizes([500, 680])

        history = QGroupBox(self.tr("Recent merges"), self)
        merges_label = QLabel(self.tr("&Merges, newest first:"), history)
        merges_label.setBuddy(self.merges)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.merges_status, 1)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(merges_label)
        history_layout.addWidget(self.merges, 1)
        history_layout.addLayout(undo_row)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(review)
        split.addWidget(history)
        split.setSizes([470, 230])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        for column, width in enumerate((140, 140, 75)):
            self.pairs.horizontalHeader().resizeSection(column, width)
        for column, width in enumerate((170, 240)):
            self.comparison.horizontalHeader().resizeSection(column, width)
        for column, width in enumerate((125, 150, 150, 110, 220)):
            self.merges.horizontalHeader().resizeSection(column, width)

    # -- state ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.pending > 0

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # Asked when first shown, not when built: signing in never waits on the server for it.
        if not self.loaded and not self.busy:
            self.refresh()

    def _on_session(self) -> None:
        session = self.state.session
        self.loaded = False
        if session is None or session.is_locked:
            self.clear()
        elif self.isVisible():
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        # A sync or a local edit may have brought the records in, renamed or removed them.
        if changes.everything or changes.touches("client", "engagement", "referral", "outcome"):
            self._rebuild_pairs()
            self._set_merges(self.merges_model.rows)

    def clear(self) -> None:
        """Forget what was shown (locked, signed out or wiped: nothing stays on screen)."""
        self.duplicates = None
        self._names = {}
        self.pairs_model.set_rows([])
        self.comparison_model.set_pair(None, None)
        self.merges_model.set_rows([], {})
        for label in (self.linkage, self.message, self.merges_status):
            label.setText("")
        self.show_error("")
        self._update_buttons()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- calling the server --------------------------------------------------------------------
    def _call(
        self,
        work: Callable[[MergeSession], _Answer],
        on_done: Callable[[_Answer], None],
        on_failed: Callable[[BaseException], None],
        *,
        label: str,
        show_progress: bool = False,
    ) -> bool:
        session = self.state.session
        if session is None or session.is_locked or not isinstance(session, MergeSession):
            self.linkage.setText(
                self.tr(
                    "Probable duplicates come from the server: sign in online as a team lead "
                    "or an administrator."
                )
            )
            return False
        self.pending += 1

        def succeeded(answer: Any) -> None:
            self.pending -= 1
            on_done(answer)

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            failure = classify(exc)
            if failure is Failure.REVOKED:
                self.clear()
                self.show_error(describe(exc))
                self.device_revoked.emit(describe(exc))
                return
            if failure is Failure.UNAUTHENTICATED:
                self.reauth_needed.emit()
            on_failed(exc)

        self.state.runner.run(
            lambda _progress: work(session),
            on_success=succeeded,
            on_failure=failed,
            label=label,
            parent_widget=self,
            show_progress=show_progress,
        )
        return True

    def refresh(self, *, keep_error: bool = False) -> None:
        """Ask the server for the probable pairs and the recent merges; ``keep_error`` leaves
        a refusal on screen (the lists are refreshed because of it)."""
        if self.busy:
            return
        if not keep_error:
            self.show_error("")
        self.linkage.setText(self.tr("Asking the server for probable duplicates…"))
        asked = self._call(
            lambda session: session.list_duplicates(),
            self._pairs_loaded,
            self._pairs_failed,
            label=self.tr("Loading probable duplicates…"),
        )
        if asked:
            self.loaded = True
            self._call(
                lambda session: session.list_merges(),
                lambda merges: self._set_merges(merges, loaded=True),
                self._merges_failed,
                label=self.tr("Loading recent merges…"),
            )

    def _pairs_loaded(self, duplicates: Duplicates) -> None:
        self.duplicates = duplicates
        self._rebuild_pairs()
        count = len(duplicates.pairs)
        if duplicates.linked_at is None:
            text = self.tr(
                "Linkage has not run on the server yet, so there are no probable duplicates to "
                "review. An administrator runs it on the server (pace-sync-server link)."
            )
        elif count == 0:
            text = self.tr(
                "Linked at {time}: no probable duplicates among the records your partner sees."
            ).format(time=local_time(duplicates.linked_at))
        else:
            text = self.tr(
                "Linked at {time}: {count} probable duplicate pair(s) to review."
            ).format(time=local_time(duplicates.linked_at), count=count)
        self.linkage.setText(text)

    def _pairs_failed(self, exc: BaseException) -> None:
        if classify(exc) is Failure.OFFLINE:
            self.linkage.setText(
                self.tr(
                    "Offline: probable duplicates come from the server. Refresh when this laptop "
                    "is online."
                )
            )
        else:
            self.linkage.setText(self.tr("The probable duplicates could not be loaded."))
            self.show_error(describe(exc))

    def _merges_failed(self, exc: BaseException) -> None:
        if classify(exc) is Failure.OFFLINE:
            self.merges_status.setText(self.tr("Offline: recent merges come from the server."))
        else:
            self.merges_status.setText(
                self.tr("Recent merges could not be loaded: {problem}").format(
                    problem=describe(exc)
                )
            )

    # -- the pairs and the two people ------------------------------------------------------------
    def _rebuild_pairs(self) -> None:
        repo = self.state.repo
        if self.duplicates is None or repo is None:
            self.pairs_model.set_rows([])
            self._show_selected()
            return
        chosen = self.selected()
        key = None if chosen is None else (chosen.pair.record_id_1, chosen.pair.record_id_2)
        own = self.state.own_partner
        rows = [
            PairRow(
                pair,
                person_side(repo, pair.record_id_1, own),
                person_side(repo, pair.record_id_2, own),
            )
            for pair in self.duplicates.pairs
        ]
        for side in (side for r in rows for side in (r.left, r.right)):
            if side.present and side.name:
                self._names[side.record_id] = side.name
        self.pairs_model.set_rows(rows)
        index = next(
            (i for i, r in enumerate(rows) if (r.pair.record_id_1, r.pair.record_id_2) == key),
            0 if rows else -1,
        )
        if index >= 0:
            self.pairs.selectRow(index)
        self._show_selected()

    def selected(self) -> PairRow | None:
        rows = self.pairs.selectionModel().selectedRows()
        return self.pairs_model.row_at(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        row = self.selected()
        self.comparison_model.set_pair(
            None if row is None else row.left, None if row is None else row.right
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        both = row is not None and row.left.present and row.right.present
        self.keep_left.setEnabled(both)
        self.keep_right.setEnabled(both)
        merge = self.selected_merge()
        self.undo_button.setEnabled(merge is not None and merge.undone_at is None)

    # -- merging -------------------------------------------------------------------------------
    def merge(self, keep: str) -> QMessageBox | None:
        """Ask, then merge: ``keep`` is "left" or "right", the record that survives."""
        row = self.selected()
        if row is None or not (row.left.present and row.right.present):
            return None
        survivor, merged = (row.left, row.right) if keep == "left" else (row.right, row.left)
        return confirm(
            self,
            "merge_confirm",
            self.tr("Merge two records of one person"),
            self._merge_question(survivor, merged),
            self.tr("&Merge"),
            lambda: self._merge(survivor.record_id, merged.record_id),
            icon=QMessageBox.Icon.Question,
            wide=True,
        )

    def _merge_question(self, survivor: PersonSide, merged: PersonSide) -> str:
        counts = merged.counts
        return self.tr(
            "Keep {kept} (recorded by {kept_by}) and merge {merged} (recorded by {merged_by}) "
            "into it?\n\n"
            "• The merged record's {engagements} engagement(s), {referrals} referral(s) and "
            "{outcomes} outcome(s) move to the kept record.\n"
            "• The merged record's id then leads to the kept record on every device, after "
            "its next sync.\n"
            "• You can undo the merge later from Recent merges."
        ).format(
            kept=survivor.label,
            kept_by=_partner(survivor),
            merged=merged.label,
            merged_by=_partner(merged),
            engagements=counts.get("engagement", 0),
            referrals=counts.get("referral", 0),
            outcomes=counts.get("outcome", 0),
        )

    def _merge(self, survivor_id: str, merged_id: str) -> None:
        self.show_error("")
        self.message.setText(self.tr("Merging…"))
        self._call(
            lambda session: session.merge_people(survivor_id, merged_id),
            self._merged,
            self._change_refused,
            label=self.tr("Merging the two records…"),
            show_progress=True,
        )

    def _merged(self, merge: MergeRecord) -> None:
        self._sync_then_refresh(
            self.tr("Merged. Moved to the kept record: {moved}.").format(
                moved=moved_text(merge.moved)
            )
        )

    def _change_refused(self, exc: BaseException) -> None:
        self.message.setText("")
        refused = refusal_text(exc)
        if refused is not None:
            self.show_error(refused)
            if isinstance(exc, ServerError) and exc.code != "consent_wider":
                self.refresh(keep_error=True)  # the lists were out of date
            return
        if classify(exc) is Failure.OFFLINE:
            self.show_error(
                self.tr(
                    "Offline: nothing was changed. Merging needs the server; try again when online."
                )
            )
            return
        self.show_error(describe(exc))

    def _sync_then_refresh(self, done: str) -> None:
        """Say ``done``; sync on the lane, so this laptop's store shows the merge (or its
        undoing); then ask the server for the lists again."""
        session = self.state.session
        if session is None or session.is_locked:
            return
        self.message.setText(done + " " + self.tr("Syncing this laptop…"))
        self.pending += 1

        def synced(report: SyncReport) -> None:
            self.pending -= 1
            self.state.announce(changes_of(report), local=False)
            self.message.setText(done)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            if classify(exc) is Failure.REVOKED:
                self.clear()
                self.device_revoked.emit(describe(exc))
                return
            self.message.setText(
                done
                + " "
                + self.tr("This laptop shows it after its next sync ({problem}).").format(
                    problem=describe(exc)
                )
            )
            self.refresh()

        self.state.runner.run(
            lambda progress: session.sync(progress=progress),
            on_success=synced,
            on_failure=failed,
            label=self.tr("Synchronising with the server…"),
            show_progress=False,
            yields_to_writes=True,
        )

    # -- recent merges -------------------------------------------------------------------------
    def _set_merges(self, merges: list[MergeRecord], *, loaded: bool = False) -> None:
        chosen = self.selected_merge()
        repo = self.state.repo
        names: dict[str, str] = {}
        if repo is not None:
            own = self.state.own_partner
            for merge in merges:
                for rid in (merge.survivor_id, merge.merged_id):
                    side = person_side(repo, rid, own)
                    if side.present and side.name:
                        names[rid] = self._names[rid] = side.name
                    elif rid in self._names:
                        names[rid] = self._names[rid]  # merged away since: its name as seen
        self.merges_model.set_rows(merges, names)
        index = next(
            (i for i, m in enumerate(merges) if chosen and m.merge_id == chosen.merge_id),
            -1,
        )
        if index >= 0:
            self.merges.selectRow(index)
        if loaded:
            self.merges_status.setText(self.tr("No merges yet.") if not merges else "")
        self._update_buttons()

    def selected_merge(self) -> MergeRecord | None:
        rows = self.merges.selectionModel().selectedRows()
        return self.merges_model.row_at(rows[0].row()) if rows else None

    def undo_selected(self) -> QMessageBox | None:
        merge = self.selected_merge()
        if merge is None or merge.undone_at is not None:
            return None
        merge_id = merge.merge_id
        return confirm(
            self,
            "undo_confirm",
            self.tr("Undo a merge"),
            self.tr(
                "Undo the merge of {merged} into {kept} ({when})?\n\n"
                "• Both records exist again; what moved goes back: {moved}.\n"
                "• Every device shows the two records again after its next sync."
            ).format(
                merged=self.merges_model.person(merge.merged_id),
                kept=self.merges_model.person(merge.survivor_id),
                when=local_time(merge.merged_at),
                moved=moved_text(merge.moved),
            ),
            self.tr("&Undo merge"),
            lambda: self._undo(merge_id),
            icon=QMessageBox.Icon.Question,
            wide=True,
        )

    def _undo(self, merge_id: str) -> None:
        self.show_error("")
        self.message.setText(self.tr("Undoing the merge…"))
        self._call(
            lambda session: session.undo_merge(merge_id),
            self._undone,
            self._change_refused,
            label=self.tr("Undoing the merge…"),
            show_progress=True,
        )

    def _undone(self, _merge: MergeRecord) -> None:
        self._sync_then_refresh(self.tr("Merge undone."))


def _partner(side: PersonSide) -> str:
    return partner_name(side.owner_partner)
