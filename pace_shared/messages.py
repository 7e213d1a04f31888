"""Sentences for people that the core writes in English and the UI shows in the user's language.

The core (shared rules, storage, sync) imports no Qt, so it cannot translate. Instead each
message it raises is a :class:`UserMessage`: still a ``str`` (logs, the server and every test
read it as English), but it remembers its catalogue context, its template and the values put
into it, so the UI can look the template up in Qt's catalogue and fill in the same values.

``scripts/update-translations`` extracts every ``user_message("context", "template")`` call
(lupdate reads it as ``QT_TRANSLATE_NOOP``), so the literal must be written at the call site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping


class UserMessage(str):
    """An English sentence that knows how to be translated."""

    context: str
    template: str
    params: Mapping[str, object]

    def __new__(
        cls, context: str, template: str, params: Mapping[str, object] | None = None
    ) -> UserMessage:
        values = dict(params or {})
        message = super().__new__(cls, template.format(**values) if values else template)
        message.context = context
        message.template = template
        message.params = values
        return message

    def format(self, *args: object, **params: object) -> UserMessage:
        """Fill the template's named ``{placeholders}``; the result stays translatable."""
        if args:
            raise TypeError("user messages take named values only")
        return UserMessage(self.context, self.template, {**self.params, **params})


def user_message(context: str, template: str) -> UserMessage:
    """Mark ``template`` for translators under ``context``; ``.format(name=…)`` fills it."""
    return UserMessage(context, template)


def render(text: str, translate: Callable[[str, str], str]) -> str:
    """``text`` in the user's language: ``translate(context, template)`` gives the template
    (the English one when there is no translation), filled with the same values, themselves
    rendered when they are user messages too."""
    if not isinstance(text, UserMessage):
        return text
    values = {
        name: render(value, translate) if isinstance(value, UserMessage) else value
        for name, value in text.params.items()
    }
    template = translate(text.context, text.template)
    try:
        return template.format(**values) if values else template
    except (KeyError, IndexError, ValueError):
        # A translation that lost or broke a placeholder must not hide the message.
        return str(text)
