"""Which backend a database target names, and opening it.

    etracking.db, :memory:, sqlite:///etracking.db   SQLite (storage/sqlite.py)
    postgresql://user@host:5432/etracking            PostgreSQL (storage/postgres.py)
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from storage.database import Database
from storage.postgres import PostgresDatabase
from storage.sqlite import SqliteDatabase


async def open_database(target: str | Path, *, password: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at `target`.

    `target` is a path, ":memory:", a `sqlite:///path` URL or a `postgresql://` URL (whose
    password, if not in the URL, is `password` or libpq's usual sources).
    """
    if is_postgres(target):
        return await PostgresDatabase.connect(str(target), password=password)
    return await SqliteDatabase.connect(sqlite_path(target))


async def describe_server(target: str | Path, *, password: str | None = None) -> str:
    """`check-config --connect`: connect without migrating; the engine, its version, schema.

    DatabaseRefused when the server cannot be reached or refuses the login.
    """
    if is_postgres(target):
        database = await PostgresDatabase.connect(str(target), password=password,
                                                  migrate=False)
        try:
            version = await database.server_version()
            schema = await database.schema_version()
        finally:
            await database.close()
        return f"PostgreSQL {version} at {database.path}, schema version {schema}"
    path = sqlite_path(target)
    if not await asyncio.to_thread(Path(path).is_file):
        return f"SQLite {sqlite3.sqlite_version}: {path} does not exist yet (made at first run)"
    reader = await SqliteDatabase.open_reader(path)
    try:
        schema = await reader.schema_version()
    finally:
        await reader.close()
    return f"SQLite {sqlite3.sqlite_version} at {path}, schema version {schema}"


def is_postgres(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL database (a postgresql:// URL)."""
    return str(target).startswith(("postgresql://", "postgres://"))


def sqlite_path(target: str | Path) -> str:
    """The file path in `target` (a path, ":memory:" or a `sqlite:///path` URL)."""
    text = str(target)
    if text.startswith("sqlite:"):
        # As SQLAlchemy reads it: sqlite:///office.db is relative, sqlite:////srv/office.db not.
        if not text.startswith("sqlite:///"):
            raise ValueError(f"a SQLite URL is sqlite:///path, not {text}")
        return text[len("sqlite:///"):]
    return text
