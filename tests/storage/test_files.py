"""The file store: keys it makes, bytes kept whole, nothing reached by a name it did not make."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from storage.files import DirectoryFileStore, sniff

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


async def test_put_open_delete_round_trip(tmp_path: Path) -> None:
    files = DirectoryFileStore(tmp_path / "documents")
    key = await files.put(PDF, "application/pdf")
    assert key.endswith(".pdf")
    assert await files.open(key) == PDF
    assert files.path(key) == tmp_path / "documents" / key[:2] / key
    assert files.kept() == [key]
    assert stat.S_IMODE(files.path(key).stat().st_mode) == 0o600
    await files.delete(key)
    await files.delete(key)  # gone already: nothing to do
    assert files.kept() == []
    with pytest.raises(FileNotFoundError):
        await files.open(key)


async def test_each_put_gets_its_own_key_even_for_the_same_bytes(tmp_path: Path) -> None:
    files = DirectoryFileStore(tmp_path)
    first, second = await files.put(PNG, "image/png"), await files.put(PNG, "image/png")
    assert first != second
    assert sorted(files.kept()) == sorted([first, second])


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/../b.pdf", "denah.pdf",
                                 "0" * 32 + ".exe", "0" * 32 + ".pdf/../x", ""])
async def test_keys_it_did_not_make_are_refused(tmp_path: Path, key: str) -> None:
    files = DirectoryFileStore(tmp_path)
    with pytest.raises(ValueError, match="not a file store key"):
        await files.open(key)
    with pytest.raises(ValueError, match="not a file store key"):
        await files.delete(key)


@pytest.mark.parametrize(("data", "expected"), [
    (PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg"),
    (b"<!DOCTYPE html><html>", None), (b"PK\x03\x04zip", None), (b"MZ\x90\x00", None),
    (b"", None), (b"%PD", None)])
def test_sniff_reads_the_first_bytes(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected
