"""`/stats`: the office's performance figures for a period, with a chart."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext


async def stats(update: Update, context: BotContext) -> None:
    """`/stats [month | year | from to]` (staff)."""
    raise NotImplementedError("issue 7: statistics")
