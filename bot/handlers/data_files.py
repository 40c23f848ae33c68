"""Data exchange in chat (admins): CSV export and import, database backup.

An import is shown as a dry run first; only a file without refused rows gets the confirm
button, and confirming applies it all-or-nothing.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError, period_refused
from bot.handlers.replying import (
    ask_about,
    close_buttons,
    confirmed_value,
    reply,
    user_id,
)
from bot.handlers.staff_input import command_text
from bot.views.import_report import render_plan, render_result
from office.buttons import confirm_keyboard
from office.dates import format_date, format_datetime
from office.texts import Html, text
from storage import exchange
from storage.backup import BackupRejected
from storage.backup import backup as take_backup
from storage.exchange import ExportFile
from storage.periods import Period, PeriodInvalid, parse_period
from storage.reading import read_apart
from storage.store import Store

PENDING = "pending_import"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # what a bot may send


async def export(update: Update, context: BotContext) -> None:
    """`/export [month | year | from to]` (admins): applications and history as CSV documents."""
    services = context.services
    language = await services.language(update)
    store, words = services.store, command_text(update).split()
    try:
        period = parse_period(words, store.calendar.local_date(store.clock()),
                              store.calendar.timezone) if words else None
    except PeriodInvalid as error:
        raise period_refused(error, "export", "staff.export.usage") from None
    label = period_label(period, language, services.settings.office.zone)
    # Read apart from the bot's connection: a big export must not hold up applicants.
    files = await read_apart(store.database, lambda reader: export_files(
        Store(reader, store.catalogue, store.calendar), period))
    chat = update.effective_chat
    assert chat is not None
    for exported, key in zip(files, ("staff.export.applications", "staff.export.history"),
                             strict=True):
        await chat.send_document(exported.data, filename=exported.name,
                                 caption=text(language, key, count=exported.rows, period=label))


async def export_files(store: Store, period: Period | None) -> tuple[ExportFile, ExportFile]:
    """The applications and their history, received in the period (or all)."""
    return (await exchange.export_applications(store, period),
            await exchange.export_history(store, period))


def period_label(period: Period | None, language: str, zone: ZoneInfo) -> Html:
    """The period as people read it: all applications, or received from one day to another."""
    if period is None:
        return text(language, "staff.export.everything")
    start, end = (format_date(datetime.combine(day, time(12), zone), language, zone)
                  for day in (period.first_day, period.last_day))
    return text(language, "staff.export.period", start=start, end=end)


async def import_command(update: Update, context: BotContext) -> None:
    """`/import` without a document (admins): explain how to send the CSV."""
    language = await context.services.language(update)
    await reply(update, text(language, "staff.import.how"))


async def import_document(update: Update, context: BotContext) -> None:
    """A CSV sent with the caption /import (admins): dry run, then confirm buttons."""
    services = context.services
    language = await services.language(update)
    message = update.effective_message
    assert message is not None
    assert message.document is not None
    name = message.document.file_name or "import.csv"
    size = message.document.file_size or 0
    try:
        if size > exchange.MAX_IMPORT_BYTES:
            # Refused before downloading; decode_csv checks the bytes themselves too.
            raise exchange.ImportFileRejected(exchange.FileProblem.TOO_BIG,
                                              str(exchange.MAX_IMPORT_BYTES // (1024 * 1024)))
        data = await (await message.document.get_file()).download_as_bytearray()
        plan = await exchange.plan_import(services.store, exchange.decode_csv(bytes(data)))
    except exchange.ImportFileRejected as error:
        raise UsageError(f"staff.import.file.{error.problem.value}", file=name,
                         detail=error.detail) from None
    await context.services.conversation(update).drop(PENDING)
    if not plan.ready:
        await reply(update, render_plan(plan, language, name))
        return
    # Tied to this question: "Import" under an older preview must not apply a newer file.
    await ask_about(update, context, PENDING, plan, lambda: reply(
        update, render_plan(plan, language, name), confirm_keyboard(
            "imp", text(language, "staff.import.button"), text(language, "staff.button.cancel"))))


async def import_button(update: Update, context: BotContext) -> None:
    """`imp:yes|no`: apply the dry-run import all-or-nothing, or drop it."""
    query = update.callback_query
    assert query is not None
    services = context.services
    language = await services.language(update)
    plan: exchange.ImportPlan | None = await confirmed_value(update, context, PENDING)
    await close_buttons(query)
    if query.data != "imp:yes":
        await reply(update, text(language, "staff.cancelled"))
        return
    if plan is None:
        await reply(update, text(language, "staff.import.expired"))
        return
    try:
        result = await exchange.apply_import(services.store, plan, staff_id=user_id(update))
    except exchange.ImportStale as error:
        await reply(update, text(language, "staff.import.stale", number=error.number))
        return
    if result.notified:
        services.wake_dispatcher()
    await reply(update, render_result(result, language))


async def backup(update: Update, context: BotContext) -> None:
    """`/backup` (admins): a consistent copy of the database taken while the bot runs."""
    services = context.services
    language = await services.language(update)
    if services.settings.database.on_postgres:
        # The server's own tools back it up; a copy through Telegram would bypass them.
        await reply(update, text(language, "staff.backup.on_server"))
        return
    now = services.store.clock()
    local = now.astimezone(services.settings.office.zone)
    name = f"etracking-{local:%Y%m%d-%H%M}.db"
    with tempfile.TemporaryDirectory(prefix="etracking-backup-") as folder:
        try:
            report = await take_backup(Path(services.settings.database.path),
                                       Path(folder) / name)
        except BackupRejected as error:
            raise UsageError("staff.backup.failed", problem=str(error)) from None
        if report.size > MAX_DOCUMENT_BYTES:
            raise UsageError("staff.backup.too_big", size=report.size // (1024 * 1024))
        data = await asyncio.to_thread(report.path.read_bytes)
    chat = update.effective_chat
    assert chat is not None
    await chat.send_document(data, filename=name, caption=text(
        language, "staff.backup.caption",
        date=format_datetime(now, language, services.settings.office.zone),
        applications=report.applications, size=_size(report.size)))


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"
