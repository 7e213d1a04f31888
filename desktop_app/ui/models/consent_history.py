"""The person's consent history: each change of who may see the record, when, how, by whom."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.session import RecordView
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP
from pace_shared.records import SHARE_ALL

from .records import RecordTableModel, partner_name

_METHODS = {
    "verbal": QT_TRANSLATE_NOOP("Consent", "Verbal"),
    "written": QT_TRANSLATE_NOOP("Consent", "Written"),
    "electronic": QT_TRANSLATE_NOOP("Consent", "Electronic"),
}


def shared_with_text(record: RecordView) -> str:
    codes = [str(c) for c in (record.fields.get("share_with") or [])]
    if codes == [SHARE_ALL]:
        return QCoreApplication.translate("Consent", "All PACE partners")
    if not codes:
        return QCoreApplication.translate("Consent", "Only the recording organisation")
    return ", ".join(partner_name(code) for code in codes)


def method_text(record: RecordView) -> str:
    method = record.fields.get("method")
    if method not in _METHODS:
        return QCoreApplication.translate("Consent", "Not stated")
    return QCoreApplication.translate("Consent", _METHODS[str(method)])


def _when(record: RecordView) -> str:
    # ISO 8601 UTC, cut to the minute: "2026-11-28 13:40 UTC".
    text = str(record.fields.get("recorded_at") or "")
    return f"{text[:10]} {text[11:16]} UTC" if len(text) >= 16 else text


class ConsentHistoryModel(RecordTableModel):
    columns = (
        (QT_TRANSLATE_NOOP("Columns", "When"), _when),
        (QT_TRANSLATE_NOOP("Columns", "Shared with"), shared_with_text),
        (QT_TRANSLATE_NOOP("Columns", "How given"), method_text),
        (
            QT_TRANSLATE_NOOP("Columns", "Adviser"),
            lambda r: str(r.fields.get("adviser") or ""),
        ),
        (QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: partner_name(r.owner_partner)),
    )
