"""What staff type: where a note's internal part begins."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.handlers.staff_input import NoteParts, split_note, typed_number


@pytest.mark.parametrize(("typed", "parts"), [
    ("Berkas lengkap // cek IMB lama", NoteParts("Berkas lengkap", "cek IMB lama")),
    ("Berkas lengkap //cek IMB lama", NoteParts("Berkas lengkap", "cek IMB lama")),
    ("Berkas lengkap//cek", NoteParts("Berkas lengkap", "cek")),
    ("Syarat: https://dpmptsp.example.go.id/syarat/pbg", NoteParts(
        "Syarat: https://dpmptsp.example.go.id/syarat/pbg", "")),
    ("Lihat https://x.example/a//b?c=d#e // bandingkan dengan http://y.example/",
     NoteParts("Lihat https://x.example/a//b?c=d#e", "bandingkan dengan http://y.example/")),
    ("(https://x.example) //ok", NoteParts("(https://x.example)", "ok")),
    ("catatan//https://x.example", NoteParts("catatan", "https://x.example")),
    ("a // b // c", NoteParts("a", "b // c")),
    ("// semua internal", NoteParts("", "semua internal")),
    ("tanpa bagian internal", NoteParts("tanpa bagian internal", "")),
])
def test_the_first_double_slash_outside_a_link_starts_the_internal_part(
        typed: str, parts: NoteParts) -> None:
    assert split_note(typed) == parts


@pytest.mark.parametrize(("typed", "number"), [
    ("#12", "JBR-2026-000012"), (" # 12 ", "JBR-2026-000012"),
    ("jbr 2025 7", "JBR-2025-000007"), ("JBR2026000123", "JBR-2026-000123"),
    ("#", None), ("#1234567", None), ("12", None), ("halo", None),
])
def test_a_plain_message_names_a_number_in_full_or_as_hash_and_sequence(
        typed: str, number: str | None) -> None:
    assert typed_number(typed, "JBR", datetime(2026, 11, 2, 9, 0)) == number
