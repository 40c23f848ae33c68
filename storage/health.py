"""Health facts: what the running bot records about itself, and a read-only look at them.

The dispatcher's digest and the heartbeat write these facts; `etracking health` reads them
through `read_facts` on a read-only connection, so it works beside the running bot and never
migrates or locks anything. `bot/cli/health.py` is the other side of the same concept: it
judges these facts for the `etracking health` report.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storage.clock import system_clock
from storage.errors import DatabaseRefused
from storage.leases import Lease, Leases
from storage.migrations import MIGRATIONS
from storage.postgres import PostgresDatabase
from storage.store import Store

LAST_CONTACT = "last_contact"
LAST_DIGEST = "last_digest"


async def record_contact(store: Store) -> None:
    """Remember that Telegram answered just now."""
    await store.set_meta(LAST_CONTACT, datetime.now(UTC).isoformat())


@dataclass(frozen=True)
class HealthFacts:
    """What the database says about the bot's health."""

    schema_version: int
    latest_version: int
    meta: dict[str, str]
    outbox_pending: int
    outbox_oldest: float | None  # epoch seconds of the oldest pending row
    outbox_dead: int
    # PostgreSQL only: who holds each role's lease (storage/leases.py), by name.
    leases: tuple[Lease, ...] = ()


def read_facts(database: Path) -> HealthFacts:
    """Read the facts from the database file, read-only; DatabaseRefused if it cannot."""
    try:
        return _read_facts(database)
    except sqlite3.Error as error:
        raise DatabaseRefused(str(error)) from error


async def read_server_facts(url: str, password: str | None) -> tuple[str, HealthFacts]:
    """The server's version and the facts from a PostgreSQL database, without migrating.

    DatabaseRefused if it cannot be reached or read.
    """
    database = await PostgresDatabase.connect(url, password=password, read_only=True,
                                              migrate=False)
    try:
        version = await database.server_version()
        schema = await database.schema_version()
        if schema == 0:
            return version, HealthFacts(0, len(MIGRATIONS), {}, 0, None, 0)
        meta = {str(row[0]): str(row[1])
                for row in await database.fetch_all("SELECT key, value FROM meta")}
        row = await database.fetch_one(
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')")
        dead = await database.fetch_value(
            "SELECT COUNT(*) FROM outbox WHERE status = 'dead'", default=0)
        has_leases = await database.fetch_value("SELECT to_regclass('leases') IS NOT NULL")
        leases = await Leases(database, system_clock).all() if has_leases else []
    finally:
        await database.close()
    assert row is not None
    return version, HealthFacts(schema, len(MIGRATIONS), meta, int(row[0]),
                                None if row[1] is None else float(row[1]), int(dead),
                                tuple(leases))


def _read_facts(database: Path) -> HealthFacts:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            return HealthFacts(0, len(MIGRATIONS), {}, 0, None, 0)
        meta = {str(key): str(value)
                for key, value in connection.execute("SELECT key, value FROM meta")}
        pending, oldest = connection.execute(
            "SELECT COUNT(*), MIN(created_at) FROM outbox "
            "WHERE status IN ('pending', 'sending')").fetchone()
        dead = connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE status = 'dead'").fetchone()[0]
        return HealthFacts(version, len(MIGRATIONS), meta, int(pending),
                           None if oldest is None else float(oldest), int(dead))
    finally:
        connection.close()
