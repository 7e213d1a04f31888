"""Core messages: English wherever they are read as text, translatable where they are shown."""

from __future__ import annotations

import pytest

from pace_shared.messages import UserMessage, render, user_message
from pace_shared.records import validate_fields


def _gaelic(context: str, template: str) -> str:
    return {("validation", "must be at least {minimum}"): "co-dhiù {minimum}"}.get(
        (context, template), template
    )


def test_a_message_reads_as_english_and_renders_in_the_users_language() -> None:
    message = user_message("validation", "must be at least {minimum}").format(minimum=3)

    assert message == "must be at least 3"
    assert render(message, _gaelic) == "co-dhiù 3"
    assert render("plain text", _gaelic) == "plain text"


def test_the_shared_rules_raise_translatable_messages() -> None:
    errors = validate_fields("redundancy_event", {"affected_count": -2}, creating=False).errors

    assert [str(e) for e in errors] == ["affected_count: must be at least 0"]
    assert isinstance(errors[0].message, UserMessage)
    assert render(errors[0].message, _gaelic) == "co-dhiù 0"


def test_values_that_are_messages_are_rendered_too_and_a_broken_translation_falls_back() -> None:
    inner = user_message("validation", "must be at least {minimum}").format(minimum=1)
    outer = user_message("errors", "Not saved: {reason}").format(reason=inner)

    assert render(outer, _gaelic) == "Not saved: co-dhiù 1"
    assert render(outer, lambda _c, _t: "{missing}") == "Not saved: must be at least 1"


def test_positional_values_are_refused() -> None:
    with pytest.raises(TypeError):
        user_message("errors", "{0}").format("x")
