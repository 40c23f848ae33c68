"""A seeded SQLite file copied into a fresh PostgreSQL schema, for side-by-side benchmarks.

The benchmarks seed SQLite quickly with plain sqlite3 (bench/store_scale.py); the same rows go
to PostgreSQL with COPY, table by table, into a schema the store has just migrated, so both
backends are measured on the same data.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from storage.engines import open_database

CHUNK = 200_000
# Parents before children (foreign keys).
TABLES = ("applications", "history", "chats", "followers", "staff", "outbox", "audit",
          "sequences", "attempts", "meta")


@asynccontextmanager
async def fresh_schema(server_url: str) -> AsyncIterator[str]:
    """A URL whose tables go into a new, empty schema on the server; dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    server = await asyncpg.connect(server_url)
    try:
        await server.execute(f"CREATE SCHEMA {schema}")
        yield f"{server_url}{'&' if '?' in server_url else '?'}search_path={schema}"
    finally:
        await server.execute(f"DROP SCHEMA {schema} CASCADE")
        await server.close()


@asynccontextmanager
async def schema_copy(seed: Path, server_url: str) -> AsyncIterator[str]:
    """A URL whose tables (in a new schema) hold the seed's rows; dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    server = await asyncpg.connect(server_url)
    try:
        await server.execute(f"CREATE SCHEMA {schema}")
        url = f"{server_url}{'&' if '?' in server_url else '?'}search_path={schema}"
        migrated = await open_database(url)
        await migrated.close()
        await copy_rows(seed, server, schema)
        yield url
    finally:
        await server.execute(f"DROP SCHEMA {schema} CASCADE")
        await server.close()


async def copy_rows(seed: Path, server: asyncpg.Connection, schema: str) -> None:
    """Every row of the seed's tables into the schema's; identity counters moved past them."""
    source = sqlite3.connect(f"file:{seed}?mode=ro", uri=True)
    try:
        for table in TABLES:
            cursor = source.execute(f"SELECT * FROM {table}")
            columns = [column[0] for column in cursor.description]
            # In chunks: a national year's history all at once took 17 GB of memory.
            while records := cursor.fetchmany(CHUNK):
                await server.copy_records_to_table(table, records=records, columns=columns,
                                                   schema_name=schema)
            if "id" in columns:
                await server.execute(
                    f"SELECT setval(pg_get_serial_sequence('{schema}.{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {schema}.{table}), 0) + 1, false)")
    finally:
        source.close()
