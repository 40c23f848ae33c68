"""Backups of the SQLite file, taken while the bot runs, and restoring one when it is stopped.

A backup reads the database through its own connection with SQLite's online backup API, in
one step: in WAL mode that step sees one committed snapshot, so the copy holds whole
transactions only and the bot's writers are never blocked. (Backing up through the bot's own
connection would be wrong twice: it could copy another task's half-done transaction, and
SQLite refuses to back up a connection in the middle of a write, spinning until it ends.)

Whether the bot is running is for the caller to check (see `bot.runtime.instance.InstanceLock`):
storage knows nothing about processes.

    BackupRejected   the file is missing, damaged, not ours, or newer than this code
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from storage.migrations import MIGRATIONS
from storage.private import create_private, make_private
from storage.sqlite import SIDE_FILES


class BackupRejected(Exception):
    """The file cannot serve as (or be made into) a backup; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    """A finished backup: where, how big, and what it holds."""

    path: Path
    size: int
    applications: int


@dataclass(frozen=True)
class RestoreReport:
    """What restoring did to the database's directory."""

    database: Path
    applications: int
    schema_version: int
    kept_previous: Path | None
    removed: tuple[Path, ...]


async def backup(source: Path, target: Path) -> BackupReport:
    """Copy the database at `source` to `target` (replaced), consistent while others write."""
    if not await asyncio.to_thread(source.is_file):
        raise BackupRejected(f"{source}: no database there")
    partial = target.with_name(target.name + ".partial")
    await asyncio.to_thread(_remove, partial)
    # Created 0600 before SQLite opens it: a copy of the database is as private as the database.
    await asyncio.to_thread(create_private, partial)
    async with aiosqlite.connect(source) as reader, aiosqlite.connect(partial) as copy:
        # pages=-1: the whole database in one step, i.e. from one snapshot.
        await reader.backup(copy, pages=-1)
        # One self-contained file: the copy carries the live database's WAL flag otherwise.
        await copy.execute("PRAGMA journal_mode = DELETE")
        problems = await _integrity_problems(copy)
        applications = await _count_applications(copy)
    if problems:
        await asyncio.to_thread(_remove, partial)
        raise BackupRejected(f"{source}: the copy failed the integrity check: {problems}")
    size = await asyncio.to_thread(_move, partial, target)
    return BackupReport(target, size, applications)


async def _integrity_problems(connection: aiosqlite.Connection) -> str:
    async with connection.execute("PRAGMA integrity_check") as cursor:
        lines = [str(row[0]) for row in await cursor.fetchall()]
    return "" if lines == ["ok"] else "; ".join(lines)


async def _count_applications(connection: aiosqlite.Connection) -> int:
    async with connection.execute("SELECT COUNT(*) FROM applications") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


def check_backup(path: Path) -> tuple[int, int]:
    """PRAGMA integrity_check and a look at the schema; (schema version, applications).

    Blocking: for the command line, never for the event loop.
    """
    if not path.is_file():
        raise BackupRejected(f"{path}: no such file")
    try:
        with closing(sqlite3.connect(path)) as db:
            result = [str(row[0]) for row in db.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BackupRejected(f"{path}: integrity check failed: {'; '.join(result[:5])}")
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version == 0 or "applications" not in tables:
                raise BackupRejected(f"{path}: not an etracking database")
            if version > len(MIGRATIONS):
                raise BackupRejected(f"{path}: made by a newer etracking (schema {version}, "
                                     f"this one knows {len(MIGRATIONS)}); upgrade first")
            applications = int(db.execute("SELECT COUNT(*) FROM applications").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise BackupRejected(f"{path}: not a readable SQLite database ({error})") from None
    return version, applications


def restore(source: Path, database: Path) -> RestoreReport:
    """Check the backup and put it in place of the (stopped) database; blocking.

    The database it replaces is kept beside it as `<name>.before-restore` (with its -wal
    file, so nothing committed is lost), and the live -wal/-shm files are removed: left
    behind, SQLite would replay the old log onto the restored file.
    """
    if source.resolve() == database.resolve():
        raise BackupRejected(f"{source}: that is the database itself")
    version, applications = check_backup(source)
    database.parent.mkdir(parents=True, exist_ok=True)
    incoming = database.with_name(database.name + ".restoring")
    _remove(incoming)
    create_private(incoming)
    # Through SQLite, not a file copy: a -wal file beside the backup is included too.
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(incoming)) as copy:
        reader.backup(copy)
    kept = None
    removed: list[Path] = []
    if database.exists():
        kept = database.with_name(database.name + ".before-restore")
        for suffix in ("", *SIDE_FILES):
            _remove(Path(f"{kept}{suffix}"))
        database.replace(kept)
        wal = Path(f"{database}-wal")
        if wal.exists():
            wal.replace(Path(f"{kept}-wal"))
        # The replaced data is as private as the data restored (an older version left 0644).
        make_private(kept)
        make_private(Path(f"{kept}-wal"))
    for suffix in SIDE_FILES:
        side = Path(f"{database}{suffix}")
        if side.exists():
            side.unlink()
            removed.append(side)
    os.replace(incoming, database)
    return RestoreReport(database, applications, version, kept, tuple(removed))


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _move(source: Path, target: Path) -> int:
    source.replace(target)
    return target.stat().st_size
