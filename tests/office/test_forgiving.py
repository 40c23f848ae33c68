"""Reading what applicants type: codes, almost-numbers, small talk."""

from __future__ import annotations

import pytest

from office.forgiving import (
    MissKind,
    NearMiss,
    access_code_in,
    near_miss,
    number_and_code,
    small_talk,
    wrong_prefix,
)


@pytest.mark.parametrize(("typed", "code"), [
    ("783709", "783709"), ("783 709", "783709"), ("78 37 09", "783709"),
    ("kode saya 783709", "783709"), ("783-709", "783709"), ("12345", None), ("1234567", None),
    ("0812 3456 7890", None), ("kode 783709 atau 111111", None), ("", None),
])
def test_access_code_is_found_in_what_people_type(typed: str, code: str | None) -> None:
    assert access_code_in(typed) == code


@pytest.mark.parametrize(("typed", "parsed"), [
    ("JBR-2026-000001 783709", ("JBR-2026-000001", "783709")),
    ("jbr 2026 1 78 37 09", ("JBR-2026-000001", "783709")),
    ("JBR-2026-000001", ("JBR-2026-000001", None)),
    ("JBR-2026-000001 kode", None), ("halo 123456", None), ("", None),
])
def test_follow_arguments_are_a_number_and_maybe_a_code(
        typed: str, parsed: tuple[str, str | None] | None) -> None:
    assert number_and_code(typed) == parsed


@pytest.mark.parametrize(("typed", "miss"), [
    ("2026", NearMiss(MissKind.YEAR_ALONE, None)),
    ("JBR-2026-0000012", NearMiss(MissKind.SEQUENCE_TOO_LONG, None)),
    ("2026-000002", NearMiss(MissKind.NO_PREFIX, "JBR-2026-000002")),
    ("000005", NearMiss(MissKind.NO_PREFIX, "JBR-2026-000005")),
    ("000000", None), ("5", None), ("halo", None), ("JBR-2026-000002", None),
])
def test_near_misses_say_what_is_wrong_and_what_was_meant(typed: str,
                                                          miss: NearMiss | None) -> None:
    assert near_miss(typed, "JBR", 2026) == miss


def test_another_prefix_suggests_the_offices_own() -> None:
    assert wrong_prefix("ABC-2026-000002", "JBR") == NearMiss(MissKind.WRONG_PREFIX,
                                                              "JBR-2026-000002")
    assert wrong_prefix("JBR-2026-000002", "JBR") is None


@pytest.mark.parametrize(("typed", "kind"), [
    ("halo", "greeting"), ("Selamat pagi!", "greeting"), ("halo pak", "greeting"),
    ("hello", "greeting"), ("terima kasih", "thanks"), ("makasih ya bu", "thanks"),
    ("Thank you very much", "thanks"), ("halo, apa kabar?", None),
    ("halo saya mau tanya izin reklame saya sudah sampai mana", None), ("", None),
])
def test_small_talk_is_recognised_only_when_short(typed: str, kind: str | None) -> None:
    assert small_talk(typed) == kind
