"""The sync status area in the status bar: always visible, never hides a problem."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop_app.session import SessionError, SyncStatus

from .look import colour_style
from .plain import plain_label
from .state import AppState
from .sync_scheduler import SyncScheduler


def format_when(value: str | dt.datetime | None) -> str:
    if not value:
        return QCoreApplication.translate("SyncStatusBar", "never")
    if isinstance(value, str):
        try:
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        when = value
    local = when.astimezone() if when.tzinfo else when
    if local.date() == dt.date.today():
        return QCoreApplication.translate("SyncStatusBar", "today {time}").format(
            time=f"{local:%H:%M}"
        )
    return f"{local:%d/%m/%Y %H:%M}"


class SyncStatusBar(QWidget):
    rejected_clicked = Signal()
    sync_clicked = Signal()

    def __init__(
        self, state: AppState, scheduler: SyncScheduler, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.scheduler = scheduler
        self.setObjectName("sync_status")
        self.connection = plain_label("", self, name="connection_status")
        self.last_sync = plain_label("", self, name="last_sync")
        self.pending = plain_label("", self, name="pending_changes")
        self.rejected = QPushButton(self)
        self.rejected.setObjectName("rejected_changes")
        self.rejected.setAccessibleName(self.tr("Rejected changes"))
        self.rejected.setFlat(True)
        self.rejected.setStyleSheet(colour_style("color: #b00020;") + "font-weight: bold;")
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setToolTip(self.tr("Synchronise now (F5 or Ctrl+Shift+S)"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(14)
        for widget in (self.connection, self.last_sync, self.pending, self.rejected):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.sync_button)
        self.rejected.clicked.connect(self.rejected_clicked)
        self.sync_button.clicked.connect(self.sync_clicked)
        scheduler.status_changed.connect(self.refresh)
        scheduler.syncing_changed.connect(lambda _s: self.refresh())
        state.session_changed.connect(self.refresh)
        state.changed.connect(lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        session = self.state.session
        if session is None:
            self.connection.setText(self.tr("Locked"))
            for label in (self.last_sync, self.pending):
                label.setText("")
            self.rejected.setVisible(False)
            self.sync_button.setEnabled(False)
            return
        try:
            status: SyncStatus | None = session.status()
        except SessionError:  # locked underneath us (quit, revocation)
            status = None
        online = self.scheduler.online
        if online is None and status is not None:
            online = bool(status.online)
        if self.scheduler.running:
            self.connection.setText(self.tr("⟳ Syncing…"))
            self.connection.setStyleSheet(colour_style("color: #1a5fb4;"))
        elif online:
            self.connection.setText(self.tr("● Online"))
            self.connection.setStyleSheet(colour_style("color: #26a269;"))
        else:
            retry = self.scheduler.retry_in_ms
            seconds = max(1, retry // 1000)
            self.connection.setText(
                self.tr("● Offline (retry in {seconds} s)").format(seconds=seconds)
                if retry > 0
                else self.tr("● Offline")
            )
            self.connection.setStyleSheet(colour_style("color: #9a6700;"))
        if self.scheduler.last_error:
            self.connection.setToolTip(self.scheduler.last_error)
        else:
            self.connection.setToolTip("")
        last = status.last_sync_at if status is not None else None
        pending = status.pending if status is not None else 0
        rejected = status.rejected if status is not None else 0
        self.last_sync.setText(self.tr("Last sync: {when}").format(when=format_when(last)))
        self.pending.setText(self.tr("Pending changes: {count}").format(count=pending))
        self.rejected.setText(
            self.tr("1 rejected change…")
            if rejected == 1
            else self.tr("{count} rejected changes…").format(count=rejected)
        )
        self.rejected.setVisible(rejected > 0)
        self.sync_button.setEnabled(not self.scheduler.running)
