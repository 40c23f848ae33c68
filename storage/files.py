"""The file store: where documents applicants hand in are kept, apart from the database.

A small interface (put, open, delete) so an office can later keep files elsewhere (an object
store) without touching the rest. Keys are made here, never from a user's file name: a random
name plus the extension of the type the bytes were found to be, so no name a sender chooses can
reach the file system (no `../`, no odd characters, no overwriting).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from storage.private import PRIVATE_MODE

#: The types accepted, by MIME type, with the extension their files are stored under.
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
_KEY = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")


def sniff(data: bytes) -> str | None:
    """The MIME type the first bytes show (JPEG, PNG, PDF), or None for anything else.

    A file's name and the type its sender claims can lie; its first bytes are what a viewer
    will act on (an HTML or ZIP file named `.pdf` is refused here).
    """
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


class FileStore(Protocol):
    """Somewhere to keep a document's bytes under a key the store chooses."""

    async def put(self, data: bytes, mime_type: str) -> str:
        """Keep the bytes; returns their key."""
        ...

    async def open(self, key: str) -> bytes:
        """The bytes kept under `key` (FileNotFoundError if there are none)."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the bytes under `key`; nothing happens if they are gone already."""
        ...


class DirectoryFileStore:
    """Files in one directory, two levels deep by the key's first characters.

    Written to a temporary name and renamed, so a crash never leaves half a file under a key.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        """Where the file with this key lives; a key this store did not make is refused."""
        if not _KEY.match(key):
            raise ValueError(f"not a file store key: {key!r}")
        return self.directory / key[:2] / key

    async def put(self, data: bytes, mime_type: str) -> str:
        """Keep the bytes under a new random key."""
        key = f"{secrets.token_hex(16)}.{EXTENSIONS[mime_type]}"
        await asyncio.to_thread(self._write, self.path(key), data)
        return key

    async def open(self, key: str) -> bytes:
        """The bytes under `key`."""
        return await asyncio.to_thread(self.path(key).read_bytes)

    async def delete(self, key: str) -> None:
        """Remove the file under `key`, if it is there."""
        await asyncio.to_thread(self.path(key).unlink, missing_ok=True)

    def kept(self) -> list[str]:
        """Every key kept (for tests and checks)."""
        if not self.directory.exists():
            return []
        return sorted(p.name for p in self.directory.glob("*/*") if _KEY.match(p.name))

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        # Identity cards and land certificates: readable by the bot's own user only.
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(path.name + ".part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
        os.fchmod(descriptor, PRIVATE_MODE)  # the umask may have narrowed open()'s mode
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
