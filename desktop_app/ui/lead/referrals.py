"""Referrals: incoming ones to this partner (accept, decline with a reason, complete) and
outgoing ones with their state and age. Every change is a write on the job lane."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import (
    Changes,
    Direction,
    ReferralRow,
    Repository,
    accept_referral,
    complete_referral,
    decline_referral,
    referrals,
)
from desktop_app.ui.errors import describe
from desktop_app.ui.lead.models import ReferralsModel
from desktop_app.ui.lead.tables import read_only_table
from desktop_app.ui.plain import plain_label
from desktop_app.ui.state import AppState

REFERRAL_TYPES = ("referral", "client")


class DeclineDialog(QDialog):
    """Asks why a referral is declined; the reason is required."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Decline referral"))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("decline_reason")
        self.reason.setAccessibleName(self.tr("Reason for declining"))
        self.reason.setTabChangesFocus(True)
        label = plain_label(self.tr("&Why is this referral declined?"), self)
        label.setTextFormat(Qt.TextFormat.AutoText)
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Decline"))
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)


class ReferralsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.incoming_model = ReferralsModel()
        self.outgoing_model = ReferralsModel()
        self.incoming = read_only_table(
            self, "incoming_referrals", self.tr("Incoming referrals"), self.incoming_model
        )
        self.outgoing = read_only_table(
            self, "outgoing_referrals", self.tr("Outgoing referrals"), self.outgoing_model
        )
        self.accept_button = self._button(self.tr("&Accept"), self.tr("Accept the referral"))
        self.decline_button = self._button(
            self.tr("&Decline…"), self.tr("Decline the referral, saying why")
        )
        self.complete_button = self._button(
            self.tr("&Complete"), self.tr("Mark the referral completed today")
        )
        self.open_button = self._button(
            self.tr("Open &person"), self.tr("Open the person of the selected referral")
        )
        self.message = plain_label("", self, name="referrals_message")
        self.message.setWordWrap(True)
        self._lay_out()
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button.clicked.connect(self.decline_selected)
        self.complete_button.clicked.connect(self.complete_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.incoming.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.outgoing.activated.connect(lambda i: self._open(self.outgoing_model.row_at(i.row())))
        self.incoming.activated.connect(lambda i: self._open(self.incoming_model.row_at(i.row())))
        state.changed.connect(self._on_changed)
        state.session_changed.connect(self.reload)
        self.reload()

    def _button(self, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        return button

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.accept_button,
            self.decline_button,
            self.complete_button,
            self.open_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(plain_label(self.tr("Referred to us"), top, name="incoming_title"))
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.incoming, 1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(
            plain_label(self.tr("Referred by us"), bottom, name="outgoing_title")
        )
        bottom_layout.addWidget(self.outgoing, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- data --------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*REFERRAL_TYPES):
            self.reload()

    def reload(self) -> None:
        repo = self.state.repo
        rows = [] if repo is None else referrals(repo)
        self.incoming_model.set_rows([r for r in rows if r.direction == Direction.INCOMING])
        self.outgoing_model.set_rows([r for r in rows if r.direction == Direction.OUTGOING])
        self._update_buttons()

    def selected(self) -> ReferralRow | None:
        rows = self.incoming.selectionModel().selectedRows()
        return self.incoming_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        status = None if row is None else row.status
        self.accept_button.setEnabled(status == "open")
        self.decline_button.setEnabled(status in ("open", "accepted"))
        self.complete_button.setEnabled(status in ("open", "accepted"))
        self.open_button.setEnabled(row is not None)

    # -- actions -------------------------------------------------------------------------------
    def _write(self, op: Callable[[Repository], Changes], done: str) -> None:
        self.message.setText("")
        self.state.write(
            op,
            on_done=lambda _c: self.message.setText(done),
            on_failure=lambda exc: self.message.setText(describe(exc)),
        )

    def accept_selected(self) -> None:
        row = self.selected()
        if row is not None:
            rid = row.id
            self._write(lambda repo: accept_referral(repo, rid), self.tr("Referral accepted."))

    def complete_selected(self) -> None:
        row = self.selected()
        if row is not None:
            rid, today = row.id, dt.date.today()
            self._write(
                lambda repo: complete_referral(repo, rid, today), self.tr("Referral completed.")
            )

    def decline_selected(self) -> DeclineDialog | None:
        row = self.selected()
        if row is None:
            return None
        rid = row.id
        dialog = DeclineDialog(self)

        def declined() -> None:
            reason = dialog.reason.toPlainText()
            self._write(
                lambda repo: decline_referral(repo, rid, reason), self.tr("Referral declined.")
            )

        dialog.accepted.connect(declined)
        dialog.open()
        return dialog

    def open_selected(self) -> None:
        self._open(self.selected())

    def _open(self, row: ReferralRow | None) -> None:
        if row is not None and row.client_id:
            self.state.open_person.emit(row.client_id)
