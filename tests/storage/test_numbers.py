"""Registration numbers: the canonical format and forgiving parsing."""

from __future__ import annotations

import pytest

from storage.numbers import (
    example_number,
    find_number,
    format_number,
    looks_like_number,
    normalise_number,
)


def test_format_number_pads_the_sequence_to_six_digits() -> None:
    assert format_number("JBR", 2026, 123) == "JBR-2026-000123"
    assert format_number("JBR", 2027, 1) == "JBR-2027-000001"
    assert format_number("JBR", 2026, 999999) == "JBR-2026-999999"


def test_example_number() -> None:
    assert example_number("JBR", 2026) == "JBR-2026-000123"


@pytest.mark.parametrize(
    "typed",
    [
        "jbr 2026 123",
        "JBR2026000123",
        "JBR-2026-000123",
        " jbr-2026-123 ",
        "jbr-2026-000123",
        "JBR/2026/123",
        "jbr.2026.0123",
        "JBR_2026_123",
        "JBR -- 2026 -- 123",
        "\tjbr 2026\n123",
    ],
)
def test_normalise_number_accepts_what_people_type(typed: str) -> None:
    assert normalise_number(typed) == "JBR-2026-000123"


def test_normalise_number_keeps_other_prefixes() -> None:
    assert normalise_number("dps 2027 5") == "DPS-2027-000005"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "hello",
        "2026 123",                # no prefix
        "J 2026 123",              # prefix too short
        "JBR 2026",                # no sequence
        "JBR 2026 1234567",        # sequence too long
        "JBR 2026 12a",
        "JBR+2026+123",
        "JBR 2026 123 456 789",    # too many digits once the spaces go
        "JBR-2026-000123?",
    ],
)
def test_normalise_number_rejects_garbage(typed: str) -> None:
    assert normalise_number(typed) is None


@pytest.mark.parametrize(
    "text",
    ["JBR-2026-000123", "jbr 2026 123", "JBR2026000123", " jbr-2026-123 ", "jbr/2026/7"],
)
def test_looks_like_number(text: str) -> None:
    assert looks_like_number(text) is True


@pytest.mark.parametrize(
    "text",
    ["", "halo", "berapa lama izin saya?", "2026 123", "JBR-2026", "JBR-2026-1234567",
     "/status JBR-2026-000123", "JBR-2026-000123 tolong dicek"],
)
def test_plain_messages_do_not_look_like_numbers(text: str) -> None:
    assert looks_like_number(text) is False


@pytest.mark.parametrize(("text", "found"), [
    ("Halo, permohonan saya JBR-2026-000002 sudah sampai mana?", "JBR-2026-000002"),
    ("JBR 2026 1 tolong dicek", "JBR-2026-000001"),
    ("nomor saya jbr/2026/45, terima kasih", "JBR-2026-000045"),
    ("cek JBR-2026-000007 dan JBR-2026-000008", "JBR-2026-000007"),
    ("Halo 2026 1, apa kabar?", None),
    ("XJBR-2026-000001", None),
    ("JBR-2026-0000012", None),
    ("tahun 2026 sudah lewat", None),
])
def test_find_number_picks_the_offices_number_out_of_a_sentence(text: str,
                                                                found: str | None) -> None:
    assert find_number(text, "JBR") == found
