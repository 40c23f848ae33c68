"""The language catalogues: every key in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from office.texts import (
    CATALOGUES,
    Html,
    english,
    english_guidance,
    english_staff,
    indonesian,
    indonesian_guidance,
    indonesian_staff,
    text,
)
from sandbox import parse_html


def placeholders(template: str) -> set[str]:
    """The names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize(("indonesian_texts", "english_texts"), [
    (indonesian.MESSAGES, english.MESSAGES),
    (indonesian_staff.MESSAGES, english_staff.MESSAGES),
    (indonesian_guidance.MESSAGES, english_guidance.MESSAGES),
], ids=["applicants", "staff", "guidance"])
def test_every_key_exists_in_both_languages(indonesian_texts: dict[str, str],
                                            english_texts: dict[str, str]) -> None:
    assert sorted(set(indonesian_texts) - set(english_texts)) == []
    assert sorted(set(english_texts) - set(indonesian_texts)) == []


@pytest.mark.parametrize("key", sorted(CATALOGUES["id"]))
def test_both_languages_fill_in_the_same_placeholders(key: str) -> None:
    assert placeholders(CATALOGUES["id"][key]) == placeholders(CATALOGUES["en"][key])


@pytest.mark.parametrize("language", sorted(CATALOGUES))
@pytest.mark.parametrize("key", sorted(CATALOGUES["id"]))
def test_every_text_is_valid_telegram_html_with_hostile_values(language: str, key: str) -> None:
    values = dict.fromkeys(placeholders(CATALOGUES[language][key]), '<b>Wayan & "Sons"</b>')
    parsed = parse_html(text(language, key, **values))
    for value in values.values():
        assert value in parsed.text


def test_safe_fragments_are_not_escaped_twice() -> None:
    assert text("en", "card.history_note", date="1 Dec", stage=Html("<b>Note</b>"),
                note="a & b") == "1 Dec · <b>Note</b> — <i>a &amp; b</i>"


@pytest.mark.parametrize(("days", "expected"), [
    (0, "Since 2 Nov (0 working days)"), (1, "Since 2 Nov (1 working day)"),
    (2, "Since 2 Nov (2 working days)"), ("1.5", "Since 2 Nov (1.5 working days)")])
def test_english_counts_take_the_word_that_goes_with_them(days: object, expected: str) -> None:
    assert text("en", "card.since", date="2 Nov", days=days) == expected


def test_indonesian_counts_need_no_plural() -> None:
    assert text("id", "card.since", date="2 Nov", days=1) == "Sejak 2 Nov (1 hari kerja)"
    assert text("id", "card.since", date="2 Nov", days=3) == "Sejak 2 Nov (3 hari kerja)"


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_plural_gives_one_word_for_one_and_one_for_the_rest(language: str) -> None:
    for key, template in CATALOGUES[language].items():
        for _, _, spec, _ in string.Formatter().parse(template):
            if spec and "|" in spec:
                one, many = spec.split("|")
                assert one, key
                assert many, key
