"""Marking strings for translation where they are declared, translated where they are shown."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``source`` for translation in ``context`` without translating it yet.

    Qt's own returns ``object`` in PySide6's type stubs; this one says it gives back the text.
    ``pyside6-lupdate`` finds calls by this name, so extraction is unchanged."""
    return source
