"""Language catalogues and the one function that fills them in, escaping user data.

Every user-facing string lives in a catalogue (`id` Indonesian, `en` English). Values passed to
`text()` are HTML-escaped unless they are `Html` (already-safe markup built by this project).
"""

from __future__ import annotations

import html
import string
from typing import Any

from office.texts import (
    english,
    english_documents,
    english_guidance,
    english_questions,
    english_staff,
    indonesian,
    indonesian_documents,
    indonesian_guidance,
    indonesian_questions,
    indonesian_staff,
)

CATALOGUES: dict[str, dict[str, str]] = {
    "id": {**indonesian.MESSAGES, **indonesian_staff.MESSAGES, **indonesian_guidance.MESSAGES,
           **indonesian_questions.MESSAGES, **indonesian_documents.MESSAGES},
    "en": {**english.MESSAGES, **english_staff.MESSAGES, **english_guidance.MESSAGES,
           **english_questions.MESSAGES, **english_documents.MESSAGES},
}
DEFAULT_LANGUAGE = "id"


class _Plurals(string.Formatter):
    """`{days:day|days}` in a template is the word that goes with the number (English needs it)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if str(value) == "1" else many
        return super().format_field(value, format_spec)


_PLURALS = _Plurals()


def _fill(template: str, values: dict[str, Any]) -> str:
    # str.format is several times faster; only templates with a plural pay for the Formatter.
    return _PLURALS.vformat(template, (), values) if "|" in template else template.format(**values)


class Html(str):
    """A string that is already safe HTML for Telegram (escaped where it holds data)."""

    __slots__ = ()


def escape(value: object) -> Html:
    """HTML-escape a value for Telegram's HTML parse mode (quotes too)."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def text(language: str, key: str, **values: Any) -> Html:
    """The catalogue entry `key` in `language`, with values escaped and filled in."""
    catalogue = CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue[key]
    return Html(_fill(template, {name: escape(value) for name, value in values.items()}))


def label(language: str, key: str, **values: Any) -> str:
    """A catalogue entry for a button: plain text, nothing escaped (buttons show no markup)."""
    catalogue = CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])
    return _fill(catalogue[key], values)


def join(parts: list[Html] | tuple[Html, ...], separator: str = "\n") -> Html:
    """Join safe fragments into one safe fragment."""
    return Html(separator.join(parts))
