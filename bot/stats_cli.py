"""`etracking stats`: the performance figures on the command line."""

from __future__ import annotations

from bot.settings import Settings


async def stats_command(settings: Settings, period: list[str], chart: str | None) -> int:
    """Print the figures for the period; write the chart PNG if a path is given."""
    raise NotImplementedError("issue 7: statistics")
