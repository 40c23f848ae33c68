"""Parsing the numbers of a bulk move."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.handlers.bulk_input import MAX_BULK, numbers_and_rest
from bot.handlers.error_replies import UsageError

NOW = datetime(2026, 11, 2, 9, 0)


def short(*sequences: int) -> list[str]:
    """Full numbers of this year."""
    return [f"JBR-2026-{n:06d}" for n in sequences]


@pytest.mark.parametrize(("typed", "numbers", "rest"), [
    ("12 13 15-18 Berkas lengkap // cek", short(12, 13, 15, 16, 17, 18),
     "Berkas lengkap // cek"),
    ("12", short(12), ""),
    ("12 12 11-12", short(12, 11), ""),
    ("JBR-2025-000007 3 field_inspection  two  spaces", ["JBR-2025-000007", *short(3)],
     "field_inspection  two  spaces"),
    ("Berkas 12", [], "Berkas 12"),
])
def test_leading_numbers_and_ranges_then_the_rest(typed: str, numbers: list[str],
                                                  rest: str) -> None:
    assert numbers_and_rest(typed, "JBR", NOW) == (numbers, rest)


@pytest.mark.parametrize("typed", [f"1-{MAX_BULK + 1}", "1-999999", " ".join(
    str(n) for n in range(1, MAX_BULK + 2)), "1 2 3-52"])
def test_more_than_the_bound_is_refused_before_expanding(typed: str) -> None:
    with pytest.raises(UsageError) as refused:
        numbers_and_rest(typed, "JBR", NOW)
    assert (refused.value.key, refused.value.values) == ("staff.bulk.too_many",
                                                         {"limit": MAX_BULK})


def test_exactly_the_bound_is_accepted() -> None:
    assert len(numbers_and_rest(f"1-{MAX_BULK} ok", "JBR", NOW)[0]) == MAX_BULK


def test_a_backwards_range_is_refused() -> None:
    with pytest.raises(UsageError) as refused:
        numbers_and_rest("18-15", "JBR", NOW)
    assert refused.value.key == "staff.bulk.backwards"
