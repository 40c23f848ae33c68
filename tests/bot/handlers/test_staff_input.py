"""What staff type: where a note's internal part begins."""

from __future__ import annotations

import pytest

from bot.handlers.staff_input import NoteParts, split_note


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
