"""Prompts that wait for a typed answer (the reason for a return, rejection or withdrawal).

Only replies to one of these prompts go to the staff reason handler; any other reply falls
through to the ordinary handlers (a staff member replying to a status card with a number still
gets the card). Filters cannot await, so the open prompts are kept here in memory.
"""

from __future__ import annotations

from telegram import Message
from telegram.ext import filters


class ReasonPrompts:
    """The (chat, message) ids of prompts still waiting for their answer."""

    def __init__(self) -> None:
        self._open: set[tuple[int, int]] = set()

    def opened(self, prompt: Message) -> None:
        """A prompt was sent."""
        self._open.add((prompt.chat_id, prompt.message_id))

    def answered(self, chat_id: int, message_id: int) -> None:
        """The prompt got its answer."""
        self._open.discard((chat_id, message_id))

    def is_open(self, chat_id: int, message_id: int) -> bool:
        """Whether the message is a prompt still waiting."""
        return (chat_id, message_id) in self._open


class ReplyToPrompt(filters.MessageFilter):
    """Passes text messages that reply to an open reason prompt."""

    def __init__(self, prompts: ReasonPrompts) -> None:
        super().__init__(name="ReplyToPrompt")
        self.prompts = prompts

    def filter(self, message: Message) -> bool:
        """Whether the message answers an open prompt."""
        replied = message.reply_to_message
        return replied is not None and self.prompts.is_open(message.chat_id, replied.message_id)
