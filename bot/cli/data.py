"""`etracking export | import | backup | restore`: data exchange on the command line.

Reports are the chat's texts (in the office's default language) as plain text.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.cli.exits import EXIT_ALREADY_RUNNING, EXIT_FAILED, EXIT_USAGE
from bot.runtime.instance import AlreadyRunning, InstanceLock
from bot.views.import_report import render_plan, render_result
from office.settings import Settings
from storage import exchange
from storage.backup import BackupRejected, backup, restore
from storage.clock import system_clock
from storage.periods import PeriodInvalid, parse_period
from storage.private import write_private
from storage.store import Store

_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """Telegram HTML as terminal text."""
    return html.unescape(_TAG.sub("", markup))


# The server's own tools do this better than a copy through the bot: they are what the data
# centre already runs, schedules and restores with.
ON_SERVER = ("{command}: the database is on PostgreSQL: use the server's tools, pg_dump "
             "--format=custom and pg_restore (docs/deploy.md, \"Running on PostgreSQL\")")


def fail(message: str) -> None:
    """One line on stderr, prefixed like the rest of the command's errors."""
    print(f"etracking: {message}", file=sys.stderr)


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[Store]:
    """The store of the configured database (migrated), closed afterwards."""
    store = await Store.open(settings.database.target, settings.catalogue(),
                             settings.calendar(), prefix=settings.office.registration_prefix,
                             default_language=settings.office.default_language,
                             password=settings.database.secret)
    try:
        yield store
    finally:
        await store.close()


async def export_command(settings: Settings, directory: Path, period: list[str]) -> int:
    """Write applications.csv, history.csv and survey.csv into the directory."""
    calendar = settings.calendar()
    try:
        chosen = parse_period(period, calendar.local_date(system_clock()),
                              calendar.timezone) if period else None
    except PeriodInvalid:
        fail(f"export: the period is YYYY-MM, YYYY or two dates YYYY-MM-DD (from, to), "
             f"not {' '.join(period)!r}")
        return EXIT_USAGE
    if not database_exists(settings):
        fail(f"export: no database at {settings.database.shown}")
        return EXIT_FAILED
    async with opened(settings) as store:
        files = (await exchange.export_applications(store, chosen),
                 await exchange.export_history(store, chosen),
                 await exchange.export_survey(store, chosen))
    for exported in files:
        print(f"wrote {write_export(directory, exported)} ({exported.rows} rows)")
    return 0


def database_exists(settings: Settings) -> bool:
    """Whether the configured database file is there (export must not create an empty one).

    A PostgreSQL database is created by its administrator, never by export.
    """
    return settings.database.on_postgres or Path(settings.database.path).is_file()


def write_export(directory: Path, exported: exchange.ExportFile) -> Path:
    """Write one exported file byte for byte (no newline translation, mode 0600); its path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / exported.name
    write_private(target, exported.data)
    return target


def read_import(path: Path) -> tuple[str, str | None, str]:
    """The applications CSV, the history CSV if `path` is an export directory, and a name."""
    if path.is_dir():
        history = path / "history.csv"
        applications = exchange.decode_csv((path / "applications.csv").read_bytes(),
                                           "applications.csv", limit=None)
        history_text = (exchange.decode_csv(history.read_bytes(), "history.csv", limit=None)
                        if history.is_file() else None)
        return applications, history_text, str(path / "applications.csv")
    return exchange.decode_csv(path.read_bytes(), path.name, limit=None), None, path.name


async def import_command(settings: Settings, path: Path, confirm: bool) -> int:
    """Dry-run (default) or apply (`--yes`) an import from a CSV file or an export directory.

    Exit codes: 0 dry run shown or import applied (or nothing to do), 1 refused rows or a
    file that cannot be read (nothing imported), 3 `--yes` while the bot runs on the database.

    Applying refuses while the bot runs: one transaction over a large file holds SQLite's
    write lock for longer than the bot waits for it, and the bot would stall meanwhile. The
    running bot imports through chat (`/import`) instead; the dry run only reads.
    """
    if not confirm or settings.database.on_postgres:
        # A server runs the import's transaction beside the bot's without stalling it.
        return await _import(settings, path, confirm)
    try:
        # Held to the end, so the bot cannot start in the middle of the import either.
        with InstanceLock(Path(settings.database.path)):
            return await _import(settings, path, confirm)
    except AlreadyRunning as error:
        fail(f"import: {error}; stop the bot first, or send the file to the bot with the "
             "caption /import (a dry run without --yes works while it runs)")
        return EXIT_ALREADY_RUNNING


async def _import(settings: Settings, path: Path, confirm: bool) -> int:
    language = settings.office.default_language
    try:
        applications, history, name = read_import(path)
    except OSError as error:
        fail(f"import: cannot read {error.filename}: {error.strerror}")
        return EXIT_FAILED
    except exchange.ImportFileRejected as error:
        fail(f"import: {error}")
        return EXIT_FAILED
    async with opened(settings) as store:
        try:
            plan = await exchange.plan_import(store, applications, history)
        except exchange.ImportFileRejected as error:
            fail(f"import: {error}")
            return EXIT_FAILED
        print(plain(render_plan(plan, language, name)))
        if plan.refusals:
            return EXIT_FAILED
        if not plan.ready:
            return 0
        if not confirm:
            print("dry run only: nothing was imported; run again with --yes to apply")
            return 0
        try:
            result = await exchange.apply_import(store, plan, staff_id=None)
        except exchange.ImportStale as error:
            fail(f"import: {error.number} changed during the import; nothing was imported")
            return EXIT_FAILED
    print(plain(render_result(result, language)))
    return 0


async def backup_command(settings: Settings, path: Path) -> int:
    """Write a consistent copy of the database to `path` (works while the bot runs)."""
    if settings.database.on_postgres:
        fail(ON_SERVER.format(command="backup"))
        return EXIT_FAILED
    try:
        report = await backup(Path(settings.database.path), path)
    except BackupRejected as error:
        fail(f"backup: {error}")
        return EXIT_FAILED
    print(f"backed up {settings.database.path} to {report.path}: {report.size} bytes, "
          f"{report.applications} applications, integrity ok")
    # The file store is a directory of its own: say so every time rather than let an office
    # believe its handed-in documents are in this file (docs/deploy.md, "Backups").
    files = settings.documents.file_store(settings.database.path, on_postgres=False)
    print(f"not in this file: the documents handed in by chat, in {files.directory}; back up "
          "that directory as well")
    return 0


def restore_command(settings: Settings, path: Path) -> int:
    """Check the backup's integrity and put it in place; refuses while the bot runs."""
    if settings.database.on_postgres:
        fail(ON_SERVER.format(command="restore"))
        return EXIT_FAILED
    database = Path(settings.database.path)
    # Held for the whole restore, so the bot cannot start on a half-replaced file either.
    try:
        with InstanceLock(database):
            report = restore(path, database)
    except AlreadyRunning as error:
        fail(f"restore: {error}; stop the bot first")
        return EXIT_ALREADY_RUNNING
    except BackupRejected as error:
        fail(f"restore: {error}; nothing was changed")
        return EXIT_FAILED
    print(f"checked {path}: integrity ok, schema version {report.schema_version}, "
          f"{report.applications} applications")
    if report.kept_previous is not None:
        print(f"kept the previous database as {report.kept_previous}")
    for removed in report.removed:
        print(f"removed {removed}")
    print(f"restored {path} to {report.database}; start the bot again")
    return 0
