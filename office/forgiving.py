"""Forgiving reading of what applicants type: codes with spaces, numbers nearly right, small talk.

People copy an access code from paper in groups (`783 709`), type a number without its prefix
or with one digit too many, and greet the bot before asking anything. Each of these gets a
useful answer instead of "I don't understand"; this module only reads the text (no Telegram).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from storage.numbers import format_number, normalise_number

ACCESS_CODE_DIGITS = 6
# A code typed inside a short sentence: digits possibly in groups, nothing but words around.
_CODE_GROUPS = re.compile(r"(?<!\d)\d(?:[\s.\-]?\d){5}(?![\s.\-]?\d)")
_SEPARATORS = r"[\s\-_./]*"
_PREFIX_SEQUENCE_TOO_LONG = re.compile(
    rf"^\s*([A-Za-z]{{2,10}}){_SEPARATORS}(\d{{4}}){_SEPARATORS}(\d{{7,}})\s*$")
_YEAR_AND_SEQUENCE = re.compile(rf"^\s*(20\d\d){_SEPARATORS}(\d{{1,6}})\s*$")
_SEQUENCE_ALONE = re.compile(r"^\s*(\d{5,6})\s*$")
_YEAR_ALONE = re.compile(r"^\s*(20\d\d)\s*$")
_WORDS = re.compile(r"[^\w\s]+")
GREETINGS = ("halo", "hallo", "hai", "hi", "hello", "hey", "pagi", "siang", "sore", "malam",
             "selamat pagi", "selamat siang", "selamat sore", "selamat malam",
             "assalamualaikum", "assalamu alaikum", "permisi", "good morning",
             "good afternoon", "good evening", "om swastiastu")
THANKS = ("terima kasih", "terimakasih", "makasih", "trims", "thanks", "thank you", "thx",
          "matur suksma", "tengkyu")
# Small talk is a short message; a long one that merely starts with "halo" asks something.
_SMALL_TALK_WORDS = 6
_POLITE_TAIL = {"selamat", "pak", "bu", "bapak", "ibu", "kak", "min", "admin", "ya", "banyak",
                "sekali", "very", "much", "a", "lot", "so", "bot"}


def access_code_in(typed: str) -> str | None:
    """The six-digit access code in what someone typed (`78 37 09`, `kode saya 783709`), or None.

    Exactly one run of six digits must be present: a message holding other figures (a phone
    number, a registration number) is not taken for a code.
    """
    runs = _CODE_GROUPS.findall(typed)
    if len(runs) != 1 or len(re.findall(r"\d", typed)) != ACCESS_CODE_DIGITS:
        return None
    return re.sub(r"\D", "", runs[0])


class MissKind(Enum):
    """How a typed number misses the office's format."""

    SEQUENCE_TOO_LONG = "sequence_too_long"
    NO_PREFIX = "no_prefix"
    WRONG_PREFIX = "wrong_prefix"
    YEAR_ALONE = "year_alone"


@dataclass(frozen=True)
class NearMiss:
    """A typed number that is almost right, and the number it probably meant (if one)."""

    kind: MissKind
    suggestion: str | None


def near_miss(typed: str, prefix: str, year: int) -> NearMiss | None:
    """What is wrong with an almost-number, or None if the text is not one.

    `year` is the office's current year, used when only a sequence was typed. A number with
    another prefix is a near-miss only for the caller to decide (imports may carry other
    prefixes): `wrong_prefix` builds that hint.
    """
    if _YEAR_ALONE.match(typed):
        return NearMiss(MissKind.YEAR_ALONE, None)
    if _PREFIX_SEQUENCE_TOO_LONG.match(typed):
        return NearMiss(MissKind.SEQUENCE_TOO_LONG, None)
    year_and_sequence = _YEAR_AND_SEQUENCE.match(typed)
    if year_and_sequence:
        typed_year, sequence = year_and_sequence.groups()
        return NearMiss(MissKind.NO_PREFIX,
                        format_number(prefix, int(typed_year), int(sequence)))
    sequence_alone = _SEQUENCE_ALONE.match(typed)
    if sequence_alone and int(sequence_alone.group(1)) > 0:
        return NearMiss(MissKind.NO_PREFIX,
                        format_number(prefix, year, int(sequence_alone.group(1))))
    return None


# The year is a real one, so a word before a code (`halo 123456`) is not read as a number.
_NUMBER_THEN_REST = re.compile(
    rf"^\s*([A-Za-z]{{2,10}}{_SEPARATORS}(?:19|20)\d\d{_SEPARATORS}\d{{1,6}})(?!\d)(.*)$",
    re.DOTALL)


def number_and_code(typed: str) -> tuple[str, str | None] | None:
    """What `/follow` was given: the canonical number and the code after it (None if absent).

    None when the text does not start with a number, or when something after the number is
    not an access code (the caller answers with the usage).
    """
    match = _NUMBER_THEN_REST.match(typed)
    number = normalise_number(match.group(1)) if match else None
    if match is None or number is None:
        return None
    rest = match.group(2).strip()
    if not rest:
        return number, None
    code = access_code_in(rest)
    return None if code is None else (number, code)


def wrong_prefix(number: str, prefix: str) -> NearMiss | None:
    """For a canonical number with another prefix, the office's number it probably meant."""
    typed_prefix, _, rest = number.partition("-")
    if typed_prefix == prefix:
        return None
    return NearMiss(MissKind.WRONG_PREFIX, normalise_number(f"{prefix}-{rest}"))


def small_talk(typed: str) -> str | None:
    """`greeting` or `thanks` for a short greeting or thank-you, else None."""
    words = _WORDS.sub(" ", typed.lower()).split()
    if not words or len(words) > _SMALL_TALK_WORDS:
        return None
    phrase = " ".join(words)
    for kind, phrases in (("thanks", THANKS), ("greeting", GREETINGS)):
        for known in phrases:
            if phrase == known or (phrase.startswith(known + " ") and set(
                    phrase[len(known):].split()) <= _POLITE_TAIL | set(GREETINGS)):
                return kind
    return None
