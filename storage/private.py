"""Files only the bot's own user may read: the database, its backups and exports.

They hold names, contacts, internal notes and the access codes' hashes, so they are created
with mode 0600 whatever the umask (a default umask of 022 would leave them world-readable).
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_MODE = 0o600


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600 if it is missing; an existing file is made 0600."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_MODE)
    try:
        os.fchmod(descriptor, PRIVATE_MODE)
    finally:
        os.close(descriptor)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (replacing its content) as a file with mode 0600."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    # The mode given to open() only applies to a new file, and the umask can narrow it.
    os.fchmod(descriptor, PRIVATE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def make_private(path: Path) -> None:
    """Tighten an existing file to 0600 (a missing one is left missing)."""
    if path.exists():
        path.chmod(PRIVATE_MODE)
