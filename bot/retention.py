"""Retention: personal fields of long-finished applications are blanked by a daily job."""

from __future__ import annotations

import logging
from datetime import time, timedelta
from typing import Any

from telegram.ext import Application, ContextTypes

from bot.settings import Settings
from storage.retention import blank_personal_data
from storage.store import Store

log = logging.getLogger(__name__)
RUN_AT = time(2, 0)  # office time: quiet, and before the morning digest
ATTEMPTS_KEPT = timedelta(days=1)


def schedule_retention(application: Application[Any, Any, Any, Any, Any, Any], store: Store,
                       settings: Settings) -> None:
    """Run the retention sweep daily at 02:00 in the office's time zone."""
    assert application.job_queue is not None
    days = settings.privacy.retention_days

    async def sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
        await run_retention(store, days)

    application.job_queue.run_daily(sweep, RUN_AT.replace(tzinfo=settings.office.zone),
                                    name="retention")


async def run_retention(store: Store, retention_days: int) -> int:
    """One sweep; logged rather than audited, as no staff member did it.

    Failed-attempt records (chat ids, numbers) are only needed for their hour-long windows.
    """
    await store.attempts.prune(ATTEMPTS_KEPT)
    count = await blank_personal_data(store.database, store.clock(), retention_days)
    if count:
        log.info("retention: blanked name and contact of %d applications decided over %d "
                 "days ago", count, retention_days)
    return count
