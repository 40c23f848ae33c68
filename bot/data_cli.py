"""`etracking export | import | backup | restore`: data exchange on the command line."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings


async def export_command(settings: Settings, directory: Path, period: list[str]) -> int:
    """Write applications.csv and history.csv into the directory."""
    raise NotImplementedError("issue 7: export")


async def import_command(settings: Settings, path: Path, confirm: bool) -> int:
    """Dry-run (default) or apply (`--yes`) an import from a CSV file or an export directory."""
    raise NotImplementedError("issue 7: import")


async def backup_command(settings: Settings, path: Path) -> int:
    """Write a consistent copy of the database to `path` (works while the bot runs)."""
    raise NotImplementedError("issue 7: backup")


def restore_command(settings: Settings, path: Path) -> int:
    """Check the backup's integrity and put it in place; refuses while the bot runs."""
    raise NotImplementedError("issue 7: restore")
