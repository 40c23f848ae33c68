"""Registration numbers: the office's format and the forgiving parsing of what people type."""

from __future__ import annotations

import re

# Six digits is what lookups, QR links and /follow accept, and what the office's main licensing
# system writes; a seventh digit would make numbers nobody can look up.
LAST_SEQUENCE = 999_999
# An import may not push the office's own sequence past this: /new keeps at least 100,000
# numbers for the rest of that year (a regency office registers a few thousand a year).
IMPORT_CEILING = 899_999

_SEPARATORS = re.compile(r"[\s\-_./]+")
_COMPACT = re.compile(r"^([A-Z]{2,10})(\d{4})(\d{1,6})$")
# What a message must look like to be treated as a lookup without a command.
LOOKS_LIKE_NUMBER = re.compile(r"^\s*[A-Za-z]{2,10}[\s\-_./]*\d{4}[\s\-_./]*\d{1,6}\s*$")


def format_number(prefix: str, year: int, sequence: int) -> str:
    """The canonical form, e.g. `JBR-2026-000123`."""
    return f"{prefix}-{year:04d}-{sequence:06d}"


def normalise_number(text: str) -> str | None:
    """The canonical number for what someone typed (`jbr 2026 123` → `JBR-2026-000123`).

    Returns None when the text cannot be a registration number at all.
    """
    compact = _SEPARATORS.sub("", text.strip().upper())
    match = _COMPACT.match(compact)
    if not match:
        return None
    prefix, year, sequence = match.groups()
    return format_number(prefix, int(year), int(sequence))


def split_number(canonical: str) -> tuple[str, int, int]:
    """Prefix, year and sequence of a canonical number (`JBR-2026-000123` → JBR, 2026, 123)."""
    prefix, year, sequence = canonical.split("-")
    return prefix, int(year), int(sequence)


def crowds_the_sequence(canonical: str, prefix: str, this_year: int) -> bool:
    """Whether importing this number would leave /new too few numbers in its year.

    Only the office's own prefix moves the sequence, and only this year's and later years'
    sequences are still to be used: older years are never numbered again.
    """
    number_prefix, year, sequence = split_number(canonical)
    return number_prefix == prefix and year >= this_year and sequence > IMPORT_CEILING


def looks_like_number(text: str) -> bool:
    """Whether a plain message is probably a registration number (to answer without a command)."""
    return bool(LOOKS_LIKE_NUMBER.match(text))


def find_number(text: str, prefix: str) -> str | None:
    """The first number with the office's prefix inside a sentence, canonical, or None.

    Only the office's own prefix counts, so ordinary words followed by figures ("Halo 2026 1")
    are not taken for a number.
    """
    pattern = rf"(?<![A-Za-z]){re.escape(prefix)}[\s\-_./]*\d{{4}}[\s\-_./]*\d{{1,6}}(?!\d)"
    match = re.search(pattern, text, re.IGNORECASE)
    return normalise_number(match.group()) if match else None


def example_number(prefix: str, year: int) -> str:
    """A sample number shown in usage texts."""
    return format_number(prefix, year, 123)
