"""A subject access document as a readable PDF, written with Qt (no other dependency).

The document is the server's answer (``GET /api/v1/admin/people/{id}/subject-access``):
the person's fields, consent history, engagements, referrals, outcomes and the audit of who
viewed, changed or received the record. Every value is escaped: it is shown, never rendered.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop_app.ui.i18n import QT_TRANSLATE_NOOP
from pace_shared.records import FIELDS

_TEXT = {
    "title": QT_TRANSLATE_NOOP("SubjectAccess", "Subject access: everything held about a person"),
    "record": QT_TRANSLATE_NOOP("SubjectAccess", "Record"),
    "owner": QT_TRANSLATE_NOOP("SubjectAccess", "Recorded by"),
    "produced": QT_TRANSLATE_NOOP("SubjectAccess", "Produced"),
    "details": QT_TRANSLATE_NOOP("SubjectAccess", "Personal details"),
    "consent": QT_TRANSLATE_NOOP("SubjectAccess", "Consent history"),
    "engagements": QT_TRANSLATE_NOOP("SubjectAccess", "Engagements"),
    "referrals": QT_TRANSLATE_NOOP("SubjectAccess", "Referrals"),
    "outcomes": QT_TRANSLATE_NOOP("SubjectAccess", "Outcomes"),
    "none": QT_TRANSLATE_NOOP("SubjectAccess", "None recorded."),
    "deleted": QT_TRANSLATE_NOOP("SubjectAccess", "deleted"),
    "audit": QT_TRANSLATE_NOOP("SubjectAccess", "Who viewed, changed or received the record"),
    "when": QT_TRANSLATE_NOOP("SubjectAccess", "When"),
    "action": QT_TRANSLATE_NOOP("SubjectAccess", "Action"),
    "user": QT_TRANSLATE_NOOP("SubjectAccess", "User"),
    "type": QT_TRANSLATE_NOOP("SubjectAccess", "Record type"),
    "fields": QT_TRANSLATE_NOOP("SubjectAccess", "Fields"),
    "detail": QT_TRANSLATE_NOOP("SubjectAccess", "Detail"),
}


def _t(key: str) -> str:
    """The translated text, HTML-escaped."""
    return html.escape(QCoreApplication.translate("SubjectAccess", _TEXT[key]))


def _e(value: object) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return html.escape("" if value is None else str(value))


def _fields_table(record_type: str, fields: Mapping[str, Any]) -> str:
    specs = FIELDS.get(record_type, {})
    rows = "".join(
        f"<tr><th align='left'>{_e(specs[name].label if name in specs else name)}</th>"
        f"<td>{_e(value)}</td></tr>"
        for name, value in fields.items()
    )
    return f"<table border='1' cellpadding='3' cellspacing='0'>{rows}</table>"


def _records(title: str, records: Iterable[Mapping[str, Any]]) -> str:
    parts = [f"<h2>{_t(title)}</h2>"]
    listed = list(records)
    if not listed:
        parts.append(f"<p>{_t('none')}</p>")
    for record in listed:
        deleted = f" · {_t('deleted')}" if record.get("deleted") else ""
        parts.append(
            f"<p><b>{_e(record.get('owner_partner'))}</b> · {_e(record.get('created_at'))}"
            f"{deleted}</p>"
        )
        parts.append(_fields_table(str(record.get("record_type")), record.get("fields") or {}))
    return "".join(parts)


def _audit_row(event: Mapping[str, Any]) -> str:
    detail = ", ".join(f"{k}: {v}" for k, v in (event.get("detail") or {}).items())
    values = (
        event.get("at"),
        event.get("action"),
        event.get("username"),
        event.get("record_type"),
        event.get("fields"),
        detail,
    )
    return "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in values) + "</tr>"


def _audit(events: Iterable[Mapping[str, Any]]) -> str:
    keys = ("when", "action", "user", "type", "fields", "detail")
    head = "".join(f"<th align='left'>{_t(k)}</th>" for k in keys)
    rows = "".join(_audit_row(e) for e in events)
    return (
        f"<h2>{_t('audit')}</h2>"
        f"<table border='1' cellpadding='2' cellspacing='0'><tr>{head}</tr>{rows}</table>"
    )


def subject_access_html(document: Mapping[str, Any]) -> str:
    person = document.get("person") or {}
    header = (
        f"<p>{_t('record')} {_e(document.get('record_id'))} · {_t('owner')} "
        f"{_e(document.get('owner_partner'))} · {_t('produced')} "
        f"{_e(document.get('generated_at'))}</p>"
    )
    return "".join(
        [
            f"<h1>{_t('title')}</h1>",
            header,
            f"<h2>{_t('details')}</h2>",
            _fields_table("client", person.get("fields") or {}),
            _records("consent", document.get("consent_history") or []),
            _records("engagements", document.get("engagements") or []),
            _records("referrals", document.get("referrals") or []),
            _records("outcomes", document.get("outcomes") or []),
            _audit(document.get("audit") or []),
        ]
    )


def write_subject_access_pdf(document: Mapping[str, Any], path: Path) -> None:
    """Write the document as an A4 PDF at ``path`` (needs a QGuiApplication)."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(QCoreApplication.translate("SubjectAccess", "Subject access"))
    writer.setCreator("PACE Casework")
    text = QTextDocument()
    text.setHtml(subject_access_html(document))
    text.print_(writer)
