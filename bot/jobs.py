"""The bot's own housekeeping jobs: the heartbeat that records contact with Telegram, the
staff roster re-read for the handler filters, and the daily retention sweep that blanks
personal fields of long-finished applications and deletes the documents handed in for them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import time, timedelta
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.access import StaffDirectory
from office.settings import Settings
from storage.health import record_contact
from storage.questions import expire_questions
from storage.retention import blank_personal_data
from storage.store import Store

log = logging.getLogger(__name__)
RUN_AT = time(2, 0)  # office time: quiet, and before the morning digest
ATTEMPTS_KEPT = timedelta(days=1)
HEARTBEAT_SECONDS = 60
# Several instances may share the database: a staff change made through one reaches the
# others' handler filters within this time (the instance that made it reloads at once).
STAFF_REFRESH_SECONDS = 5.0


def heartbeat(store: Store) -> Any:
    """A job that asks Telegram who we are and records the contact when it answers."""

    async def beat(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await context.bot.get_me()
        except TelegramError:
            return  # the report shows the contact growing old; the error handler logs it
        await record_contact(store)

    return beat


def schedule_staff_refresh(app: Application[Any, Any, Any, Any, Any, Any], store: Store,
                           directory: StaffDirectory) -> None:
    """Re-read the active staff every STAFF_REFRESH_SECONDS on every instance (the filters
    cannot await, so they read this in-memory copy)."""
    assert app.job_queue is not None

    async def refresh(context: ContextTypes.DEFAULT_TYPE) -> None:
        directory.load(await store.staff.members())

    app.job_queue.run_repeating(refresh, STAFF_REFRESH_SECONDS, first=STAFF_REFRESH_SECONDS,
                                name="staff_refresh")


def schedule_retention(app: Application[Any, Any, Any, Any, Any, Any], store: Store,
                       settings: Settings,
                       lead: Callable[[], Awaitable[bool]] | None = None) -> None:
    """Run the retention sweep daily at 02:00 in the office's time zone (on the process that
    holds the scheduler lease, when `lead` says which)."""
    assert app.job_queue is not None
    days = settings.privacy.retention_days

    async def sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
        if lead is None or await lead():
            await run_retention(store, days)

    app.job_queue.run_daily(sweep, RUN_AT.replace(tzinfo=settings.office.zone),
                                    name="retention")


async def run_retention(store: Store, retention_days: int) -> int:
    """One sweep; logged rather than audited, as no staff member did it.

    Failed-attempt records (chat ids, numbers) are only needed for their hour-long windows;
    questions nobody answered (storage/conversations.py) only until they expire.
    """
    await store.attempts.prune(ATTEMPTS_KEPT)
    await store.conversations.prune()
    count = await blank_personal_data(store.database, store.clock(), retention_days)
    removed = await store.documents.purge_decided(store.clock() - timedelta(days=retention_days))
    if removed:
        log.info("retention: deleted %d documents of applications decided over %d days ago",
                 removed, retention_days)
    if count:
        log.info("retention: blanked name and contact of %d applications decided over %d "
                 "days ago", count, retention_days)
    threads = await expire_questions(store.database, store.clock(), retention_days)
    if threads:
        log.info("retention: deleted %d question threads of applications decided over %d "
                 "days ago", threads, retention_days)
    return count
