"""The `etracking` command: run the bot, check the configuration, and office chores."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.settings import ConfigError, Settings, config_path, load_settings, masked

EXIT_CONFIG = 2
EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"


def parser() -> argparse.ArgumentParser:
    """The command line: global options and one subcommand."""
    # Global options are accepted before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="configuration file (default: $ETRACK_CONFIG or ./config.toml)")
    common.add_argument("--log-level", default=argparse.SUPPRESS,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    root = argparse.ArgumentParser(prog="etracking", parents=[common], description=(
        "Telegram bot that lets applicants follow their permit applications."))
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", parents=[common], help="run the bot (long polling)")
    commands.add_parser("check-config", parents=[common],
                        help="validate the configuration and print a summary")
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
    logging.basicConfig(level=getattr(args, "log_level", quiet),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # httpx logs every request URL, and the URL holds the token; APScheduler logs every run.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if args.command == "demo" and args.config is None and not config_path(None).exists():
        # The demo works out of the box with the shipped example catalogue.
        args.config = EXAMPLE_CONFIG
    try:
        settings = load_settings(args.config)
    except ConfigError as error:
        print(f"etracking: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    if args.command == "check-config":
        print(summary(settings, str(config_path(args.config))))
        return 0
    if args.command == "run":
        return run(settings)
    if args.command == "demo":
        from bot import demo

        return asyncio.run(demo.tour(settings) if args.tour else demo.interactive(settings))
    return 1


def summary(settings: Settings, source: str) -> str:
    """A human summary of the configuration, token masked."""
    office = settings.office
    lines = [
        f"configuration: {source} (valid)",
        f"token: {masked(settings.telegram.token)}",
        f"bot api: {settings.telegram.base_url}",
        f"database: {settings.database.path}",
        f"office: {office.name} ({office.timezone}), numbers like "
        f"{office.registration_prefix}-YYYY-000123, {len(office.holidays)} holidays, "
        f"default language {office.default_language}",
        f"staff: {len(settings.staff.admin_ids)} configured admins, group chat "
        f"{settings.staff.group_chat_id or 'none'}",
        f"permit types: {len(settings.permit_types)}",
    ]
    for permit_type in settings.catalogue().permit_types:
        stages = " → ".join(stage.code for stage in permit_type.stages)
        lines.append(f"  {permit_type.code}: {permit_type.name_en} — "
                     f"{permit_type.service_days} working days: {stages}")
    return "\n".join(lines)


def run(settings: Settings) -> int:
    """Run the bot with long polling until interrupted."""
    from bot.application import build_application

    if not settings.telegram.token.get_secret_value():
        print("etracking: configuration error: telegram.token is not set "
              "(set ETRACK_TELEGRAM__TOKEN)", file=sys.stderr)
        return EXIT_CONFIG
    build_application(settings).run_polling(allowed_updates=["message", "callback_query",
                                                             "my_chat_member"])
    return 0
