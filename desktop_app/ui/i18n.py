"""Marking strings for translation where they are declared, translated where they are shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pace_shared.messages import render
from pace_shared.records import FieldSpec


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``source`` for translation in ``context`` without translating it yet.

    Qt's own returns ``object`` in PySide6's type stubs; this one says it gives back the text.
    ``pyside6-lupdate`` finds calls by this name, so extraction is unchanged."""
    return source


def translated(text: str) -> str:
    """A core message (``pace_shared.messages.UserMessage``) in the user's language; any other
    text as it is."""
    return render(text, QCoreApplication.translate)


def field_label(spec: FieldSpec) -> str:
    """A record field's label from the shared model, in the user's language (the labels are
    extracted for translators by scripts/update-translations under the context ``records``)."""
    return QCoreApplication.translate("records", spec.label)


def choice_label(spec: FieldSpec, value: str) -> str:
    """The human label of one of a field's allowed values, in the user's language."""
    return QCoreApplication.translate("records", spec.choice_label(value))
