"""Retention: personal fields of long-finished applications are blanked by a daily job."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.settings import Settings
from storage.store import Store


def schedule_retention(application: Application[Any, Any, Any, Any, Any, Any], store: Store,
                       settings: Settings) -> None:
    """Run the retention sweep daily (office time zone)."""
    # Being implemented (issue 7); scheduling nothing keeps the bot running meanwhile.
