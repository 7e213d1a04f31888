"""Audit log tab: who did what, filtered by user, record, action and dates; CSV export.

The server keeps names of fields only, never their values; the dates are whole days in local
time, both ends included.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop_app.session import AuditEvent
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..state import AppState
from .common import AdminPage, Column, RowsModel, short_time, table_view
from .export import write_csv_atomically

#: Actions the server writes, offered in the filter (any other can be typed).
ACTIONS = (
    "login.succeeded",
    "login.failed",
    "login.refused",
    "device.registered",
    "device.revoked",
    "user.created",
    "user.deactivated",
    "user.reactivated",
    "user.password_reset",
    "user.role_changed",
    "partner.created",
    "partner.renamed",
    "partner.deactivated",
    "partner.reactivated",
    "change.applied",
    "conflict.resolved",
    "disclosed",
    "viewed",
)
LIMIT = 1000


def _detail(event: AuditEvent) -> str:
    return json.dumps(event.detail, ensure_ascii=False, sort_keys=True) if event.detail else ""


AUDIT_COLUMNS: tuple[Column[AuditEvent], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Time"), lambda e: short_time(e.at)),
    Column(QT_TRANSLATE_NOOP("Columns", "Action"), lambda e: e.action),
    Column(QT_TRANSLATE_NOOP("Columns", "User"), lambda e: e.username or ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Device"), lambda e: e.device_id or ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Record type"), lambda e: e.record_type or ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Record"), lambda e: e.record_id or ""),
    Column(QT_TRANSLATE_NOOP("Columns", "Fields"), lambda e: ", ".join(e.fields or [])),
    Column(QT_TRANSLATE_NOOP("Columns", "Detail"), _detail),
)
#: The CSV keeps the server's exact time (the table shows minutes in local time).
CSV_HEADER = (
    "at",
    "action",
    "username",
    "device_id",
    "record_type",
    "record_id",
    "fields",
    "detail",
)


def csv_row(event: AuditEvent) -> list[str]:
    return [
        event.at,
        event.action,
        event.username or "",
        event.device_id or "",
        event.record_type or "",
        event.record_id or "",
        " ".join(event.fields or []),
        _detail(event),
    ]


class BadDate(ValueError):  # noqa: N818 - shown as is
    """A date filter that is not a date."""


def day_start(text: str, *, after: bool = False) -> str | None:
    """The local midnight that starts the day ``text`` (YYYY-MM-DD), or the next day with
    ``after``, as ISO 8601 in UTC; None for an empty filter."""
    text = text.strip()
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise BadDate(text) from None
    if after:
        day += dt.timedelta(days=1)
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).isoformat()


class AuditPage(AdminPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_audit")
        self.model: RowsModel[AuditEvent] = RowsModel(AUDIT_COLUMNS, lambda e: str(e.id), self)
        # Unsorted: newest first, as the server answers (the time column shows only minutes).
        self.table = table_view(self.model, self.tr("Audit events"), sortable=False)
        self.table.setObjectName("audit_table")
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Filter by username"))
        self.record_id = QLineEdit()
        self.record_id.setAccessibleName(self.tr("Filter by record id"))
        self.record_id.setMaxLength(36)
        self.action = QComboBox()
        self.action.setEditable(True)
        self.action.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.action.setAccessibleName(self.tr("Filter by action"))
        self.action.addItem("")
        self.action.addItems(ACTIONS)
        self.since = QLineEdit()
        self.since.setAccessibleName(self.tr("From date (YYYY-MM-DD)"))
        self.since.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.until = QLineEdit()
        self.until.setAccessibleName(self.tr("To date, included (YYYY-MM-DD)"))
        self.until.setPlaceholderText(self.tr("YYYY-MM-DD"))
        for edit in (self.username, self.record_id, self.since, self.until):
            edit.returnPressed.connect(self.reload)
        form = QFormLayout()
        form.addRow(self.tr("User&name"), self.username)
        form.addRow(self.tr("Rec&ord id"), self.record_id)
        form.addRow(self.tr("A&ction"), self.action)
        form.addRow(self.tr("Fro&m date"), self.since)
        form.addRow(self.tr("To dat&e"), self.until)
        self.apply_button = self.button(
            self.tr("&Apply filters"),
            self.tr("Show the events that match the filters"),
            self.reload,
        )
        self.export_button = self.button(
            self.tr("E&xport CSV…"), self.tr("Save the events shown to a CSV file"), self.export
        )
        self.more_button = self.button(
            self.tr("&Load more"),
            self.tr("Show the next older events that match the filters"),
            self.load_more,
        )
        self.more_button.setObjectName("audit_more")
        self.more_button.setEnabled(False)
        #: Events asked for at a time (the server's largest page).
        self.page_size = LIMIT
        self._filters: dict[str, str | None] = {}
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self.table, 1)
        self.lay_out([self.apply_button, self.more_button, self.export_button], body)

    def reload(self) -> None:
        try:
            since = day_start(self.since.text())
            until = day_start(self.until.text(), after=True)
        except BadDate as bad:
            self.show_error(
                self.tr("“{text}” is not a date: write it as YYYY-MM-DD.").format(text=str(bad))
            )
            return
        self._filters = {
            "username": self.username.text().strip() or None,
            "record_id": self.record_id.text().strip() or None,
            "action": self.action.currentText().strip() or None,
            "since": since,
            "until": until,
        }
        self._fetch(None)

    def load_more(self) -> None:
        """The next page: events older than the oldest shown, with the same filters (paged
        by event id, so events written since the first page neither repeat nor go missing)."""
        rows = self.model.rows
        if rows:
            self._fetch(min(e.id for e in rows))

    def _fetch(self, before: int | None) -> None:
        filters, size = dict(self._filters), self.page_size
        self.more_button.setEnabled(False)
        self.call(
            lambda api: api.audit(
                username=filters["username"],
                record_id=filters["record_id"],
                action=filters["action"],
                since=filters["since"],
                until=filters["until"],
                limit=size,
                before=before,
            ),
            lambda events: self._show(events, more=before is not None),
            label=self.tr("Loading the audit log…"),
        )

    def _show(self, events: list[AuditEvent], more: bool = False) -> None:
        self.loaded = True
        shown = [*self.model.rows, *events] if more else events
        self.model.set_rows(shown)
        full = len(events) >= self.page_size
        self.more_button.setEnabled(full)
        if full:
            self.say(
                self.tr("The newest {count} events; “Load more” shows older ones.").format(
                    count=len(shown)
                )
            )
        else:
            self.say(self.tr("{count} events.").format(count=len(shown)))

    def export(self, path: Path | None = None) -> None:
        """Save the events shown; ``path`` skips the file dialog (tests, scripts)."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit log"), "audit.csv", self.tr("CSV files (*.csv)")
            )
            if not chosen:
                return
            path = Path(chosen)
        rows = [csv_row(e) for e in self.model.rows]
        target = path

        def done(count: int) -> None:
            self.say(
                self.tr("{count} events written to {file}.").format(count=count, file=str(target))
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                reason = exc.strerror or type(exc).__name__
                self.show_error(
                    QCoreApplication.translate(
                        "AuditPage", "The file could not be written: {reason}."
                    ).format(reason=reason)
                )
            else:
                self.on_failure(exc)

        self.state.runner.run(
            lambda _progress: write_csv_atomically(target, CSV_HEADER, rows),
            on_success=done,
            on_failure=failed,
            label=self.tr("Writing the CSV file…"),
            parent_widget=self,
        )
