"""The `etracking` command: run the bot, check the configuration, and office chores."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from telegram.error import InvalidToken

from bot.cli import health
from bot.cli.exits import EXIT_ALREADY_RUNNING, EXIT_CONFIG
from bot.runtime.logs import configure
from office.settings import ConfigError, Settings, config_path, load_settings, masked
from storage.engines import describe_server
from storage.errors import DatabaseError
from storage.postgres import unread_environment

EXAMPLE_CONFIGS = (Path(__file__).resolve().parents[2] / "config.example.toml",
                   Path(sys.prefix) / "share" / "etracking" / "config.example.toml")


def parser() -> argparse.ArgumentParser:
    """The command line: global options and one subcommand."""
    # Global options are accepted before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="configuration file (default: $ETRACK_CONFIG or ./config.toml)")
    common.add_argument("--log-level", default=argparse.SUPPRESS,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    common.add_argument("--log-format", default=argparse.SUPPRESS, choices=["text", "json"],
                        help="one line per event, as text (default) or JSON for collectors")
    root = argparse.ArgumentParser(prog="etracking", parents=[common], description=(
        "Telegram bot that lets applicants follow their permit applications."))
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_command = commands.add_parser("run", parents=[common],
                                      help="run the bot (long polling, or --webhook)")
    run_command.add_argument("--webhook", action="store_true",
                             help="receive updates on the [webhook] server instead of polling")
    hook = commands.add_parser("webhook", parents=[common],
                               help="set, delete or show the webhook registered with Telegram")
    hook.add_argument("action", choices=["set", "delete", "info"])
    hook.add_argument("--drop-pending", action="store_true",
                      help="with delete: also drop the updates waiting at Telegram")
    check = commands.add_parser("check-config", parents=[common],
                                help="validate the configuration and print a summary")
    check.add_argument("--connect", action="store_true",
                       help="also connect to the database and report its server version")
    commands.add_parser("health", parents=[common],
                        help="report database, Telegram contact and outbox; exit 0 or 1")
    stats = commands.add_parser("stats", parents=[common],
                                help="performance figures: [YYYY-MM | YYYY | FROM TO]")
    stats.add_argument("period", nargs="*", help="a month, a year, or two dates")
    stats.add_argument("--chart", metavar="PNG", help="also write the chart to this file")
    export = commands.add_parser("export", parents=[common],
                                 help="write applications.csv and history.csv to DIR: "
                                      "[YYYY-MM | YYYY | FROM TO]")
    export.add_argument("directory", type=Path)
    export.add_argument("period", nargs="*",
                        help="optional: a month, a year, or two dates (received in it)")
    imported = commands.add_parser("import", parents=[common],
                                   help="import applications from a CSV (dry run unless --yes)")
    imported.add_argument("path", type=Path, help="a CSV file or a directory from export")
    imported.add_argument("--yes", action="store_true", help="apply after the dry run")
    backup = commands.add_parser("backup", parents=[common],
                                 help="consistent copy of the database (while running too)")
    backup.add_argument("path", type=Path)
    restore = commands.add_parser("restore", parents=[common],
                                  help="check a backup and put it in place (bot stopped)")
    restore.add_argument("path", type=Path)
    demo = commands.add_parser("demo", parents=[common],
                               help="try the bot offline: local Telegram stand-in, demo office")
    demo.add_argument("--tour", action="store_true",
                      help="play a scripted walkthrough and exit")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of `python -m bot`."""
    args = parser().parse_args(argv)
    args.config = getattr(args, "config", None)
    quiet = "WARNING" if args.command == "demo" else "INFO"
    level, log_format = getattr(args, "log_level", quiet), getattr(args, "log_format", "text")
    configure(level, log_format, token="")
    if args.command == "demo" and args.config is None and not config_path(None).exists():
        # The demo works out of the box with the shipped example catalogue.
        args.config = next((p for p in EXAMPLE_CONFIGS if p.exists()), EXAMPLE_CONFIGS[0])
    try:
        settings = load_settings(args.config)
    except ConfigError as error:
        print(f"etracking: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    configure(level, log_format, settings.telegram.token.get_secret_value())
    if args.command == "check-config":
        print(summary(settings, str(config_path(args.config))))
        return connect_report(settings) if args.connect else 0
    if args.command == "health":
        report = (asyncio.run(health.check_server(settings.database.url,
                                                  settings.database.secret))
                  if settings.database.on_postgres
                  else health.check(Path(settings.database.path)))
        print(report.render())
        return 0 if report.healthy else 1
    if args.command == "run":
        return run(settings, webhook=args.webhook)
    if args.command == "webhook":
        from bot.cli.webhook import webhook_command

        return asyncio.run(webhook_command(settings, args.action,
                                           drop_pending=args.drop_pending))
    if args.command in ("stats", "export", "import", "backup", "restore"):
        return office_chore(settings, args)
    if args.command == "demo":
        from bot.cli import demo

        return asyncio.run(demo.tour(settings) if args.tour else demo.interactive(settings))
    return 1


def connect_report(settings: Settings) -> int:
    """`check-config --connect`: reach the database and say what answered; 1 if nothing did."""
    try:
        print("connected: " + asyncio.run(describe_server(
            settings.database.target, password=settings.database.secret)))
    except DatabaseError as error:
        print(f"etracking: cannot connect to {settings.database.shown}: {error}",
              file=sys.stderr)
        return 1
    return 0


def summary(settings: Settings, source: str) -> str:
    """A human summary of the configuration, token masked."""
    office = settings.office
    lines = [
        f"configuration: {source} (valid)",
        f"token: {masked(settings.telegram.token)}",
        f"bot api: {settings.telegram.base_url}",
        f"database: {settings.database.shown}",
        f"office: {office.name} ({office.timezone}), numbers like "
        f"{office.registration_prefix}-YYYY-000123, {len(office.holidays)} holidays, "
        f"default language {office.default_language}",
        f"staff: {len(settings.staff.admin_ids)} configured admins, group chat "
        f"{settings.staff.group_chat_id or 'none'}",
        f"permit types: {len(settings.permit_types)}",
    ]
    if settings.database.on_postgres:
        lines += [f"note: {note}" for note in unread_environment(os.environ)]
    for permit_type in settings.catalogue().permit_types:
        stages = " → ".join(stage.code for stage in permit_type.stages)
        lines.append(f"  {permit_type.code}: {permit_type.name_en} — "
                     f"{permit_type.service_days} working days: {stages}")
    return "\n".join(lines)


def run(settings: Settings, *, webhook: bool = False) -> int:
    """Run the bot until SIGTERM or Ctrl-C."""
    from bot.cli.run import serve
    from bot.runtime.instance import AlreadyRunning

    if not settings.telegram.token.get_secret_value():
        print("etracking: configuration error: telegram.token is not set "
              "(set ETRACK_TELEGRAM__TOKEN)", file=sys.stderr)
        return EXIT_CONFIG
    if webhook and not (settings.webhook.url and settings.webhook.secret_token.get_secret_value()):
        # Without the secret anyone who finds the URL could post fake updates.
        print("etracking: configuration error: webhook.url and webhook.secret_token must be set "
              "(ETRACK_WEBHOOK__SECRET_TOKEN)", file=sys.stderr)
        return EXIT_CONFIG
    try:
        asyncio.run(serve(settings, webhook=webhook))
    except AlreadyRunning as error:
        print(f"etracking: {error}; refusing to start a second instance", file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    except InvalidToken:
        print("etracking: Telegram rejected the token (check ETRACK_TELEGRAM__TOKEN)",
              file=sys.stderr)
        return EXIT_CONFIG
    return 0


def office_chore(settings: Settings, args: argparse.Namespace) -> int:
    """stats, export, import, backup and restore."""
    from bot.cli import data as data_cli
    from bot.cli import stats as stats_cli

    if args.command == "stats":
        return asyncio.run(stats_cli.stats_command(settings, args.period, args.chart))
    if args.command == "export":
        return asyncio.run(data_cli.export_command(settings, args.directory, args.period))
    if args.command == "import":
        return asyncio.run(data_cli.import_command(settings, args.path, args.yes))
    if args.command == "backup":
        return asyncio.run(data_cli.backup_command(settings, args.path))
    return data_cli.restore_command(settings, args.path)
