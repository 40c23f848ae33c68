"""Health: a heartbeat the running bot records, and the report `etracking health` prints.

The report reads the database read-only, so it works beside the running bot and never
migrates or locks anything.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.instance import InstanceLock
from storage.migrations import MIGRATIONS
from storage.store import Store

LAST_CONTACT = "last_contact"
LAST_DIGEST = "last_digest"
HEARTBEAT_SECONDS = 60
STALE_CONTACT_SECONDS = 300
STALE_BACKLOG_SECONDS = 900


async def record_contact(store: Store) -> None:
    """Remember that Telegram answered just now."""
    await store.set_meta(LAST_CONTACT, datetime.now(UTC).isoformat())


def heartbeat(store: Store) -> Any:
    """A job that asks Telegram who we are and records the contact when it answers."""

    async def beat(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await context.bot.get_me()
        except TelegramError:
            return  # the report shows the contact growing old; the error handler logs it
        await record_contact(store)

    return beat


@dataclass
class HealthReport:
    """What `etracking health` found; healthy when there are no problems."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Whether nothing is wrong."""
        return not self.problems

    def render(self) -> str:
        """The report as printed."""
        verdict = "OK" if self.healthy else "UNHEALTHY: " + "; ".join(self.problems)
        return "\n".join([*self.lines, f"status: {verdict}"])


def check(database: Path, now: datetime | None = None) -> HealthReport:
    """Inspect the database (read-only) and the instance lock."""
    now = now or datetime.now(UTC)
    report = HealthReport()
    running = InstanceLock(database).held_elsewhere()
    report.lines.append(f"instance: {'running' if running else 'not running'}")
    if not database.exists():
        report.problems.append(f"database {database} does not exist")
        return report
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            _inspect(connection, report, now, running)
        finally:
            connection.close()
    except sqlite3.Error as error:
        report.problems.append(f"database {database} unreadable: {error}")
    return report


def _inspect(connection: sqlite3.Connection, report: HealthReport, now: datetime,
             running: bool) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    report.lines.append(f"database: reachable, schema version {version} of {len(MIGRATIONS)}")
    if version < len(MIGRATIONS) and not running:
        report.lines.append("  (migrations run when the bot starts)")
    if version == 0:
        report.problems.append("database has no schema yet")
        return
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    contact = _age(meta.get(LAST_CONTACT), now)
    report.lines.append(f"telegram: last contact {_describe(contact)}")
    if running and (contact is None or contact > STALE_CONTACT_SECONDS):
        report.problems.append("no contact with Telegram for over 5 minutes")
    pending, oldest = connection.execute(
        "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')"
    ).fetchone()
    dead = connection.execute("SELECT COUNT(*) FROM outbox WHERE status = 'dead'").fetchone()[0]
    backlog = None if oldest is None else now.timestamp() - float(oldest)
    report.lines.append(f"outbox: {pending} pending (oldest {_describe(backlog)}), {dead} dead")
    if running and backlog is not None and backlog > STALE_BACKLOG_SECONDS:
        report.problems.append("notifications waiting for over 15 minutes")
    report.lines.append(f"digest: last run {meta.get(LAST_DIGEST, 'never')}")


def _age(stamp: str | None, now: datetime) -> float | None:
    if not stamp:
        return None
    return (now - datetime.fromisoformat(stamp)).total_seconds()


def _describe(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"
