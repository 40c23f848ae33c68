"""Data exchange in chat: CSV export and import, database backup."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext


async def export(update: Update, context: BotContext) -> None:
    """`/export [from to]` (admins): applications and history as CSV documents."""
    raise NotImplementedError("issue 7: export")


async def import_command(update: Update, context: BotContext) -> None:
    """`/import` without a document (admins): explain how to send the CSV."""
    raise NotImplementedError("issue 7: import")


async def import_document(update: Update, context: BotContext) -> None:
    """A CSV sent with the caption /import (admins): dry run, then confirm buttons."""
    raise NotImplementedError("issue 7: import")


async def import_button(update: Update, context: BotContext) -> None:
    """`imp:yes|no`: apply the dry-run import all-or-nothing, or drop it."""
    raise NotImplementedError("issue 7: import")


async def backup(update: Update, context: BotContext) -> None:
    """`/backup` (admins): a consistent copy of the database taken while the bot runs."""
    raise NotImplementedError("issue 7: backup")
