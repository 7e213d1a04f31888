"""Small list-backed table models: the person timeline and the events list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop_app.session import RecordView
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP, field_label
from desktop_app.ui.plain import plain_tooltip
from pace_shared import reference
from pace_shared.records import FIELDS

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ItemIndex = QModelIndex | QPersistentModelIndex


_WORDS = {"cv_support": "CV support", "self_employed": "Self-employed"}


def column_title(
    titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """``headerData`` for a table whose horizontal headers are ``titles`` and nothing else."""
    if (
        role == Qt.ItemDataRole.DisplayRole
        and orientation == Qt.Orientation.Horizontal
        and 0 <= section < len(titles)
    ):
        return QCoreApplication.translate("Columns", titles[section])
    return None


def humanise(code: object) -> str:
    text = str(code or "")
    return _WORDS.get(text, text.replace("_", " ").capitalize())


def partner_name(code: object) -> str:
    return reference.partner_names().get(str(code or ""), str(code or ""))


def withheld_word() -> str:
    """A withheld field in a column named after it."""
    return QCoreApplication.translate("Records", "Withheld")


def withheld_value(record_type: str, name: str) -> str:
    """What stands in for a field the data-sharing agreement keeps from this organisation:
    "Notes: Withheld", never a blank that reads as "nothing was written"."""
    return QCoreApplication.translate("Records", "{field}: Withheld").format(
        field=field_label(FIELDS[record_type][name])
    )


def withheld_explanation(record: RecordView, names: Sequence[str]) -> str | None:
    """Why a cell says "Withheld" (its tooltip and what a screen reader adds), or None."""
    specs = FIELDS.get(record.type, {})
    held = [field_label(specs[n]) for n in names if n in record.withheld and n in specs]
    if not held:
        return None
    return QCoreApplication.translate(
        "Records",
        "Withheld from your organisation under the data-sharing agreement: {fields}.",
    ).format(fields=", ".join(held))


def created_date(record: RecordView) -> str:
    """When a record without a date field was made: the earliest HLC among its fields."""
    versions = record.versions
    stamps = [str(v) for v in versions.values() if v]
    if not stamps:
        return ""
    try:
        ms = int(min(stamps).split("-", 1)[0])
    except ValueError:
        return ""
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).date().isoformat()


class RecordTableModel(QAbstractTableModel):
    """A read-only table of ``RecordView``s, one row each, columns from ``columns``."""

    columns: tuple[tuple[str, Callable[[RecordView], str]], ...] = ()
    #: Column -> the fields it shows that an agreement may withhold (see :meth:`withheld_note`).
    withholdable_columns: ClassVar[Mapping[int, tuple[str, ...]]] = {}

    def __init__(self) -> None:
        super().__init__()
        self._records: list[RecordView] = []

    def set_records(self, records: Sequence[RecordView]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> RecordView | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.columns[index.column()][1](record))
        note = self.withheld_note(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            text = str(self.columns[index.column()][1](record))
            return plain_tooltip(f"{text}\n{note}" if note else text)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return note
        if role == Qt.ItemDataRole.FontRole and note:
            font = QFont()
            font.setItalic(True)  # set apart from what was written; the words say it too
            return font  # type: ignore[return-value]
        if role == RECORD_ID_ROLE:
            return str(record.id)
        return None

    def withheld_note(self, record: RecordView, column: int) -> str | None:
        """Why the cell shows "Withheld" when a field it shows is withheld, else None."""
        names = self.withholdable_columns.get(column)
        return withheld_explanation(record, names) if names and record.withheld else None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_title([title for title, _ in self.columns], section, orientation, role)

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _field(name: str) -> Callable[[RecordView], str]:
    def get(record: RecordView) -> str:
        value = (record.fields or {}).get(name)
        return "" if value is None else str(value)

    return get


def _timeline_date(record: RecordView) -> str:
    fields = record.fields or {}
    return str(fields.get("occurred_on") or fields.get("recorded_on") or created_date(record))


def _timeline_kind(record: RecordView) -> str:
    kinds = {
        "engagement": QCoreApplication.translate("Records", "Engagement"),
        "referral": QCoreApplication.translate("Records", "Referral"),
        "outcome": QCoreApplication.translate("Records", "Outcome"),
    }
    return kinds.get(str(record.type), humanise(record.type))


def _timeline_detail(record: RecordView) -> str:
    fields = record.fields or {}
    if record.type == "engagement":
        kind = humanise(fields.get("kind"))
        if "notes" in record.withheld:
            return f"{kind} · {withheld_value('engagement', 'notes')}"
        notes = str(fields.get("notes") or "")
        return f"{kind}: {notes}" if notes else kind
    if record.type == "referral":
        status = humanise(fields.get("status") or "open")
        text = QCoreApplication.translate("Records", "To {partner} ({status})").format(
            partner=partner_name(fields.get("to_partner")), status=status
        )
        if "reason" in record.withheld:
            return f"{text} · {withheld_value('referral', 'reason')}"
        reason = str(fields.get("reason") or "")
        return f"{text}: {reason}" if reason else text
    if record.type == "outcome":
        months = fields.get("months_after")
        status = humanise(fields.get("status"))
        if months is None:
            return status
        if months == 1:
            return QCoreApplication.translate("Records", "{status}, 1 month after").format(
                status=status
            )
        return QCoreApplication.translate("Records", "{status}, {months} months after").format(
            status=status, months=months
        )
    return ""


def _sync_state(record: RecordView) -> str:
    if record.has_conflict:
        return QCoreApplication.translate("Records", "Conflict")
    if record.pending_fields:
        return QCoreApplication.translate("Records", "Not yet synced")
    return QCoreApplication.translate("Records", "Synced")


class TimelineModel(RecordTableModel):
    columns = (
        (QT_TRANSLATE_NOOP("Columns", "Date"), _timeline_date),
        (QT_TRANSLATE_NOOP("Columns", "Type"), _timeline_kind),
        (QT_TRANSLATE_NOOP("Columns", "Details"), _timeline_detail),
        (QT_TRANSLATE_NOOP("Columns", "Recorded by"), lambda r: partner_name(r.owner_partner)),
        (QT_TRANSLATE_NOOP("Columns", "Sync"), _sync_state),
    )
    #: The details column shows engagement notes and the referral's reason.
    withholdable_columns: ClassVar[Mapping[int, tuple[str, ...]]] = {2: ("notes", "reason")}


class EventsModel(RecordTableModel):
    """Redundancy events; employer names are looked up once per refresh, not per paint."""

    def __init__(self) -> None:
        super().__init__()
        self._employers: dict[str, str] = {}
        self.current_event_id: str | None = None
        self.columns = (
            (
                QT_TRANSLATE_NOOP("Columns", "Employer"),
                lambda r: self._employers.get(_field("employer_id")(r), ""),
            ),
            (QT_TRANSLATE_NOOP("Columns", "Site"), _field("site_name")),
            (QT_TRANSLATE_NOOP("Columns", "Council area"), _field("local_authority")),
            (QT_TRANSLATE_NOOP("Columns", "Announced"), _field("announced_on")),
            (QT_TRANSLATE_NOOP("Columns", "Affected"), _field("affected_count")),
            (
                QT_TRANSLATE_NOOP("Columns", "Status"),
                lambda r: humanise(_field("status")(r) or "open"),
            ),
            (
                QT_TRANSLATE_NOOP("Columns", "Current"),
                lambda r: (
                    QCoreApplication.translate("Records", "Current")
                    if str(r.id) == self.current_event_id
                    else ""
                ),
            ),
        )

    def set_data(
        self,
        events: Sequence[RecordView],
        employers: Sequence[RecordView],
        current_event_id: str | None,
    ) -> None:
        self._employers = {str(e.id): str((e.fields or {}).get("name") or "") for e in employers}
        self.current_event_id = current_event_id
        self.set_records(
            sorted(
                events, key=lambda e: str((e.fields or {}).get("announced_on") or ""), reverse=True
            )
        )

    def employer_name(self, record: RecordView) -> str:
        return self._employers.get(_field("employer_id")(record), "")


def event_label(event: RecordView, employers: dict[str, str]) -> str:
    fields = event.fields or {}
    parts = [
        employers.get(
            str(fields.get("employer_id") or ""),
            QCoreApplication.translate("Records", "Unknown employer"),
        )
    ]
    if fields.get("site_name"):
        parts.append(str(fields["site_name"]))
    label = " — ".join(parts)
    if fields.get("announced_on"):
        label += f" ({fields['announced_on']})"
    return label
